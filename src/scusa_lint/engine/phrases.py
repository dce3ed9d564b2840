"""PhraseIndex: one PhraseMatcher per attribute for the phrases of all rules of a rule set, one pass per document.

Why: every rule with `phrases` (and every `unless`, `require`, `first`, `then` block) had its own
PhraseMatcher, so a document was scanned once per block; with full rule packs that is dozens of
scans of the same tokens. Each block adds its phrases under its own label to the rule set's index,
the first block to look at a document runs the matchers once, and every block reads its own
label's spans. A label's matches are exactly those its own PhraseMatcher would find.

The index belongs to one rule set (see linter.RuleSet) and goes with it: nothing is shared
between linters, so a long-lived process that builds many linters does not grow a matcher.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_serial = itertools.count()


class PhraseIndex:
    """The phrase matchers of one rule set."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matchers: dict[str, Any] = {}
        self.added: set[str] = set()
        self.labels = 0
        # Where a document keeps this index's matches (several rule sets may match one Doc).
        self.key = f"scusa_lint.phrases.{next(_serial)}"

    def add(self, attr: str, docs: Sequence[Doc]) -> int:
        """Register a block's phrase documents (matched on `attr`); returns the block's handle.

        The label is derived from the phrases themselves, so that building the same rules again
        adds no new strings to the pipeline's shared vocabulary, and two blocks with the same
        phrases share one label (their matches are the same).
        """
        from spacy.matcher import PhraseMatcher

        digest = hashlib.sha256("\0".join([attr, *(d.text for d in docs)]).encode()).hexdigest()[:24]
        label = f"scusa_lint.phrases.{digest}"
        if label not in self.added:
            if attr not in self.matchers:
                self.matchers[attr] = PhraseMatcher(self.vocab, attr=attr)
            self.matchers[attr].add(label, list(docs))
            self.added.add(label)
            self.labels += 1
        return int(self.vocab.strings.add(label))

    def spans(self, doc: Doc, handle: int) -> list[tuple[int, int]]:
        """The (start, end) token spans of one block's phrases in the document."""
        cached = doc.user_data.get(self.key)
        if cached is None or cached[0] != self.labels:  # blocks added since: match again
            found: dict[int, list[tuple[int, int]]] = {}
            for matcher in self.matchers.values():
                for match_id, start, end in matcher(doc):
                    found.setdefault(match_id, []).append((start, end))
            cached = (self.labels, found)
            doc.user_data[self.key] = cached
        return list(cached[1].get(handle, ()))
