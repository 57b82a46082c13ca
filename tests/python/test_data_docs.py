"""What the READMEs say about the bundled gazetteer's files is what the files hold."""

from __future__ import annotations

import re
from pathlib import Path

import kalima

ROOT = Path(__file__).resolve().parents[2]


def number(text: str) -> int:
    return int(text.replace(",", ""))


def gazetteer_rows() -> list[list[str]]:
    lines = Path(kalima.default_gazetteer_path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name\tlabel\tid\taliases"
    return [line.split("\t") for line in lines[1:]]


def words_and_phrases() -> tuple[list[str], list[str]]:
    entries = [
        line.split("  #")[0].strip()
        for line in Path(kalima.default_words_path()).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [e for e in entries if " " not in e], [e for e in entries if " " in e]


def test_the_data_readme_counts_the_files():
    readme = (ROOT / "python/kalima/data/README.md").read_text(encoding="utf-8")
    rows = gazetteer_rows()
    counts = r"([\d,]+) rows, \*\*([\d,]+) LOC\*\* and \*\*([\d,]+) ORG\*\*"
    total, loc, org = map(number, re.search(counts, readme).groups())
    assert (total, loc, org) == (
        len(rows),
        sum(r[1] == "LOC" for r in rows),
        sum(r[1] == "ORG" for r in rows),
    )
    assert f"**{loc:,} LOC:**" in readme and f"**{org:,} ORG:**" in readme
    without_id = sum(not r[2] for r in rows)
    assert f"({without_id:,} rows have none)" in readme
    assert f"The {without_id:,} rows without an id" in readme
    words, phrases = words_and_phrases()
    said = re.search(r"(\d+) words that only look like.*? and (\d+) phrases", readme)
    assert (int(said[1]), int(said[2])) == (len(words), len(phrases))


def test_the_readme_counts_the_files():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"holds {len(gazetteer_rows()):,} entries labelled LOC or ORG" in readme
    words, phrases = words_and_phrases()
    assert f"lists {len(words)} words and {len(phrases)} phrases" in readme
