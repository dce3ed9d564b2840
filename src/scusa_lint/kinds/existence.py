"""Kinds phrase, pattern, regex and dependency: flag every match of one pattern block.

The four differ only in which pattern keys they take (see ``kinds.KINDS``):

    phrase:      phrases, attr        "eventuali disagi", lemma "scusare se"
    pattern:     patterns             [{"LEMMA": "colpa"}, {"LOWER": "del"}, {"LOWER": "corriere"}]
    regex:       regex                "valid[oa] fino al \\d"
    dependency:  dependency           DependencyMatcher patterns; needs a parser

Optional on all: ``unless`` (a pattern block with ``scope``: overlap | sentence | message).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scusa_lint.kinds.matchers import Hit, Matcher, filter_unless

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


class ExistenceRule:
    """Flag each hit of the rule's own pattern block that no `unless` block excuses."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext | None = None) -> None:
        self.spec = spec
        self.matcher = Matcher(nlp, spec.body, spec.path, spec.line)
        self.unless = build_unless(spec, nlp)

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        hits = self.matcher.find(doc)
        if hits and self.unless is not None:
            matcher, scope = self.unless
            hits = filter_unless(doc, hits, matcher.find(doc), scope)
        return list(hits)


def build_unless(spec: RuleSpec, nlp: Language) -> tuple[Matcher, str] | None:
    """Compile a rule's `unless` block, if it has one, with its scope."""
    block = spec.body.get("unless")
    if not block:
        return None
    return Matcher(nlp, block, spec.path, spec.line_of("unless")), str(block.get("scope", "overlap"))
