"""Writes python/kalima/data/segmenter-names.txt: Arabic place names the segmenter must not cut.

Source: Natural Earth v5 1:50m populated places and admin-0 countries (public
domain; Arabic names from Wikidata labels, CC0), as copied under
../shared/data/gazetteer-sources/natural-earth-v5/. One name per line, sorted.

    python scripts/make_segmenter_names.py [--source DIR]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared/data/gazetteer-sources/natural-earth-v5"
OUT = REPO / "python/kalima/data/segmenter-names.txt"


def names(source: Path) -> set[str]:
    found: set[str] = set()
    for table in ("populated_places_50m.tsv", "admin0_countries_50m.tsv"):
        with open(source / table, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                # "بومبو، أوغندا": the part after the Arabic comma disambiguates.
                name = row["name_ar"].split("،")[0].strip()
                if name:
                    found.add(name)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    found = names(args.source)
    OUT.write_text("".join(f"{name}\n" for name in sorted(found)), encoding="utf-8")
    print(f"wrote {len(found)} names to {OUT}")


if __name__ == "__main__":
    main()
