"""Command line: ``python -m kalima <command>``.

Commands:
  normalize  normalise text line by line (a FILE, or standard input)
  tokenize   tokens (and sentences) of each line, as JSON lines
  segment    clitic segmentation of each line (و+ب+الكتاب), or JSON lines
  entities   gazetteer names found in each line, as JSON lines
  demo       the bundled sample article: normalised (before/after), then
             split into sentences and tokens, then its clitics
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import select
import stat
import sys
import time
from collections.abc import Iterator
from typing import BinaryIO, Callable, TextIO

from kalima._paths import describe, same_file, undecodable_at
from kalima.data import sample_text
from kalima.gazetteer import (
    COMPILED_MAGIC,
    MODES,
    Gazetteer,
    _bundled_names,
    _from_bytes,
    default_gazetteer,
)
from kalima.normalize import PROFILES, SWITCHES, Normalizer
from kalima.segment import SCHEMES, Segmenter
from kalima.tokenize import SentenceSplitter, Tokenizer

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
        self.finished = False
        self.drawn = False

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        now = time.monotonic()
        if now - self.last_draw >= 0.2:
            self.last_draw = now
            self._draw(now)

    def finish(self) -> None:
        """Draws the bar a last time and ends its line (once)."""
        if not self.finished:
            self._draw(time.monotonic())
            self.end_line()

    def end_line(self) -> None:
        """Ends the bar's line as it stands, if it was drawn."""
        if self.drawn and not self.finished:
            self.finished = True
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        self.drawn = True
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


def _threads(text: str) -> int:
    """--threads: 0 (one per core) or a count of threads."""
    try:
        threads = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= threads <= 4096:
        raise argparse.ArgumentTypeError(f"expected 0 (one per core) to 4096, got {threads}")
    return threads


# What decoding with "surrogateescape" makes of a byte that is not UTF-8.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


@contextlib.contextmanager
def _bar_ended(progress: _Progress | None) -> Iterator[None]:
    """Ends the progress bar's line when the work in it ends, before an
    interrupt's message follows; as it stands when the reader went away."""
    try:
        yield
    except BrokenPipeError:
        if progress:
            progress.end_line()
        raise
    except BaseException:
        if progress:
            progress.finish()
        raise
    if progress:
        progress.finish()


def _read_chunk(source: BinaryIO) -> bytes:
    """Up to _CHUNK_BYTES of whole lines of `source`: as much as a file
    holds, but only what a pipe or terminal has ready (a line typed, or
    written by a slow producer, is processed at once, not once 4 MiB have
    come), then the rest of its last line."""
    read1 = getattr(source, "read1", None)
    data = read1(_CHUNK_BYTES) if read1 is not None else source.read(_CHUNK_BYTES)
    if read1 is not None and data and not stat.S_ISREG(_mode(source)):
        # A fast producer's pipe: take what is ready without waiting, so that
        # batches stay large.
        parts = [data]
        size = len(data)
        while size < _CHUNK_BYTES and _ready(source):
            more = read1(_CHUNK_BYTES - size)
            if not more:
                break
            parts.append(more)
            size += len(more)
        data = b"".join(parts)
    if data and not data.endswith(b"\n"):
        data += source.readline()
    return data


