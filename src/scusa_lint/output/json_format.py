"""`--output-format json`: one JSON object, documented in README ("JSON output"), schema_version 1.

Later versions may add keys; they never remove or change the meaning of existing ones.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from scusa_lint import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report

SCHEMA_VERSION = 1


def to_document(report: Report) -> dict[str, Any]:
    """The report as the documented JSON object."""
    counts = report.count_by_level()
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "scusa-lint", "version": __version__},
        "files": [
            {
                "path": result.path,
                "language": result.language,
                "language_from": result.language_from,
                "pipeline": result.pipeline,
                "kind": result.channel,  # the old name of `channel`, kept: schema_version 1 only adds keys
                "channel": result.channel,
                "key": result.key,
                "role": result.role,
                "role_reason": result.role_reason,
                "findings": [finding.to_json() for finding in result.findings],
                "structure": result.structure.to_json() if result.structure is not None else None,
            }
            for result in report.results
        ],
        "summary": {
            "files": len(report.results),
            "findings": sum(counts.values()),
            "by_level": {level.value: n for level, n in counts.items()},
            "rules_run": report.rules_run,
        },
        "pipelines": report.pipelines,
        "skipped_rules": [{"code": s.code, "reason": s.reason} for s in report.skipped],
        "skipped_files": [{"path": f.path, "reason": f.reason} for f in report.skipped_files],
        "notices": list(report.notices),
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in report.errors],
    }


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    console.file.write(json.dumps(to_document(report), ensure_ascii=False, indent=2) + "\n")
