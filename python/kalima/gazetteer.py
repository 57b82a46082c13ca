"""Gazetteer entity matching: every spelling, every clitic, whole tokens only.

>>> g = Gazetteer()
>>> g.add("المملكة المتحدة", "place", id="Q145")
>>> [(m.prefix, m.text, m.name) for m in g.find("وصل وزير الإتحاد الأوروبي والمملكة المتحدة")]
[('و', 'المملكة المتحدة', 'المملكة المتحدة')]

Names are compared under a normalisation profile ("search" by default: hamza
and alef forms, ى/ي, ة/ه, diacritics and tatweel fold together), may carry the
proclitics of the shared clitic grammar on their first word (و، ف، ب، ل، ك، ال
where the name lacks it, unless a one-word name ending in ي (not اي) makes with
it the nisba adjective التشيلي; لل for ل + ال; and their combinations), and
match whole tokens only: الليبية is not ليبيا. A one-word name with the article
and the nisba ending (السعودية) right after a word with the article is that
word's adjective (السوق السعودية), not the name (with clitics on). A name never
goes on across a paragraph break (a blank line, U+2029 or a form feed), so
``add`` refuses a name that spans one. ``add_words`` lists words that only look
like proclitics and a name (كسبها, won it, is not ك + سبها) and phrases that
hold a name not meant (كوبا أمريكا, the tournament): no name is read inside
them. In text written with harakat, a proclitic's vowel is evidence (وُجُوبًا,
with a damma on its و, is not و + جوبا), and so is the last letter of a name in
ة: a heh with a vowel (جَدِّهِ, his grandfather) ends no such name. Built with
``tanween=False`` (as the bundled gazetteer is), a gazetteer reads no name over a
word written with tanween (صَبِيًّا, a boy, is not صبيا). Offsets are
``str`` indices of the caller's text; ``text[m.start:m.end]`` is the name as
written, without its clitics (``m.prefix``).

``max_edits=1`` also finds names of six letters or more (an article not
counted) written with one edit that spells the same sounds (كلافرلي for
كليفرلي, فيجاس for فيغاس: a vowel letter inside the word, a consonant of the
same sound, ى for ي, a final ا for ة or ه, a hamza ء, two neighbours
swapped) in a word the gazetteer
does not know and that is no nisba adjective of the name (طرابلسي, أوروبي),
ranked after exact matches. A gazetteer compiles into one flat buffer: ``save``
writes it, ``load`` memory-maps it, and pickling sends it (or, for the
bundled default, only a reference to it).
"""

from __future__ import annotations

import functools
import html
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from kalima import _kalima
from kalima._guard import missing_attribute, refuse_second_init, subclass_pickle
from kalima._once import once
from kalima._paths import native_path
from kalima.normalize import PROFILES, Normalizer

Match = _kalima.Match
MODES = ("longest", "all")
DEFAULT_GAZETTEER = _kalima.BUNDLED_GAZETTEER_NAMES
DEFAULT_WORDS = _kalima.BUNDLED_GAZETTEER_WORDS
# Rows add_many reads from an iterator before adding them: fewer than the
# garbage collector's first threshold (700 new objects), so that a chunk's
# tuples, dropped before the next chunk is read, set off no collection.
_ADD_MANY_CHUNK = 512
#: The first bytes of a file written by ``Gazetteer.save``.
COMPILED_MAGIC = b"KALIMAGZ"


Matches = _kalima.Matches
Sequence.register(Matches)


# Of a long text, Jupyter is shown the first this many characters (and the
# rest of a match that runs over): a whole file's text, highlighted, would
# stall the browser.
_HTML_CHARACTERS = 10_000


