"""Batch calls alone and beside a Python thread busy running Python (a web
server's other requests, a progress loop, a notebook's widget), which holds
the GIL until CPython's switch interval (5 ms) makes it let go: each time a
call takes the GIL back it may wait that long. Prints the median time per
call alone and beside the busy thread, and their ratio, for a batch of one
line, of the sample article's lines, and of --mb MB of corpus lines."""

from __future__ import annotations

import argparse
import statistics
import threading
import time

import kalima
from _common import load_lines


def per_call_seconds(fn, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def spin(stop: threading.Event) -> None:
    while not stop.is_set():
        pass


def alone_and_busy(fn, calls: int, rounds: int) -> tuple[float, float]:
    """Medians over rounds, each timing `calls` calls alone then beside a
    busy thread (started and stopped in every round)."""
    alone, busy = [], []
    fn()
    for _ in range(rounds):
        alone.append(per_call_seconds(fn, calls))
        stop = threading.Event()
        spinner = threading.Thread(target=spin, args=(stop,))
        spinner.start()
        time.sleep(0.01)
        try:
            busy.append(per_call_seconds(fn, calls))
        finally:
            stop.set()
            spinner.join()
    return statistics.median(alone), statistics.median(busy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    article = [line for line in kalima.sample_text().splitlines() if line.strip()]
    inputs = {
        "1 line": (article[:1], 200),
        f"{len(article)} lines": (article, 50),
        f"{args.mb:g} MB": (load_lines(args.mb), 3),
    }
    normalizer = kalima.Normalizer()
    gazetteer = kalima.default_gazetteer()
    segmenter = kalima.default_segmenter()
    calls = {
        "Normalizer.batch": normalizer.batch,
        "tokenize_batch": kalima.tokenize_batch,
        "sentences_batch": kalima.sentences_batch,
        "find_batch": gazetteer.find_batch,
        "segmented_texts": segmenter.segmented_texts,
    }
    print(f"{'call':18s} {'input':10s} {'alone':>12s} {'busy':>12s} {'ratio':>7s}")
    for label, (lines, count) in inputs.items():
        for name, call in calls.items():
            alone, busy = alone_and_busy(lambda c=call, t=lines: c(t), count, args.rounds)
            print(
                f"{name:18s} {label:10s} {alone * 1e6:9.1f} µs {busy * 1e6:9.1f} µs "
                f"{busy / alone:7.2f}"
            )


if __name__ == "__main__":
    main()
