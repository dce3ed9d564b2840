"""RuleSpec (a validated rule as written in a pack) and the Rule protocol every kind implements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from scusa_lint.finding import Suggestion
from scusa_lint.taxonomy import Category, Level

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from scusa_lint.kinds.matchers import Hit
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source


@dataclass(frozen=True)
class Example:
    """One example of a rule: a message, and for bad ones optionally the text the rule must flag."""

    text: str
    span: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class RuleSpec:
    """A rule as loaded and validated from a pack; plain data, no spaCy.

    body (Mapping): the kind-specific keys (patterns, unless, require, ...), validated by the loader.
    needs (frozenset[str]): pipeline capabilities the rule needs (lemma, pos, morph, dep).
    skip_kinds (tuple[str, ...]): message kinds (front matter `kind:`) the rule does not apply to.
    """

    code: str
    name: str
    category: Category
    level: Level
    kind: str
    message: str
    description: str
    source: str
    pack: str
    language: str
    path: str
    line: int
    body: Mapping[str, Any]
    needs: frozenset[str]
    link: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    skip_kinds: tuple[str, ...] = ()
    block_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The line of one of the rule's keys, for error messages (falls back to the rule's line)."""
        return self.block_lines.get(key, self.line)


@dataclass
class BuildContext:
    """What a kind may need beyond its spec and the pipeline, shared by all rules of one run.

    settings: the run's Settings (spelling backend, vocabulary, ...).
    notices: messages for the user ("spelling via LanguageTool skipped: ..."); never fail silently.
    services: per-run objects shared between rules (one LanguageTool client for the whole run).
    """

    settings: Settings
    notices: list[str] = field(default_factory=list)
    services: dict[str, Any] = field(default_factory=dict)


class RuleUnavailable(Exception):
    """Raised by a kind's build when the rule cannot run in this configuration; the message is the reason.

    The linter lists the rule as skipped with that reason (e.g. grammar rules without LanguageTool).
    """


class Rule(Protocol):
    """A compiled rule: built once per run against a pipeline, then run on each document."""

    spec: RuleSpec

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        """The places the rule flags; None stands for the whole message (MISSING_* rules)."""
        ...
