"""Normalisation throughput: kalima against CAMeL Tools, PyArabic and memcpy.

Runs everything in one process on the same >= 20 MB of SaudiNewsNet lines
(one paragraph a line) and prints MB/s (UTF-8 input bytes) and ratios against
CAMeL Tools' chain, as medians of several runs. The C++ core is measured by
bench/normalize_core_bench (Google Benchmark), started from here on the same
lines.

    bash bench/setup.sh                       # bench-only venv with the peers
    .venv-bench/bin/python bench/normalize_bench.py [--mb 20] [--repeats 5]
"""

from __future__ import annotations

import os

import kalima
from _common import load_lines, median_seconds, parse_args, run_core_bench


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
        f"{nbytes / len(lines):.0f} bytes/line; median of {args.repeats} runs; "
        f"{os.cpu_count()} cores"
    )

    search = kalima.Normalizer("search")
    camel_profile = kalima.Normalizer("camel")
    rows: list[tuple[str, float]] = []

    def measure(name: str, fn) -> None:
        seconds = median_seconds(fn, args.repeats)
        rows.append((name, nbytes / seconds / 1e6))

    chain = camel_chain()
    if chain:
        measure("CAMeL Tools chain, per line", lambda: [chain(s) for s in lines])
        check = [chain(s) for s in lines[:5000]]
        assert check == [camel_profile.normalize(s) for s in lines[:5000]], "camel profile differs"
    pa = pyarabic_chain()
    if pa:
        measure("PyArabic chain, per line", lambda: [pa(s) for s in lines])
    measure("kalima camel profile, per line", lambda: [camel_profile.normalize(s) for s in lines])
    measure("kalima search profile, per line", lambda: [search.normalize(s) for s in lines])
    measure("kalima search, kalima.normalize()", lambda: [kalima.normalize(s) for s in lines])
    measure("kalima search, batch threads=1", lambda: search.batch(lines, threads=1))
    measure("kalima search, batch all cores", lambda: search.batch(lines))
    measure(
        "kalima search, with offsets per line",
        lambda: [search.normalize_with_offsets(s) for s in lines],
    )
    if not args.no_core:
        for name, mbps in run_core_bench("normalize_core_bench", lines, args.repeats).items():
            rows.append((f"C++ core {name}", mbps))

    reference = dict(rows).get("CAMeL Tools chain, per line")
    print(f"\n{'what':<58} {'MB/s':>10} {'x CAMeL':>9}")
    for name, mbps in rows:
        ratio = f"{mbps / reference:9.1f}" if reference else ""
        print(f"{name:<58} {mbps:10.1f} {ratio}")


if __name__ == "__main__":
    main()
