"""The type stubs say what the library does.

mypy's stubtest compares every stub with the installed module (signatures,
fields, which classes can be subclassed); typed_usage.py, a program written
as a strictly typed user would write it, must pass ``mypy --strict`` and give
the right answers when run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kalima

HERE = Path(__file__).resolve().parent


def run_mypy(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=HERE, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_stubs_match_the_installed_package():
    run_mypy("mypy.stubtest", "kalima", "--allowlist", str(HERE / "stubtest-allowlist.txt"))


def test_a_strictly_typed_program_type_checks_and_runs(tmp_path):
    run_mypy("mypy", "--strict", "--no-incremental", "typed_usage.py")

    sys.path.insert(0, str(HERE))
    try:
        import typed_usage as use
    finally:
        sys.path.remove(str(HERE))
    text = "وأعرب مازن عن دعم الإتحاد الأوروبي لليبيا. ثم غادر طرابلس"
    assert [e[2] for e in use.entities(text)] == ["الاتحاد الأوروبي", "ليبيا", "طرابلس"]
    assert use.words("في طرابلس 2021") == ["في", "طرابلس"]
    assert use.stems("وبالكتاب") == ["الكتاب"]  # و+ب+الكتاب, the article kept
    assert use.folded(["مدرسة الإتحاد"]) == ["مدرسة الاتحاد"]
    assert use.original_span("وَصَلَ إلى طرابلس", 4, 7) == (7, 10)  # إلى
    g = use.gazetteer(str(tmp_path / "mine.kgaz"))
    assert use.batch(g, [text, "وليبيا"]) == 3  # مازن, لليبيا; وليبيا
    assert use.sentences(text) == ["وأعرب مازن عن دعم الإتحاد الأوروبي لليبيا.", "ثم غادر طرابلس"]
    assert isinstance(g, kalima.Gazetteer)
