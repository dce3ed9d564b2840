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

from typing import TYPE_CHECKING

from scusa_lint.kinds.existence import build_unless
from scusa_lint.kinds.matchers import Hit, Matcher, filter_unless, in_same_sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


class SequenceRule:
    """Flag `first` ... `then` within one sentence or a number of tokens."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext | None = None) -> None:
        self.spec = spec
        self.first = Matcher(nlp, spec.body["first"], spec.path, spec.line_of("first"))
        self.then = Matcher(nlp, spec.body["then"], spec.path, spec.line_of("then"))
        within = spec.body.get("within", "sentence")
        self.within_tokens: int | None = None if within == "sentence" else int(within)
        self.unless = build_unless(spec, nlp)

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
            matcher, scope = self.unless
            hits = filter_unless(doc, hits, matcher.find(doc), scope)
        return list(_outermost(hits))

    def _close(self, doc: Doc, first: Hit, then: Hit) -> bool:
        if self.within_tokens is None:
            return in_same_sentence(doc, first, then)
        return then.first_token - first.last_token <= self.within_tokens


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits nested inside another (two apology phrases before the same "ma")."""
    return [h for h in hits if not any(o != h and o.start <= h.start and h.end <= o.end for o in hits)]
