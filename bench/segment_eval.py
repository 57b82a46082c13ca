"""Scores kalima's clitic segmentation against UD Arabic-PUD gold.

The gold words are the treebank's syntactic tokens (clitics split off by the
annotators, as surface substrings: للسلطة is ل + لسلطة). kalima segments each
document's raw text end to end (tokeniser, then segmenter, scheme
"clitics"), and its parts are scored against the gold tokens as F1 over
spans with whitespace ignored (CoNLL 2018 "Words"). The scoring weights were
tuned on the first half of the documents (``--tune-fraction`` of
``python -m kalima.train``), so the second half is the held-out figure.

    python bench/segment_eval.py [--conllu FILE] [--model FILE] [--errors N]
    python bench/segment_eval.py --swap-halves   # the other fold: tune on the second half
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import kalima
from _common import CORPUS
from kalima import train
from kalima._conllu import Sentence, glued_words, read_conllu, split_documents
from tokenize_eval import DEFAULT_CONLLU, Score, locate, non_space_index


def documents(sentences: list[Sentence]):
    """(text, gold syntactic-token spans, orthographic words as lists of spans) per document."""
    by_doc: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_doc.setdefault(sentence.document, []).append(sentence)
    for members in by_doc.values():
        text = ""
        tokens: list[tuple[int, int]] = []
        words: list[list[tuple[int, int]]] = []
        for sentence in members:
            if text:
                text += " "
            offset = len(text)
            forms = [form for form, _, _ in sentence.tokens]
            spans = [
                (s + offset, e + offset) for s, e in locate(sentence.text, forms, sentence.sent_id)
            ]
            tokens += spans
            at = 0
            for word in glued_words(sentence):
                words.append(spans[at : at + len(word)])
                at += len(word)
            text += sentence.text
        yield text, tokens, words


def error_type(
    text: str, gold: list[tuple[int, int]], system: list[tuple[int, int]]
) -> tuple[str, str]:
    """(kind of error, e.g. "false proclitic ب", and the example "gold X / kalima Y")."""
    gold_parts = [text[s:e] for s, e in gold]
    system_parts = [text[s:e] for s, e in system]
    example = f"gold {'+'.join(gold_parts)} / kalima {'+'.join(system_parts)}"
    gold_cuts = {e for _, e in gold[:-1]}
    system_cuts = {e for _, e in system[:-1]}
    start, end = gold[0][0], gold[-1][1]
    wrong = sorted((c, "false") for c in system_cuts - gold_cuts)
    wrong += sorted((c, "missed") for c in gold_cuts - system_cuts)
    if not wrong:
        return "other split", example
    cut, how = wrong[0]
    cuts = sorted((gold_cuts if how == "missed" else system_cuts) | {start, end})
    at = cuts.index(cut)
    if cut - start <= end - cut:
        kind = f"{how} proclitic {text[cuts[at - 1] : cut]}"
    else:
        kind = f"{how} suffix {text[cut : cuts[at + 1]]}"
    return kind, example


def evaluate(
    conllu: Path,
    segmenter: kalima.Segmenter,
    fraction: float,
    show_errors: int,
    labels: tuple[str, str] = ("held-out", "tuning"),
) -> dict[str, Score]:
    tuned, held_out = split_documents(read_conllu(conllu), fraction)
    results = {}
    for name, part in zip(labels, (held_out, tuned)):
        score = Score()
        exact = words = 0
        errors: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for text, gold_tokens, gold_words in documents(part):
            index = non_space_index(text)
            system_spans = [(p.start, p.end) for t in segmenter.segment(text) for p in t.parts]
            score.add(
                {(index[s], index[e]) for s, e in gold_tokens},
                {(index[s], index[e]) for s, e in system_spans},
            )
            system_set = set(system_spans)
            for word in gold_words:
                words += 1
                start, end = word[0][0], word[-1][1]
                inside = sorted(sp for sp in system_set if sp[0] >= start and sp[1] <= end)
                if inside == word:
                    exact += 1
                else:
                    if not inside:
                        inside = sorted(sp for sp in system_set if sp[0] < end and sp[1] > start)
                    kind, example = error_type(text, word, inside)
                    errors[f"{kind}: {example}"] += 1
                    kinds[kind] += 1
        results[name] = score
        print(f"{name:9} words {score}   exact words {100 * exact / words:6.2f}% of {words}")
        if show_errors and name == labels[0]:
            print(
                "  commonest error kinds: "
                + ", ".join(f"{k} {n}" for k, n in kinds.most_common(12))
            )
            for label, count in errors.most_common(show_errors):
                print(f"  {count} x {label}")
    return results


def swapped_model(conllu: Path, corpus: Path, fraction: float) -> kalima.Segmenter:
    """A model like the default one but with weights tuned on the *other* documents."""
    trainer, _ = train.count_corpus(corpus)
    train.add_names(trainer, train.DEFAULT_NAMES)
    _, rest = split_documents(read_conllu(conllu), fraction)
    weights = train.weights_from_gold(trainer, rest)
    return kalima.Segmenter.from_bytes(trainer.build(weights, "swapped halves", 2), "swapped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--model", type=Path, help="segmenter model (default: the bundled one)")
    parser.add_argument(
        "--tune-fraction",
        type=float,
        default=0.5,
        help="share of documents the weights were tuned on",
    )
    parser.add_argument("--errors", type=int, default=40, help="errors to list (0: none)")
    parser.add_argument(
        "--swap-halves",
        action="store_true",
        help="retrain the weights on the second part, report the first as held-out (2-fold check)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="raw corpus for --swap-halves")
    args = parser.parse_args(argv)
    if not args.conllu.exists():
        print(f"{args.conllu}: not found (pass --conllu)", file=sys.stderr)
        return 2
    if args.swap_halves:
        segmenter = swapped_model(args.conllu, args.corpus, args.tune_fraction)
        print("weights tuned on the second part of the documents instead of the first")
        evaluate(args.conllu, segmenter, args.tune_fraction, 0, ("tuning", "held-out"))
        return 0
    segmenter = kalima.Segmenter(args.model)
    print(segmenter.description)
    evaluate(args.conllu, segmenter, args.tune_fraction, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
