"""Gazetteer benchmark: kalima against pyahocorasick and flashtext.

Two gazetteers over the same >= 20 MB of SaudiNewsNet lines, in one run:

- "ngrams": the 1,000,000 most frequent word 1- to 3-grams of the corpus
  (the stress case: they hit millions of times);
- "realistic": kalima's bundled gazetteer plus the 100,000 most frequent
  word 2- and 3-grams as extra multi-word names.

Each matcher is built in a fresh process (so that resident and peak memory
are its own) from the same list of names: kalima with ``add_many`` and
compilation, pyahocorasick with ``add_word`` and ``make_automaton``,
flashtext with ``add_keyword``. The process then scans the lines: kalima
``find`` per line and ``find_batch`` on all cores, pyahocorasick ``iter``
and ``iter_long`` per line, flashtext ``extract_keywords(span_info=True)``
per line. Reported: build seconds, resident bytes per name after the build
(and the peak during it), MB/s of UTF-8 input, matches, and for kalima
``save`` and ``load`` times, ``find`` on the whole corpus as one str (its
speed and the peak memory it adds per code point), and the C++ core alone
on the same lines (``bench/gazetteer_core_bench.cc``: longest, all, and one
edit); ratios
against the peers of the same run. Last, the reading floor: a gazetteer
of one name that never matches, through Python (``find`` per line and
``find_batch``) and in the C++ core, what reading the text costs before any
lookup hits.

The processes stay up once built, and the parent times their scans in
interleaved rounds (each round runs every scan once, in an order rotated
from round to round), so that a slow spell of a shared machine falls on all
of them alike: throughputs are medians over rounds, and a ratio is the
median of the ratios within each round. Load and save times are medians of
``--repeats`` runs.

The peers are given the names as written, which is how they are used
(pyahocorasick matches raw substrings, so it also reports names inside
longer words; flashtext folds case and treats every non-ASCII letter as a
boundary). kalima also folds spellings and strips proclitics.

    bash bench/setup.sh
    .venv-bench/bin/python bench/gazetteer_bench.py [--mb 20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import collections
import importlib
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time

from _common import Rounds, load_lines, median_seconds, run_core_bench

WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")


def frequent_ngrams(lines: list[str], count: int, sizes: tuple[int, ...]) -> list[str]:
    """The `count` most frequent n-grams of Arabic words (n in `sizes`) not
    broken by punctuation, most frequent first (ties in order of appearance)."""
    counts: collections.Counter[str] = collections.Counter()
    for line in lines:
        for run in re.split(r"[^\u0621-\u064a\s]+", line):
            words = WORD.findall(run)
            for n in sizes:
                for i in range(len(words) - n + 1):
                    counts[" ".join(words[i : i + n])] += 1
    return [name for name, _ in counts.most_common(count)]


def resident_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def reset_peak() -> None:
    """Starts the peak (VmHWM) again from the resident size: reading the names
    and the corpus leaves a higher mark that is no part of the build."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass  # Not Linux, or not allowed: the peak may then include the reading.


def peak_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


# Each tool: build(names) -> matcher, and the scans to time: name -> (run the
# scan over all lines, count the matches of one line).
def build_kalima(names):
    import kalima

    g = kalima.Gazetteer()
    g.add_many((name, "X") for name in names)
    g._matcher()  # Compile now, not on the first find.
    return g


def scans_kalima(g):
    return {
        "find(line)": (lambda lines: [g.find(s) for s in lines], lambda s: len(g.find(s))),
        "find_batch, all cores": (lambda lines: g.find_batch(lines), lambda s: len(g.find(s))),
    }


def build_ahocorasick(names):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, name in enumerate(names):
        automaton.add_word(name, index)
    automaton.make_automaton()
    return automaton


def scans_ahocorasick(a):
    return {
        "iter (raw substrings)": (
            lambda lines: [list(a.iter(s)) for s in lines],
            lambda s: len(list(a.iter(s))),
        ),
        "iter_long (raw substrings)": (
            lambda lines: [list(a.iter_long(s)) for s in lines],
            lambda s: len(list(a.iter_long(s))),
        ),
    }


def build_flashtext(names):
    from flashtext import KeywordProcessor

    processor = KeywordProcessor()
    for name in names:
        processor.add_keyword(name)
    return processor


def scans_flashtext(p):
    return {
        "extract_keywords(span_info)": (
            lambda lines: [p.extract_keywords(s, span_info=True) for s in lines],
            lambda s: len(p.extract_keywords(s)),
        ),
    }


TOOLS = {
    "kalima": (build_kalima, scans_kalima),
    "pyahocorasick": (build_ahocorasick, scans_ahocorasick),
    "flashtext": (build_flashtext, scans_flashtext),
}
# The module each tool imports: imported before memory is measured, so that
# loading the library does not count as memory per name.
MODULES = {"kalima": "kalima", "pyahocorasick": "ahocorasick", "flashtext": "flashtext"}


