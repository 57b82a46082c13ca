"""What building the bundled gazetteer with tanween=False changes, per corpus.

Builds the bundled gazetteer both ways (the TSV and its words) and lists, for
each text of ../shared/data/corpus, the matches that the tanween-free build
drops, commonest first, with the word as written (proclitics included):

    python bench/gazetteer_tanween_eval.py [--top 40]
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

import kalima
from _common import REPO

CORPUS = REPO.parent / "shared/data/corpus"
TEXTS = {
    "Tanzil Quran": ["tanzil-quran/quran-simple.txt", "tanzil-quran/quran-uthmani.txt"],
    "Tashkeela benchmark": ["tashkeela-fadel-benchmark/*.txt"],
    "SaudiNewsNet": ["saudinewsnet/text/*.txt"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40, help="dropped forms listed per corpus")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    with_tanween = kalima.Gazetteer.from_tsv(
        kalima.default_gazetteer_path(), words=kalima.default_words_path()
    )
    without = kalima.default_gazetteer()
    for name, patterns in TEXTS.items():
        files = sorted(f for p in patterns for f in args.corpus.glob(p))
        if not files:
            print(f"{name}: not found under {args.corpus}")
            continue
        lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
        before = with_tanween.find_batch(lines)
        after = without.find_batch(lines)
        dropped: collections.Counter[tuple[str, str]] = collections.Counter()
        for line, found, kept in zip(lines, before, after):
            spans = {(m.start, m.end, m.name) for m in kept}
            for m in found:
                if (m.start, m.end, m.name) not in spans:
                    dropped[m.name, line[m.start - len(m.prefix) : m.end]] += 1
        total_before = sum(map(len, before))
        total_after = sum(map(len, after))
        print(f"{name}: {len(lines):,} lines, matches {total_before:,} -> {total_after:,}")
        for (entry, written), count in dropped.most_common(args.top):
            print(f"  {count:5}  {written}  ({entry})")


if __name__ == "__main__":
    main()