def _matches_html(self: Matches) -> str:
    """The searched text with its matches highlighted, right to left (Jupyter)."""
    text = self.text
    # Matches come in the order of their first words: the shown ones first.
    shown = []
    for m in self:
        if m.start >= _HTML_CHARACTERS:
            break
        shown.append(m)
    pieces = []
    at = 0
    for m in sorted(shown, key=lambda m: (m.start, -m.end)):
        if m.start < at:
            continue  # Overlapping ("all" mode): the first one is shown.
        pieces.append(html.escape(text[at : m.start]))
        title = html.escape(f"{m.name} ({m.label}{', ' + m.id if m.id else ''})")
        pieces.append(f'<mark title="{title}">{html.escape(text[m.start : m.end])}</mark>')
        at = m.end
    end = max(at, min(len(text), _HTML_CHARACTERS))
    pieces.append(html.escape(text[at:end]))
    shown_text = f'<div dir="rtl" style="white-space: pre-wrap">{"".join(pieces)}</div>'
    if end == len(text):
        return shown_text
    return (
        f"{shown_text}<p>The first {end:,} of {len(text):,} characters, "
        f"with {len(shown):,} of {len(self):,} matches.</p>"
    )


setattr(Matches, "_repr_html_", _matches_html)  # noqa: B010


# Compiling gives the builder's names up as it writes them: if memory runs out
# part way, those given up are gone.
_NAMES_LOST = (
    "this gazetteer ran out of memory while it was compiled, which gave its names "
    "up: build it again"
)


T = TypeVar("T")


class _AddingLock:
    """Adding and compiling one after the other. The thread that holds it and
    asks again (an iterable read while names are added that uses the same
    gazetteer) gets an error rather than waiting on itself forever."""

    __slots__ = ("_busy", "_lock")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._busy = False

    def run(self, work: Callable[[], T]) -> T:
        """``work()`` under the lock."""
        # The RLock's own with (C code) is never left held by a
        # KeyboardInterrupt, as a Python __enter__ or __exit__ could be. Only
        # the holder gets past it, so `_busy` set means this thread came back;
        # it is set and cleared with no call in between where an interrupt
        # could land.
        with self._lock:
            if self._busy:
                raise RuntimeError(
                    "this Gazetteer is being added to: an iterable read meanwhile "
                    "(aliases, a row) cannot use it; give a list"
                )
            self._busy = True
            try:
                return work()
            finally:
                self._busy = False


def _read_aliases(aliases: Any) -> Any:
    """An iterator of aliases (a generator, say) as a tuple, read before the
    lock is taken: it may call the gazetteer. Anything else as it is, for
    the binding to take or refuse."""
    return tuple(aliases) if isinstance(aliases, Iterator) else aliases


