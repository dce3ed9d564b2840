"""Report: everything one run produced, as emitters see it (never rules, never Sources)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scusa_lint.catalogs import SkippedFile
from scusa_lint.errors import ScusaError
from scusa_lint.finding import Finding, MessageResult, SkippedRule
from scusa_lint.kinds.base import RuleSpec
from scusa_lint.taxonomy import Level


@dataclass
class Report:
    """The results of a run.

    results: one MessageResult per linted message, in input order.
    errors: inputs that could not be linted (each becomes exit code 2).
    skipped: selected rules that did not run, with the reason.
    notices: other things the user must know (a backend skipped, a fallback taken).
    pipelines: language -> description of the analysis pipeline that ran.
    rules: the specs of the rules that ran (for formats that describe rules, such as SARIF).
    skipped_files: files a folder walk found and did not lint (not message catalogs), with the reason.
    ignored_keys: catalog values not linted because their keys are metadata (`ignore-keys`, `messages`).
    """

    results: list[MessageResult] = field(default_factory=list)
    errors: list[ScusaError] = field(default_factory=list)
    skipped: list[SkippedRule] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    pipelines: dict[str, str] = field(default_factory=dict)
    rules_run: int = 0
    rules: list[RuleSpec] = field(default_factory=list)
    skipped_files: list[SkippedFile] = field(default_factory=list)
    ignored_keys: int = 0

    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def count_by_level(self) -> dict[Level, int]:
        counts = Counter(f.level for f in self.findings())
        return {level: counts.get(level, 0) for level in (Level.ERROR, Level.WARNING, Level.INFO)}

    def count_by_role(self) -> dict[str, int]:
        """How many messages had each role (apology, routine, fragment), in that order."""
        counts = Counter(r.role for r in self.results if r.role is not None)
        return {role: counts[role] for role in ("apology", "routine", "fragment") if counts[role]}

    def failing(self, fail_on: Level) -> bool:
        return any(f.level.rank >= fail_on.rank for f in self.findings())

    def statistics(self) -> list[tuple[int, str, str, Level]]:
        """(count, code, name, level) per rule, most frequent first (ruff's --statistics)."""
        counter: Counter[tuple[str, str, Level]] = Counter((f.code, f.name, f.level) for f in self.findings())
        return sorted(
            ((n, code, name, level) for (code, name, level), n in counter.items()), key=lambda row: (-row[0], row[1])
        )
