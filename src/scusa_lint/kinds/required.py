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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.engine.blocks import Hit, PatternBlock
from scusa_lint.engine.columns import doc_columns
from scusa_lint.errors import PackError
from scusa_lint.kinds.existence import parse_unless

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


@dataclass(frozen=True)
class RequiredOptions:
    """The part the message must contain, what excuses a message, and the shortest message asked."""

    require: PatternBlock
    unless: PatternBlock | None = None
    min_words: int = 0

    @classmethod
    def parse(cls, data: Mapping[str, Any], path: str) -> RequiredOptions:
        lines: Mapping[str, int] = getattr(data, "key_lines", {})
        min_words = data.get("min_words", 0)
        if not isinstance(min_words, int) or isinstance(min_words, bool):
            raise PackError("`min_words` must be a whole number", path, lines.get("min_words"))
        require = PatternBlock.parse(data["require"], path, lines.get("require"), "require")
        return cls(require, parse_unless(data, path), min_words)


class RequiredRule:
    """Report the whole message when its `require` block matches nowhere."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        options: RequiredOptions = spec.options
        self.spec = spec
        self.require = context.compile(nlp, options.require)
        self.unless = context.compile(nlp, options.unless) if options.unless else None
        self.min_words = options.min_words

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
        if self.unless is not None and self.unless.matches(doc):
            return []
        return [None]


def _words(doc: Doc) -> int:
    """How many alphabetic tokens the document has, from the columns cached once per document
    (every required-part rule asks, twice: in check() and for the structure checklist)."""
    return sum(doc_columns(doc)["IS_ALPHA"])
