"""`--output-format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure).

One <testsuite> per file and one <testcase> per message (named by its catalog key, or the
path), so that the report lists every linted message; a case fails when the message has a
finding at or above --fail-on, as the run does. Input errors become <error> test cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from scusa_lint.taxonomy import Level

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.finding import Finding, MessageResult
    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def _case_name(result: MessageResult) -> str:
    return result.key or result.path


def _line(result: MessageResult, f: Finding) -> str:
    return f"{result.path}:{f.begin.line}:{f.begin.column}: {f.code} [{f.level.value}] {f.message}"


def to_xml(report: Report, fail_on: Level = Level.WARNING) -> ET.Element:
    """One suite per file, one case per message: failing when a finding is at or above `fail_on`.

    Findings below `fail_on` (info-level suggestions by default) do not fail the case, as they do
    not fail the run; they are listed in the case's <system-out>, so every finding is in the report.
    """
    by_file: dict[str, list[MessageResult]] = {}
    for result in report.results:
        by_file.setdefault(result.path, []).append(result)
    failing_cases = 0
    root = ET.Element("testsuites", name="scusa-lint")
    for path, results in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(results)), errors="0")
        failed_here = 0
        for result in results:
            case = ET.SubElement(suite, "testcase", name=_case_name(result), classname=path, file=path)
            failing = [f for f in result.findings if f.level.rank >= fail_on.rank]
            below = [f for f in result.findings if f.level.rank < fail_on.rank]
            if failing:
                failed_here += 1
                first = failing[0]
                case.set("line", str(first.begin.line))
                count = len(failing)
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{count} problem{'s' if count != 1 else ''}: {first.code} {first.message}",
                    type=",".join(dict.fromkeys(f.code for f in failing)),
                )
                failure.text = "\n".join(_line(result, f) for f in failing)
            if below:
                ET.SubElement(case, "system-out").text = "\n".join(_line(result, f) for f in below)
        suite.set("failures", str(failed_here))
        failing_cases += failed_here
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
    root.set("tests", str(len(report.results) + len(report.errors)))
    root.set("failures", str(failing_cases))
    root.set("errors", str(len(report.errors)))
    return root


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    root = to_xml(report, options.fail_on)
    ET.indent(root)
    console.file.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
