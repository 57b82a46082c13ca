"""Tokenisation throughput: kalima against CAMeL Tools, PyArabic and a regex.

Runs everything in one process on the same >= 20 MB of SaudiNewsNet lines
(one paragraph a line) and prints MB/s (UTF-8 input bytes), tokens per second
and ratios against CAMeL Tools' simple_word_tokenize and the regex floor
``re.findall(r"\\w+|[^\\w\\s]")``. What runs in Python runs in interleaved
rounds, and a ratio is the median of the ratios within each round.

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
from _common import Rounds, load_lines, parse_args, run_core_bench

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
        f"{ntokens:,} kalima tokens; {args.repeats} interleaved rounds; {os.cpu_count()} cores"
    )

    rounds = Rounds()
    camel_name = "CAMeL Tools simple_word_tokenize, per line"
    regex_name = "regex findall(\\w+|[^\\w\\s]), per line"
    camel = camel_tokenize()
    if camel:
        rounds.add(camel_name, lambda: [camel(s) for s in lines])
    pyarabic = pyarabic_tokenize()
    if pyarabic:
        rounds.add("PyArabic araby.tokenize, per line", lambda: [pyarabic(s) for s in lines])
    findall = WORD_OR_MARK.findall
    rounds.add(regex_name, lambda: [findall(s) for s in lines])

    tokenize = kalima.tokenize
    rounds.add("kalima tokenize(line)", lambda: [tokenize(s) for s in lines])
    rounds.add("kalima tokenize(line).texts()", lambda: [tokenize(s).texts() for s in lines])
    rounds.add(
        "kalima list(tokenize(line)) (Token objects)", lambda: [list(tokenize(s)) for s in lines]
    )
    rounds.add(
        "kalima [t.text for t in tokenize(line)]",
        lambda: [[t.text for t in tokenize(s)] for s in lines],
    )
    rounds.add("kalima tokenize_batch, threads=1", lambda: kalima.tokenize_batch(lines, threads=1))
    rounds.add("kalima tokenize_batch, all cores", lambda: kalima.tokenize_batch(lines))
    rounds.add("kalima sentences(line)", lambda: [kalima.sentences(s) for s in lines])
    rounds.run(args.repeats)
    core = {} if args.no_core else run_core_bench("tokenize_core_bench", lines, args.repeats)

    print(f"\n{'what':<52} {'MB/s':>9} {'Mtok/s':>7} {'x CAMeL':>8} {'x regex':>8}")

    def row(name: str, mbps: float, camel_ratio: float | None, regex_ratio: float) -> None:
        tokens_per_second = ntokens / (nbytes / mbps / 1e6) / 1e6
        camel_text = f"{camel_ratio:8.1f}" if camel_ratio else ""
        print(f"{name:<52} {mbps:9.1f} {tokens_per_second:7.1f} {camel_text:>8} {regex_ratio:8.1f}")

    for name in rounds.times:
        row(
            name,
            nbytes / rounds.seconds(name) / 1e6,
            rounds.speedup(name, camel_name) if camel_name in rounds else None,
            rounds.speedup(name, regex_name),
        )
    # The C++ core runs in its own process: its ratios are against the
    # peers' median speeds rather than round by round.
    regex_mbps = nbytes / rounds.seconds(regex_name) / 1e6
    camel_mbps = nbytes / rounds.seconds(camel_name) / 1e6 if camel_name in rounds else None
    for name, mbps in core.items():
        row(f"C++ core {name}", mbps, mbps / camel_mbps if camel_mbps else None, mbps / regex_mbps)


if __name__ == "__main__":
    main()
