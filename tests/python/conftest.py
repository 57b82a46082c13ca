"""Shared fixtures: the sample article and, when present, the shared corpus."""

from __future__ import annotations

from pathlib import Path

import kalima
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def sample() -> str:
    return kalima.sample_text()


def corpus_lines(limit: int) -> list[str]:
    """Non-empty lines from the shared corpora (empty list if absent)."""
    lines: list[str] = []
    sources = sorted((SHARED / "data/corpus/saudinewsnet/text").glob("*.txt"))[:1]
    sources += [SHARED / "data/corpus/tashkeela-fadel-benchmark/test.txt"]
    for path in sources:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line:
                    lines.append(line)
                if len(lines) >= limit * len(sources):
                    break
    return lines
