"""Output formats: the one place that maps an --output-format name to its emitter."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


def _on_first_use(module: str) -> Emitter:
    """The emitter of `scusa_lint.output.<module>`, imported when a report is printed in its format (a run
    prints one format: the others' modules, SARIF's and JUnit's among them, are not imported)."""

    def emit(report: Report, console: Console, options: EmitOptions) -> None:
        found: Emitter = importlib.import_module(f"scusa_lint.output.{module}").emit
        found(report, console, options)

    emit.__qualname__ = emit.__name__ = f"{module}.emit"
    return emit


# Human formats print summaries; machine formats print only data.
EMITTERS: dict[str, Emitter] = {
    "full": _on_first_use("full"),
    "concise": _on_first_use("concise"),
    "json": _on_first_use("json_format"),
    # CI formats (issue: outputs for machines)
    "json-lines": _on_first_use("json_lines"),
    "sarif": _on_first_use("sarif"),
    "github": _on_first_use("github"),
    "junit": _on_first_use("junit"),
    "gitlab": _on_first_use("gitlab"),
    "grouped": _on_first_use("grouped"),
}
HUMAN_FORMATS = frozenset({"full", "concise", "grouped"})
# The formats that print a finding's suggestions (the others show the message only): with any other,
# and nothing to fix, the speller's corrections are not computed (Settings.suggestions).
SHOWS_SUGGESTIONS = frozenset({"full", "json", "json-lines", "sarif"})
