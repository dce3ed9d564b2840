"""`--output-format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure).

One <testsuite> per file; one failing <testcase> per finding, or one passing <testcase>
for a clean file, so that the report lists every linted file. Input errors become
<error> test cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.finding import MessageResult
    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def _suite_name(result: MessageResult) -> str:
    return f"{result.path} [{result.key}]" if result.key else result.path


def to_xml(report: Report) -> ET.Element:
    findings = report.findings()
    root = ET.Element(
        "testsuites",
        name="scusa-lint",
        tests=str(sum(max(1, len(r.findings)) for r in report.results) + len(report.errors)),
        failures=str(len(findings)),
        errors=str(len(report.errors)),
    )
    for result in report.results:
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_suite_name(result),
            tests=str(max(1, len(result.findings))),
            failures=str(len(result.findings)),
            errors="0",
        )
        if not result.findings:
            ET.SubElement(suite, "testcase", name="scusa-lint", classname=result.path)
            continue
        for f in result.findings:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{f.code} {f.name} at {f.begin.line}:{f.begin.column}",
                classname=result.path,
                line=str(f.begin.line),
                file=result.path,
            )
            failure = ET.SubElement(case, "failure", message=f.message, type=f.code)
            failure.text = f"{result.path}:{f.begin.line}:{f.begin.column}: {f.code} [{f.level.value}] {f.message}"
    if report.errors:
        suite = ET.SubElement(
            root,
            "testsuite",
            name="input errors",
            tests=str(len(report.errors)),
            failures="0",
            errors=str(len(report.errors)),
        )
        for error in report.errors:
            case = ET.SubElement(suite, "testcase", name=error.kind, classname=error.path or "scusa-lint")
            ET.SubElement(case, "error", message=error.message, type=error.kind).text = str(error)
    return root


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    root = to_xml(report)
    ET.indent(root)
    console.file.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
