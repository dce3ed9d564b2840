"""Shared helpers for reader tests: lint a fixture with the real linter, and find expected positions."""

from __future__ import annotations

from pathlib import Path

from scusa_lint.finding import Finding
from scusa_lint.linter import FileResult
from scusa_lint.run import run
from scusa_lint.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"


def lint(path: Path | str) -> list[FileResult]:
    """Lint one file with default settings through the real pipeline (reader, masking, rules)."""
    report = run([str(path)], Settings())
    assert not report.errors, [str(e) for e in report.errors]
    return report.results


def position(text: str, needle: str, occurrence: int = 0, start: int = 0) -> tuple[int, int]:
    """The 1-based line and column of the n-th occurrence of ``needle`` in ``text`` (after ``start``)."""
    index = text.index(needle, start)
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def where(finding: Finding) -> tuple[int, int]:
    return finding.begin.line, finding.begin.column


def findings(results: list[FileResult], code: str) -> list[tuple[FileResult, Finding]]:
    return [(r, f) for r in results for f in r.findings if f.code == code]
