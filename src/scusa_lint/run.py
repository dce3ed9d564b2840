"""One lint run: collect inputs, read them, lint them all in one batch, gather a Report."""

from __future__ import annotations

from collections.abc import Sequence

from scusa_lint.errors import InputError, ScusaError
from scusa_lint.execution import RunOptions, lint_sources
from scusa_lint.inputs import collect, read_sources
from scusa_lint.report import Report
from scusa_lint.settings import Settings
from scusa_lint.source import Source


def run(
    paths: Sequence[str], settings: Settings, stdin_filename: str | None = None, options: RunOptions | None = None
) -> Report:
    """Lint `paths` with `settings`. Per-file problems go into report.errors; config errors raise.

    options: cache and worker processes (default: no cache, this process only).
    """
    files, errors = collect(paths, stdin_filename)
    report = Report(errors=list(errors))
    sources: list[Source] = []
    for item in files:
        try:
            sources.extend(read_sources(item, None))
        except ScusaError as error:
            report.errors.append(error)
        except Exception as exc:  # a reader bug must not stop the other files: report it as this file's error
            report.errors.append(
                InputError(f"cannot read ({type(exc).__name__}: {exc}); please report this", item.shown)
            )
    outcome = lint_sources(sources, settings, options or RunOptions())
    report.results = outcome.results
    report.errors.extend(outcome.errors)
    for language, info in outcome.infos.items():
        report.pipelines[language] = info.pipeline
        report.skipped.extend(info.skipped)
        report.notices.extend(n for n in info.notices if n not in report.notices)
        report.rules_run += info.rules_run
    report.notices.extend(n for n in outcome.notices if n not in report.notices)
    return report
