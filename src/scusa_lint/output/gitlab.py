"""`--output-format gitlab`: GitLab Code Quality report (a JSON array in the Code Climate subset GitLab reads).

Use it as `artifacts: reports: codequality:` in .gitlab-ci.yml; merge requests then show the
findings inline. Severities: error -> major, warning -> minor, info -> info. The fingerprint is
the SARIF one (stable when lines move).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from scusa_lint.output.sarif import artifact_uri, fingerprint
from scusa_lint.taxonomy import Level

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report

SEVERITIES = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def to_code_quality(report: Report) -> list[dict[str, Any]]:
    issues = []
    for result in report.results:
        seen: Counter[tuple[str, str]] = Counter()
        for f in result.findings:
            seen[(f.code, f.match or "")] += 1
            issues.append(
                {
                    "type": "issue",
                    "check_name": f"{f.code} {f.name}",
                    "description": f"{f.code}: {f.message}",
                    "categories": ["Style"],
                    "severity": SEVERITIES[f.level],
                    "fingerprint": fingerprint(result.path, result.key, f, seen[(f.code, f.match or "")]),
                    "location": {
                        "path": artifact_uri(result.path),
                        "positions": {
                            "begin": {"line": f.begin.line, "column": f.begin.column},
                            "end": {"line": f.finish.line, "column": f.finish.column},
                        },
                    },
                }
            )
    return issues


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    console.file.write(json.dumps(to_code_quality(report), ensure_ascii=False, indent=2) + "\n")
