"""File paths as the C++ core takes them, and file errors as the command
lines report them."""

from __future__ import annotations

import os


def native_path(path: str | bytes | os.PathLike) -> bytes:
    """``path`` as the bytes the system takes.

    ``os.fsencode`` gives back a name that is not UTF-8 as it was read (a
    str from ``os.listdir`` or ``sys.argv`` holds its bytes as surrogates).
    A NUL would cut the path short in C, so it is refused as ``open`` does.
    """
    encoded = os.fsencode(path)
    if b"\0" in encoded:
        raise ValueError("embedded null byte")
    return encoded


def undecodable_at(name: str, first_line: int, text: str) -> str:
    """Where the first byte that was not UTF-8 is in ``text`` (decoded with
    "surrogateescape", its first line numbered ``first_line``), as
    "NAME:LINE:COLUMN: not UTF-8 (byte 0xFF)", the column in characters;
    "NAME: not UTF-8" if ``text`` holds no such byte."""
    for offset, line in enumerate(text.split("\n")):
        for column, ch in enumerate(line):
            if "\udc80" <= ch <= "\udcff":
                byte = ord(ch) - 0xDC00
                return f"{name}:{first_line + offset}:{column + 1}: not UTF-8 (byte 0x{byte:02X})"
    return f"{name}: not UTF-8"


def read_utf8(path: str | os.PathLike) -> str:
    """The text of a UTF-8 file; ValueError "PATH:LINE:COLUMN: not UTF-8
    (byte 0xFF)" where it is not."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            undecodable_at(os.fspath(path), 1, data.decode("utf-8", "surrogateescape"))
        ) from None


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether ``a`` and ``b`` name one existing file, however spelt (False
    for what names no file: a missing one, a NUL in the name, no path)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, TypeError, ValueError):
        return False


def printable(text: str) -> str:
    """``text`` with the bytes a non-UTF-8 file name or argument holds as
    surrogates shown as U+FFFD (and any other lone surrogate too): fit for a
    model's description or an error message."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def describe(error: Exception) -> str:
    """An error as the command lines report it: a file's as "PATH: reason",
    whichever file it was."""
    if isinstance(error, OSError) and error.strerror:
        if error.filename is not None:
            return f"{error.filename}: {error.strerror}"
        return error.strerror  # The core's, which names the file.
    return str(error)
