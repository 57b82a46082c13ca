"""Reading CoNLL-U gold for tuning and evaluation (used by kalima.train and bench/).

UD Arabic treebanks such as PUD write clitics as separate syntactic tokens
glued to their neighbour with ``SpaceAfter=No``; an orthographic word is a run
of tokens glued that way, punctuation and symbols aside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ._paths import read_utf8

SEPARATE_UPOS = frozenset({"PUNCT", "SYM"})


@dataclass
class Sentence:
    sent_id: str
    text: str
    # (form, upos, space_after) per syntactic token.
    tokens: list[tuple[str, str, bool]] = field(default_factory=list)

    @property
    def document(self) -> str:
        """PUD sentence ids are the document id plus three digits."""
        return self.sent_id[:-3]


def read_conllu(path: str | Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    current: Sentence | None = None
    sent_id = ""
    lines = read_utf8(path).splitlines()
    for number, line in enumerate(lines, 1):
        if line.startswith("# sent_id = "):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text = "):
            current = Sentence(sent_id, line.split("=", 1)[1].strip())
            sentences.append(current)
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{number}: expected 10 columns, got {len(cols)}")
            if "-" in cols[0] or "." in cols[0]:
                continue
            if current is None:
                raise ValueError(f"{path}:{number}: token before any '# text' line")
            current.tokens.append((cols[1], cols[3], "SpaceAfter=No" not in cols[9]))
    return sentences


def glued_words(sentence: Sentence) -> list[list[str]]:
    """The orthographic words of a sentence, each as the forms of its syntactic tokens."""
    words: list[list[str]] = []
    glue = False
    for form, upos, space_after in sentence.tokens:
        separate = upos in SEPARATE_UPOS
        if glue and not separate:
            words[-1].append(form)
        else:
            words.append([form])
        glue = not space_after and not separate
    return words


def split_documents(
    sentences: list[Sentence], fraction: float
) -> tuple[list[Sentence], list[Sentence]]:
    """The sentences of the first ``fraction`` of documents, and the rest."""
    order: list[str] = []
    for sentence in sentences:
        if not order or order[-1] != sentence.document:
            order.append(sentence.document)
    first = set(order[: round(len(order) * fraction)])
    head = [s for s in sentences if s.document in first]
    tail = [s for s in sentences if s.document not in first]
    return head, tail