class Gazetteer:
    """Names to find in text, with a label and an optional id each.

    Names are not deduplicated: a name added twice (say with two labels) is
    two entries, and each match of it is reported once per entry. Safe to
    share across threads: ``find`` compiles it on first use, and adding
    names afterwards recompiles it (a ``find`` running meanwhile goes on with
    the names it started with). Pickles as its compiled bytes.
    """

    _STATE = (
        "_profile",
        "_switches",
        "_clitics",
        "_tanween",
        "_builder",
        "_compiled",
        "_bundled",
        "_lock",
    )

    def __init__(
        self,
        profile: str = "search",
        clitics: bool = True,
        *,
        tanween: bool = True,
        **switches: bool,
    ) -> None:
        """``clitics``: a name's first word may carry proclitics. ``tanween``: a
        word written with tanween (ً ٌ ٍ, the ending of an indefinite noun in
        vocalised text) may be part of a name; turn it off for places and
        organisations, which almost never take it (صَبِيًّا, a boy, is then no
        mention of صبيا; the bundled gazetteer is built so). Text without
        harakat reads alike either way. ``switches`` override the profile's.
        """
        refuse_second_init(self, "_lock")
        for flag, value in (("clitics", clitics), ("tanween", tanween)):
            if not isinstance(value, bool):
                raise TypeError(f"{flag} must be a bool, not {type(value).__name__}")
        self._profile = profile
        self._switches = dict(switches)
        self._clitics = clitics
        self._tanween = tanween
        self._builder: _kalima.GazetteerBuilder | None = _kalima.GazetteerBuilder(
            Normalizer(profile, **switches), self._clitics, self._tanween
        )
        self._compiled: _kalima.Gazetteer | None = None
        self._bundled = False
        # Adding and compiling one after the other (compiling runs without
        # the GIL, and reads the builder).
        self._lock = _AddingLock()

    def add(
        self,
        name: str,
        label: str,
        id: str | None = None,
        aliases: Iterable[str] | None = (),
    ) -> None:
        """Adds a name; ``aliases`` are other names of the same entry."""
        aliases = _read_aliases(aliases)
        self._lock.run(lambda: self._writable().add(name, label, id, aliases))

    def add_many(self, rows: Iterable[Any]) -> None:
        """Adds (name, label[, id[, aliases]]) tuples or dicts with those keys.

        Converted in C++ without a Python call per row; a bad row raises an
        error naming its index (``rows[3]: ...``), the rows before it added,
        as they are when a generator of rows raises an error of its own.
        """
        if isinstance(rows, (list, tuple)):
            self._lock.run(functools.partial(self._add_rows, rows))
            return
        # Any other iterable is read a chunk at a time outside the lock: a
        # generator may call find on this gazetteer, or take its time while
        # other threads find; the rows are never all held at once.
        iterator = iter(rows)
        first = 0
        while True:
            chunk: list[Any] = []
            error = None
            try:
                chunk.extend(itertools.islice(iterator, _ADD_MANY_CHUNK))
            except Exception as raised:  # the rows' own, raised once those before it are in
                error = raised
            if chunk:
                self._lock.run(functools.partial(self._add_rows, chunk, first))
                first += len(chunk)
            if error is not None:
                raise error
            if len(chunk) < _ADD_MANY_CHUNK:
                return

    def add_words(self, words: Iterable[str]) -> None:
        """Adds words and phrases of their own, in which no name is read.

        كسبها ("won it") is not ك + سبها, الكابل ("the cable") not ال + كابل: no
        name is read inside a text token that is one of these words as written
        (harakat, tatweel and invisible characters aside, presentation forms as
        their letters, Latin in lower case; hamza, ة and ى as they are: وجده,
        "he found it", hides nothing in وجدة, "and Jeddah") or proclitics and
        one (وكسبها, بالكابل); the token as a whole, and names it is a later
        word of, still match. A phrase of several words (صلاة المغرب, the sunset
        prayer) is found as a name is (proclitics on its first word), though
        never with an edit, and gives no match: leftmost-longest matching takes
        its words as a name's, so no name inside it is found unless a name spelt
        like it, or one starting before it, takes them first, and a phrase that
        overlaps it and goes further covers its words too (كأس كوبا أمريكا with
        both phrases listed: no name starts in أمريكا); ``mode="all"`` leaves
        out the names inside a phrase. A bad word raises an error naming its
        index (``words[2]: ...``), the words before it added.
        """
        if isinstance(words, (str, bytes)):
            raise TypeError(f"words must be a list of str, not {type(words).__name__}")
        words = list(words)
        self._lock.run(lambda: self._writable().add_words(words))

    def words(self) -> tuple[str, ...]:
        """The words (as written) and phrases (normalised) of ``add_words``, sorted."""
        return self._matcher().words()

    @classmethod
    def from_tsv(
        cls,
        path: str | os.PathLike[str],
        profile: str = "search",
        clitics: bool = True,
        words: str | os.PathLike[str] | None = None,
        *,
        tanween: bool = True,
    ) -> Gazetteer:
        """Reads a TSV with the header ``name  label  id  aliases`` (aliases separated by ``|``).

        One row a line, fields separated by tabs, no quoting: a ``"`` is part
        of the field it is in. ``words``: a file of words and phrases for
        ``add_words``, one a line (``#`` starts a comment). ``tanween``: as for
        ``Gazetteer``.
        """
        with open(os.fspath(path), "rb") as file:
            data = file.read()
        return cls._from_tsv_bytes(path, data, profile, clitics, words, tanween=tanween)

    @classmethod
    def _from_tsv_bytes(
        cls,
        path: str | os.PathLike[str],
        data: bytes,
        profile: str = "search",
        clitics: bool = True,
        words: str | os.PathLike[str] | None = None,
        *,
        tanween: bool = True,
    ) -> Gazetteer:
        """``from_tsv`` of a file's bytes already read (``path`` names it in
        errors): a pipe can be read only once."""
        if data.startswith(COMPILED_MAGIC):
            raise ValueError(
                f"{path}: a compiled gazetteer (written by save), not a TSV: "
                "open it with kalima.Gazetteer.load"
            )
        gazetteer = cls(profile, clitics, tanween=tanween)
        if words is not None:
            gazetteer._add_words_file(words)
        gazetteer._lock.run(lambda: gazetteer._writable().add_tsv(data, native_path(path)))
        return gazetteer

    def _add_words_file(self, path: str | os.PathLike[str]) -> None:
        with open(os.fspath(path), "rb") as file:
            data = file.read()
        self._lock.run(lambda: self._writable().add_word_list(data, native_path(path)))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """A gazetteer written by ``save``, memory-mapped (checked: version, checksum).

        The file is checked once and then read in place: do not truncate or
        overwrite it while the gazetteer is in use (``save`` to the same path
        is safe: it writes a new file and renames it). A copy in memory,
        free of the file: ``pickle.loads(pickle.dumps(g))``.
        """
        return cls._of(_kalima.Gazetteer.load(native_path(path)))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the compiled gazetteer (a versioned binary format) for ``load``.

        The file is written beside ``path`` and renamed over it, so a reader
        never sees half of it; a symbolic link is followed (the file it leads
        to is replaced, the link kept), and a FIFO or device is refused
        (ValueError) rather than replaced."""
        self._matcher().save(native_path(path))

    @property
    def normalizer(self) -> Normalizer:
        """The normaliser names and text are compared under."""
        return Normalizer(self._profile, **self._switches)

    @property
    def clitics(self) -> bool:
        """Whether a name's first word may carry proclitics."""
        return self._clitics

    @property
    def tanween(self) -> bool:
        """Whether a word written with tanween may be part of a name."""
        return self._tanween

    def __len__(self) -> int:
        compiled = self._compiled
        if compiled is not None:
            return len(compiled)
        # A build in progress gives up the builder's memory as it goes.
        return self._lock.run(
            lambda: len(self._builder) if self._builder is not None else len(self._built())
        )

    def _built(self) -> _kalima.Gazetteer:
        """The compiled form, where there is no builder: one of the two holds
        the names, unless compiling ran out of memory part way."""
        if self._compiled is None:
            raise MemoryError(_NAMES_LOST)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # The properties too: their getters' AttributeError comes back here.
        missing_attribute(self, name, (*self._STATE, "normalizer", "clitics", "tanween"))

    def _writable(self) -> _kalima.GazetteerBuilder:
        """The builder, for adding (the caller holds ``_lock``)."""
        if self._bundled:
            raise TypeError(
                "the bundled gazetteer is shared by the whole process: to add names, "
                "start from kalima.Gazetteer.from_tsv(kalima.default_gazetteer_path(), "
                "words=kalima.default_words_path(), tanween=False)"
            )
        if self._builder is None:
            self._builder = _kalima.GazetteerBuilder(self._built())
        self._compiled = None
        return self._builder

    def _add_rows(self, *args: Any) -> None:
        """``add_rows`` of the builder (the caller holds ``_lock``)."""
        self._writable().add_rows(*args)

    def _matcher(self) -> _kalima.Gazetteer:
        compiled = self._compiled
        if compiled is None:
            # Under the lock: threads whose first find overlaps compile once.
            compiled = self._lock.run(self._compile)
        return compiled

    def _compile(self) -> _kalima.Gazetteer:
        """The compiled form, made now if adding left none (the caller holds ``_lock``)."""
        if self._compiled is None:
            if self._builder is None:
                raise MemoryError(_NAMES_LOST)
            try:
                self._compiled = self._builder.build()
            except MemoryError:
                # The build frees the names as it writes them: any given up
                # are gone, and an empty builder must not compile.
                if len(self._builder) == 0:
                    self._builder = None
                raise
            self._builder = None  # The compiled form holds everything.
        return self._compiled

    @classmethod
    def _of(cls, compiled: _kalima.Gazetteer) -> Gazetteer:
        gazetteer = cls.__new__(cls)
        switches = compiled.normalizer.switches
        gazetteer._profile, gazetteer._switches = _profile_of(switches)
        gazetteer._clitics = compiled.clitics
        gazetteer._tanween = compiled.tanween
        gazetteer._builder = None
        gazetteer._compiled = compiled
        gazetteer._bundled = False
        gazetteer._lock = _AddingLock()
        return gazetteer

    def find(self, text: str, mode: str = "longest", max_edits: int = 0) -> Matches:
        """Every name in ``text``: leftmost-longest non-overlapping (``"longest"``) or ``"all"``."""
        compiled = self._compiled  # Read once: another thread may add names.
        if compiled is None:
            compiled = self._matcher()
        return compiled.find(text, mode, max_edits)

    def find_batch(
        self,
        texts: Iterable[str],
        mode: str = "longest",
        max_edits: int = 0,
        threads: int = 0,
    ) -> list[Matches]:
        """``find`` on every text, on up to ``threads`` threads without the GIL
        once the texts come to 32,768 code points."""
        return self._matcher().find_batch(texts, mode, max_edits, threads)

    def entries(self) -> Iterator[tuple[str, str, str | None, tuple[str, ...]]]:
        """The entries as (name, label, id, aliases), in the order added."""
        compiled = self._matcher()
        return (compiled.entry(i) for i in range(len(compiled)))

    def __repr__(self) -> str:
        settings = [f"profile={self._profile!r}"]
        settings += [f"{name}={value!r}" for name, value in sorted(self._switches.items())]
        flags = (("clitics", self._clitics), ("tanween", self._tanween))
        settings += [f"{flag}=False" for flag, on in flags if not on]
        count = len(self)
        return f"kalima.Gazetteer({count} name{'' if count == 1 else 's'}, {', '.join(settings)})"

    def __reduce__(self) -> tuple[Any, ...]:
        if self._bundled:
            return (default_gazetteer, ())
        # A subclass comes back as itself, with its own attributes.
        cls, extra = subclass_pickle(self, Gazetteer, self._STATE)
        return (_from_bytes, (self._matcher().to_bytes(), *cls), extra)


