"""Tokenisation and sentence splitting, with offsets into the caller's text.

The work is done in C++ (``kalima._kalima``); this module adds keyword
arguments, pickling, reprs and the module-level shortcuts.

``tokenize`` returns a :class:`Tokens` object: a compact sequence that holds
the text and an array of spans, and makes :class:`Token` objects only when you
index or iterate it. ``tokens.texts()`` gives the token strings in one call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from kalima import _kalima
from kalima._guard import bool_option, subclass_pickle, unpickled

Token = _kalima.Token
Span = _kalima.Span
Tokens = _kalima.Tokens
Sequence.register(Tokens)


class TokenKind(str, Enum):
    """What a token is. Members compare equal to their names: ``"arabic"``."""

    ARABIC = "arabic"
    LATIN = "latin"
    WORD = "word"
    NUMBER = "number"
    PUNCTUATION = "punctuation"
    SYMBOL = "symbol"
    URL = "url"
    EMAIL = "email"
    HASHTAG = "hashtag"
    MENTION = "mention"

    def __str__(self) -> str:
        return self.value


def _tokens_repr(self: Tokens) -> str:
    shown = self[:8]
    more = f", ... {len(self) - 8} more" if len(self) > 8 else ""
    inner = ", ".join(f"{t.text!r}/{t.kind}" for t in shown)
    return f"<Tokens of {len(self)}: [{inner}{more}]>"


def _tokens_eq(self: Tokens, other: object) -> bool:
    if isinstance(other, Tokens):
        return (
            self.text == other.text
            and self.spans() == other.spans()
            and (self.kinds() == other.kinds())
        )
    if isinstance(other, (list, tuple)):
        return self.to_list() == list(other)
    return NotImplemented


def _tokens_reduce(self: Tokens) -> tuple[Any, ...]:
    # A module-level rebuild, which every pickle protocol can name.
    return (_rebuild_tokens, self.__getstate__())


def _rebuild_tokens(text: str, packed: bytes) -> Tokens:
    tokens = Tokens.__new__(Tokens)
    tokens.__setstate__((text, packed))
    return tokens


# Presentation lives here, the storage in C++.
setattr(Tokens, "__repr__", _tokens_repr)  # noqa: B010
setattr(Tokens, "__eq__", _tokens_eq)  # noqa: B010
setattr(Tokens, "__hash__", None)  # noqa: B010
setattr(Tokens, "__reduce__", _tokens_reduce)  # noqa: B010


class Tokenizer(_kalima.Tokenizer):
    """Splits text into tokens: words, numbers, punctuation, symbols, URLs...

    An Arabic word keeps its clitics, diacritics, tatweel and joiners (clitic
    segmentation splits it later); a script change splits words; a letter
    prefix glued to digits is split off (ب300 -> ب, 300). The compound kinds
    can be switched off, which leaves their parts as plain tokens::

        Tokenizer(urls=False)

    Instances are immutable, thread-safe and cheap to pickle.
    """

    def __init__(
        self,
        *,
        urls: bool = True,
        emails: bool = True,
        hashtags: bool = True,
        mentions: bool = True,
    ) -> None:
        super().__init__(
            bool_option("urls", urls),
            bool_option("emails", emails),
            bool_option("hashtags", hashtags),
            bool_option("mentions", mentions),
        )

    def _options(self) -> dict[str, bool]:
        return {
            "urls": self.urls,
            "emails": self.emails,
            "hashtags": self.hashtags,
            "mentions": self.mentions,
        }

    def __repr__(self) -> str:
        changed = [f"{k}={v!r}" for k, v in self._options().items() if not v]
        return f"Tokenizer({', '.join(changed)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _kalima.Tokenizer):
            return NotImplemented
        return self._options() == Tokenizer._options(other)  # type: ignore[arg-type]

    def __hash__(self) -> int:
        return hash(tuple(self._options().items()))

    def __reduce__(self) -> tuple[Any, ...]:
        cls, extra = subclass_pickle(self, Tokenizer)
        return (_make_tokenizer, (self._options(), *cls), extra)


def _make_tokenizer(options: dict[str, bool], cls: type[Tokenizer] = Tokenizer) -> Tokenizer:
    return unpickled(cls, Tokenizer, **options)


class SentenceSplitter(_kalima.SentenceSplitter):
    """Splits text into sentences (spans from first to last token).

    Sentences end at . ! ? ؟ (with the closing quotes and brackets glued after
    them) and at line breaks; not inside numbers, URLs or after abbreviations
    such as د. or ص.ب; an ellipsis does not end one. With
    ``line_break_ends_sentence=False`` only a paragraph break ends one without
    a mark (a blank line, a form feed or U+2029: for hard-wrapped text).
    """

    def __init__(self, *, line_break_ends_sentence: bool = True) -> None:
        super().__init__(bool_option("line_break_ends_sentence", line_break_ends_sentence))

    def __repr__(self) -> str:
        if self.line_break_ends_sentence:
            return "SentenceSplitter()"
        return "SentenceSplitter(line_break_ends_sentence=False)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _kalima.SentenceSplitter):
            return NotImplemented
        return self.line_break_ends_sentence == other.line_break_ends_sentence

    def __hash__(self) -> int:
        return hash(self.line_break_ends_sentence)

    def __reduce__(self) -> tuple[Any, ...]:
        cls, extra = subclass_pickle(self, SentenceSplitter)
        return (_make_splitter, (self.line_break_ends_sentence, *cls), extra)


def _make_splitter(
    line_break_ends_sentence: bool, cls: type[SentenceSplitter] = SentenceSplitter
) -> SentenceSplitter:
    return unpickled(cls, SentenceSplitter, line_break_ends_sentence=line_break_ends_sentence)


_DEFAULT_TOKENIZER = Tokenizer()
_SPLITTERS = {
    True: SentenceSplitter(),
    False: SentenceSplitter(line_break_ends_sentence=False),
}


def tokenize(text: str) -> Tokens:
    """The tokens of ``text``; ``text[t.start:t.end] == t.text`` for each."""
    return _DEFAULT_TOKENIZER.tokenize(text)


def tokenize_batch(texts: Iterable[str], threads: int = 0) -> list[Tokens]:
    """``[tokenize(t) for t in texts]``, on ``threads`` threads (0: one per
    core) without the GIL once the texts come to 32,768 code points."""
    return _DEFAULT_TOKENIZER.batch(texts, threads)


def sentences(text: str, *, line_break_ends_sentence: bool = True) -> list[Span]:
    """The sentences of ``text`` as spans of it (whitespace between left out)."""
    return _SPLITTERS[bool_option("line_break_ends_sentence", line_break_ends_sentence)].split(text)


def sentences_batch(
    texts: Iterable[str],
    threads: int = 0,
    *,
    line_break_ends_sentence: bool = True,
) -> list[list[Span]]:
    """``[sentences(t) for t in texts]``, on ``threads`` threads without the GIL
    once the texts come to 32,768 code points."""
    splitter = _SPLITTERS[bool_option("line_break_ends_sentence", line_break_ends_sentence)]
    return splitter.batch(texts, threads)
