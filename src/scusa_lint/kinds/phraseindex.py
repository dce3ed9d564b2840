"""One PhraseMatcher per pipeline and attribute for the phrases of all rules: one pass per document.

Why: every rule with `phrases` (and every `unless`, `require`, `first`, `then` block) had its own
PhraseMatcher, so a document was scanned once per block; with full rule packs that is dozens of
scans of the same tokens. Each block now adds its phrases under its own label to a shared
matcher, the first block to look at a document runs the shared matcher once, and every block
reads its own label's spans. A label's matches are exactly those its own PhraseMatcher found.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_indexes: weakref.WeakKeyDictionary[Any, PhraseIndex] = weakref.WeakKeyDictionary()
_serial = itertools.count()


class PhraseIndex:
    """The shared phrase matchers of one pipeline."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.matchers: dict[str, Any] = {}
        self.version = 0
        self.key = f"scusa_lint.phrases.{next(_serial)}"

    def add(self, attr: str, docs: Sequence[Doc]) -> int:
        """Register a block's phrase documents (matched on `attr`); returns the block's handle."""
        from spacy.matcher import PhraseMatcher

        label = f"scusa-lint-phrases-{next(_serial)}"
        if attr not in self.matchers:
            self.matchers[attr] = PhraseMatcher(self.vocab, attr=attr)
        self.matchers[attr].add(label, list(docs))
        self.version += 1
        return int(self.vocab.strings[label])

    def spans(self, doc: Doc, handle: int) -> list[tuple[int, int]]:
        """The (start, end) token spans of one block's phrases in the document."""
        cached = doc.user_data.get(self.key)
        if cached is None or cached[0] != self.version:  # blocks added since: match again
            found: dict[int, list[tuple[int, int]]] = {}
            for matcher in self.matchers.values():
                for match_id, start, end in matcher(doc):
                    found.setdefault(match_id, []).append((start, end))
            cached = (self.version, found)
            doc.user_data[self.key] = cached
        return list(cached[1].get(handle, ()))


def phrase_index(nlp: Language) -> PhraseIndex:
    """The shared index of a pipeline (created on first use, gone with the pipeline)."""
    index = _indexes.get(nlp)
    if index is None:
        index = _indexes[nlp] = PhraseIndex(nlp)
    return index
