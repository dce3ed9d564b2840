"""Rule kinds: the one place that lists them, with the keys and the typed options each takes.

A new kind is one module here (an options type with ``parse`` and a rule class) and one entry
in KINDS (see README, "Rule packs"). The registry validates a rule against its kind's keys and
options when the pack loads; the linter builds the rule class once per rule set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.kinds.delay import DelayOptions, DelayRule
from scusa_lint.kinds.existence import ExistenceOptions, ExistenceRule
from scusa_lint.kinds.grammar import GrammarOptions, GrammarRule
from scusa_lint.kinds.required import RequiredOptions, RequiredRule
from scusa_lint.kinds.sequence import SequenceOptions, SequenceRule
from scusa_lint.kinds.spelling import SpellingOptions, SpellingRule
from scusa_lint.kinds.suppression import SuppressionRule
from scusa_lint.kinds.template import TemplateRule

if TYPE_CHECKING:
    from spacy.language import Language

    from scusa_lint.kinds.base import BuildContext, Rule, RuleSpec

# parse(the rule's YAML mapping, the pack's path) -> the kind's typed options (PackError on mistakes).
OptionsParser = Callable[[Mapping[str, Any], str], Any]


@dataclass(frozen=True)
class Kind:
    """A rule kind: its rule class, the keys it takes, which of them must be there, and its options' parser."""

    build: Callable[[RuleSpec, Language, BuildContext], Rule]
    keys: frozenset[str]
    required: frozenset[str]
    parse: OptionsParser


def _existence(keys: frozenset[str]) -> OptionsParser:
    own = keys - {"unless"}
    return lambda data, path: ExistenceOptions.parse(data, path, own)


def _none(data: Mapping[str, Any], path: str) -> None:
    return None


_PHRASE = frozenset({"phrases", "attr", "unless"})
_PATTERN = frozenset({"patterns", "unless"})
_REGEX = frozenset({"regex", "case_sensitive", "unless"})
_DEPENDENCY = frozenset({"dependency", "unless"})

KINDS: dict[str, Kind] = {
    "phrase": Kind(ExistenceRule, _PHRASE, frozenset({"phrases"}), _existence(_PHRASE)),
    "pattern": Kind(ExistenceRule, _PATTERN, frozenset({"patterns"}), _existence(_PATTERN)),
    "regex": Kind(ExistenceRule, _REGEX, frozenset({"regex"}), _existence(_REGEX)),
    "dependency": Kind(ExistenceRule, _DEPENDENCY, frozenset({"dependency"}), _existence(_DEPENDENCY)),
    "required": Kind(
        RequiredRule, frozenset({"require", "unless", "min_words"}), frozenset({"require"}), RequiredOptions.parse
    ),
    "sequence": Kind(
        SequenceRule,
        frozenset({"first", "then", "within", "unless"}),
        frozenset({"first", "then"}),
        SequenceOptions.parse,
    ),
    # Malformed template syntax found by the reader's masking (no keys: the reader did the work).
    "template": Kind(TemplateRule, frozenset(), frozenset(), _none),
    # Front-matter dates, not text: `from`, `to`, `max_days` (see kinds/delay.py).
    "delay": Kind(
        DelayRule, frozenset({"from", "to", "max_days"}), frozenset({"from", "to", "max_days"}), DelayOptions.parse
    ),
    "spelling": Kind(SpellingRule, frozenset({"report", "suggestion"}), frozenset(), SpellingOptions.parse),
    # The language's offline grammar checker (grammar/), one rule per check.
    "grammar": Kind(GrammarRule, frozenset({"check"}), frozenset({"check"}), GrammarOptions.parse),
    # SC002 unused-suppression: its findings come from suppressions.apply, after all rules.
    "suppression": Kind(SuppressionRule, frozenset(), frozenset(), _none),
}
