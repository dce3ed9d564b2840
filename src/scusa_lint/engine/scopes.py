"""Negation and quotation scope: which words of a message are denied, and which are somebody else's.

A rule must know when its match is negated or quoted. «Non è colpa del corriere: abbiamo
sbagliato noi» does not blame the courier; «non è stato un nostro errore» does not own the
mistake; «Non rispondere a questo messaggio» demands nothing; «"È colpa del corriere", ci ha
scritto il cliente» quotes the customer. So, once per document:

- a word is *negated* when a negation cue of the language (its word class ``negation``: non,
  mai, nessun, senza / not, never, no, without) stands before it in the same clause, within
  the phrase the cue denies: the verb group right after the cue (class ``verb_group``: «è
  stato», "did not", clitics, adverbs) and the first phrase after it, up to a preposition
  (class ``preposition``) that opens an adjunct. So «non è colpa del corriere» denies «colpa»,
  «non è stato un nostro errore» denies «errore», but «il tecnico non è passato oggi per un
  nostro errore» does not deny the error. A clause ends at punctuation (, ; : . ! ?
  parentheses, dashes) or at a word of the class ``clause_break`` (ma, però, perché / but,
  because). A cue followed by a word of the class ``negation_release`` («non solo», "not
  only") negates nothing, and a word of the class ``negation_exception`` ends the negation
  for what follows it: «non possiamo fare altro che scusarci» affirms the apology. A relative
  clause ends the denied phrase too, when the phrase began with a determiner (class ``determiner``)
  and a word of the class ``relative_opener`` follows its noun: "not the service that we pride
  ourselves on", "we did not get the parcel you sent" deny the service and the parcel, not what
  "we" or "you" did; "not that we forgot" (no determiner) still denies what follows.
- a word is *hypothetical* the same way, after a cue of the class ``hypothetical`` (se,
  qualora, in caso / if, in case): «se il pacco non arriva» reports no problem;
- a word is *quoted* when it stands between quotation marks (« », “ ”, or a pair of ") in
  the same paragraph;
- a word is *asked* when its sentence ends with a question mark («Non ricevi l'e-mail?»).

A hit that starts with, or contains, the cue itself is not negated: the pattern asked for the
negation («non dipende da noi»). Blocks say what they do with negated and quoted hits
(``negated``/``quoted``: exclude, the default; include; only): see engine/blocks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from scusa_lint.wordclasses import ClassIndex

CUE_CLASS = "negation"
HYPOTHESIS_CLASS = "hypothetical"
BREAK_CLASS = "clause_break"
RELEASE_CLASS = "negation_release"
EXCEPTION_CLASS = "negation_exception"
VERB_GROUP_CLASS = "verb_group"
PREPOSITION_CLASS = "preposition"
DETERMINER_CLASS = "determiner"
RELATIVE_CLASS = "relative_opener"
_BOUNDARIES = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "…", "...", "\n"})
_OPENERS = {"«": "»", "“": "”", "„": "“"}
_STRAIGHT = '"'
_KEY = "scusa_lint.scopes"


class Scopes:
    """The negation, hypothesis, quotation and question columns of documents, for one language's classes."""

    def __init__(self, classes: ClassIndex | None) -> None:
        self.classes = classes
        bits = classes.bits if classes is not None else {}
        self.cue = bits.get(CUE_CLASS, 0)
        self.hypothesis = bits.get(HYPOTHESIS_CLASS, 0)
        self.stop = bits.get(BREAK_CLASS, 0)
        self.release = bits.get(RELEASE_CLASS, 0)
        self.exception = bits.get(EXCEPTION_CLASS, 0)
        self.verb_group = bits.get(VERB_GROUP_CLASS, 0)
        self.preposition = bits.get(PREPOSITION_CLASS, 0)
        self.determiner = bits.get(DETERMINER_CLASS, 0)
        self.relative = bits.get(RELATIVE_CLASS, 0)

    def columns(self, doc: Doc) -> Columns:
        """The scope columns of a document (computed once, kept on the document)."""
        cached: Columns | None = doc.user_data.get(_KEY)
        if cached is None:
            cached = self._compute(doc)
            doc.user_data[_KEY] = cached
        return cached

    def _compute(self, doc: Doc) -> Columns:
        from spacy.attrs import ORTH, SENT_START

        size = len(doc)
        masks = self.classes.column(doc) if self.classes is not None else [0] * size
        rows = doc.to_array([ORTH, SENT_START]).tolist() if size else []
        strings = doc.vocab.strings
        texts = [strings[orth] for orth, _ in rows]  # each token's text, without a Token object per word
        sentence_starts = [start == 1 for _, start in rows]
        columns = Columns.empty(size)
        # Negation: 0 off; 1 in the verb group after the cue; 2 in the denied phrase (a preposition ends it).
        negating = 0
        determined = False  # the denied phrase began with a determiner ("not the service ...")
        supposing = False
        closer: str | None = None
        sentence_begin = 0
        for index, text in enumerate(texts):
            if index > 0 and sentence_starts[index]:
                self._mark_question(columns, texts, sentence_begin, index)
                sentence_begin = index
            mask = masks[index]
            if sentence_starts[index] or text in _BOUNDARIES or "\n\n" in text or mask & self.stop:
                negating, supposing = 0, False
            elif (negating and mask & self.exception) or (negating == 2 and mask & self.preposition):
                negating = 0  # «non ... altro che» affirms; a preposition opens an adjunct the cue does not deny
            elif negating == 2 and determined and mask & self.relative and texts[index - 1].isalpha():
                negating = 0  # "not the service [that] we pride ourselves on": the relative clause is not denied
            elif negating == 1 and not mask & (self.verb_group | self.preposition | self.cue) and text.isalpha():
                negating = 2
            if closer is not None and "\n\n" in text:  # a quote never runs past its paragraph
                closer = None
            # Quotation marks: an opener starts a quote, its closer (or a second ") ends it.
            if closer is not None and text == closer:
                closer = None
            elif closer is None and text in _OPENERS:
                closer = _OPENERS[text]
            elif closer is None and text == _STRAIGHT:
                closer = _STRAIGHT
            else:
                columns.quoted[index] = closer is not None
            if negating and mask & self.determiner:
                determined = True
            columns.negated[index] = negating > 0
            columns.hypothetical[index] = supposing
            if mask & self.cue:
                following = masks[index + 1] if index + 1 < size else 0
                if not following & self.release:
                    columns.cue[index] = True
                    negating = 1
                    determined = False
            if mask & self.hypothesis:
                supposing = True
        self._mark_question(columns, texts, sentence_begin, size)
        return columns

    @staticmethod
    def _mark_question(columns: Columns, texts: list[str], begin: int, end: int) -> None:
        """Mark a sentence that ends with a question mark (before closing quotes and spaces)."""
        last = end - 1
        while last >= begin and (texts[last].isspace() or texts[last] in ("»", "”", '"', ")")):
            last -= 1
        if last >= begin and texts[last].endswith("?"):
            for index in range(begin, end):
                columns.asked[index] = True

    def negated(self, doc: Doc, first: int, last: int) -> bool:
        """Whether the tokens first..last (end exclusive) are under a negation that is not part of them."""
        if first >= last or first >= len(doc):
            return False
        columns = self.columns(doc)
        return columns.negated[first] and not any(columns.cue[first:last])

    def quoted(self, doc: Doc, first: int, last: int) -> bool:
        """Whether the tokens first..last (end exclusive) stand inside quotation marks."""
        if first >= last or first >= len(doc):
            return False
        return all(self.columns(doc).quoted[first:last])

    def asserted(self, doc: Doc, index: int) -> bool:
        """Whether a word is said as a fact: not negated, not supposed, not asked, not quoted."""
        columns = self.columns(doc)
        return not (
            columns.negated[index] or columns.hypothetical[index] or columns.asked[index] or columns.quoted[index]
        )


@dataclass(frozen=True)
class Columns:
    """Per token: a negation cue itself, under a negation, under a hypothesis, in a question, in quotes."""

    cue: list[bool]
    negated: list[bool]
    hypothetical: list[bool]
    asked: list[bool]
    quoted: list[bool]

    @classmethod
    def empty(cls, size: int) -> Columns:
        return cls(*([False] * size for _ in range(5)))
