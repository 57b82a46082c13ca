"""Objects made once per process, however many threads ask for them first."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def once(make: Callable[[], T]) -> Callable[[], T]:
    """``make()`` called at most once; every caller gets its result.

    ``functools.lru_cache`` lets threads that ask together each call ``make``
    (each reading and compiling the bundled data, and getting objects of their
    own); here the first caller makes it while the others wait.
    """
    lock = threading.Lock()
    made: list[T] = []

    def unlock_in_child() -> None:
        # A fork while another thread was making it leaves the child a lock
        # no thread of its own will release: the child makes its own.
        nonlocal lock
        lock = threading.Lock()

    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=unlock_in_child)

    @functools.wraps(make)
    def get() -> T:
        if not made:
            with lock:
                if not made:
                    made.append(make())
        return made[0]

    return get
