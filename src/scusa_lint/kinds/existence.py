"""Kinds phrase, pattern, regex and dependency: flag every match of one pattern block.

The four differ only in which pattern keys they take (see ``kinds.KINDS``):

    phrase:      phrases, attr        "eventuali disagi", lemma "scusare se"
    pattern:     patterns             [{"LEMMA": "colpa"}, {"LOWER": "del"}, {"LOWER": "corriere"}]
    regex:       regex, case_sensitive  "valid[oa] fino al \\d"
    dependency:  dependency           DependencyMatcher patterns; needs a parser

Optional on all: ``unless`` (a pattern block with ``scope``: overlap | sentence | message), or a
list of such blocks when exceptions differ in reach: «a cause said in the same sentence» and «the
fault owned anywhere in the message» are two blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.engine.blocks import Hit, PatternBlock, filter_unless

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


def parse_unless(data: Mapping[str, Any], path: str) -> PatternBlock | None:
    """A rule's optional `unless` block (with its scope)."""
    if "unless" not in data:
        return None
    line = getattr(data, "key_lines", {}).get("unless")
    return PatternBlock.parse(data["unless"], path, line, "unless", allow_scope=True)


def parse_unless_blocks(data: Mapping[str, Any], path: str) -> tuple[PatternBlock, ...]:
    """A rule's `unless`: one block, or a list of blocks each with its own scope."""
    value = data.get("unless")
    if value is None:
        return ()
    if not isinstance(value, list):
        block = parse_unless(data, path)
        return (block,) if block is not None else ()
    line = getattr(data, "key_lines", {}).get("unless")
    blocks = []
    for item in value:
        where = getattr(item, "line", line)
        blocks.append(PatternBlock.parse(item, path, where, "unless", allow_scope=True))
    return tuple(blocks)


@dataclass(frozen=True)
class ExistenceOptions:
    """The rule's own pattern block (its keys sit on the rule itself) and its exceptions."""

    match: PatternBlock
    unless: tuple[PatternBlock, ...] = ()

    @classmethod
    def parse(cls, data: Mapping[str, Any], path: str, own_keys: frozenset[str]) -> ExistenceOptions:
        own = {k: v for k, v in data.items() if k in own_keys}
        # Problems in the rule's own patterns point at the line of its pattern key (`regex:`, `patterns:`).
        lines: Mapping[str, int] = getattr(data, "key_lines", {})
        written = [lines[k] for k in ("phrases", "patterns", "dependency", "regex") if k in lines]
        line = min(written) if written else getattr(data, "line", None)
        return cls(PatternBlock.parse(own, path, line, "rule"), parse_unless_blocks(data, path))


class ExistenceRule:
    """Flag each hit of the rule's own pattern block that no `unless` block excuses."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        options: ExistenceOptions = spec.options
        self.spec = spec
        self.matcher = context.compile(nlp, options.match)
        self.unless = [context.compile(nlp, block) for block in options.unless]

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        hits = self.matcher.find(doc)
        for unless in self.unless:
            if not hits:
                break
            hits = filter_unless(doc, hits, unless.find(doc), unless.block.scope)
        return list(hits)
