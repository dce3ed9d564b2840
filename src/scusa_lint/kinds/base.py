"""RuleSpec (a validated rule as written in a pack), what building a rule needs, and the Rule protocol.

A rule kind is two things (Vale's split between loading and matching):
- an options type, parsed and validated when the pack loads (no spaCy), so that every command
  accepts and rejects the same packs;
- a rule class, compiled once per rule set from the spec and the pipeline, that only matches.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from scusa_lint.finding import Suggestion
from scusa_lint.taxonomy import Category, Level

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.engine.blocks import Hit, Matcher, PatternBlock
    from scusa_lint.engine.phrases import PhraseIndex
    from scusa_lint.engine.scopes import Scopes
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source
    from scusa_lint.wordclasses import ClassIndex


@dataclass(frozen=True)
class Example:
    """One example of a rule: a message, and for bad ones optionally the text the rule must flag."""

    text: str
    span: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class RuleSpec:
    """A rule as loaded and validated from a pack; plain data, no spaCy.

    options: the kind's typed options (an ExistenceOptions, a RequiredOptions, ...), validated by the loader.
    skip_channels (tuple[str, ...]): message channels (front matter `channel:`) the rule does not apply to.
    roles (tuple[str, ...]): the message roles the rule applies to (roles.py): apology for the apology
        rules, every role for spelling and the checks of the file.
    problem_sign (bool): whether a finding of the rule makes a routine message an apology (roles.py,
        step 7); by default, whether its category presupposes a problem. A rule whose construction is
        also common in routine text («il prodotto è stato eliminato») says `problem_sign: false`.
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
    options: Any
    link: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    skip_channels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ("apology",)
    problem_sign: bool = False

    @property
    def needs(self) -> frozenset[str]:
        """The pipeline capabilities the rule's patterns need (lemma, pos, morph, dep)."""
        return frozenset(need for block in self.blocks() for need in block.needs)

    def blocks(self) -> list[PatternBlock]:
        """The pattern blocks of the rule's options (its own, `unless`, `require`, `first`, `then`)."""
        from scusa_lint.engine.blocks import PatternBlock

        blocks: list[PatternBlock] = []
        for _, value in _block_fields(self.options):
            values = value if isinstance(value, tuple) else (value,)  # `unless` may be a list of blocks
            blocks.extend(v for v in values if isinstance(v, PatternBlock))
        return blocks


def replace_blocks(options: Any, change: Callable[[PatternBlock], PatternBlock]) -> Any:
    """A kind's options with each pattern block (a field, or a member of a tuple field such as a list of
    `unless` blocks) replaced by ``change(block)``: the same walk as :meth:`RuleSpec.blocks`."""
    from scusa_lint.engine.blocks import PatternBlock

    changes: dict[str, Any] = {}
    for name, value in _block_fields(options):
        if isinstance(value, tuple):
            changes[name] = tuple(change(v) if isinstance(v, PatternBlock) else v for v in value)
        else:
            changes[name] = change(value)
    return dataclasses.replace(options, **changes) if changes else options


def _block_fields(options: Any) -> list[tuple[str, Any]]:
    """The fields of a kind's options that hold a pattern block or a tuple with one, as (name, value)."""
    from scusa_lint.engine.blocks import PatternBlock

    if not dataclasses.is_dataclass(options) or isinstance(options, type):
        return []
    found: list[tuple[str, Any]] = []
    for item in dataclasses.fields(options):
        value = getattr(options, item.name)
        if isinstance(value, PatternBlock) or (
            isinstance(value, tuple) and any(isinstance(v, PatternBlock) for v in value)
        ):
            found.append((item.name, value))
    return found


@dataclass
class BuildContext:
    """What a kind may need beyond its spec and the pipeline, shared by the rules of one rule set.

    settings: the Settings the rules are built for (spelling backend, vocabulary, ...).
    language: the code of the language the rule set lints.
    phrases: the rule set's phrase index, which every block's phrases join (one pass per document).
    classes: the language's word classes (CLASS in patterns); scopes: its negation and quotation scopes.
    notices: what the user must know about building the rules ("spelling via LanguageTool skipped: ...").
    services: objects shared by the rules of the set (one LanguageTool client).
    """

    settings: Settings
    language: str
    phrases: PhraseIndex
    classes: ClassIndex | None = None
    scopes: Scopes | None = None
    notices: list[str] = field(default_factory=list)
    services: dict[str, Any] = field(default_factory=dict)

    def compile(self, nlp: Language, block: PatternBlock) -> Matcher:
        """A pattern block compiled for this rule set (its phrase index, word classes and scopes)."""
        from scusa_lint.engine.blocks import Matcher

        return Matcher(nlp, block, self.phrases, self.classes, self.scopes)


class RuleUnavailable(Exception):
    """Raised by a kind's build when the rule cannot run in this configuration; the message is the reason.

    The linter lists the rule as skipped with that reason (e.g. grammar rules without LanguageTool).
    """


class Rule(Protocol):
    """A compiled rule: built once per rule set against a pipeline, then run on each document."""

    spec: RuleSpec

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        """The places the rule flags; None stands for the whole message (MISSING_* rules).

        A rule with something to tell the user about this message (an unreadable date) adds it
        with ``note(doc, text)``: notices travel with the message's result.
        """
        ...


_NOTES_KEY = "scusa_lint.notes"


def note(doc: Doc, text: str) -> None:
    """Record a notice about the message being checked (see Rule.check); the linter collects it."""
    notes: list[str] = doc.user_data.setdefault(_NOTES_KEY, [])
    if text not in notes:
        notes.append(text)


def drain_notes(doc: Doc) -> list[str]:
    """The notices recorded on the document since the last call (and forget them)."""
    notes: list[str] = doc.user_data.pop(_NOTES_KEY, [])
    return notes
