"""Command line: ``python -m kalima <command>``.

Commands:
  normalize  normalise text line by line (a FILE, or standard input)
  demo       normalise the bundled sample article and show before/after
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import BinaryIO, TextIO

from kalima.data import sample_text
from kalima.normalize import PROFILES, SWITCHES, Normalizer

# Read this much at a time (then up to the end of the line), normalised as one
# batch on all cores.
_CHUNK_BYTES = 4 << 20
# Files at least this large get a progress bar on a terminal.
_PROGRESS_FROM_BYTES = 32 << 20


class _Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int | None, label: str, stream: TextIO) -> None:
        self.total = total
        self.label = label
        self.stream = stream
        self.done = 0
        self.start = time.monotonic()
        self.last_draw = 0.0

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        now = time.monotonic()
        if now - self.last_draw >= 0.2:
            self.last_draw = now
            self._draw(now)

    def finish(self) -> None:
        self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-9) / 1e6
        if self.total:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            done = f"{self.done / 1e6:,.0f} MB"
            self.stream.write(f"\r{self.label} [{bar:<30}] {share:6.1%} {done} {rate:,.0f} MB/s")
        else:
            self.stream.write(f"\r{self.label} {self.done / 1e6:,.0f} MB {rate:,.0f} MB/s")
        self.stream.flush()


def _parse_switch(text: str) -> tuple[str, bool]:
    name, sep, value = text.partition("=")
    values = {"on": True, "true": True, "1": True, "off": False, "false": False, "0": False}
    if not sep or value.lower() not in values:
        raise argparse.ArgumentTypeError(f"expected NAME=on or NAME=off, got {text!r}")
    if name not in SWITCHES:
        raise argparse.ArgumentTypeError(f"unknown switch {name!r} (known: {', '.join(SWITCHES)})")
    return name, values[value.lower()]


def _report_undecodable(name: str, first_line: int, text: str) -> str:
    """Locates the first byte that was not UTF-8 (decoded as a lone surrogate)."""
    for offset, line in enumerate(text.split("\n")):
        for column, ch in enumerate(line):
            if "\udc80" <= ch <= "\udcff":
                byte = ord(ch) - 0xDC00
                return f"{name}:{first_line + offset}:{column + 1}: not UTF-8 (byte 0x{byte:02X})"
    return f"{name}: invalid text"


def _normalize_stream(
    source: BinaryIO,
    out: TextIO,
    normalizer: Normalizer,
    name: str,
    threads: int,
    progress: _Progress | None,
) -> int:
    line_no = 1
    while True:
        data = source.read(_CHUNK_BYTES)
        if not data:
            break
        if not data.endswith(b"\n"):
            data += source.readline()
        text = data.decode("utf-8", "surrogateescape")
        lines = text.split("\n")
        try:
            normalized = normalizer.batch(lines, threads=threads)
        except ValueError:
            print(f"kalima: {_report_undecodable(name, line_no, text)}", file=sys.stderr)
            return 1
        out.write("\n".join(normalized))
        line_no += len(lines) - 1
        if progress:
            progress.advance(len(data))
    if progress:
        progress.finish()
    return 0


def _cmd_normalize(args: argparse.Namespace) -> int:
    normalizer = Normalizer(args.profile, **dict(args.switch))
    out = sys.stdout
    if args.file in (None, "-"):
        return _normalize_stream(sys.stdin.buffer, out, normalizer, "<stdin>", args.threads, None)
    try:
        source = open(args.file, "rb")
    except OSError as error:
        print(f"kalima: {args.file}: {error.strerror}", file=sys.stderr)
        return 1
    with source:
        size = os.fstat(source.fileno()).st_size
        show = (
            args.progress
            if args.progress is not None
            else (size >= _PROGRESS_FROM_BYTES and sys.stderr.isatty())
        )
        progress = _Progress(size, "normalize", sys.stderr) if show else None
        return _normalize_stream(source, out, normalizer, args.file, args.threads, progress)


def _cmd_demo(args: argparse.Namespace) -> int:
    normalizer = Normalizer(args.profile)
    text = sample_text()
    print(f"kalima normalisation, profile {args.profile!r}, on the bundled sample article")
    print("(- before, + after; changed words listed beneath)\n")
    changed_total = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        result = normalizer.normalize_with_offsets(line)
        print(f"- {line}")
        print(f"+ {result.text}")
        # Pair each output word with the source span that produced it.
        changes = []
        start = 0
        for word in [*result.text.split(" "), ""]:
            end = start + len(word)
            if word:
                src_start, src_end = result.source_span(start, end)
                source_word = line[src_start:src_end].strip()
                if source_word != word:
                    changes.append(f"{source_word} → {word}")
            start = end + 1
        if changes:
            print("  " + "، ".join(changes))
        changed_total += len(changes)
        print()
    print(f"{changed_total} words changed.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kalima", description="Fast Arabic text primitives.")
    commands = parser.add_subparsers(dest="command", required=True)

    norm = commands.add_parser("normalize", help="normalise text line by line")
    norm.add_argument("file", nargs="?", metavar="FILE", help="input file; - or omitted: stdin")
    norm.add_argument("--profile", default="search", choices=PROFILES)
    norm.add_argument(
        "--switch",
        action="append",
        type=_parse_switch,
        default=[],
        metavar="NAME=on|off",
        help=f"override one switch (repeatable); switches: {', '.join(SWITCHES)}",
    )
    norm.add_argument("--threads", type=int, default=0, help="0: one per core")
    norm.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: for large files on a terminal)",
    )
    norm.set_defaults(run=_cmd_normalize)

    demo = commands.add_parser("demo", help="normalise the bundled sample article")
    demo.add_argument("--profile", default="search", choices=PROFILES)
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Arabic output must not depend on the terminal's locale.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader (head, less) went away; nothing left to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
