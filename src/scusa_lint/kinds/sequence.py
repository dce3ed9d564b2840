"""Kind sequence: a match of `first` followed by a match of `then`, close together.

The classic case is an apology undone by a justification: "Ci scusiamo, ma il corriere...".
Keys:

    first:  a pattern block
    then:   a pattern block
    within: sentence (default) or a number of tokens between the end of `first` and `then`
    unless: optional pattern block, tested against the whole reported span
The finding covers from the start of `first` to the end of `then`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.engine.blocks import Hit, PatternBlock, filter_unless, in_same_sentence
from scusa_lint.errors import PackError
from scusa_lint.kinds.existence import parse_unless

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


@dataclass(frozen=True)
class SequenceOptions:
    """The two blocks, how close `then` must follow `first` (None: in the same sentence), the exceptions."""

    first: PatternBlock
    then: PatternBlock
    within_tokens: int | None = None
    unless: PatternBlock | None = None

    @classmethod
    def parse(cls, data: Mapping[str, Any], path: str) -> SequenceOptions:
        lines: Mapping[str, int] = getattr(data, "key_lines", {})
        within = data.get("within", "sentence")
        if within != "sentence" and not (isinstance(within, int) and not isinstance(within, bool) and within > 0):
            raise PackError("`within` must be `sentence` or a positive number of tokens", path, lines.get("within"))
        return cls(
            PatternBlock.parse(data["first"], path, lines.get("first"), "first"),
            PatternBlock.parse(data["then"], path, lines.get("then"), "then"),
            None if within == "sentence" else int(within),
            parse_unless(data, path),
        )


class SequenceRule:
    """Flag `first` ... `then` within one sentence or a number of tokens."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        options: SequenceOptions = spec.options
        self.spec = spec
        self.first = context.compile(nlp, options.first)
        self.then = context.compile(nlp, options.then)
        self.within_tokens = options.within_tokens
        self.unless = context.compile(nlp, options.unless) if options.unless else None

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        firsts = self.first.find(doc)
        if not firsts:
            return []
        thens = self.then.find(doc)
        hits: list[Hit] = []
        for first in firsts:
            for then in thens:
                if then.first_token < first.last_token or not self._close(doc, first, then):
                    continue
                hits.append(Hit(first.start, then.end, first.first_token, then.last_token))
                break  # the nearest `then` is enough for one `first`
        if hits and self.unless is not None:
            hits = filter_unless(doc, hits, self.unless.find(doc), self.unless.block.scope)
        return list(_outermost(hits))

    def _close(self, doc: Doc, first: Hit, then: Hit) -> bool:
        if self.within_tokens is None:
            return in_same_sentence(doc, first, then)
        return then.first_token - first.last_token <= self.within_tokens


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits nested inside another (two apology phrases before the same "ma")."""
    return [h for h in hits if not any(o != h and o.start <= h.start and h.end <= o.end for o in hits)]