def child(tool: str, names_path: str, mb: float, repeats: int, save: str) -> None:
    """Runs in a fresh process: builds one matcher and measures it, prints
    the figures as a JSON line, then scans as the parent asks (a line
    "scan NAME" on stdin, answered with "done"), until stdin closes."""
    with open(names_path, encoding="utf-8") as f:
        names = f.read().split("\n")
    lines = load_lines(mb)
    build, scans = TOOLS[tool]
    importlib.import_module(MODULES[tool])
    reset_peak()
    before = resident_bytes()
    start = time.perf_counter()
    matcher = build(names)
    out: dict = {"build_s": time.perf_counter() - start}
    out["bytes_per_name"] = (resident_bytes() - before) / len(names)
    out["peak_per_name"] = (peak_bytes() - before) / len(names)
    if tool == "kalima":
        import kalima

        out["save_s"] = median_seconds(lambda: matcher.save(save), repeats)
        out["file_bytes"] = os.path.getsize(save)
        out["load_s"] = median_seconds(lambda: kalima.Gazetteer.load(save), repeats)
        out["pickle_bytes"] = len(pickle.dumps(matcher))
        # The corpus as one str, as a caller with a whole file in hand gives
        # it: read in windows, so that its working storage stays bounded.
        # The peak is that of the first such call, whose memory no earlier
        # one has left to the allocator.
        whole = "\n".join(lines)
        reset_peak()
        before = resident_bytes()
        out["whole_matches"] = len(matcher.find(whole))
        out["whole_peak_per_char"] = (peak_bytes() - before) / len(whole)
        out["whole_s"] = median_seconds(lambda: matcher.find(whole), repeats)
    functions = scans(matcher)
    out["matches"] = {
        name: sum(count(s) for s in lines) for name, (_scan, count) in functions.items()
    }
    print(json.dumps(out), flush=True)
    for request in sys.stdin:
        functions[request.split(" ", 1)[1].rstrip("\n")][0](lines)
        print("done", flush=True)


