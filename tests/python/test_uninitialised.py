"""Objects made by Cls.__new__(Cls), whose __init__ never ran, refuse every
use with TypeError (pybind11 alone would hand their methods uninitialised
memory; run in a child process, where a crash shows as its exit status), and
objects already made refuse a second __init__ or __setstate__."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import kalima
import pytest
from kalima import _kalima

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
        lambda: bare(kalima.OffsetMap)[0],
        lambda: bare(kalima.OffsetMap)[0:1],
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
    assert done.stdout.split() == ["ok", "16"]


def test_compact_results_are_made_bare_only_without_arguments():
    with pytest.raises(TypeError, match=r"kalima\.Tokens\(\) takes no arguments"):
        kalima.Tokens("وليبيا")
    with pytest.raises(TypeError, match=r"kalima\.Matches\(\) takes no arguments"):
        kalima.Matches(text="ليبيا")


def test_objects_already_made_refuse_a_second_init_or_setstate():
    """pybind11 alone ignores a second __init__ or __setstate__ without a word:
    the object would keep its first value while the caller believes it changed."""
    tokens = kalima.tokenize("زار وليبيا")
    with pytest.raises(TypeError, match="already initialised"):
        tokens.__setstate__(kalima.tokenize("كتاب").__getstate__())
    assert tokens.texts() == ["زار", "وليبيا"]

    offsets = kalima.normalize_with_offsets("أَحمد").offsets
    other = kalima.normalize_with_offsets("ليبيا ثم تونس").offsets
    with pytest.raises(TypeError, match="already initialised"):
        offsets.__setstate__(other.__getstate__())
    assert offsets.source_size == len("أَحمد")

    tokenizer = _kalima.Tokenizer(True, True, True, True)
    with pytest.raises(TypeError, match="already initialised"):
        tokenizer.__init__(False, False, False, False)
    assert tokenizer.urls

    splitter = _kalima.SentenceSplitter(False)
    with pytest.raises(TypeError, match="already initialised"):
        splitter.__init__(True)
    assert len(splitter.split("ليبيا\nتونس")) == 1  # Still no break at a line end.

    with pytest.raises(TypeError, match="already initialised"):
        _kalima.SegmenterTrainer.__init__(_kalima.SegmenterTrainer())
    with pytest.raises(TypeError, match="already initialised"):
        _kalima.Normalizer.__init__(kalima.Normalizer("search"), "none", {})

    # The package's Python classes over a core object refuse it too.
    gazetteer = kalima.Gazetteer()
    gazetteer.add("ليبيا", "LOC")
    with pytest.raises(TypeError, match="already initialised"):
        gazetteer.__init__()
    assert [m.name for m in gazetteer.find("وليبيا")] == ["ليبيا"]
    segmenter = kalima.Segmenter()
    with pytest.raises(TypeError, match="already initialised"):
        segmenter.__init__()
    for cls, use in (
        (kalima.Gazetteer, lambda g: g.find("ليبيا")),
        (kalima.Gazetteer, lambda g: len(g)),
        (kalima.Gazetteer, lambda g: g.tanween),
        (kalima.Gazetteer, repr),
        (kalima.Segmenter, lambda s: s.segment("وبالكتاب")),
        (kalima.Normalizer, repr),
        (kalima.Normalizer, pickle.dumps),
        (kalima.Normalizer, lambda n: n.profile),
    ):
        with pytest.raises(TypeError, match="never initialised"):
            use(cls.__new__(cls))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        kalima.Gazetteer().nothing  # noqa: B018
    # Asking whether the state is there answers as for any attribute.
    bare = kalima.Gazetteer.__new__(kalima.Gazetteer)
    assert not hasattr(bare, "_lock") and getattr(bare, "_builder", None) is None

    # Called on something that is no kalima object at all, pybind11's own
    # argument check answers, as before.
    with pytest.raises(TypeError, match="self"):
        _kalima.Tokenizer.__init__(42, True, True, True, True)
    # And a fresh object is made as ever, including through pickle.
    assert pickle.loads(pickle.dumps(tokens)) == tokens
    assert pickle.loads(pickle.dumps(offsets)) == offsets
