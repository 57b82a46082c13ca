"""Scores kalima's tokens and sentences against UD Arabic-PUD gold.

Gold tokens are the treebank's orthographic words and punctuation: a run of
syntactic tokens glued by ``SpaceAfter=No`` is one word (clitics were split
off by the annotators: ب + شأن = بشأن), while punctuation and symbols stay
tokens of their own. Sentences are scored on the concatenated sentences of
each document (``sent_id`` minus its last three digits), joined by a space.
Both are F1 over spans of the text with whitespace ignored, as in the CoNLL
2018 shared task. A plain regex tokeniser is scored alongside as a reference.

    python bench/tokenize_eval.py [--conllu FILE] [--errors N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import kalima
from kalima._conllu import SEPARATE_UPOS, Sentence, read_conllu

DEFAULT_CONLLU = (
    Path(__file__).resolve().parents[2] / "shared/data/ud-arabic-pud/ar_pud-ud-dev-first500.conllu"
)
REGEX = re.compile(r"\w+|[^\w\s]")
NUMBER = re.compile(r"[\d.,٫٬:]+")
CLITICS = re.compile(r"[وفبلك]+")


def gold_words(sentence: Sentence, split_numbers: bool) -> list[str]:
    """Orthographic words and punctuation of one gold sentence.

    With ``split_numbers``, a clitic glued to a number (و + 2006) stays two
    tokens, as kalima's contract asks (ب300 -> ب | 300) and as the gold's own
    syntactic tokens have it. The article is not a clitic: ال3 stays one word.
    """
    words: list[str] = []
    glue = False  # The previous token was a word glued to this one.
    previous = ""
    for form, upos, space_after in sentence.tokens:
        separate = upos in SEPARATE_UPOS
        separate_here = (
            split_numbers
            and glue
            and bool(NUMBER.fullmatch(form))
            and bool(CLITICS.fullmatch(previous))
        )
        if glue and not separate and not separate_here:
            words[-1] += form
        else:
            words.append(form)
        glue = not space_after and not separate
        previous = form
    return words


def locate(text: str, pieces: list[str], where: str) -> list[tuple[int, int]]:
    spans = []
    cursor = 0
    for piece in pieces:
        start = text.find(piece, cursor)
        if start < 0 or text[cursor:start].strip():
            raise ValueError(f"{where}: gold token {piece!r} not found at {cursor}")
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    return spans


def documents(
    sentences: list[Sentence], split_numbers: bool
) -> list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]]:
    """(text, gold token spans, gold sentence spans) per document."""
    docs: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        docs.setdefault(sentence.document, []).append(sentence)
    out = []
    for members in docs.values():
        text = ""
        tokens: list[tuple[int, int]] = []
        bounds: list[tuple[int, int]] = []
        for sentence in members:
            if text:
                text += " "
            offset = len(text)
            spans = locate(sentence.text, gold_words(sentence, split_numbers), sentence.sent_id)
            tokens += [(s + offset, e + offset) for s, e in spans]
            bounds.append((spans[0][0] + offset, spans[-1][1] + offset))
            text += sentence.text
        out.append((text, tokens, bounds))
    return out


def non_space_index(text: str) -> list[int]:
    """index[i]: how many non-whitespace characters precede position i."""
    index = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        index[i + 1] = index[i] + (not ch.isspace())
    return index


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    correct: int = 0

    def add(self, gold: set, system: set) -> None:
        self.gold += len(gold)
        self.system += len(system)
        self.correct += len(gold & system)

    def f1(self) -> tuple[float, float, float]:
        p = self.correct / self.system if self.system else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

    def __str__(self) -> str:
        p, r, f = self.f1()
        counts = f"{self.correct}/{self.gold} gold, {self.system} system"
        return f"P {p:6.2f}  R {r:6.2f}  F1 {f:6.2f}  ({counts})"


def evaluate(conllu: Path, show_errors: int) -> dict[str, Score]:
    sentences = read_conllu(conllu)
    strict = Score()
    for text, gold_tokens, _ in documents(sentences, split_numbers=False):
        strict.add(set(gold_tokens), set(kalima.tokenize(text).spans()))
    scores = {
        "kalima tokens": Score(),
        "  orthographic": strict,
        "regex tokens": Score(),
        "kalima sentences": Score(),
    }
    token_errors: Counter[str] = Counter()
    sentence_errors: list[str] = []
    for text, gold_tokens, gold_sentences in documents(sentences, split_numbers=True):
        index = non_space_index(text)

        def norm(spans, index=index):
            return {(index[s], index[e]) for s, e in spans}

        gold = norm(gold_tokens)
        system_spans = kalima.tokenize(text).spans()
        system = norm(system_spans)
        scores["kalima tokens"].add(gold, system)
        regex = norm((m.start(), m.end()) for m in REGEX.finditer(text))
        scores["regex tokens"].add(gold, regex)
        for s, e in sorted(set(gold_tokens) - set(system_spans)):
            covering = [text[a:b] for a, b in system_spans if a < e and b > s]
            token_errors[f"gold {text[s:e]!r} -> kalima {covering}"] += 1
        gold_s = norm(gold_sentences)
        system_s = kalima.sentences(text)
        scores["kalima sentences"].add(gold_s, norm((x.start, x.end) for x in system_s))
        if norm(gold_sentences) != norm((x.start, x.end) for x in system_s):
            sentence_errors.append(
                "gold:\n    "
                + "\n    ".join(text[s:e] for s, e in gold_sentences)
                + "\n  kalima:\n    "
                + "\n    ".join(x.text for x in system_s)
            )
    for name, score in scores.items():
        print(f"{name:18} {score}")
    if show_errors:
        print(f"\nToken errors ({sum(token_errors.values())} gold tokens missed):")
        for error, count in token_errors.most_common(show_errors):
            print(f"  {count} x {error}")
        print(f"\nSentence errors ({len(sentence_errors)} documents):")
        for error in sentence_errors[:show_errors]:
            print("  " + error)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--errors", type=int, default=40, help="errors to list (0: none)")
    args = parser.parse_args(argv)
    if not args.conllu.exists():
        print(f"{args.conllu}: not found (pass --conllu)", file=sys.stderr)
        return 2
    evaluate(args.conllu, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
