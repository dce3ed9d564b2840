"""Rule kinds: the one place that lists them, with the keys each takes.

A new kind is one module here, one entry in KINDS, and its keys below (see README,
"Rule packs").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scusa_lint.kinds.delay import DELAY_KEYS, DelayRule
from scusa_lint.kinds.existence import ExistenceRule
from scusa_lint.kinds.required import RequiredRule
from scusa_lint.kinds.sequence import SequenceRule
from scusa_lint.kinds.spelling import KEYS as SPELLING_KEYS
from scusa_lint.kinds.spelling import SpellingRule
from scusa_lint.kinds.suppression import SuppressionRule
from scusa_lint.kinds.template import TemplateRule

if TYPE_CHECKING:
    from spacy.language import Language

    from scusa_lint.kinds.base import BuildContext, Rule, RuleSpec


@dataclass(frozen=True)
class Kind:
    """A rule kind: its class, the keys it takes, which of them must be there, which are pattern blocks.

    own_block: the kind's pattern keys sit directly on the rule (phrase, pattern, regex, dependency).
    """

    build: Callable[[RuleSpec, Language, BuildContext], Rule]
    keys: frozenset[str]
    required: frozenset[str]
    blocks: frozenset[str] = frozenset()
    own_block: bool = False


KINDS: dict[str, Kind] = {
    "phrase": Kind(
        ExistenceRule,
        frozenset({"phrases", "attr", "unless"}),
        frozenset({"phrases"}),
        frozenset({"unless"}),
        own_block=True,
    ),
    "pattern": Kind(
        ExistenceRule, frozenset({"patterns", "unless"}), frozenset({"patterns"}), frozenset({"unless"}), own_block=True
    ),
    "regex": Kind(
        ExistenceRule,
        frozenset({"regex", "case_sensitive", "unless"}),
        frozenset({"regex"}),
        frozenset({"unless"}),
        own_block=True,
    ),
    "dependency": Kind(
        ExistenceRule,
        frozenset({"dependency", "unless"}),
        frozenset({"dependency"}),
        frozenset({"unless"}),
        own_block=True,
    ),
    "required": Kind(
        RequiredRule,
        frozenset({"require", "unless", "min_words"}),
        frozenset({"require"}),
        frozenset({"require", "unless"}),
    ),
    "sequence": Kind(
        SequenceRule,
        frozenset({"first", "then", "within", "unless"}),
        frozenset({"first", "then"}),
        frozenset({"first", "then", "unless"}),
    ),
    # Malformed template syntax found by the reader's masking (no keys: the reader did the work).
    "template": Kind(TemplateRule, frozenset(), frozenset()),
    # Front-matter dates, not text: `from`, `to`, `max_days` (see kinds/delay.py).
    "delay": Kind(DelayRule, DELAY_KEYS, DELAY_KEYS),
    "spelling": Kind(SpellingRule, SPELLING_KEYS, frozenset()),
    # SC002 unused-suppression: its findings come from suppressions.apply, after all rules.
    "suppression": Kind(SuppressionRule, frozenset(), frozenset()),
}


def register_kind(name: str, kind: Kind) -> None:
    """Add a kind defined outside this package (a plugin's kind)."""
    KINDS[name] = kind
