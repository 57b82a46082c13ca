"""Rebuilds kalima's learned models from raw text.

    python -m kalima.train segmenter --corpus DIR --out FILE [--tune GOLD.conllu]

The segmenter model is the word statistics of a raw corpus (every ``*.txt``
file under DIR, UTF-8) plus the weights of its scoring model. With
``--tune``, the weights are learned (a log-linear model over the candidate
analyses, fitted by maximum likelihood with an L2 penalty) from the first
``--tune-fraction`` of the documents of a CoNLL-U file whose clitics are
separate tokens; otherwise they are taken from the default model. The same
corpus and arguments give the same file.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from . import _kalima
from ._conllu import glued_words, read_conllu, split_documents
from ._paths import describe, native_path, printable, read_utf8, same_file

_CHUNK_CHARS = 4 << 20
DEFAULT_NAMES = Path(__file__).resolve().parent / "data" / "segmenter-names.txt"


def count_corpus(
    corpus: Path, threads: int = 0, progress=None
) -> tuple[_kalima.SegmenterTrainer, int]:
    """Counts the Arabic words of every *.txt file under ``corpus``."""
    if not corpus.exists():
        raise FileNotFoundError(f"{corpus}: no such folder")
    if not corpus.is_dir():
        raise NotADirectoryError(f"{corpus}: not a folder (the corpus is a folder of *.txt files)")
    files = sorted(p for p in corpus.rglob("*.txt") if p.is_file())
    if not files:
        raise FileNotFoundError(f"{corpus}: no *.txt files to learn from")
    trainer = _kalima.SegmenterTrainer()
    for path in files:
        chunk: list[str] = []
        size = 0
        with path.open(encoding="utf-8", errors="strict") as handle:
            try:
                for line in handle:
                    chunk.append(line)
                    size += len(line)
                    if size >= _CHUNK_CHARS:
                        trainer.add_texts(chunk, threads)
                        chunk, size = [], 0
            except UnicodeDecodeError:
                # Where, as the other readers say it (the error's own offset is
                # within a block of the file).
                read_utf8(path)
                raise
        trainer.add_texts(chunk, threads)
        if progress:
            progress(path)
    if trainer.words == 0:
        raise ValueError(f"{corpus}: no Arabic word in its {len(files)} *.txt files")
    return trainer, len(files)


def _gold_spans(parts: list[str]) -> tuple[tuple[int, int], ...]:
    spans = []
    at = 0
    for part in parts:
        spans.append((at, at + len(part)))
        at += len(part)
    return tuple(spans)


def tune_weights(
    model: _kalima.Segmenter, words: list[list[str]], epochs: int = 300, l2: float = 0.01
) -> list[float]:
    """Weights of a conditional log-linear model over each word's candidate analyses.

    Maximises the log-probability of the gold analysis (softmax over the
    candidates) minus an L2 penalty, by full-batch Adam: deterministic, and
    smooth where a perceptron would chase the last few examples.
    """
    examples = []
    for parts in words:
        candidates = model.candidates("".join(parts))
        if len(candidates) < 2:
            continue
        gold = _gold_spans(parts)
        hits = [i for i, (spans, _) in enumerate(candidates) if tuple(spans) == gold]
        if hits:
            sparse = [[(i, v) for i, v in enumerate(features) if v] for _, features in candidates]
            examples.append((sparse, hits[0]))
    if not examples:
        raise ValueError("no tuning examples: the gold has no Arabic words with clitics")
    size = len(_kalima.segmenter_feature_names())
    weights = [0.0] * size
    first = [0.0] * size
    second = [0.0] * size
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for epoch in range(1, epochs + 1):
        grad = [l2 * w for w in weights]
        for analyses, gold_index in examples:
            scores = [sum(weights[i] * v for i, v in c) for c in analyses]
            top = max(scores)
            exps = [math.exp(x - top) for x in scores]
            total = sum(exps)
            for c, e in zip(analyses, exps):
                p = e / total
                for i, v in c:
                    grad[i] += p * v
            for i, v in analyses[gold_index]:
                grad[i] -= v
        for i in range(size):
            g = grad[i] / len(examples)
            first[i] = beta1 * first[i] + (1 - beta1) * g
            second[i] = beta2 * second[i] + (1 - beta2) * g * g
            step = (
                rate
                * (first[i] / (1 - beta1**epoch))
                / (math.sqrt(second[i] / (1 - beta2**epoch)) + 1e-8)
            )
            weights[i] -= step
    return weights


def add_names(trainer: _kalima.SegmenterTrainer, path: Path) -> None:
    """Protects the words of every name in ``path`` (one per line)."""
    for number, line in enumerate(read_utf8(path).splitlines(), 1):
        if line.strip():
            try:
                trainer.add_name(line)
            except ValueError as error:
                raise ValueError(f"{path}:{number}: {error}") from None


def weights_from_gold(
    trainer: _kalima.SegmenterTrainer, sentences: list, min_count: int = 2
) -> list[float]:
    """Scoring weights tuned on the orthographic words of gold ``sentences``."""
    zeros = [0.0] * len(_kalima.segmenter_feature_names())
    counts_only = _kalima.Segmenter.from_bytes(trainer.build(zeros, "counts", min_count), "counts")
    return tune_weights(counts_only, [word for s in sentences for word in glued_words(s)])


def _refuse_overwriting_inputs(
    out: Path, corpus: Path, tune: Path | None, names: Path | None
) -> None:
    """The model must not be written over a file the run reads."""
    if not out.exists():
        return
    inputs = [("--tune", tune), ("--names", names)]
    if corpus.is_dir():
        inputs += [("--corpus", p) for p in corpus.rglob("*.txt")]
    for option, path in inputs:
        if path is not None and same_file(out, path):
            raise ValueError(
                f"{out} is a file the run reads ({option} {path}); write the model elsewhere"
            )


def train_segmenter(
    corpus: Path,
    out: Path,
    tune: Path | None = None,
    tune_fraction: float = 0.5,
    min_count: int = 2,
    threads: int = 0,
    licence: str = "",
    source: str = "",
    names: Path | None = None,
    log=print,
) -> bytes:
    _refuse_overwriting_inputs(out, corpus, tune, names)
    trainer, files = count_corpus(corpus, threads, progress=lambda p: log(f"counted {p.name}"))
    description = (
        f"kalima segmenter model; word statistics from {trainer.words} Arabic words in "
        f"{files} files of {printable(source or corpus.resolve().name)}"
    )
    if names is not None:
        # The default is the installed package's list, which a checkout's
        # may have moved past: say which file was read.
        log(f"names kept whole from {names}")
        add_names(trainer, names)
        description += f"; {trainer.names} words of the names in {printable(names.name)} kept whole"
    if licence:
        description += f"; licence of the statistics: {printable(licence)}"
    if tune is not None:
        gold = read_conllu(tune)
        sentences, _ = split_documents(gold, tune_fraction)
        if not sentences:
            raise ValueError(
                f"--tune-fraction {tune_fraction:g} selects none of the "
                f"{len({s.document for s in gold})} documents of {tune}"
            )
        weights = weights_from_gold(trainer, sentences, min_count)
        description += (
            f"; weights tuned on the first {tune_fraction:g} of the documents of "
            f"'{printable(tune.name)}' "
            f"({len(sentences)} sentences)"
        )
    else:
        from .segment import default_segmenter

        default = default_segmenter()
        weights = default._core.weights
        # Where the default model's weights came from, carried along (the
        # same words again when it was itself made so).
        _, found, origin = default.description.partition("; weights ")
        if origin.startswith("of kalima's default model"):
            description += "; weights " + origin
        else:
            description += "; weights of kalima's default model" + (f" ({origin})" if found else "")
    data = trainer.build(weights, description, min_count)
    # Written beside `out` and renamed over it: a run that fails or is
    # stopped part-way (a full disk, Ctrl-C) leaves `out` as it was.
    _kalima.Segmenter.from_bytes(data, str(out)).save(native_path(out))
    log(f"wrote {out} ({len(data)} bytes): {description}")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kalima.train", description=__doc__.split("\n\n")[0]
    )
    models = parser.add_subparsers(dest="model", required=True)
    seg = models.add_parser("segmenter", help="the clitic segmenter's model")
    seg.add_argument("--corpus", type=Path, required=True, help="folder of UTF-8 *.txt files")
    seg.add_argument("--out", type=Path, required=True, help="model file to write")
    seg.add_argument("--tune", type=Path, help="CoNLL-U gold to learn the scoring weights from")
    seg.add_argument(
        "--tune-fraction",
        type=float,
        default=0.5,
        help="share of its documents to use (from the start)",
    )
    seg.add_argument("--min-count", type=int, default=2, help="rarest word kept (default 2)")
    seg.add_argument(
        "--source",
        default="",
        help="what the corpus is, recorded in the model (default: its folder name)",
    )
    seg.add_argument("--licence", default="", help="licence of the corpus, recorded in the model")
    seg.add_argument(
        "--names",
        type=Path,
        default=DEFAULT_NAMES,
        help="names whose words of four letters or more are never cut (a و-initial one only "
        "as a first word seen without its و no more often than whole), one per line "
        "(default: the bundled place names)",
    )
    seg.add_argument(
        "--no-names", dest="names", action="store_const", const=None, help="protect no names"
    )
    seg.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)
    if not 0 < args.tune_fraction <= 1:
        parser.error("--tune-fraction must be in (0, 1]")
    if not 1 <= args.min_count <= 2**32 - 1:
        parser.error("--min-count must be from 1 to 4294967295")
    if args.threads < 0:
        parser.error("--threads must be 0 (one per core) or more")
    try:
        train_segmenter(
            args.corpus,
            args.out,
            args.tune,
            args.tune_fraction,
            args.min_count,
            args.threads,
            args.licence,
            args.source,
            args.names,
            log=lambda message: print(message, file=sys.stderr),
        )
    except (OSError, ValueError) as error:
        print(f"error: {describe(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Ctrl-C: the model file is as it was (written last, atomically); 130
        # is the shell's status for an interrupt.
        print("kalima.train: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
