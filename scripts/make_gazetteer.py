"""Writes python/kalima/data/gazetteer.tsv, kalima's default gazetteer.

Sources (under ../shared/data/gazetteer-sources/):
- Natural Earth v5 1:50m admin-0 countries and populated places: public
  domain; Arabic names from Wikidata labels (CC0). Countries get label
  "country", national capitals "capital", other places "city"; ids are
  Wikidata QIDs. Research stations and historic places are left out, and the
  disambiguator after an Arabic comma ("بومبو، أوغندا") is dropped.
- i18n-iso-countries (MIT, Copyright (c) 2016 widdix GmbH): its Arabic country
  names become aliases where they differ from Natural Earth's.
- Two entities the sources lack, with their Wikidata (CC0) labels: the
  European Union (Q458) and Africa (Q15).

    python scripts/make_gazetteer.py [--source DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared/data/gazetteer-sources"
OUT = REPO / "python/kalima/data/gazetteer.tsv"
EXTRA = [
    ("الاتحاد الأوروبي", "organisation", "Q458", ["الإتحاد الأوروبي"]),
    ("أفريقيا", "continent", "Q15", ["إفريقيا"]),
]


def clean(name: str) -> str:
    name = name.split("،")[0]
    name = re.sub(r"\s*\([^)]*\)", "", name)  # "سانت مارتن (الجزء الفرنسي)"
    return " ".join(name.replace("_", " ").split())


def rows(source: Path) -> list[tuple[str, str, str, list[str]]]:
    i18n = json.loads((source / "i18n-iso-countries-ar/ar.json").read_text(encoding="utf-8"))[
        "countries"
    ]
    out: list[tuple[str, str, str, list[str]]] = []
    ne = source / "natural-earth-v5"
    with open(ne / "admin0_countries_50m.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = clean(row["name_ar"])
            iso = row["iso_a2"] if row["iso_a2"] not in ("", "-99") else row["iso_a2_eh"]
            alias = i18n.get(iso)
            alias = clean(alias if isinstance(alias, str) else (alias or [""])[0]) if alias else ""
            if name:
                out.append(
                    (name, "country", row["wikidataid"], [alias] if alias and alias != name else [])
                )
    with open(ne / "populated_places_50m.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["featurecla"] in ("Scientific station", "Historic place"):
                continue
            name = clean(row["name_ar"])
            if name:
                label = "capital" if row["adm0cap"] in ("1", "1.0") else "city"
                out.append((name, label, row["wikidataid"], []))
    for name, label, qid, aliases in EXTRA:
        out.append((name, label, qid, aliases))
    return sorted(set((n, lab, q, tuple(a)) for n, lab, q, a in out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    found = rows(args.source)
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        handle.write("name\tlabel\tid\taliases\n")
        for name, label, qid, aliases in found:
            handle.write(f"{name}\t{label}\t{qid}\t{'|'.join(aliases)}\n")
    print(f"wrote {len(found)} rows to {OUT}")


if __name__ == "__main__":
    main()
