"""Batch calls beside other Python threads. A batch of under 32,768 code
points in all keeps the GIL, as a single text that short does; a longer one
works without it, so other Python threads run meanwhile, and takes it back to
convert results: after every chunk of texts, or, once another thread busy
running Python has made it wait, only every 100 ms and at the end. Whichever
way a batch ran, its results and errors are those of the loop."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import kalima
import pytest

# name: (batch(texts, threads), single(text)); each result compared as is.
BATCHES: dict[str, tuple[Callable, Callable]] = {
    "normalize": (
        lambda texts, threads: kalima.Normalizer().batch(texts, threads=threads),
        kalima.normalize,
    ),
    "tokenize": (
        lambda texts, threads: [t.texts() for t in kalima.tokenize_batch(texts, threads)],
        lambda text: kalima.tokenize(text).texts(),
    ),
    "sentences": (
        lambda texts, threads: kalima.sentences_batch(texts, threads=threads),
        kalima.sentences,
    ),
    "segment": (
        lambda texts, threads: kalima.segment_batch(texts, threads=threads),
        kalima.segment,
    ),
    "segmented_texts": (
        lambda texts, threads: kalima.segmented_texts(texts, threads=threads),
        lambda text: kalima.segmented_texts([text])[0],
    ),
    "find_batch": (
        lambda texts, threads: [
            [(m.start, m.end, m.name) for m in found]
            for found in kalima.default_gazetteer().find_batch(texts, threads=threads)
        ],
        lambda text: [(m.start, m.end, m.name) for m in kalima.find_entities(text)],
    ),
}


@contextmanager
def busy_python_thread() -> Iterator[list[int]]:
    """A thread running Python the whole time: it holds the GIL until
    CPython's switch interval makes it let go. Yields its loop count."""
    count = [0]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    thread = threading.Thread(target=spin)
    thread.start()
    try:
        yield count
    finally:
        stop.set()
        thread.join()


def article_lines(sample: str, copies: int) -> list[str]:
    lines = [line for line in sample.splitlines() if line.strip()]
    return [*lines, "", "وليبيا"] * copies


@pytest.mark.parametrize("name", BATCHES)
@pytest.mark.parametrize("copies", [1, 40])
def test_batches_beside_a_busy_thread_equal_the_loop(sample, name, copies):
    batch, single = BATCHES[name]
    lines = article_lines(sample, copies)
    # One copy of the article is short enough to keep the GIL; forty are not.
    assert (sum(map(len, lines)) < 32_768) == (copies == 1)
    expected = [single(line) for line in lines]
    for threads in (1, 2):
        assert batch(lines, threads) == expected
        with busy_python_thread():
            assert batch(lines, threads) == expected


@pytest.mark.parametrize("name", BATCHES)
def test_the_first_bad_text_is_named_beside_a_busy_thread(sample, name):
    batch, _ = BATCHES[name]
    lines = article_lines(sample, 40)
    lines[len(lines) - 7] = "ليبيا \ud800"
    lines[len(lines) // 2] = "طرابلس \ud800"
    with busy_python_thread():
        for threads in (1, 2):
            with pytest.raises(ValueError, match=rf"texts\[{len(lines) // 2}\].*index 7"):
                batch(lines, threads)


def test_only_a_long_batch_lets_other_python_threads_run(sample):
    """A busy thread gets the GIL from a running thread only after CPython's
    switch interval, made a second here: it runs during a long batch, which
    releases the GIL, and not during short ones, which keep it. (The test
    takes about that second: the main thread gets the GIL back from the
    started thread only so.)"""
    short_lines = article_lines(sample, 1)
    long_lines = article_lines(sample, 100)
    segmenter = kalima.default_segmenter()
    previous_interval = sys.getswitchinterval()
    sys.setswitchinterval(1.0)
    try:
        with busy_python_thread() as count:
            while count[0] == 0:
                time.sleep(0.001)
            # From here the busy thread waits a second for the GIL before it
            # asks for it; the calls below take a few milliseconds each.
            before = count[0]
            for _ in range(5):
                segmenter.segmented_texts(short_lines, threads=1)
            ran_during_short = count[0] - before
            before = count[0]
            # Each window the batch leaves is short: on a loaded machine the
            # busy thread may not be scheduled in the first batch's.
            for _ in range(10):
                segmenter.segmented_texts(long_lines, threads=1)
                if count[0] > before:
                    break
            ran_during_long = count[0] - before
    finally:
        sys.setswitchinterval(previous_interval)
    assert ran_during_short == 0
    assert ran_during_long > 0
