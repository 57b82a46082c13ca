"""Gazetteer matching throughput: kalima against flashtext and pyahocorasick.

Runs in one process on the same >= 20 MB of SaudiNewsNet lines with the
names (and aliases) of kalima's bundled gazetteer, and prints MB/s of UTF-8
input, the number of matches each tool reports, and ratios, as medians of
several runs. The peers are given the names as written (flashtext
case-insensitive with its default word boundaries; pyahocorasick on raw
substrings), which is how they are used; kalima also folds spellings and
strips proclitics, so it finds more (الإتحاد for الاتحاد, وليبيا for ليبيا).
Memory: resident bytes per name for building each matcher over 200,000
distinct two-word names taken from the corpus (the growth of the process's
resident set, so C and C++ allocations count).

    bash bench/setup.sh
    .venv-bench/bin/python bench/gazetteer_bench.py [--mb 20] [--repeats 5]
"""

from __future__ import annotations

import os

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


def resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


_MEMORY_CHILD = """
import gc, os, sys
sys.path.insert(0, {bench!r})
import gazetteer_bench as b
names = open({path!r}, encoding="utf-8").read().split(chr(10))
gc.collect()
before = b.resident_bytes()
built = getattr(b, {builder!r})(names)
gc.collect()
print((b.resident_bytes() - before) / len(names))
"""


def memory_per_name(builder: str, names: list[str]) -> float:
    """Resident bytes per name for building a matcher, in a fresh process."""
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(names))
    try:
        code = _MEMORY_CHILD.format(
            bench=os.path.dirname(os.path.abspath(__file__)), path=f.name, builder=builder
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return float(out.stdout.strip())
    finally:
        os.unlink(f.name)


def two_word_names(lines: list[str], count: int) -> list[str]:
    seen: dict[str, None] = {}
    for line in lines:
        words = line.split()
        for a, b in zip(words, words[1:]):
            if a.isalpha() and b.isalpha():
                seen[f"{a} {b}"] = None
                if len(seen) == count:
                    return list(seen)
    return list(seen)


def build_kalima(names: list[str]):
    g = kalima.Gazetteer()
    for name in names:
        g.add(name, "x")
    g.find("")  # Compile.
    return g


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

    kalima_g = build_kalima(names)
    flashtext = build_flashtext(names)
    aho = build_ahocorasick(names)
    many = two_word_names(lines, 200_000)
    memory = {
        "kalima": memory_per_name("build_kalima", many),
        "flashtext": memory_per_name("build_flashtext", many),
        "pyahocorasick": memory_per_name("build_ahocorasick", many),
    }

    results: list[tuple[str, float, int, float | None]] = []

    def measure(name: str, fn, count, heap) -> None:
        seconds = median_seconds(fn, args.repeats)
        results.append((name, nbytes / seconds / 1e6, count(), heap))

    measure(
        "kalima find(line)",
        lambda: [kalima_g.find(s) for s in lines],
        lambda: sum(len(kalima_g.find(s)) for s in lines),
        memory["kalima"],
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
            memory["flashtext"],
        )
    if aho:
        measure(
            "pyahocorasick iter (raw substrings)",
            lambda: [list(aho.iter(s)) for s in lines],
            lambda: sum(len(list(aho.iter(s))) for s in lines),
            memory["pyahocorasick"],
        )
    base = dict((name, mbps) for name, mbps, _, _ in results).get(
        "flashtext extract_keywords(span_info)"
    )
    print(f"\n{'what':<40} {'MB/s':>8} {'matches':>9} {'x flashtext':>12} {'B/name':>8}")
    print(f"(B/name: resident bytes per name over {len(many):,} two-word names)")
    for name, mbps, count, heap in results:
        ratio = f"{mbps / base:12.1f}" if base else ""
        per_name = f"{heap:8.0f}" if heap is not None else ""
        print(f"{name:<40} {mbps:8.1f} {count:9,} {ratio} {per_name}")


if __name__ == "__main__":
    main()
