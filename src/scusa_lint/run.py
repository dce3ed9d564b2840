"""One lint run: collect inputs, read them, lint them all in one batch, gather a Report."""

from __future__ import annotations

from collections.abc import Sequence

from scusa_lint.errors import ScusaError
from scusa_lint.inputs import collect, read_sources
from scusa_lint.linter import Linter
from scusa_lint.report import Report
from scusa_lint.settings import Settings
from scusa_lint.source import Source


def run(paths: Sequence[str], settings: Settings, stdin_filename: str | None = None) -> Report:
    """Lint `paths` with `settings`. Per-file problems go into report.errors; config errors raise."""
    files, errors = collect(paths, stdin_filename)
    report = Report(errors=list(errors))
    sources: list[Source] = []
    for item in files:
        try:
            sources.extend(read_sources(item, None))
        except ScusaError as error:
            report.errors.append(error)
    linter = Linter(settings)
    report.results = linter.lint(sources)
    languages = sorted({r.language for r in report.results})
    for language in languages:
        ruleset = linter.ruleset(language)
        report.pipelines[language] = ruleset.pipeline.description
        report.skipped.extend(ruleset.skipped)
        report.notices.extend(n for n in ruleset.notices if n not in report.notices)
        report.rules_run += len(ruleset.rules)
    return report
