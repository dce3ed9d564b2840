"""`--output-format full` (default): per file, each finding with its sentence and the match underlined."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from scusa_lint.output.summary import print_summary
from scusa_lint.structure import MISSING, NOT_CHECKED, NOT_REQUIRED, PRESENT, Structure

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.finding import Finding, MessageResult
    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def emit(report: Report, console: Console, options: EmitOptions) -> None:
    for result in report.results:
        for finding in result.findings:
            _print_finding(console, result.path, finding, result.key)
        if options.quiet:
            continue
        if result.structure is not None:
            _print_structure(console, result, result.structure)
        elif options.verbose and result.role is not None:  # routine messages and fragments: only when asked
            _print_role(console, result)
    print_summary(report, console, options)


_MARKS = {PRESENT: ("✓", "ok"), MISSING: ("✗", "error"), NOT_REQUIRED: ("–", "muted"), NOT_CHECKED: ("?", "muted")}


def _where(result: MessageResult) -> list[str | tuple[str, str]]:
    """The message's path and catalog key, as a summary line starts."""
    return [(result.path, "path"), (f" [{result.key}]" if result.key else "", "path")]


def _print_role(console: Console, result: MessageResult) -> None:
    """A routine message or a fragment: its role and why (apology rules do not run on it)."""
    console.print(
        Text.assemble(*_where(result), f": {result.role}", (f" ({result.role_reason})", "muted"), *_language(result))
    )


def _language(result: MessageResult) -> list[str | tuple[str, str]]:
    """The message's language, when scusa-lint guessed it (nothing in the file or the settings said)."""
    if result.language_from and result.language_from.startswith(("detected", "default")):
        return [(f"  language {result.language}: {result.language_from}", "muted")]
    return []


def _print_structure(console: Console, result: MessageResult, structure: Structure) -> None:
    """One line per apology: its role, the checklist and the score."""
    pieces: list[str | tuple[str, str]] = [*_where(result), f": {result.role or 'apology'}, structure "]
    for part, state in structure.parts.items():
        mark, style = _MARKS[state]
        label = part.replace("_", " ")
        pieces += [(f"{mark} {label}", style), ("" if state in (PRESENT, MISSING) else f" ({state})", "muted"), "  "]
    pieces.append((f"score {structure.score}/100", "bold"))
    pieces += _language(result)
    console.print(Text.assemble(*pieces))
    console.print()


def _print_finding(console: Console, path: str, f: Finding, key: str | None = None) -> None:
    console.print(
        Text.assemble(
            (path, "path"),
            (f":{f.begin.line}:{f.begin.column}: ", "location"),
            (f"[{key}] " if key else "", "path"),
            (f.code, "code"),
            " ",
            (f"[{f.level.value}]", f.level.value),
            " ",
            f.message,
        )
    )
    if f.context is not None:
        sentence, start, end = f.context
        # One line per sentence: line breaks inside it would break the underline.
        flat = sentence.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        console.print(Text.assemble("    ", flat[:start], (flat[start:end], "match"), flat[end:]))
        # Placed by display width: an emoji or a wide character before the match takes two columns.
        console.print(
            Text.assemble("    ", " " * cell_len(flat[:start]), ("^" * max(1, cell_len(flat[start:end])), "caret"))
        )
    elif f.whole_message:
        console.print(Text("    (whole message)", style="muted"))
    for suggestion in f.suggestions:
        console.print(Text(f"    help: {suggestion.text}", style="muted"))
    console.print()
