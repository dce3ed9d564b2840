"""`--statistics`: the count of findings per rule, and nothing else (as ruff prints it).

With a machine format (json and the CI formats) the table is a JSON list of
{"code", "name", "level", "count"} objects, most frequent first, so that scripts can read it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.report import Report


def emit(report: Report, console: Console, machine: bool) -> None:
    rows = report.statistics()
    if machine:
        data = [{"code": code, "name": name, "level": level.value, "count": n} for n, code, name, level in rows]
        console.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    for count, code, name, level in rows:
        console.print(
            Text.assemble(
                (f"{count:>5}", "bold"),
                "  ",
                (f"{code:<6}", "code"),
                "  ",
                (f"{level.value:<7}", level.value),
                "  ",
                name,
            )
        )
