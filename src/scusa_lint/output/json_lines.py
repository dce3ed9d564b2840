"""`--output-format json-lines`: one JSON object per finding per line, with its path (and catalog key).

Each line is a finding as in the `json` format (README "JSON output") plus `path` and `key`;
a clean run prints nothing. Suited to `grep`, `jq -c` and log pipelines.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    for result in report.results:
        for finding in result.findings:
            line = {"path": result.path, "key": result.key, **finding.to_json()}
            console.file.write(json.dumps(line, ensure_ascii=False) + "\n")
