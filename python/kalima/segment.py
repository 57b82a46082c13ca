"""Clitic segmentation: و+ب+الكتاب, كتاب+هم, للحكومة = ل+الحكومة.

Each token of :func:`kalima.tokenize` comes back as a :class:`SegmentedToken`
whose :class:`SegmentPart` objects give the proclitics, stem and pronoun
suffix of an Arabic word, each with ``str`` offsets into your text, its
letters as written (``text``), the form the scheme restores (``form``: ال for
the ل of لل, مدرسة for the مدرست of مدرستهم) and its ``role``. Other tokens
come back whole, as a single stem part.

The work is done in C++ (``kalima._kalima``) from a model learned from raw
text (see ``python -m kalima.train segmenter``); the default model ships in
the package (kalima/data/segmenter.kseg, licensed separately: see
kalima/data/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from kalima import _kalima
from kalima._guard import missing_attribute, refuse_second_init
from kalima._once import once
from kalima._paths import native_path, printable, same_file

SCHEMES = ("clitics", "clitics+al")
DEFAULT_MODEL = "segmenter.kseg"

SegmentPart = _kalima.SegmentPart
SegmentedToken = _kalima.SegmentedToken


def _scheme_index(scheme: str) -> int:
    if not isinstance(scheme, str):
        raise TypeError(f"scheme must be a str, not {type(scheme).__name__}")
    try:
        return SCHEMES.index(scheme)
    except ValueError:
        raise ValueError(
            f"unknown scheme {scheme!r}; expected one of {', '.join(SCHEMES)}"
        ) from None


class Segmenter:
    """A clitic segmenter loaded from a model file (default: the bundled one).

    Immutable and safe to share across threads. Pickles as a reference to the
    bundled model, or as the model's bytes when loaded from elsewhere.
    """

    __slots__ = ("_core", "_path")

    def __init__(self, model: str | os.PathLike[str] | None = None) -> None:
        refuse_second_init(self, "_core")
        if model is None or same_file(model, default_segmenter_path()):
            # The bundled model, however named: shared, and pickled as a
            # reference rather than as its 4 MB.
            self._path = None
            self._core = _default_core()
        else:
            # A str whatever the path was given as (bytes too), for repr and
            # pickling; a name that is not UTF-8 keeps its bytes as surrogates.
            self._path = os.fsdecode(model)
            self._core = _kalima.Segmenter.load(native_path(model))

    def __getattr__(self, name: str) -> Any:
        missing_attribute(self, name, Segmenter.__slots__)

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview, source: str = "<bytes>") -> Segmenter:
        """A segmenter from a model file's contents (bytes, or any bytes-like
        object: a bytearray, a memoryview, a mapped file)."""
        if not isinstance(data, bytes):
            try:
                data = bytes(memoryview(data))
            except TypeError:
                raise TypeError(
                    f"data must be bytes or bytes-like, not {type(data).__name__}"
                ) from None
        if not isinstance(source, str):
            raise TypeError(f"source must be a str, not {type(source).__name__}")
        self = cls.__new__(cls)
        self._path = source
        # The core names the source in its errors, as UTF-8: a file name that
        # is not UTF-8 (a str holding its bytes as surrogates) is shown with
        # U+FFFD there, and kept as it is for repr and pickling.
        self._core = _kalima.Segmenter.from_bytes(data, printable(source))
        return self

    @property
    def description(self) -> str:
        """Where the model was learned from, as its trainer recorded it."""
        return self._core.description

    def segment(self, text: str, scheme: str = "clitics") -> list[SegmentedToken]:
        """Every token of ``text`` with its parts (GIL released on long texts)."""
        return self._core.segment(text, _scheme_index(scheme))

    def segment_batch(
        self, texts: Iterable[str], scheme: str = "clitics", threads: int = 0
    ) -> list[list[SegmentedToken]]:
        """``segment`` of every text, on up to ``threads`` threads (0: one per core)."""
        return self._core.batch(texts, _scheme_index(scheme), threads)

    def segmented_texts(
        self,
        texts: Iterable[str],
        scheme: str = "clitics",
        separator: str = "+",
        threads: int = 0,
    ) -> list[str]:
        """Each text as its tokens joined by spaces, each token's parts joined
        by ``separator``: ``"و+ل+لحكومة و+المملكة المتحدة"``. The fast way to
        feed segmented text to another tool (no per-word objects are made)."""
        if not isinstance(separator, str):
            raise TypeError(f"separator must be a str, not {type(separator).__name__}")
        return self._core.segmented_texts(texts, _scheme_index(scheme), separator, threads)

    def segment_word(self, word: str, scheme: str = "clitics") -> tuple[SegmentPart, ...]:
        """The parts of one word (taken as a single token), offsets into ``word``.

        A word the segmenter does not split (not Arabic letters, marks only)
        comes back as one stem part; an empty word as no parts.
        """
        return self._core.segment_word(word, _scheme_index(scheme))

    def __repr__(self) -> str:
        where = "default model" if self._path is None else repr(self._path)
        return f"kalima.Segmenter({where})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A subclass comes back as itself, with its own attributes (if any).
        extra = getattr(self, "__dict__", None) or None
        if self._path is None:
            return (type(self), (), extra)
        return (type(self).from_bytes, (self._core.model_bytes, self._path), extra)


def default_segmenter_path() -> Path:
    """Path of the bundled segmenter model."""
    return Path(str(resources.files("kalima.data").joinpath(DEFAULT_MODEL)))


@once
def _default_core() -> _kalima.Segmenter:
    return _kalima.Segmenter.load(native_path(default_segmenter_path()))


@once
def default_segmenter() -> Segmenter:
    """The segmenter of the bundled model (loaded once)."""
    return Segmenter()


def segment(text: str, scheme: str = "clitics") -> list[SegmentedToken]:
    """Clitic segmentation of every token of ``text`` with the default model.

    >>> [p.text for p in segment("وللحكومة")[0].parts]
    ['و', 'ل', 'لحكومة']
    """
    return default_segmenter().segment(text, scheme)


def segment_batch(
    texts: Iterable[str], scheme: str = "clitics", threads: int = 0
) -> list[list[SegmentedToken]]:
    """``segment`` of every text, on up to ``threads`` threads without the GIL
    once the texts come to 32,768 code points."""
    return default_segmenter().segment_batch(texts, scheme, threads)


def segmented_texts(
    texts: Iterable[str],
    scheme: str = "clitics",
    separator: str = "+",
    threads: int = 0,
) -> list[str]:
    """Each text with its words split by ``separator`` (و+ل+لحكومة), default model."""
    return default_segmenter().segmented_texts(texts, scheme, separator, threads)
