"""Gazetteer matching throughput: kalima against flashtext and pyahocorasick.

Runs in one process on the same >= 20 MB of SaudiNewsNet lines with the
names (and aliases) of kalima's bundled gazetteer, and prints MB/s of UTF-8
input, the number of matches each tool reports, and ratios, as medians of
several runs. The peers are given the names as written (flashtext
case-insensitive with its default word boundaries; pyahocorasick on raw
substrings), which is how they are used; kalima also folds spellings and
strips proclitics, so it finds more (الإتحاد for الاتحاد, وليبيا for ليبيا).
Memory: bytes of Python heap per name for building each matcher
(tracemalloc; pyahocorasick's C allocations are counted too, since it uses
Python's allocator).

    bash bench/setup.sh
    .venv-bench/bin/python bench/gazetteer_bench.py [--mb 20] [--repeats 5]
"""

from __future__ import annotations

import os
import tracemalloc

import kalima
from _common import load_lines, median_seconds, parse_args


def surfaces(gazetteer_rows) -> list[str]:
    out = []
    for name, _label, _id, aliases in gazetteer_rows:
        out.append(name)
        out.extend(aliases)
    return out


def build_flashtext(names):
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        return None
    processor = KeywordProcessor()
    for name in names:
        processor.add_keyword(name)
    return processor


def build_ahocorasick(names):
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for index, name in enumerate(names):
        automaton.add_word(name, index)
    automaton.make_automaton()
    return automaton


def heap_bytes(build) -> tuple[object, int]:
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    built = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return built, after - before


def main() -> None:
    args = parse_args(__doc__)
    lines = load_lines(args.mb)
    nbytes = sum(len(line.encode("utf-8")) for line in lines)
    rows = kalima.default_gazetteer()._rows
    names = surfaces(rows)
    print(
        f"corpus: {len(lines):,} lines, {nbytes / 1e6:.1f} MB UTF-8; {len(rows):,} entries, "
        f"{len(names):,} names with aliases; median of {args.repeats} runs; {os.cpu_count()} cores"
    )

    def build_kalima():
        g = kalima.Gazetteer()
        g.add_many(rows)
        g.find("")  # Compile.
        return g

    kalima_g, kalima_heap = heap_bytes(build_kalima)
    flashtext, flashtext_heap = heap_bytes(lambda: build_flashtext(names))
    aho, aho_heap = heap_bytes(lambda: build_ahocorasick(names))

    results: list[tuple[str, float, int, int | None]] = []

    def measure(name: str, fn, count, heap) -> None:
        seconds = median_seconds(fn, args.repeats)
        results.append((name, nbytes / seconds / 1e6, count(), heap))

    measure(
        "kalima find(line)",
        lambda: [kalima_g.find(s) for s in lines],
        lambda: sum(len(kalima_g.find(s)) for s in lines),
        kalima_heap,
    )
    measure(
        "kalima find_batch, all cores",
        lambda: kalima_g.find_batch(lines),
        lambda: sum(len(m) for m in kalima_g.find_batch(lines)),
        None,
    )
    if flashtext:
        measure(
            "flashtext extract_keywords(span_info)",
            lambda: [flashtext.extract_keywords(s, span_info=True) for s in lines],
            lambda: sum(len(flashtext.extract_keywords(s)) for s in lines),
            flashtext_heap,
        )
    if aho:
        measure(
            "pyahocorasick iter (raw substrings)",
            lambda: [list(aho.iter(s)) for s in lines],
            lambda: sum(len(list(aho.iter(s))) for s in lines),
            aho_heap,
        )
    base = dict((name, mbps) for name, mbps, _, _ in results).get(
        "flashtext extract_keywords(span_info)"
    )
    print(f"\n{'what':<40} {'MB/s':>8} {'matches':>9} {'x flashtext':>12} {'B/name':>8}")
    for name, mbps, count, heap in results:
        ratio = f"{mbps / base:12.1f}" if base else ""
        per_name = f"{heap / len(names):8.0f}" if heap is not None else ""
        print(f"{name:<40} {mbps:8.1f} {count:9,} {ratio} {per_name}")


if __name__ == "__main__":
    main()
