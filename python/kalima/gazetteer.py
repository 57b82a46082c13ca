"""Gazetteer entity matching: every spelling, every clitic, whole tokens only.

>>> g = Gazetteer()
>>> g.add("المملكة المتحدة", "place", id="Q145")
>>> [(m.prefix, m.text, m.name) for m in g.find("وصل وزير الإتحاد الأوروبي والمملكة المتحدة")]
[('و', 'المملكة المتحدة', 'المملكة المتحدة')]

Names are compared under a normalisation profile ("search" by default: hamza
and alef forms, ى/ي, ة/ه, diacritics and tatweel fold together), may carry the
proclitics of the shared clitic grammar on their first word (و، ف، ب، ل، ك، ال
where the name lacks it, لل for ل + ال, and their combinations), and match
whole tokens only: الليبية is not ليبيا. Offsets are ``str`` indices of the
caller's text; ``text[m.start:m.end]`` is the name as written, without its
clitics (``m.prefix``).

Not built yet (see the project's issue): fuzzy matching (``max_edits``), a
memory-mapped binary format (``save``/``load``), and the HTML view's styling
beyond a plain highlight.
"""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kalima import _kalima
from kalima.normalize import Normalizer

Match = _kalima.Match
MODES = ("longest", "all")
DEFAULT_GAZETTEER = "gazetteer.tsv"
TSV_HEADER = ["name", "label", "id", "aliases"]


class Matches(list):
    """The matches of one text: a list, shown highlighted (right to left) in Jupyter."""

    def __init__(self, text: str, matches: Iterable[Match]) -> None:
        super().__init__(matches)
        self.text = text

    def _repr_html_(self) -> str:
        pieces = []
        at = 0
        for m in sorted(self, key=lambda m: (m.start, -m.end)):
            if m.start < at:
                continue  # Overlapping ("all" mode): the first one is shown.
            pieces.append(html.escape(self.text[at : m.start]))
            title = html.escape(f"{m.name} ({m.label}{', ' + m.id if m.id else ''})")
            pieces.append(f'<mark title="{title}">{html.escape(self.text[m.start : m.end])}</mark>')
            at = m.end
        pieces.append(html.escape(self.text[at:]))
        return f'<div dir="rtl" style="white-space: pre-wrap">{"".join(pieces)}</div>'


class Gazetteer:
    """Names to find in text, with a label and an optional id each.

    Safe to share across threads once built (``find`` builds it on first
    use; adding names afterwards rebuilds it). Pickles as its profile and
    rows.
    """

    def __init__(self, profile: str = "search", clitics: bool = True, **switches: bool) -> None:
        self._normalizer = Normalizer(profile, **switches)
        self._profile = profile
        self._switches = dict(switches)
        self._clitics = bool(clitics)
        self._builder = _kalima.GazetteerBuilder(self._normalizer, self._clitics)
        self._rows: list[tuple[str, str, str | None, tuple[str, ...]]] = []
        self._compiled: _kalima.Gazetteer | None = None

    def add(
        self, name: str, label: str, id: str | None = None, aliases: Iterable[str] = ()
    ) -> None:
        """Adds a name; ``aliases`` are other names of the same entry."""
        for what, value in (("name", name), ("label", label)):
            if not isinstance(value, str):
                raise TypeError(f"{what} must be a str, not {type(value).__name__}")
        if id is not None and not isinstance(id, str):
            raise TypeError(f"id must be a str or None, not {type(id).__name__}")
        if isinstance(aliases, str):
            raise TypeError("aliases must be a list of str, not a str")
        aliases = tuple(aliases)
        for alias in aliases:
            if not isinstance(alias, str):
                raise TypeError(f"aliases must be str, not {type(alias).__name__}")
        if not label.strip():
            raise ValueError(f"the label of {name!r} is empty")
        checked = [("name", name), ("id", id or ""), ("label", label)]
        checked += [("alias", alias) for alias in aliases]
        for what, value in checked:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                raise ValueError(
                    f"{what} {value!r} has a lone surrogate at index {error.start}"
                ) from None
        self._builder.add(name, label, id or "", list(aliases))
        self._rows.append((name, label, id, aliases))
        self._compiled = None

    def add_many(self, rows: Iterable[Any]) -> None:
        """Adds (name, label[, id[, aliases]]) tuples or dicts with those keys."""
        for number, row in enumerate(rows):
            try:
                if isinstance(row, dict):
                    self.add(row["name"], row["label"], row.get("id"), row.get("aliases", ()))
                else:
                    self.add(*row)
            except (TypeError, ValueError, KeyError) as error:
                raise type(error)(f"rows[{number}]: {error}") from None

    @classmethod
    def from_tsv(
        cls, path: str | os.PathLike[str], profile: str = "search", clitics: bool = True
    ) -> Gazetteer:
        """Reads a TSV with the header ``name  label  id  aliases`` (aliases separated by ``|``)."""
        gazetteer = cls(profile, clitics)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(f"{path}: not UTF-8 (byte {error.start})") from None
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
        header = [h.strip() for h in next(reader, [])]
        if len(header) < 2 or header[:4] != TSV_HEADER[: len(header[:4])]:
            raise ValueError(f"{path}:1: expected the header {' / '.join(TSV_HEADER)}")
        for line, fields in enumerate(reader, 2):
            if not fields or not any(f.strip() for f in fields):
                continue
            fields += [""] * (4 - len(fields))
            name, label, id_, aliases = (f.strip() for f in fields[:4])
            try:
                gazetteer.add(
                    name, label, id_ or None, [a for a in aliases.split("|") if a.strip()]
                )
            except ValueError as error:
                raise ValueError(f"{path}:{line}: {error}") from None
        return gazetteer

    def __len__(self) -> int:
        return len(self._rows)

    def _matcher(self) -> _kalima.Gazetteer:
        if self._compiled is None:
            self._compiled = self._builder.build()
        return self._compiled

    def find(self, text: str, mode: str = "longest") -> Matches:
        """Every name in ``text``: leftmost-longest non-overlapping (``"longest"``) or ``"all"``."""
        return Matches(text, self._matcher().find(text, _mode(mode)))

    def find_batch(
        self, texts: list[str] | tuple[str, ...], mode: str = "longest", threads: int = 0
    ) -> list[Matches]:
        """``find`` on every text, GIL released, on up to ``threads`` threads."""
        found = self._matcher().find_batch(texts, _mode(mode), threads)
        return [Matches(text, matches) for text, matches in zip(texts, found)]

    def __repr__(self) -> str:
        return f"kalima.Gazetteer({len(self)} names, profile={self._profile!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._profile, self._switches, self._clitics, self._rows))


def _rebuild(profile: str, switches: dict[str, bool], clitics: bool, rows: list) -> Gazetteer:
    gazetteer = Gazetteer(profile, clitics, **switches)
    gazetteer.add_many(rows)
    return gazetteer


def _mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    return mode


def default_gazetteer_path() -> Path:
    """Path of the bundled gazetteer (see kalima/data/README.md for its sources)."""
    return Path(str(resources.files("kalima.data").joinpath(DEFAULT_GAZETTEER)))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer: countries, capitals and cities (loaded once)."""
    return Gazetteer.from_tsv(default_gazetteer_path())


def find_entities(text: str, mode: str = "longest") -> Matches:
    """The names of the bundled gazetteer found in ``text``."""
    return default_gazetteer().find(text, mode)