class Child:
    """A matcher built in a process of its own, which scans on request: the
    parent times its scans interleaved with the other matchers'."""

    def __init__(self, tool: str, names_path: str, args, save: str) -> None:
        self.tool = tool
        self.process = subprocess.Popen(
            [
                sys.executable,
                os.path.abspath(__file__),
                "--child",
                tool,
                names_path,
                "--mb",
                str(args.mb),
                "--repeats",
                str(args.repeats),
                "--save",
                save,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready = self.process.stdout.readline()
        if not ready:
            error = self.process.stderr.read().strip().splitlines() or ["no output"]
            self.process.wait()
            raise RuntimeError(error[-1])
        self.figures = json.loads(ready)
        self.scans: list[str] = list(self.figures["matches"])

    def scan(self, name: str) -> None:
        self.process.stdin.write(f"scan {name}\n")
        self.process.stdin.flush()
        self.process.stdout.readline()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def run_children(names: list[str], args, save: str) -> tuple[dict[str, Child], list[str], Rounds]:
    """Builds every tool's matcher, one after another, then times all their
    scans in interleaved rounds (named "tool: scan"). Also returns why any
    tool was skipped."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("\n".join(names))
    children: dict[str, Child] = {}
    skipped: list[str] = []
    rounds = Rounds()
    try:
        for tool in args.tools.split(","):
            try:
                children[tool] = Child(tool, f.name, args, save)
            except RuntimeError as error:
                skipped.append(f"{tool}: skipped ({error})")
        for tool, child in children.items():
            for scan in child.scans:
                rounds.add(f"{tool}: {scan}", lambda child=child, scan=scan: child.scan(scan))
        rounds.run(args.repeats)
    finally:
        for child in children.values():
            child.close()
        os.unlink(f.name)
    return children, skipped, rounds


def report(
    title: str,
    names: list[str],
    children: dict[str, Child],
    skipped: list[str],
    rounds: Rounds,
    core: dict[str, float],
    nbytes: int,
) -> dict[str, float]:
    """Prints one gazetteer's figures; returns the MB/s of every scan."""
    speeds: dict[str, float] = {}
    print(f"\n== {title}: {len(names):,} names ==")
    print(
        f"{'matcher':<14} {'build s':>8} {'B/name':>7} {'peak':>7}  "
        f"{'scan':<28} {'MB/s':>7} {'matches':>11}"
    )
    for tool, child in children.items():
        r = child.figures
        for k, scan in enumerate(child.scans):
            head = (
                f"{tool:<14} {r['build_s']:8.2f} {r['bytes_per_name']:7.0f} "
                f"{r['peak_per_name']:7.0f}"
                if k == 0
                else " " * 39
            )
            mb_s = nbytes / rounds.seconds(f"{tool}: {scan}") / 1e6
            speeds[f"{tool}: {scan}"] = mb_s
            print(f"{head}  {scan:<28} {mb_s:7.1f} {r['matches'][scan]:11,}")
    for reason in skipped:
        print(reason)
    kalima_child = children.get("kalima")
    if not kalima_child:
        return speeds
    k = kalima_child.figures
    print(
        f"kalima save {k['save_s'] * 1e3:.0f} ms, load {k['load_s'] * 1e3:.1f} ms "
        f"(file {k['file_bytes'] / 1e6:.1f} MB, {k['file_bytes'] / len(names):.0f} B/name; "
        f"pickle {k['pickle_bytes'] / 1e6:.1f} MB)"
    )
    print(
        f"kalima find(the corpus as one str): {nbytes / k['whole_s'] / 1e6:.1f} MB/s, "
        f"{k['whole_matches']:,} matches, peak +{k['whole_peak_per_char']:.1f} B "
        "per code point"
    )
    for name, speed in core.items():
        print(f"kalima C++ core {name}: {speed:.1f} MB/s")
    for tool, child in children.items():
        if tool == "kalima":
            continue
        for scan in child.scans:
            peer = f"{tool}: {scan}"
            print(
                f"kalima find(line) / {peer}: "
                f"{rounds.speedup('kalima: find(line)', peer):.1f}x "
                f"(find_batch {rounds.speedup('kalima: find_batch, all cores', peer):.1f}x)"
            )
    return speeds


def report_reading_floor(lines: list[str], repeats: int, tmp: str, flashtext_mb_s: float | None):
    """A gazetteer of one name that no text holds, in the C++ core and through
    Python: what reading the text costs before any name is found (tokens,
    normalisation, clitic readings, lookups that miss), an upper bound on any
    gazetteer's speed."""
    import kalima

    path = os.path.join(tmp, "one-name.kgaz")
    g = kalima.Gazetteer()
    g.add("زززززز", "LOC")
    g.save(path)
    core = run_core_bench("gazetteer_core_bench", lines, repeats, {"KALIMA_GAZETTEER": path})
    mb = sum(len(s.encode("utf-8")) for s in lines) / 1e6
    scans = {
        "find(line)": lambda: [g.find(s) for s in lines],
        "find_batch, all cores": lambda: g.find_batch(lines),
    }
    print("\n== reading floor: a one-name gazetteer that never matches ==")
    for name, scan in scans.items():
        print(f"kalima {name}: {mb / median_seconds(scan, repeats):.1f} MB/s")
    for name, speed in core.items():
        print(f"kalima C++ core {name}: {speed:.1f} MB/s")
    if flashtext_mb_s:
        print(
            f"(50x flashtext's scan of the ngrams set would be {50 * flashtext_mb_s:.0f} MB/s "
            "through Python)"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        parser = argparse.ArgumentParser()
        parser.add_argument("--child", nargs=2)
        parser.add_argument("--mb", type=float)
        parser.add_argument("--repeats", type=int)
        parser.add_argument("--save")
        a = parser.parse_args()
        child(a.child[0], a.child[1], a.mb, a.repeats, a.save)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ngrams", type=int, default=1_000_000)
    parser.add_argument("--extra", type=int, default=100_000)
    parser.add_argument("--only", choices=("ngrams", "realistic"))
    parser.add_argument("--tools", default="kalima,pyahocorasick,flashtext")
    parser.add_argument("--no-core", action="store_true", help="skip the C++ core benchmark")
    args = parser.parse_args()
    lines = load_lines(args.mb)
    nbytes = sum(len(line.encode("utf-8")) for line in lines)
    print(
        f"corpus: {len(lines):,} lines, {nbytes / 1e6:.1f} MB UTF-8; "
        f"{args.repeats} interleaved rounds; {os.cpu_count()} cores"
    )
    gazetteers = {}
    if args.only in (None, "ngrams"):
        gazetteers["ngrams"] = frequent_ngrams(lines, args.ngrams, (1, 2, 3))
    if args.only in (None, "realistic"):
        import kalima

        bundled = []
        for name, _label, _id, aliases in kalima.default_gazetteer().entries():
            bundled += [name, *aliases]
        gazetteers["realistic"] = bundled + frequent_ngrams(lines, args.extra, (2, 3))
    flashtext_mb_s = None
    with tempfile.TemporaryDirectory() as tmp:
        for title, names in gazetteers.items():
            save = os.path.join(tmp, f"{title}.kgaz")
            children, skipped, rounds = run_children(names, args, save)
            core = {}
            if "kalima" in children and not args.no_core:
                core = run_core_bench(
                    "gazetteer_core_bench", lines, args.repeats, {"KALIMA_GAZETTEER": save}
                )
            speeds = report(title, names, children, skipped, rounds, core, nbytes)
            if title == "ngrams":
                flashtext_mb_s = speeds.get("flashtext: extract_keywords(span_info)")
        if "kalima" in args.tools.split(",") and not args.no_core:
            report_reading_floor(lines, args.repeats, tmp, flashtext_mb_s)


if __name__ == "__main__":
    main()
