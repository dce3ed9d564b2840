"""`--output-format concise`: one `path:line:col: CODE [level] message` line per finding (+ catalog key)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scusa_lint.console import plain_writer
from scusa_lint.output.summary import print_summary

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    write = plain_writer(console)
    for result in report.results:
        for f in result.findings:
            # A catalog message's key goes last, so `path:line:col: CODE` parsers keep working.
            key = f" (key {result.key})" if result.key else ""
            write(f"{result.path}:{f.begin.line}:{f.begin.column}: {f.code} [{f.level.value}] {f.message}{key}")
    print_summary(report, console, options)
