"""Tokenisation throughput: kalima against CAMeL Tools, PyArabic and a regex.

Runs everything in one process on the same >= 20 MB of SaudiNewsNet lines
(one paragraph a line) and prints MB/s (UTF-8 input bytes), tokens per second
and ratios against CAMeL Tools' simple_word_tokenize and the regex floor
``re.findall(r"\\w+|[^\\w\\s]")``, as medians of several runs.

kalima is timed four ways per line: ``tokenize(line)`` (the compact Tokens
result, Token objects made on demand), ``tokenize(line).texts()`` (a list of
str, the same output as the peers), ``list(tokenize(line))`` (every Token
object made) and ``[t.text for t in tokenize(line)]`` (the usual loop). The
C++ core is measured by bench/tokenize_core_bench.

    bash bench/setup.sh
    .venv-bench/bin/python bench/tokenize_bench.py [--mb 20] [--repeats 5]
"""

from __future__ import annotations

import os
import re

import kalima
from _common import load_lines, median_seconds, parse_args, run_core_bench

WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")


def camel_tokenize():
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
    except ImportError:
        return None
    return simple_word_tokenize


def pyarabic_tokenize():
    try:
        from pyarabic import araby
    except ImportError:
        return None
    return araby.tokenize


def main() -> None:
    args = parse_args(__doc__)

    lines = load_lines(args.mb)
    nbytes = sum(len(line.encode("utf-8")) for line in lines)
    ntokens = sum(len(t) for t in kalima.tokenize_batch(lines))
    print(
        f"corpus: {len(lines):,} lines, {nbytes / 1e6:.1f} MB UTF-8, "
        f"{ntokens:,} kalima tokens; median of {args.repeats} runs; {os.cpu_count()} cores"
    )

    rows: list[tuple[str, float]] = []

    def measure(name: str, fn) -> None:
        seconds = median_seconds(fn, args.repeats)
        rows.append((name, nbytes / seconds / 1e6))

    camel = camel_tokenize()
    if camel:
        measure("CAMeL Tools simple_word_tokenize, per line", lambda: [camel(s) for s in lines])
    pyarabic = pyarabic_tokenize()
    if pyarabic:
        measure("PyArabic araby.tokenize, per line", lambda: [pyarabic(s) for s in lines])
    findall = WORD_OR_MARK.findall
    measure("regex findall(\\w+|[^\\w\\s]), per line", lambda: [findall(s) for s in lines])

    tokenize = kalima.tokenize
    measure("kalima tokenize(line)", lambda: [tokenize(s) for s in lines])
    measure("kalima tokenize(line).texts()", lambda: [tokenize(s).texts() for s in lines])
    measure(
        "kalima list(tokenize(line)) (Token objects)", lambda: [list(tokenize(s)) for s in lines]
    )
    measure(
        "kalima [t.text for t in tokenize(line)]",
        lambda: [[t.text for t in tokenize(s)] for s in lines],
    )
    measure("kalima tokenize_batch, threads=1", lambda: kalima.tokenize_batch(lines, threads=1))
    measure("kalima tokenize_batch, all cores", lambda: kalima.tokenize_batch(lines))
    measure("kalima sentences(line)", lambda: [kalima.sentences(s) for s in lines])
    if not args.no_core:
        for name, mbps in run_core_bench("tokenize_core_bench", lines, args.repeats).items():
            rows.append((f"C++ core {name}", mbps))

    found = dict(rows)
    camel_speed = found.get("CAMeL Tools simple_word_tokenize, per line")
    regex_speed = found["regex findall(\\w+|[^\\w\\s]), per line"]
    print(f"\n{'what':<52} {'MB/s':>9} {'Mtok/s':>7} {'x CAMeL':>8} {'x regex':>8}")
    for name, mbps in rows:
        ratio = f"{mbps / camel_speed:8.1f}" if camel_speed else ""
        tokens_per_second = ntokens / (nbytes / mbps / 1e6) / 1e6
        print(f"{name:<52} {mbps:9.1f} {tokens_per_second:7.1f} {ratio} {mbps / regex_speed:8.1f}")


if __name__ == "__main__":
    main()
