"""Shared helpers for reader tests: lint a fixture with the real linter, and find expected positions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from scusa_lint.finding import Finding, MessageResult
from scusa_lint.inputs import collect, read_sources
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"


@cache
def _linter() -> Linter:
    return Linter(Settings())


def lint(path: Path | str) -> list[MessageResult]:
    """Lint one file with default settings through the real steps of a run (collect, read, mask, lint)."""
    files, errors = collect([str(path)])
    assert not errors, [str(e) for e in errors]
    sources = [source for item in files for source in read_sources(item, None)]
    return _linter().lint(sources)


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


def findings(results: list[MessageResult], code: str) -> list[tuple[MessageResult, Finding]]:
    return [(r, f) for r in results for f in r.findings if f.code == code]
