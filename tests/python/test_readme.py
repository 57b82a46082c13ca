"""The README's Python examples run and give what it shows.

Each ```python block is run statement by statement in one namespace. What a
statement gives is shown either in a comment on its own line after it (the
value's repr, or the lines it prints) or in a comment at the end of its line
that starts like a repr (a quote, a digit, a bracket or ``kalima.``); prose
after ": " is not part of the value, and "..." stands for any run of text.
Statements that use the README's placeholders (``line``, ``lines``, ``text``,
``rows``, a file of the reader's own) are not run.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import kalima
import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDER_NAMES = {"line", "lines", "text", "rows"}
READERS_OWN_FILE = re.compile(r"\.(tsv|kseg|kgaz)$")
REPR_START = re.compile(r"""^(['"\[(\d-]|kalima\.)""")


@dataclass
class Example:
    line: int  # In the README, 1-based.
    code: str
    shown: list[str] = field(default_factory=list)


def python_blocks() -> list[tuple[int, list[str]]]:
    blocks, current, start = [], None, 0
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if current is None and line.strip() == "```python":
            current, start = [], number + 1
        elif current is not None and line.strip() == "```":
            blocks.append((start, current))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def split_comment(line: str) -> tuple[str, str | None]:
    """The code of a line and its trailing comment, found by the tokenizer."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return line[: token.start[1]].rstrip(), token.string[1:].strip()
    except (tokenize.TokenError, SyntaxError):
        pass  # A line inside a longer statement: its comment is prose.
    return line, None


def examples_of(start: int, lines: list[str]) -> list[Example]:
    examples: list[Example] = []
    pending: list[str] = []
    pending_line = 0
    for offset, raw in enumerate(lines):
        stripped = raw.strip()
        if not pending and stripped.startswith("#"):
            if examples:
                examples[-1].shown.append(stripped[1:].strip())
            continue
        if not stripped:
            continue
        code, comment = split_comment(raw)
        if not pending:
            pending_line = start + offset
        pending.append(code)
        source = "\n".join(pending)
        try:
            ast.parse(source)
        except SyntaxError:
            continue  # A statement that goes on to the next line.
        if (
            pending[0].startswith(("for ", "with ", "if "))
            and offset + 1 < len(lines)
            and lines[offset + 1].startswith((" ", "\t"))
        ):
            continue
        example = Example(pending_line, source)
        if comment is not None and REPR_START.match(comment):
            example.shown.append(comment)
        examples.append(example)
        pending = []
    return examples


def uses_placeholder(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in PLACEHOLDER_NAMES:
            return True
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and READERS_OWN_FILE.search(node.value)
        ):
            return True
    return False


def matches_shown(actual: str, shown: str) -> bool:
    pattern = ".*".join(re.escape(part.strip()) for part in shown.split("..."))
    return re.fullmatch(pattern, actual, flags=re.DOTALL) is not None


def check(example: Example, tree: ast.Module, namespace: dict) -> None:
    is_expression = len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if is_expression:
            value = eval(compile(ast.Expression(tree.body[0].value), "README", "eval"), namespace)
        else:
            exec(compile(tree, "README", "exec"), namespace)
            value = None
    if not example.shown:
        return
    printed = out.getvalue().splitlines()
    if printed:
        assert printed == example.shown, f"README line {example.line}: {example.code}"
        return
    assert is_expression, f"README line {example.line}: a value shown for a statement"
    actual = repr(value)
    shown = " ".join(example.shown)
    # Prose may follow the value after ": " (r.offsets[4]  # 7: index of إ).
    candidates = [shown]
    if ": " in shown:
        candidates.append(shown.split(": ", 1)[0])
    assert any(matches_shown(actual, c) for c in candidates), (
        f"README line {example.line}: {example.code}\n  shows {shown}\n  gives {actual}"
    )


BLOCKS = python_blocks()


def test_readme_has_python_examples_with_values():
    shown = [e for start, lines in BLOCKS for e in examples_of(start, lines) if e.shown]
    assert len(BLOCKS) >= 4
    assert len(shown) >= 15


@pytest.mark.parametrize("start, lines", BLOCKS, ids=[f"line{s}" for s, _ in BLOCKS])
def test_readme_block(start, lines):
    # Run as a script is, so that a block under `if __name__ == "__main__":`
    # runs too.
    namespace = {"kalima": kalima, "__name__": "__main__"}
    for example in examples_of(start, lines):
        tree = ast.parse(example.code)
        if not uses_placeholder(tree):
            check(example, tree, namespace)
