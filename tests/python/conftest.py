"""Shared fixtures and helpers: the sample article, the shared corpus when
present, and interrupting a call as Ctrl-C does."""

from __future__ import annotations

import collections.abc
import contextlib
import gc
import signal
import time
from pathlib import Path

import kalima
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def sample() -> str:
    return kalima.sample_text()


def corpus_lines(limit: int) -> list[str]:
    """Non-empty lines from the shared corpora (empty list if absent)."""
    lines: list[str] = []
    sources = sorted((SHARED / "data/corpus/saudinewsnet/text").glob("*.txt"))[:1]
    sources += [SHARED / "data/corpus/tashkeela-fadel-benchmark/test.txt"]
    for path in sources:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line:
                    lines.append(line)
                if len(lines) >= limit * len(sources):
                    break
    return lines


@contextlib.contextmanager
def timer_interrupts() -> collections.abc.Iterator[None]:
    """SIGALRM raises KeyboardInterrupt, as SIGINT's handler does, with
    collection off: Python code run by a collection (hypothesis registers a
    gc callback) would take the KeyboardInterrupt and lose it, as CPython
    loses any raised there. After, the timer is disarmed and all put back."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.enable()


def assert_ctrl_c_stops(
    whole: collections.abc.Callable[[], object],
    tenth: collections.abc.Callable[[], object],
) -> None:
    """Ctrl-C stops ``whole`` long before its end, rather than once it is done.

    The interrupt comes from a timer signal whose handler raises
    KeyboardInterrupt (as SIGINT's does), 0.05 s into the call. Whether the
    call stopped is told by time, against ``tenth`` (the same work cut to a
    tenth) run in full here: a KeyboardInterrupt that waited for the end is
    raised as soon as the call returns, exactly as one raised inside it.
    """
    start = time.perf_counter()
    tenth()
    tenth_seconds = time.perf_counter() - start
    with timer_interrupts(), pytest.raises(KeyboardInterrupt):
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        try:
            whole()
        finally:
            elapsed = time.perf_counter() - start
    # Stopped before a third of the work was done (about 0.05 s in, where the
    # whole takes about ten times `tenth_seconds`).
    assert elapsed < 3 * tenth_seconds, (elapsed, tenth_seconds)
