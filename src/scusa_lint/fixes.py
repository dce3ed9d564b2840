"""--fix, --unsafe-fixes and --diff: apply the suggestions that carry a replacement, keeping the file's bytes intact.

Only spans whose offsets map exactly back to the file are fixed: the file is re-read and
decoded the way it was written (UTF-8 with or without BOM, UTF-16 with a BOM, or the
legacy encoding the readers detect, when it round-trips), and an edit is applied only where the file still holds
the finding's matched text. Catalog formats (YAML, JSON, .po) are never fixed, because a
replacement there would need the format's escaping. Edits are applied from the end
backwards; overlapping edits wait for the next pass. Line endings are kept (a
replacement's line breaks take the file's style) and the write is atomic.
"""

from __future__ import annotations

import codecs
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scusa_lint.atomic import write_atomic
from scusa_lint.finding import FixSafety

if TYPE_CHECKING:
    from scusa_lint.finding import Finding
    from scusa_lint.report import Report

# Formats whose text maps to the file character for character (markup ones get no <, >, & in replacements).
PLAIN_SUFFIXES = frozenset({"", ".txt", ".text", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".mustache", ".hbs"})
MARKUP_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".xhtml", ".eml"})
CATALOG_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".po", ".pot"})
STDIN = "-"


@dataclass(frozen=True)
class Edit:
    """Replace file_text[start:end] (character offsets in the decoded file) with `replacement`."""

    start: int
    end: int
    replacement: str
    code: str


@dataclass
class FilePlan:
    """The fixes for one file: its bytes before and after, and what was applied or left out (and why)."""

    path: str
    original: bytes
    fixed: bytes
    edits: list[Edit] = field(default_factory=list)
    deferred: int = 0  # overlapping edits left for the next pass

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def fixable_suffix(path: str) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix in CATALOG_SUFFIXES:
        return False
    if suffix in PLAIN_SUFFIXES or suffix in MARKUP_SUFFIXES:
        return True
    from scusa_lint.readers import READERS

    return suffix not in READERS  # an unknown suffix is read as plain text


# The legacy encodings the readers accept for files that are not UTF-8 (inputs.decode).
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_exact(data: bytes) -> tuple[str, str, bytes] | None:
    """(text, encoding, byte-order mark) such that BOM + text.encode(encoding) is exactly `data`, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, bom
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return None
    text = str(best)
    try:
        if text.encode(best.encoding) != data:
            return None
    except (UnicodeEncodeError, LookupError):
        return None
    return text, best.encoding, b""


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


def choose(finding: Finding, unsafe: bool) -> str | None:
    """The replacement to apply for a finding: its first suggestion with one, if its safety is allowed."""
    for suggestion in finding.suggestions:
        if suggestion.replacement is not None:
            if suggestion.safety == FixSafety.SAFE or unsafe:
                return suggestion.replacement
            return None
    return None


def fixable_count(report: Report, unsafe: bool) -> int:
    return sum(1 for f in report.findings() if f.match is not None and choose(f, unsafe) is not None)


def plan(report: Report, unsafe: bool, notices: list[str]) -> list[FilePlan]:
    """The edits for every file of the report (nothing is written)."""
    by_path: dict[str, list[Finding]] = {}
    for result in report.results:
        wanted = [f for f in result.findings if f.match is not None and choose(f, unsafe) is not None]
        if wanted:
            by_path.setdefault(result.path, []).extend(wanted)
    plans = []
    for path, findings in by_path.items():
        if path == STDIN or not Path(path).is_file():
            notices.append(f"{path}: not fixed (only files on disk are fixed)")
            continue
        if not fixable_suffix(path):
            notices.append(f"{path}: not fixed ({Path(path).suffix} files need the format's escaping)")
            continue
        file_plan = plan_file(path, findings, unsafe, notices)
        if file_plan is not None and file_plan.changed:
            plans.append(file_plan)
    return plans


def plan_file(path: str, findings: list[Finding], unsafe: bool, notices: list[str]) -> FilePlan | None:
    original = Path(path).read_bytes()
    decoded = decode_exact(original)
    if decoded is None:
        notices.append(f"{path}: not fixed (its encoding does not round-trip exactly)")
        return None
    text, encoding, bom = decoded
    newline = "\r\n" if "\r\n" in text else "\n"
    markup = Path(path).suffix.lower() in MARKUP_SUFFIXES
    edits: list[Edit] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        replacement = choose(finding, unsafe)
        if replacement is None:
            continue
        if text[finding.start : finding.end] != finding.match:
            notices.append(f"{path}:{finding.begin.line}: {finding.code} not fixed (the text does not map exactly)")
            continue
        if markup and any(c in replacement for c in "<>&"):
            notices.append(f"{path}:{finding.begin.line}: {finding.code} not fixed (replacement needs escaping)")
            continue
        replacement = replacement.replace("\r\n", "\n").replace("\n", newline)
        edits.append(Edit(finding.start, finding.end, replacement, finding.code))
    applied: list[Edit] = []
    deferred = 0
    for edit in edits:  # sorted by start: keep the first of overlapping edits
        if applied and edit.start < applied[-1].end:
            deferred += 1
            continue
        applied.append(edit)
    fixed_text = text
    for edit in reversed(applied):
        fixed_text = fixed_text[: edit.start] + edit.replacement + fixed_text[edit.end :]
    return FilePlan(path, original, encode(fixed_text, encoding, bom), applied, deferred)


def write(plans: list[FilePlan], notices: list[str]) -> list[FilePlan]:
    """Write every planned file atomically; return those written. A file that changed since it was
    read, or cannot be written (read-only), is left alone with a notice."""
    written = []
    for file_plan in plans:
        try:
            if Path(file_plan.path).read_bytes() != file_plan.original:
                notices.append(f"{file_plan.path}: not fixed (it changed while it was being fixed)")
                continue
            write_atomic(file_plan.path, file_plan.fixed)
        except OSError as exc:
            notices.append(f"{file_plan.path}: not fixed ({exc.strerror or exc})")
            continue
        written.append(file_plan)
    return written


def unified_diff(file_plan: FilePlan) -> str:
    """The plan as a unified diff (decoded the way the file is)."""
    before = decode_exact(file_plan.original)
    after = decode_exact(file_plan.fixed)
    old = before[0] if before else file_plan.original.decode("utf-8", "replace")
    new = after[0] if after else file_plan.fixed.decode("utf-8", "replace")
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{file_plan.path}",
        tofile=f"b/{file_plan.path}",
    )
    # A last line without a line break is marked as git does, so the diff still applies with `patch`.
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