def _from_bytes(data: bytes, cls: type[Gazetteer] = Gazetteer) -> Gazetteer:
    return cls._of(_kalima.Gazetteer.from_bytes(data))


def _profile_of(switches: dict[str, bool]) -> tuple[str, dict[str, bool]]:
    """The profile (and overrides) that give these switches, fewest overrides first."""
    best: tuple[str, dict[str, bool]] | None = None
    for profile in PROFILES:
        base = Normalizer(profile).switches
        overrides = {k: v for k, v in switches.items() if base.get(k) != v}
        if best is None or len(overrides) < len(best[1]):
            best = (profile, overrides)
    assert best is not None
    return best


def default_gazetteer_path() -> Path:
    """Path of the bundled gazetteer (see kalima/data/README.md for its sources)."""
    return Path(str(resources.files("kalima.data").joinpath(DEFAULT_GAZETTEER)))


def default_words_path() -> Path:
    """Path of the bundled gazetteer's words of their own (see ``Gazetteer.add_words``)."""
    return Path(str(resources.files("kalima.data").joinpath(DEFAULT_WORDS)))


@once
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer: places and organisations (read once per process).

    Shared by every caller in the process, so read-only (``add`` raises
    TypeError; ``copy.deepcopy`` and pickling give this same object back): to
    add names of your own, start from ``Gazetteer.from_tsv(default_gazetteer_path(),
    words=default_words_path(), tanween=False)``.
    """
    gazetteer = _bundled_names()
    gazetteer._matcher()
    gazetteer._bundled = True
    return gazetteer


def _bundled_names(profile: str = "search") -> Gazetteer:
    """The bundled names and words, built as the bundled gazetteer is (under
    ``profile``): a copy of the caller's own."""
    data_dir = native_path(default_gazetteer_path().parent)
    return Gazetteer._of(_kalima.load_bundled_gazetteer(data_dir, Normalizer(profile)))


def find_entities(text: str, mode: str = "longest", max_edits: int = 0) -> Matches:
    """The names of the bundled gazetteer found in ``text``."""
    return default_gazetteer().find(text, mode, max_edits)
