"""`--output-format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

    ::error file=mail.txt,line=3,col=14,endLine=3,endColumn=32,title=SC101 blame-on-others::message

Levels map to error, warning and notice. Values are escaped as the runner expects
(% CR LF in the message; also : and , in properties).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scusa_lint.taxonomy import Level

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    for result in report.results:
        for f in result.findings:
            properties = ",".join(
                f"{name}={escape_property(str(value))}"
                for name, value in (
                    ("file", result.path),
                    ("line", f.begin.line),
                    ("col", f.begin.column),
                    ("endLine", f.finish.line),
                    ("endColumn", f.finish.column),
                    ("title", f"{f.code} {f.name}"),
                )
            )
            where = f" [{result.key}]" if result.key else ""
            console.file.write(f"::{COMMANDS[f.level]} {properties}::{escape_data(f.message + where)}\n")
    for error in report.errors:
        location = f"file={escape_property(error.path)}" if error.path else ""
        if error.path and error.line:
            location += f",line={error.line}"
        console.file.write(f"::error {location}::{escape_data(f'{error.kind}: {error.message}')}\n")
