"""Kind template: report the malformed template syntax that masking found in the message.

The work is done once, when the reader masks placeholders (see ``scusa_lint.masking``):
an unclosed ``{{``/``{%``/``{#``/``${``, a stray ``}}``/``%}``/``#}``, a block tag never closed
or closed by the wrong ``end…``. This kind turns those problems into hits, so they are
selected, ignored and reported like any other rule (SC001 in rules/common/lint.yaml).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from scusa_lint.engine.blocks import DetailedHit, Hit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


class TemplateRule:
    """One hit per template error stored on the Source."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        self.spec = spec

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        if not source.template_errors:
            return []  # most messages: no token offsets needed (building them walked every token)
        starts = [token.idx for token in doc]
        hits: list[Hit | None] = []
        for start, end, problem in source.template_errors:
            first = max(0, bisect.bisect_right(starts, start) - 1)
            last = max(first + 1, bisect.bisect_left(starts, end))
            # {problem} in the rule's message says what exactly is wrong ("unclosed `{{`").
            hits.append(DetailedHit(start, end, first, last, params=(("problem", problem),)))
        return hits
