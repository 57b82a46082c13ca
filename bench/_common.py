"""What the benchmark scripts share: the corpus, timing, and the C++ core
benchmarks (Google Benchmark programs built from bench/ and run on the same
lines)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared/data/corpus/saudinewsnet/text"


def load_lines(megabytes: float) -> list[str]:
    lines: list[str] = []
    size = 0
    for path in sorted(CORPUS.glob("*.txt")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    continue
                lines.append(line)
                size += len(line.encode("utf-8"))
                if size >= megabytes * 1e6:
                    return lines
    if not lines:
        sys.exit(f"no corpus at {CORPUS}")
    return lines


def median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Rounds:
    """Times functions in interleaved rounds: each round runs every function
    once, in an order rotated from round to round, so that a slow spell of a
    shared machine falls on all of them alike. Ratios are taken within each
    round, and their median reported."""

    def __init__(self) -> None:
        self.functions: dict[str, object] = {}
        self.times: dict[str, list[float]] = {}

    def add(self, name: str, fn) -> None:
        self.functions[name] = fn
        self.times[name] = []

    def run(self, repeats: int) -> None:
        names = list(self.functions)
        for r in range(repeats):
            shift = r % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                self.functions[name]()
                self.times[name].append(time.perf_counter() - start)

    def __contains__(self, name: str) -> bool:
        return name in self.times

    def seconds(self, name: str) -> float:
        return statistics.median(self.times[name])

    def speedup(self, name: str, reference: str) -> float:
        """How many times faster `name` ran than `reference`: the median over
        rounds of their ratio within a round."""
        return statistics.median(
            ref / own for ref, own in zip(self.times[reference], self.times[name])
        )


def run_core_bench(
    program: str, lines: list[str], repeats: int, env: dict[str, str] | None = None
) -> dict[str, float]:
    """MB/s per benchmark name of a Google Benchmark program in bench/, built
    here and run on `lines` (with `env` added to its environment)."""
    build = REPO / "build/bench"
    subprocess.run(
        [
            "cmake",
            "-S",
            str(REPO),
            "-B",
            str(build),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DKALIMA_BUILD_BENCHMARKS=ON",
            "-DKALIMA_BUILD_TESTS=OFF",
            "-DKALIMA_INSTALL=OFF",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        ["cmake", "--build", str(build), "-j", str(os.cpu_count() or 2)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines))
        corpus_file = f.name
    try:
        proc = subprocess.run(
            [
                str(build / "bench" / program),
                "--benchmark_format=json",
                f"--benchmark_repetitions={repeats}",
                "--benchmark_report_aggregates_only=true",
            ],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {}), "KALIMA_BENCH_CORPUS": corpus_file},
        )
    finally:
        os.unlink(corpus_file)
    results = {}
    for b in json.loads(proc.stdout)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            name = b["run_name"] + (f" [{b['label']}]" if b.get("label") else "")
            results[name] = b["bytes_per_second"] / 1e6
    return results


def parse_args(doc: str) -> argparse.Namespace:
    """The options every benchmark script takes: --mb, --repeats, --no-core."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (UTF-8)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-core", action="store_true", help="skip the C++ core benchmark")
    return parser.parse_args()
