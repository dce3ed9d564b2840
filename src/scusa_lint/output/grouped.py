"""`--output-format grouped`: findings under their file, then under their category, then by position.

For reviewing a folder of templates: what kind of problem each message has at a glance.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.text import Text

from scusa_lint.output.summary import print_summary
from scusa_lint.taxonomy import CATEGORY_SUMMARIES

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    for result in report.results:
        if not result.findings:
            continue
        title = f"{result.path} [{result.key}]" if result.key else result.path
        console.print(Text(title, style="path"))
        ordered = sorted(result.findings, key=lambda f: (f.category.value, f.sort_key()))
        for category, group in groupby(ordered, key=lambda f: f.category):
            findings = list(group)
            console.print(
                Text.assemble(
                    "  ",
                    (category.value, "bold"),
                    f" ({len(findings)})",
                    (f"  {CATEGORY_SUMMARIES[category]}", "muted"),
                )
            )
            for f in findings:
                console.print(
                    Text.assemble(
                        "    ",
                        (f"{f.begin.line}:{f.begin.column}", "location"),
                        " ",
                        (f.code, "code"),
                        " ",
                        (f"[{f.level.value}]", f.level.value),
                        " ",
                        f.message,
                    )
                )
        console.print()
    print_summary(report, console, options)
