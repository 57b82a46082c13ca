"""Clitic segmentation throughput: words per second through Python and the C++ core.

Runs on the same >= 20 MB of SaudiNewsNet lines as the other benchmarks and
prints words (tokens) per second and MB/s of UTF-8 input, as medians of
several runs: ``kalima.segment(line)`` per line, ``segment_batch`` on one
thread and on all cores, ``tokenize(line)`` for scale, and the C++ core alone
(bench/segment_core_bench, tokenising included). No peer segmenter installs
offline from PyPI (Farasa is a Java service, CAMeL Tools' and Stanza's
segmenters download models), so the comparison is with published figures:
Farasa reports about one billion words in five hours (~55k words/s).

    .venv-bench/bin/python bench/segment_bench.py [--mb 20] [--repeats 5]
"""

from __future__ import annotations

import os

import kalima
from _common import load_lines, median_seconds, parse_args, run_core_bench

FARASA_WORDS_PER_SECOND = 1e9 / (5 * 3600)


def main() -> None:
    args = parse_args(__doc__)
    lines = load_lines(args.mb)
    nbytes = sum(len(line.encode("utf-8")) for line in lines)
    nwords = sum(len(t) for t in kalima.tokenize_batch(lines))
    segmenter = kalima.default_segmenter()
    print(
        f"corpus: {len(lines):,} lines, {nbytes / 1e6:.1f} MB UTF-8, {nwords:,} words (tokens); "
        f"median of {args.repeats} runs; {os.cpu_count()} cores"
    )
    rows: list[tuple[str, float]] = []

    def measure(name: str, fn) -> None:
        seconds = median_seconds(fn, args.repeats)
        rows.append((name, nbytes / seconds / 1e6))

    segment = segmenter.segment
    measure("kalima segment(line)", lambda: [segment(s) for s in lines])
    measure("kalima segment_batch, threads=1", lambda: segmenter.segment_batch(lines, threads=1))
    measure("kalima segment_batch, all cores", lambda: segmenter.segment_batch(lines))
    measure(
        "kalima segmented_texts (joined str per line)", lambda: segmenter.segmented_texts(lines)
    )
    tokenize = kalima.tokenize
    measure("kalima tokenize(line), for scale", lambda: [tokenize(s) for s in lines])
    if not args.no_core:
        for name, mbps in run_core_bench("segment_core_bench", lines, args.repeats).items():
            rows.append((f"C++ core {name}", mbps))

    print(f"\n{'what':<44} {'MB/s':>8} {'Mwords/s':>9} {'x Farasa':>9}")
    for name, mbps in rows:
        words_per_second = nwords / (nbytes / mbps / 1e6)
        print(
            f"{name:<44} {mbps:8.1f} {words_per_second / 1e6:9.2f} "
            f"{words_per_second / FARASA_WORDS_PER_SECOND:9.0f}"
        )


if __name__ == "__main__":
    main()
