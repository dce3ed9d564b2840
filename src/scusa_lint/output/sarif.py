"""`--output-format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

tool.driver.rules lists the rules that ran, with their description as help text and
their link as helpUri; each result points to its rule by id and index, maps the level
to error/warning/note, and carries a partial fingerprint that does not depend on the
line number (so a finding keeps its identity when lines are added above it).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from scusa_lint import __version__
from scusa_lint.fixes import fixable_suffix
from scusa_lint.taxonomy import Level

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.finding import Finding
    from scusa_lint.kinds.base import RuleSpec
    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
FINGERPRINT = "scusaLint/v1"


def artifact_uri(path: str) -> str:
    """A relative path with forward slashes (relative to the current folder when under it)."""
    pure = Path(path)
    if pure.is_absolute():
        try:
            pure = pure.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return pure.as_uri()
    return PurePath(os.path.normpath(pure)).as_posix()


def rule_descriptor(spec: RuleSpec) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.message.replace("{match}", "…")},
        "fullDescription": {"text": spec.description},
        "help": {"text": _help_text(spec)},
        "defaultConfiguration": {"level": LEVELS[spec.level]},
        "properties": {"category": spec.category.value, "pack": spec.pack, "tags": [spec.category.value, spec.pack]},
    }
    if spec.link:
        descriptor["helpUri"] = spec.link
    return descriptor


def _help_text(spec: RuleSpec) -> str:
    lines = [spec.description, "", f"Source: {spec.source}"]
    if spec.suggestions:
        lines += ["", *(f"- {s.text}" for s in spec.suggestions)]
    return "\n".join(lines)


def fingerprint(path: str, key: str | None, finding: Finding, occurrence: int) -> str:
    """Stable across line moves: rule, file, catalog key, matched text and its occurrence number."""
    match = " ".join((finding.match or "").split())
    raw = "\x1f".join((finding.code, artifact_uri(path), key or "", match, str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def to_sarif(report: Report) -> dict[str, Any]:
    descriptors = {spec.code: rule_descriptor(spec) for spec in report.rules}
    for f in report.findings():  # a finding whose rule the report does not describe still gets an entry
        descriptors.setdefault(f.code, {"id": f.code, "name": f.name, "shortDescription": {"text": f.message}})
    codes = sorted(descriptors)
    index = {code: i for i, code in enumerate(codes)}
    results: list[dict[str, Any]] = []
    for result in report.results:
        seen: Counter[tuple[str, str]] = Counter()
        for f in result.findings:
            seen[(f.code, f.match or "")] += 1
            region = {
                "startLine": f.begin.line,
                "startColumn": f.begin.column,
                "endLine": f.finish.line,
                "endColumn": f.finish.column,
            }
            location: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}, "region": region}
            }
            if result.key:
                location["logicalLocations"] = [{"fullyQualifiedName": result.key, "kind": "member"}]
            sarif_result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": LEVELS[f.level],
                "message": {"text": f.message},
                "locations": [location],
                "partialFingerprints": {
                    FINGERPRINT: fingerprint(result.path, result.key, f, seen[(f.code, f.match or "")])
                },
                "properties": {"category": f.category.value},
            }
            if f.external is not None:  # the LanguageTool rule behind SC902, with its own page
                sarif_result["properties"]["externalRule"] = f.external.to_json()
            if f.link and f.link != descriptors[f.code].get("helpUri"):
                sarif_result["properties"]["helpUri"] = f.link
            # Only where --fix would write (a catalog's replacement needs the format's escaping), and
            # each fix says its safety: a SARIF consumer applying them all must be able to keep to --fix.
            fixes = [s for s in f.suggestions if s.replacement is not None]
            if fixes and f.match is not None and fixable_suffix(result.path):
                sarif_result["fixes"] = [
                    {
                        "description": {"text": s.text},
                        "properties": {"safety": s.safety.value},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": artifact_uri(result.path)},
                                "replacements": [{"deletedRegion": region, "insertedContent": {"text": s.replacement}}],
                            }
                        ],
                    }
                    for s in fixes
                ]
            results.append(sarif_result)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{error.kind}: {error.message}"},
            **(
                {
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": artifact_uri(error.path)},
                                **({"region": {"startLine": error.line}} if error.line else {}),
                            }
                        }
                    ]
                }
                if error.path
                else {}
            ),
        }
        for error in report.errors
    ]
    notifications += [{"level": "note", "message": {"text": notice}} for notice in report.notices]
    notifications += [{"level": "note", "message": {"text": f"{s.code} skipped: {s.reason}"}} for s in report.skipped]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "scusa-lint",
                        "version": __version__,
                        "rules": [descriptors[code] for code in codes],
                    }
                },
                "invocations": [
                    {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    console.file.write(json.dumps(to_sarif(report), ensure_ascii=False, indent=2) + "\n")
