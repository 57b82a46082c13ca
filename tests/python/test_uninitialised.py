"""Objects made by Cls.__new__(Cls), whose __init__ never ran, refuse every
use with TypeError (pybind11 alone would hand their methods uninitialised
memory). Run in a child process, where a crash shows as its exit status."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import kalima
    from kalima import _kalima

    def bare(cls):
        return cls.__new__(cls)

    uses = [
        lambda: bare(kalima.Tokens).text,
        lambda: len(bare(kalima.Tokens)),
        lambda: bare(kalima.Tokens).texts(),
        lambda: bare(kalima.Matches)[0],
        lambda: list(bare(kalima.Matches)),
        lambda: kalima.SentenceSplitter().split_tokens(bare(kalima.Tokens)),
        lambda: bare(kalima.Normalizer).normalize_with_offsets("ليبيا"),
        lambda: bare(kalima.Normalizer).normalize("ليبيا"),
        lambda: bare(kalima.Tokenizer).tokenize("ليبيا"),
        lambda: bare(kalima.Tokenizer).urls,
        lambda: bare(_kalima.Segmenter).segment("وبالكتاب", 0),
        lambda: bare(_kalima.Gazetteer).find("ليبيا", "longest", 0),
        lambda: _kalima.GazetteerBuilder(bare(_kalima.Gazetteer)),
        lambda: bare(kalima.OffsetMap).source_span(0, 1),
    ]
    for k, use in enumerate(uses):
        try:
            use()
        except TypeError as error:
            assert "initialised" in str(error), (k, error)
        else:
            raise AssertionError(f"use {k} did not raise")
    # Pickling still makes objects through __new__ then __setstate__.
    import pickle
    tokens = kalima.tokenize("وليبيا، 2021")
    assert pickle.loads(pickle.dumps(tokens)) == tokens
    print("ok", len(uses))
    """
)


def test_uninitialised_objects_raise_type_error():
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.split() == ["ok", "14"]