def _mode(source: BinaryIO) -> int:
    try:
        return os.fstat(source.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return 0


def _ready(source: BinaryIO) -> bool:
    """Whether reading `source` would not wait (False where that cannot be
    told)."""
    try:
        return bool(select.select([source], [], [], 0)[0])
    except (OSError, ValueError, TypeError):
        return False


def _process_stream(
    source: BinaryIO,
    out: TextIO,
    process: Callable[[list[str]], list[str]],
    name: str,
    progress: _Progress | None,
    records: bool,
) -> int:
    """Feeds the lines of `source` to `process` a chunk at a time (one batch
    call on all cores) and writes what it returns, one item per line. Text
    out keeps the input's last newline, or its lack; JSON `records` end
    with one each, as JSON Lines has them."""
    with _bar_ended(progress):
        line_no = 1
        while True:
            # An error reading the input is reported here; one writing the output
            # reaches main.
            try:
                data = _read_chunk(source)
            except OSError as error:
                _report(progress, f"{name}: {error.strerror or error}")
                return 1
            if not data:
                break
            text = data.decode("utf-8", "surrogateescape")
            lines = text.split("\n")
            # A chunk ends with a newline unless it ends the file: its last item
            # is then empty and stands for nothing.
            last_is_empty = lines[-1] == ""
            # The lines before one that is not UTF-8 are written, then it is
            # reported: the output stops where the input went wrong.
            bad = _UNDECODABLE.search(text)
            if bad:
                lines = [*lines[: text.count("\n", 0, bad.start())], ""]
                last_is_empty = True
            try:
                results = process(lines[:-1] if last_is_empty else lines)
            except ValueError as error:
                _report(progress, f"{name}: {error}")
                return 1
            # One write: an interrupt then leaves no record without its newline.
            ends_line = bool(results) and (last_is_empty or records)
            out.write("\n".join(results) + ("\n" if ends_line else ""))
            # Out as soon as made: a reader at the end of a pipe (tail -f | kalima
            # | grep) sees each line's result, not 4 MiB of them at a time.
            out.flush()
            if bad:
                out.flush()
                _report(progress, undecodable_at(name, line_no, text))
                return 1
            line_no += len(lines) - 1
            if progress:
                progress.advance(len(data))
        return 0


def _report(progress: _Progress | None, message: str) -> None:
    """Prints an error on a line of its own, the progress bar ended first."""
    if progress:
        progress.finish()
    print(f"kalima: {message}", file=sys.stderr)


def _run_on_input(
    args: argparse.Namespace,
    label: str,
    process: Callable[[list[str]], list[str]],
    records: bool = False,
) -> int:
    """Runs `process` over FILE or standard input, with a progress bar for
    large files on a terminal (or as --progress says)."""
    out = sys.stdout
    if args.file in (None, "-"):
        if sys.stdin is None:
            print("kalima: no standard input (closed); name a FILE", file=sys.stderr)
            return 1
        # No size to measure against: the bar counts megabytes and speed.
        progress = _Progress(None, label, sys.stderr) if args.progress else None
        return _process_stream(sys.stdin.buffer, out, process, "<stdin>", progress, records)
    try:
        source = open(args.file, "rb")
    except OSError as error:
        print(f"kalima: {describe(error)}", file=sys.stderr)
        return 1
    with source:
        size = os.fstat(source.fileno()).st_size
        show = (
            args.progress
            if args.progress is not None
            else (size >= _PROGRESS_FROM_BYTES and sys.stderr.isatty())
        )
        progress = _Progress(size, label, sys.stderr) if show else None
        return _process_stream(source, out, process, args.file, progress, records)


def _cmd_normalize(args: argparse.Namespace) -> int:
    normalizer = Normalizer(args.profile, **dict(args.switch))
    return _run_on_input(args, "normalize", lambda lines: normalizer.batch(lines, args.threads))


def _token_record(token) -> dict:
    return {"start": token.start, "end": token.end, "text": token.text, "kind": token.kind}


def _sentence_records(tokens, sentences) -> list[dict]:
    """Each sentence with its tokens (one pass: both come in text order)."""
    records = []
    items = tokens.to_list()
    k = 0
    for sentence in sentences:
        inside = []
        while k < len(items) and items[k].start < sentence.end:
            inside.append(_token_record(items[k]))
            k += 1
        records.append(
            {"start": sentence.start, "end": sentence.end, "text": sentence.text, "tokens": inside}
        )
    return records


def _cmd_tokenize(args: argparse.Namespace) -> int:
    tokenizer = Tokenizer(
        urls=args.urls, emails=args.emails, hashtags=args.hashtags, mentions=args.mentions
    )
    splitter = SentenceSplitter()

    def process(lines: list[str]) -> list[str]:
        out = []
        for line_tokens in tokenizer.batch(lines, args.threads):
            if args.sentences:
                sentences = splitter.split_tokens(line_tokens)
                record = {"sentences": _sentence_records(line_tokens, sentences)}
            else:
                record = {"tokens": [_token_record(t) for t in line_tokens]}
            out.append(json.dumps(record, ensure_ascii=False))
        return out

    return _run_on_input(args, "tokenize", process, records=True)


def _segmented_record(token) -> dict:
    parts = [
        {"start": p.start, "end": p.end, "text": p.text, "form": p.form, "role": p.role}
        for p in token.parts
    ]
    return {**_token_record(token), "parts": parts}


def _cmd_segment(args: argparse.Namespace) -> int:
    # One output line per input line, each word's parts visibly apart.
    if not args.separator or any(c in args.separator for c in "\n\r\u2028\u2029"):
        print("kalima: --separator must be non-empty and hold no line break", file=sys.stderr)
        return 2
    try:
        segmenter = Segmenter(args.model)
    except (OSError, ValueError) as error:
        print(f"kalima: {describe(error)}", file=sys.stderr)
        return 1

    def process(lines: list[str]) -> list[str]:
        if not args.json:
            return segmenter.segmented_texts(lines, args.scheme, args.separator, args.threads)
        return [
            json.dumps({"tokens": [_segmented_record(t) for t in tokens]}, ensure_ascii=False)
            for tokens in segmenter.segment_batch(lines, args.scheme, args.threads)
        ]

    return _run_on_input(args, "segment", process, records=args.json)


_WORDS_HELP = (
    "file of words that only look like proclitics + a name (كسبها is not ك + سبها) "
    "and phrases that hold a name not meant (كوبا أمريكا), one a line, # comments: "
    "no name is read inside them"
)


def _open_gazetteer(args: argparse.Namespace) -> Gazetteer:
    """The bundled gazetteer, a compiled one (``save``), or a TSV; with the
    words of their own in the file ``args.words``, if given. ``--profile`` and
    ``--no-tanween`` shape a gazetteer built here; a compiled one keeps what
    it was compiled with, and one that differs is refused (ValueError)."""
    profile = args.profile or "search"
    if args.gazetteer is None:
        if args.words is None and profile == "search":
            return default_gazetteer()
        gazetteer = _bundled_names(profile)
    else:
        if args.gazetteer == "-":
            if args.file in (None, "-"):
                raise ValueError(
                    "--gazetteer - and the text would both be read from standard "
                    "input: name a FILE for one of them"
                )
            mapped, data = False, sys.stdin.buffer.read()
        else:
            # Read once, unless it is a compiled file on disk, which load
            # maps: it may be a pipe (<(cat names.tsv), /dev/stdin).
            with open(os.fspath(args.gazetteer), "rb") as handle:
                head = handle.read(len(COMPILED_MAGIC))
                mapped = head == COMPILED_MAGIC and stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
                data = b"" if mapped else head + handle.read()
        if not mapped and not data.startswith(COMPILED_MAGIC):
            gazetteer = Gazetteer._from_tsv_bytes(
                args.gazetteer, data, profile, tanween=not args.no_tanween
            )
        else:
            gazetteer = Gazetteer.load(args.gazetteer) if mapped else _from_bytes(data)
            if args.profile is not None and gazetteer.normalizer != Normalizer(args.profile):
                raise ValueError(
                    f"--profile {args.profile}: {args.gazetteer} was compiled under "
                    f"{gazetteer.normalizer!r}; compile it again with that profile"
                )
            if args.no_tanween and gazetteer.tanween:
                raise ValueError(
                    f"--no-tanween: {args.gazetteer} was compiled with tanween; "
                    "compile it again with compile-gazetteer --no-tanween"
                )
    if args.words is not None:
        gazetteer._add_words_file(args.words)
    return gazetteer


def _cmd_entities(args: argparse.Namespace) -> int:
    try:
        gazetteer = _open_gazetteer(args)
    except (OSError, ValueError) as error:
        print(f"kalima: {describe(error)}", file=sys.stderr)
        return 1

    def process(lines: list[str]) -> list[str]:
        fields = ("start", "end", "text", "prefix", "name", "label", "id", "edits")
        return [
            json.dumps(
                {"entities": [{f: getattr(m, f) for f in fields} for m in matches]},
                ensure_ascii=False,
            )
            for matches in gazetteer.find_batch(
                lines, mode=args.mode, max_edits=args.max_edits, threads=args.threads
            )
        ]

    return _run_on_input(args, "entities", process, records=True)


def _cmd_compile_gazetteer(args: argparse.Namespace) -> int:
    # Saving replaces the file at `out`: an input named there would be lost.
    for role, source in (("gazetteer", args.tsv), ("--words", args.words)):
        if source is not None and same_file(args.out, source):
            print(
                f"kalima: {args.out} is the {role} file being compiled; "
                "write the compiled gazetteer to another file",
                file=sys.stderr,
            )
            return 1
    try:
        gazetteer = Gazetteer.from_tsv(
            args.tsv, profile=args.profile, words=args.words, tanween=not args.no_tanween
        )
        gazetteer.save(args.out)
    except (OSError, ValueError) as error:
        print(f"kalima: {describe(error)}", file=sys.stderr)
        return 1
    print(f"{args.out}: {len(gazetteer):,} entries, {os.path.getsize(args.out):,} bytes")
    return 0


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
    print("\nSentences and tokens (│ between tokens; kinds other than Arabic words marked):\n")
    sentences = SentenceSplitter().split(text)
    tokenizer = Tokenizer()
    for number, sentence in enumerate(sentences, 1):
        shown = [
            t.text if t.kind == "arabic" else f"{t.text}⟨{t.kind}⟩"
            for t in tokenizer.tokenize(sentence.text)
        ]
        print(f"{number:2}. [{sentence.start}:{sentence.end}] " + " │ ".join(shown))
    total = len(tokenizer.tokenize(text))
    print(f"\n{len(sentences)} sentences, {total} tokens.")
    print(
        "\nClitic segmentation (words with clitics; restored forms in brackets"
        " where they differ):\n"
    )
    split = []
    for token in Segmenter().segment(text):
        if len(token.parts) > 1:
            forms = "+".join(p.form for p in token.parts)
            surface = "+".join(p.text for p in token.parts)
            split.append(surface if forms == surface else f"{surface} [{forms}]")
    print("  " + "  ".join(split))
    print(f"\n{len(split)} of {total} tokens carry clitics.")
    print("\nEntities of the bundled gazetteer (offsets are str indices of the article):\n")
    found = default_gazetteer().find(text)
    for m in found:
        written = f"{m.prefix}+{m.text}" if m.prefix else m.text
        described = written if m.text == m.name else f"{written} → {m.name}"
        print(f"  [{m.start}:{m.end}] {described}  {m.label} {m.id or ''}".rstrip())
    print(f"\n{len(found)} mentions of {len({m.name for m in found})} entities.")
    return 0


def _add_stream_arguments(command: argparse.ArgumentParser) -> None:
    """FILE, --threads and --progress, shared by the line-streaming commands."""
    command.add_argument("file", nargs="?", metavar="FILE", help="input file; - or omitted: stdin")
    command.add_argument("--threads", type=_threads, default=0, help="0: one per core")
    command.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: for large files on a terminal)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kalima", description="Fast Arabic text primitives.")
    commands = parser.add_subparsers(dest="command", required=True)

    norm = commands.add_parser("normalize", help="normalise text line by line")
    norm.add_argument("--profile", default="search", choices=PROFILES)
    norm.add_argument(
        "--switch",
        action="append",
        type=_parse_switch,
        default=[],
        metavar="NAME=on|off",
        help=f"override one switch (repeatable); switches: {', '.join(SWITCHES)}",
    )
    _add_stream_arguments(norm)
    norm.set_defaults(run=_cmd_normalize)

    tok = commands.add_parser(
        "tokenize",
        help="tokens of each line as JSON lines",
        description="One JSON object per input line: its tokens (start, end: str "
        "indices in the line; text; kind), or with --sentences its sentences, "
        "each with its tokens.",
    )
    tok.add_argument("--sentences", action="store_true", help="group tokens by sentence")
    for kind in ("urls", "emails", "hashtags", "mentions"):
        tok.add_argument(
            f"--{kind}",
            action=argparse.BooleanOptionalAction,
            default=True,
            help=f"recognise {kind} as single tokens (default: on)",
        )
    _add_stream_arguments(tok)
    tok.set_defaults(run=_cmd_tokenize)

    seg = commands.add_parser(
        "segment",
        help="clitic segmentation of each line",
        description="Each input line with its words split into clitics and stem "
        "(و+ب+الكتاب), or with --json one JSON object per line: its tokens, each "
        "with its parts (start, end: str indices in the line; text; form; role).",
    )
    seg.add_argument("--scheme", default="clitics", choices=SCHEMES)
    seg.add_argument("--json", action="store_true", help="JSON lines with offsets and roles")
    seg.add_argument(
        "--separator",
        default="+",
        help="what joins a word's parts (default: +; text holding + itself, such as "
        "URLs or e-mail addresses, reads better with one it lacks; not used with --json)",
    )
    seg.add_argument("--model", help="segmenter model file (default: the bundled one)")
    _add_stream_arguments(seg)
    seg.set_defaults(run=_cmd_segment)

    ent = commands.add_parser(
        "entities",
        help="gazetteer names in each line as JSON lines",
        description="One JSON object per input line: the names of the gazetteer found "
        "in it (start, end: str indices of the name without its proclitics; text; "
        "prefix; name; label; id; edits).",
    )
    ent.add_argument(
        "--gazetteer",
        help="TSV with the header name, label, id, aliases, or a file written by "
        "compile-gazetteer; - reads it from standard input (default: the bundled "
        "gazetteer)",
    )
    ent.add_argument(
        "--words", help=_WORDS_HELP + " (with no --gazetteer: added to the bundled list)"
    )
    ent.add_argument(
        "--profile",
        choices=PROFILES,
        help="normalisation profile names are compared under, for a gazetteer built "
        "from a TSV (default: search; a compiled file keeps its own)",
    )
    ent.add_argument(
        "--no-tanween",
        action="store_true",
        help="with a TSV: read no name over a word written with tanween, as "
        "compile-gazetteer --no-tanween (the bundled gazetteer is built so)",
    )
    ent.add_argument("--mode", default="longest", choices=MODES)
    ent.add_argument(
        "--max-edits",
        type=int,
        default=0,
        choices=(0, 1),
        help="1: also names of six letters or more spelt with one edit (see the README)",
    )
    _add_stream_arguments(ent)
    ent.set_defaults(run=_cmd_entities)

    compile_ = commands.add_parser(
        "compile-gazetteer",
        help="compile a gazetteer TSV into a binary file that loads in milliseconds",
    )
    compile_.add_argument("tsv", help="TSV with the header name, label, id, aliases")
    compile_.add_argument("out", help="where to write the compiled gazetteer")
    compile_.add_argument(
        "--profile",
        default="search",
        choices=PROFILES,
        help="normalisation profile names are compared under (default: search)",
    )
    compile_.add_argument("--words", help=_WORDS_HELP)
    compile_.add_argument(
        "--no-tanween",
        action="store_true",
        help="read no name over a word written with tanween (صَبِيًّا is not صبيا): "
        "for places and organisations, as the bundled gazetteer",
    )
    compile_.set_defaults(run=_cmd_compile_gazetteer)

    demo = commands.add_parser(
        "demo",
        help="normalise, split, tokenise and segment the bundled sample article, "
        "and find the bundled gazetteer's names in it",
    )
    demo.add_argument("--profile", default="search", choices=PROFILES)
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if sys.stdout is None:
        if sys.stderr is not None:
            print("kalima: no standard output (closed)", file=sys.stderr)
        return 1
    # Arabic output must not depend on the terminal's locale; a file name
    # that is not UTF-8 is written back as the bytes it was given as, in
    # messages too.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")
    try:
        status = args.run(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader (head, less) went away; nothing left to say.
        _discard_output()
        return 0
    except KeyboardInterrupt:
        # Ctrl-C: what was written stays written; 130 is the shell's status
        # for a command SIGINT stopped.
        print("kalima: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        # The commands report their own files' errors; what is left is
        # writing the output (a full disk).
        print(f"kalima: <stdout>: {error.strerror or error}", file=sys.stderr)
        _discard_output()
        return 1


def _discard_output() -> None:
    """Points standard output at /dev/null, so that the flush at exit does
    not fail again on what is still buffered."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
