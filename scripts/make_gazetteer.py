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

Rows sharing a Wikidata id are merged (country before capital before city),
and an alternative spelling that is another entry's name is dropped.

Cities and capitals that are also common Arabic words are left out, measured
on a raw news corpus (SaudiNewsNet: statistics only, no text is kept): those
whose matches mostly need a clitic (كبيرا read as ك + Beira) or often take
the article (المالية read as ال + Malé), and a few listed by hand with the
reason (لأي, إطار; first names; وجدة, which Saudi text writes for و + جدة).

    python scripts/make_gazetteer.py [--source DIR] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared/data/gazetteer-sources"
DEFAULT_CORPUS = REPO.parent / "shared/data/corpus/saudinewsnet/text"
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


LABEL_ORDER = {"country": 0, "continent": 0, "organisation": 0, "capital": 1, "city": 2}
# Place names that are common words of news Arabic, with why.
COMMON_WORDS = {
    "لاي": "the word لأي (for any)",
    "أطار": "the word إطار (frame)",
    "ديفيد": "a first name",
    "جورج": "a first name",
    "وجدة": "و + جدة (and Jeddah) in Saudi text",
}


def merged(
    found: list[tuple[str, str, str, tuple[str, ...]]],
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """One row per Wikidata id; alternative spellings that name another entry dropped."""
    by_id: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
    for row in sorted(found, key=lambda r: LABEL_ORDER.get(r[1], 3)):
        key = row[2] or f"{row[0]}/{row[1]}"
        if key not in by_id:
            by_id[key] = row
    names = {row[0] for row in by_id.values()}
    return sorted(
        (n, lab, q, tuple(a for a in al if a not in names)) for n, lab, q, al in by_id.values()
    )


def common_words(found, corpus: Path) -> set[str]:
    """Names of cities and capitals that the corpus shows to be ordinary words."""
    import kalima

    gazetteer = kalima.Gazetteer()
    gazetteer.add_many(found)
    total: dict[str, int] = {}
    prefixed: dict[str, int] = {}
    article: dict[str, int] = {}
    for path in sorted(corpus.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for matches in gazetteer.find_batch(lines):
            for m in matches:
                if m.label not in ("city", "capital"):
                    continue
                total[m.name] = total.get(m.name, 0) + 1
                if m.prefix:
                    prefixed[m.name] = prefixed.get(m.name, 0) + 1
                if "ال" in kalima.normalize(m.prefix) or m.prefix.startswith("لل"):
                    article[m.name] = article.get(m.name, 0) + 1
    out = set(COMMON_WORDS)
    for name, n in total.items():
        if n >= 20 and (prefixed.get(name, 0) >= 0.5 * n or article.get(name, 0) >= 0.2 * n):
            out.add(name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    found = merged(rows(args.source))
    dropped = common_words(found, args.corpus)
    found = [row for row in found if not (row[1] in ("city", "capital") and row[0] in dropped)]
    print(f"left out as common words: {' '.join(sorted(dropped))}")
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        handle.write("name\tlabel\tid\taliases\n")
        for name, label, qid, aliases in found:
            handle.write(f"{name}\t{label}\t{qid}\t{'|'.join(aliases)}\n")
    print(f"wrote {len(found)} rows to {OUT}")


if __name__ == "__main__":
    main()
