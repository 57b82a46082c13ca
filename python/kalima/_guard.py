"""What the compiled classes guarantee, for the package's Python classes that
wrap them: a second ``__init__`` raises (it would silently reset the object),
an object made by ``Cls.__new__(Cls)`` alone raises when used, options are
of their type, and a subclass pickles as itself."""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

T = TypeVar("T")


def refuse_second_init(obj: object, attribute: str) -> None:
    """Raises TypeError if ``obj`` already has ``attribute`` (its ``__init__`` ran)."""
    try:
        object.__getattribute__(obj, attribute)
    except AttributeError:
        return
    raise TypeError(f"this {type(obj).__name__} object is already initialised: make a new one")


class NotInitialisedError(TypeError, AttributeError):
    """Use of an object whose ``__init__`` never ran: a TypeError, as the
    compiled classes raise, and an AttributeError, so that ``hasattr`` and
    ``getattr`` with a default answer as for any missing attribute."""


def missing_attribute(obj: object, name: str, state: tuple[str, ...]) -> NoReturn:
    """For ``__getattr__``: an attribute of ``state`` missing means ``__init__`` never ran."""
    if name in state:
        raise NotInitialisedError(
            f"this kalima.{type(obj).__name__} object was never initialised "
            "(made by __new__ without __init__)"
        )
    raise AttributeError(f"{type(obj).__name__!r} object has no attribute {name!r}")


def bool_option(name: str, value: object) -> bool:
    """``value`` if it is a bool: ``"no"`` or ``None`` would otherwise be taken
    as true or false without a word."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    return value


def subclass_pickle(
    obj: object, base: type, state: tuple[str, ...] = ()
) -> tuple[tuple[type, ...], dict[str, Any] | None]:
    """What a pickle of ``obj`` adds to one of ``base``'s: its class, if it is
    a subclass (a ``base`` pickle stays as older versions wrote and read it),
    and its own attributes, those named in ``state`` aside."""
    own = {k: v for k, v in getattr(obj, "__dict__", {}).items() if k not in state}
    return (() if type(obj) is base else (type(obj),)), own or None


def unpickled(cls: type[T], base: type[T], *args: Any, **kwargs: Any) -> T:
    """An instance of ``cls`` (``base`` or a subclass) made as pickle makes any
    object: by ``base``'s ``__init__`` (which sets the C++ side up), not the
    subclass's own, whose arguments may differ."""
    obj = cls.__new__(cls)
    base.__init__(obj, *args, **kwargs)
    return obj
