"""Normalisation throughput: kalima against CAMeL Tools, PyArabic and memcpy.

Runs everything in one process on the same >= 20 MB of SaudiNewsNet lines
(one paragraph a line) and prints MB/s (UTF-8 input bytes) and ratios against
CAMeL Tools' chain. What runs in Python runs in interleaved rounds, and a
ratio is the median of the ratios within each round. The C++ core is
measured by bench/normalize_core_bench (Google Benchmark), started from here
on the same lines.

    bash bench/setup.sh                       # bench-only venv with the peers
    .venv-bench/bin/python bench/normalize_bench.py [--mb 20] [--repeats 5]
"""

from __future__ import annotations

import os

import kalima
from _common import Rounds, load_lines, parse_args, run_core_bench


def camel_chain():
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
        )
    except ImportError:
        return None

    def chain(s: str) -> str:
        return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(s))))

    return chain


def pyarabic_chain():
    try:
        from pyarabic import araby
    except ImportError:
        return None

    def chain(s: str) -> str:
        s = araby.strip_tashkeel(s)
        s = araby.strip_tatweel(s)
        s = araby.normalize_ligature(s)
        s = araby.normalize_alef(s)
        return araby.normalize_teh(s)

    return chain


def main() -> None:
    args = parse_args(__doc__)

    lines = load_lines(args.mb)
    nbytes = sum(len(line.encode("utf-8")) for line in lines)
    print(
        f"corpus: {len(lines):,} lines, {nbytes / 1e6:.1f} MB UTF-8, "
        f"{nbytes / len(lines):.0f} bytes/line; {args.repeats} interleaved rounds; "
        f"{os.cpu_count()} cores"
    )

    search = kalima.Normalizer("search")
    camel_profile = kalima.Normalizer("camel")
    rounds = Rounds()
    camel = "CAMeL Tools chain, per line"
    chain = camel_chain()
    if chain:
        rounds.add(camel, lambda: [chain(s) for s in lines])
        check = [chain(s) for s in lines[:5000]]
        assert check == [camel_profile.normalize(s) for s in lines[:5000]], "camel profile differs"
    pa = pyarabic_chain()
    if pa:
        rounds.add("PyArabic chain, per line", lambda: [pa(s) for s in lines])
    # What any per-line call that returns a new str pays at least: the str
    # made, filled and freed (here by slicing off one character).
    rounds.add("Python floor: a new str per line (s[1:])", lambda: [s[1:] for s in lines])
    rounds.add(
        "kalima camel profile, per line", lambda: [camel_profile.normalize(s) for s in lines]
    )
    rounds.add("kalima search profile, per line", lambda: [search.normalize(s) for s in lines])
    rounds.add("kalima search, kalima.normalize()", lambda: [kalima.normalize(s) for s in lines])
    rounds.add("kalima search, batch threads=1", lambda: search.batch(lines, threads=1))
    rounds.add("kalima search, batch all cores", lambda: search.batch(lines))
    rounds.add(
        "kalima search, with offsets per line",
        lambda: [search.normalize_with_offsets(s) for s in lines],
    )
    rounds.run(args.repeats)
    core = {} if args.no_core else run_core_bench("normalize_core_bench", lines, args.repeats)

    print(f"\n{'what':<58} {'MB/s':>10} {'x CAMeL':>9}")
    for name in rounds.times:
        mbps = nbytes / rounds.seconds(name) / 1e6
        ratio = f"{rounds.speedup(name, camel):9.1f}" if camel in rounds else ""
        print(f"{name:<58} {mbps:10.1f} {ratio}")
    # The C++ core runs in its own process: its ratio is against CAMeL's
    # median speed rather than round by round.
    camel_mbps = nbytes / rounds.seconds(camel) / 1e6 if camel in rounds else None
    for name, mbps in core.items():
        ratio = f"{mbps / camel_mbps:9.1f}" if camel_mbps else ""
        print(f"{'C++ core ' + name:<58} {mbps:10.1f} {ratio}")


if __name__ == "__main__":
    main()
