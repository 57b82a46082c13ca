"""Python allocations made to fail part-way through each call: MemoryError,
never a crash, and the same call is whole again once memory is back.

Each sweep runs in a child process, where a crash shows as its exit status.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("_testcapi")

# Every call is made with its allocations failing from the k-th on, for each
# k up to SWEEP. Counts of failures are kept in a list made beforehand: the
# loop itself must not allocate while the hooks are set.
SWEEP = 250

CHILD = textwrap.dedent(
    """
    import gc, pickle, sys
    import _testcapi
    import kalima

    text = kalima.sample_text()[:600]
    lines = text.splitlines()[:6] * 20
    gazetteer = kalima.default_gazetteer()
    normalizer = kalima.Normalizer()
    tokenizer = kalima.Tokenizer()
    splitter = kalima.SentenceSplitter()
    segmenter = kalima.default_segmenter()
    saved = pickle.dumps(gazetteer)
    calls = {
        "Normalizer.normalize_with_offsets": lambda: normalizer.normalize_with_offsets(text),
        "Normalizer.batch(threads=)": lambda: normalizer.batch(lines, threads=2),
        "OffsetMap.source_span(start=, end=)": lambda: normalizer.normalize_with_offsets(
            text
        ).offsets.source_span(start=3, end=40),
        "Tokenizer.tokenize": lambda: tokenizer.tokenize(text).to_list(),
        "Tokenizer.batch(threads=)": lambda: tokenizer.batch(lines, threads=2),
        "SentenceSplitter.batch(threads=)": lambda: splitter.batch(lines, threads=2),
        "SentenceSplitter.split(text=)": lambda: splitter.split(text=text),
        "SentenceSplitter.split_tokens(tokens=)": lambda: splitter.split_tokens(
            tokens=tokenizer.tokenize(text)
        ),
        "Segmenter.segment_batch": lambda: segmenter.segment_batch(lines, threads=2),
        "Gazetteer.find": lambda: gazetteer.find(text).to_list(),
        "Matches repr and html": lambda: (repr(gazetteer.find(text)),
                                          gazetteer.find(text)._repr_html_()),
        "Gazetteer.find_batch": lambda: gazetteer.find_batch(lines, threads=2),
        "pickle Gazetteer": lambda: pickle.loads(saved).find(text).to_list(),
        "pickle Tokens": lambda: pickle.loads(pickle.dumps(kalima.tokenize(text))),
        "pickle Matches": lambda: pickle.loads(pickle.dumps(gazetteer.find(text))),
        "Gazetteer.add": lambda: kalima.Gazetteer().add("ليبيا", "LOC"),
    }
    sweep = int(sys.argv[1])
    for name, call in calls.items():
        expected = call()
        failed = [False] * sweep
        for start in range(sweep):
            gc.collect()
            _testcapi.set_nomemory(start, 0)
            try:
                call()
            except MemoryError:
                failed[start] = True
            finally:
                _testcapi.remove_mem_hooks()
        assert call() == expected, name
        print(name, sum(failed), flush=True)
    """
)


def test_failed_allocations_raise_memory_error_and_nothing_crashes():
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(SWEEP)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    failures = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())
    assert len(failures) == 16
    # Each call met failures (so the sweep reached it), and most met several.
    assert all(int(count) >= 1 for count in failures.values()), failures
    assert sum(int(count) >= 20 for count in failures.values()) >= 8, failures
