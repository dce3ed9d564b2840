"""Output formats: the one place that maps an --output-format name to its emitter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scusa_lint.output import concise, full, github, gitlab, grouped, json_format, json_lines, junit, sarif

if TYPE_CHECKING:
    from rich.console import Console

    from scusa_lint.report import Report
    from scusa_lint.taxonomy import Level


@dataclass(frozen=True)
class EmitOptions:
    """What emitters may need beyond the report."""

    fail_on: Level
    statistics: bool = False
    verbose: bool = False
    quiet: bool = False
    # Rules the user named one by one (--select SC320): if one is skipped, the summary says so even
    # without -v, since the user asked for it and can act (install a pipeline, configure LanguageTool).
    named_rules: frozenset[str] = frozenset()


Emitter = Callable[["Report", "Console", EmitOptions], None]

# Human formats print summaries; machine formats print only data.
EMITTERS: dict[str, Emitter] = {
    "full": full.emit,
    "concise": concise.emit,
    "json": json_format.emit,
    # CI formats (issue: outputs for machines)
    "json-lines": json_lines.emit,
    "sarif": sarif.emit,
    "github": github.emit,
    "junit": junit.emit,
    "gitlab": gitlab.emit,
    "grouped": grouped.emit,
}
HUMAN_FORMATS = frozenset({"full", "concise", "grouped"})
# The formats that print a finding's suggestions (the others show the message only): with any other,
# and nothing to fix, the speller's corrections are not computed (Settings.suggestions).
SHOWS_SUGGESTIONS = frozenset({"full", "json", "json-lines", "sarif"})
