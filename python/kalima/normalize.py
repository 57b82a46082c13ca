"""Normalisation: fold the spelling variation of real Arabic text.

The work is done in C++ (``kalima._kalima``); this module adds keyword
arguments, caching of normalizers per profile, pickling and reprs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kalima import _kalima
from kalima._fastcall import one_argument_fast_path
from kalima._guard import missing_attribute, subclass_pickle, unpickled

#: Names accepted by ``profile=``.
PROFILES: tuple[str, ...] = tuple(_kalima.NORMALIZE_PROFILES)
#: Names of the per-operation switches, usable as keyword arguments.
SWITCHES: tuple[str, ...] = tuple(_kalima.NORMALIZE_SWITCHES)


class Normalizer(_kalima.Normalizer):
    """Applies one normalisation profile, with any switch overridden.

    Profiles: ``"search"`` (everything that makes variant spellings compare
    equal), ``"standard"`` (meaning-preserving clean-up: diacritics, tatweel,
    presentation forms, invisibles, digits, whitespace), ``"camel"`` (CAMeL
    Tools' dediac_ar + alef, alef maksura and teh marbuta normalisation) and
    ``"none"``. Switches (see ``kalima.SWITCHES``) are keyword arguments::

        Normalizer("search", teh_marbuta=False)

    Instances are immutable, thread-safe and cheap to pickle (only the
    profile name and switches travel).
    """

    def __init__(self, profile: str = "search", **switches: bool) -> None:
        if "_profile" in self.__dict__:
            # The C++ side keeps its first switches: refuse, rather than let
            # repr and pickle say what it does not do.
            raise TypeError("a Normalizer is immutable: make a new one")
        if not isinstance(profile, str):
            raise TypeError(f"profile must be a str, not {type(profile).__name__}")
        super().__init__(profile, switches)
        self._profile = profile
        self._overrides = dict(switches)

    @property
    def profile(self) -> str:
        """The profile this normalizer started from."""
        return self._profile

    def __getattr__(self, name: str) -> Any:
        # "profile" too: its getter's AttributeError comes back here.
        missing_attribute(self, name, ("_profile", "_overrides", "profile"))

    def __repr__(self) -> str:
        args = [repr(self._profile)]
        args += [f"{name}={value!r}" for name, value in sorted(self._overrides.items())]
        return f"Normalizer({', '.join(args)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _kalima.Normalizer):
            return NotImplemented
        return self.switches == other.switches

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.switches.items())))

    def __reduce__(self) -> tuple[Any, ...]:
        # A subclass comes back as itself, with its own attributes.
        cls, extra = subclass_pickle(self, Normalizer, ("_profile", "_overrides"))
        return (_rebuild, (self._profile, self._overrides, *cls), extra)


def _rebuild(
    profile: str, overrides: dict[str, bool], cls: type[Normalizer] = Normalizer
) -> Normalizer:
    return unpickled(cls, Normalizer, profile, **overrides)


#: A normalised text and where each of its characters came from:
#: ``offsets[i]`` is the index, in the original string, of the character that
#: produced ``text[i]``; ``source_span(start, end)`` maps a span of ``text``
#: back to the span of the original that produced it. Immutable; made in C++,
#: since per-line use makes one per call.
NormalizedText = _kalima.NormalizedText


_cache: dict[object, Normalizer] = {}
_SEARCH = Normalizer("search")


def _normalizer(profile: str, switches: dict[str, bool]) -> Normalizer:
    if any(type(value) is not bool for value in switches.values()):
        # Never from the cache: 0 == False and 1.0 == True would find a
        # normalizer there and skip the check that refuses them.
        return Normalizer(profile, **switches)
    key = (profile, tuple(sorted(switches.items()))) if switches else profile
    normalizer = _cache.get(key)
    if normalizer is None:
        normalizer = Normalizer(profile, **switches)
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = normalizer
    return normalizer


def normalize(text: str, profile: str = "search", **switches: bool) -> str:
    """Normalise ``text`` under ``profile`` with any switch overridden.

    >>> normalize("مؤكداً أن ليبيا")
    'موكدا ان ليبيا'
    >>> normalize("مؤكداً", hamza_carriers=False)
    'مؤكدا'
    """
    if profile == "search" and not switches:
        return _SEARCH.normalize(text)
    return _normalizer(profile, switches).normalize(text)


if not TYPE_CHECKING:
    normalize = one_argument_fast_path(normalize, _SEARCH.normalize)


def normalize_with_offsets(text: str, profile: str = "search", **switches: bool) -> NormalizedText:
    """Like :func:`normalize`, keeping the index of every output character's source."""
    return _normalizer(profile, switches).normalize_with_offsets(text)


if not TYPE_CHECKING:
    normalize_with_offsets = one_argument_fast_path(
        normalize_with_offsets, _SEARCH.normalize_with_offsets
    )
