"""Data files shipped with kalima (each with its licence and attribution in README.md)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_ARTICLE = "tripoli-2021-06-10.txt"


def sample_path() -> Path:
    """Path of the bundled sample article (an Arabic news article, 10 June 2021)."""
    return Path(str(resources.files("kalima.data").joinpath(SAMPLE_ARTICLE)))


def sample_text() -> str:
    """The bundled sample article as a str."""
    return sample_path().read_text(encoding="utf-8")
