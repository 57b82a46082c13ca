"""Module functions whose commonest call, with the text alone, skips Python."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TypeVar, cast

from kalima import _kalima

F = TypeVar("F", bound=Callable)


def one_argument_fast_path(function: F, fast: Callable[[str], object]) -> F:
    """``function`` as a built-in that calls ``fast(text)`` when called with
    one positional argument and no keywords, and ``function`` otherwise.

    Per-line use calls a module function millions of times; a Python
    function with keyword arguments costs its frame and a ``**kwargs`` dict
    each time. ``fast`` must return what ``function(text)`` returns.
    """
    parameters = [
        p.replace(annotation=inspect.Parameter.empty)
        for p in inspect.signature(function).parameters.values()
    ]
    signature = inspect.Signature(parameters)
    # The "name(...)\n--\n\n" head is where CPython finds a built-in's
    # signature for inspect and help().
    doc = f"{function.__name__}{signature}\n--\n\n{inspect.getdoc(function) or ''}"
    return cast(
        F,
        _kalima.one_argument_fast_path(function.__name__, doc, function.__module__, fast, function),
    )
