"""The closing lines of the human formats: skipped rules and files, notices, counts."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.output import EmitOptions
    from scusa_lint.report import Report


def print_summary(report: Report, console: Console, options: EmitOptions) -> None:
    """Notices, skipped rules and files, guessed languages and the one-line count (unless --quiet)."""
    if options.quiet:
        return
    for notice in report.notices:
        console.print(Text(f"notice: {notice}", style="warning"))
    # Rules skipped for what this machine lacks: once per run, and without -v only when the user named
    # one of them (with the default selection the line is noise the user did not ask for).
    asked = [s for s in report.skipped if s.code.upper() in options.named_rules]
    if report.skipped and (options.verbose or asked):
        shown = report.skipped if options.verbose else asked
        reasons = sorted({s.reason for s in shown})
        console.print(Text(f"{len(shown)} rule(s) skipped: " + "; ".join(reasons), style="muted"))
        if options.verbose:
            for skipped in report.skipped:
                console.print(Text(f"  {skipped.code}: {skipped.reason}", style="muted"))
    if options.verbose:
        for language, description in sorted(report.pipelines.items()):
            console.print(Text(f"pipeline [{language}]: {description}", style="muted"))
    if report.skipped_files:
        count = len(report.skipped_files)
        console.print(
            Text(
                f"{count} file{'s' if count != 1 else ''} found but not linted (not message catalogs, hidden, "
                "or in a language without rules)" + ("" if options.verbose else ": -v lists them with the reason"),
                style="muted",
            )
        )
        if options.verbose:
            for skipped_file in report.skipped_files:
                console.print(Text(f"  {skipped_file.path}: {skipped_file.reason}", style="muted"))
    if options.verbose and report.ignored_keys:
        count = report.ignored_keys
        console.print(
            Text(
                f"{count} catalog value{'s' if count != 1 else ''} not linted: metadata keys (ignore-keys, messages)",
                style="muted",
            )
        )
    guessed = Counter(r.language for r in report.results if (r.language_from or "").startswith(("detected", "default")))
    if guessed:
        tally = ", ".join(f"{n} {language}" for language, n in sorted(guessed.items()))
        console.print(
            Text(
                f"language guessed for {sum(guessed.values())} message{'s' if sum(guessed.values()) != 1 else ''} "
                f"({tally}): nothing in the file or the settings named it; set `language` or -l to choose",
                style="muted",
            )
        )
    roles = report.count_by_role()
    if options.verbose and roles:
        console.print(Text("messages by role: " + ", ".join(f"{n} {role}" for role, n in roles.items()), style="muted"))
    counts = report.count_by_level()
    total = sum(counts.values())
    files = len(report.results)
    if total == 0 and files == 0:
        errors = len(report.errors)
        why = f": {errors} input error{'s' if errors != 1 else ''}" if errors else ""
        console.print(Text(f"Nothing was linted (no messages found){why}.", style="warning"))
        return
    if total == 0 and report.errors:
        errors = len(report.errors)
        console.print(
            Text(
                f"No problems in {files} message{'s' if files != 1 else ''}, but {errors} input "
                f"error{'s' if errors != 1 else ''} (see below).",
                style="warning",
            )
        )
        return
    if total == 0:
        console.print(Text(f"All checks passed ({files} message{'s' if files != 1 else ''}).", style="ok"))
        return
    parts = ", ".join(
        f"{n} {level.value}{'s' if n != 1 and level.value != 'info' else ''}" for level, n in counts.items() if n
    )
    failing = "" if report.failing(options.fail_on) else f" (none at or above {options.fail_on.value})"
    console.print(
        Text(
            f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in "
            f"{sum(1 for r in report.results if r.findings)} of {files} message"
            f"{'s' if files != 1 else ''}{failing}.",
            style="bold",
        )
    )
