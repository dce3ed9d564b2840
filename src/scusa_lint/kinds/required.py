"""Kind required: the message must contain at least one match of the `require` block.

When nothing matches, the rule reports one finding for the whole message (line 1,
column 1, no matched text): this is how MISSING_APOLOGY, MISSING_PREVENTION and the
other MISSING_* rules work. ``unless`` here excuses the whole message (for example, a
pure service notice needs no prevention plan). Keys:

    require: a pattern block (phrases, attr, patterns, regex, dependency)
    unless:  optional pattern block
    min_words: optional; shorter messages are not checked (a one-line SMS is not a letter)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scusa_lint.kinds.existence import build_unless
from scusa_lint.kinds.fastpath import doc_columns
from scusa_lint.kinds.matchers import Hit, Matcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


class RequiredRule:
    """Report the whole message when its `require` block matches nowhere."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext | None = None) -> None:
        self.spec = spec
        self.require = Matcher(nlp, spec.body["require"], spec.path, spec.line_of("require"))
        self.unless = build_unless(spec, nlp)
        self.min_words = int(spec.body.get("min_words", 0))

    def applies(self, doc: Doc) -> bool:
        """Whether the message is long enough to be asked for this part (see `min_words`).

        A message with no words at all (an empty file, only blank lines) is asked for nothing.
        """
        return _words(doc) >= max(1, self.min_words)

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        if not self.applies(doc):
            return []
        if self.require.matches(doc):
            return []
        if self.unless is not None and self.unless[0].matches(doc):
            return []
        return [None]


def _words(doc: Doc) -> int:
    """How many alphabetic tokens the document has, from the columns cached once per document
    (every required-part rule asks, twice: in check() and for the structure checklist)."""
    return sum(doc_columns(doc)["IS_ALPHA"])
