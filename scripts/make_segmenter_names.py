"""Writes python/kalima/data/segmenter-names.txt: Arabic place names the segmenter must not cut.

Sources: Natural Earth v5 1:50m populated places and admin-0 countries (public
domain; Arabic names from Wikidata labels, CC0), as copied under
../shared/data/gazetteer-sources/natural-earth-v5/, and the names and aliases
of the LOC rows of kalima's default gazetteer (python/kalima/data/gazetteer.tsv,
made by scripts/make_gazetteer.py; its sources and licences are in
python/kalima/data/README.md): towns news name often that Natural Earth's
1:50m places lack (أبها, سيدي بوزيد, سامراء). One name per line, sorted.

    python scripts/make_segmenter_names.py [--source DIR] [--gazetteer FILE]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared/data/gazetteer-sources/natural-earth-v5"
OUT = REPO / "python/kalima/data/segmenter-names.txt"
DEFAULT_GAZETTEER = REPO / "python/kalima/data/gazetteer.tsv"


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


def gazetteer_places(gazetteer: Path) -> set[str]:
    """The names and aliases of the gazetteer's LOC rows."""
    found: set[str] = set()
    with open(gazetteer, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["label"] != "LOC":
                continue
            for name in [row["name"], *(row["aliases"] or "").split("|")]:
                if name.strip():
                    found.add(name.strip())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--gazetteer", type=Path, default=DEFAULT_GAZETTEER)
    args = parser.parse_args()
    found = names(args.source) | gazetteer_places(args.gazetteer)
    OUT.write_text("".join(f"{name}\n" for name in sorted(found)), encoding="utf-8")
    print(f"wrote {len(found)} names to {OUT}")


if __name__ == "__main__":
    main()
