"""Matcher: the compiled form of a pattern block (phrases, token patterns, dependency patterns, regex).

Every rule kind is built from one or more pattern blocks, and every block accepts the
same keys, so that `unless`, `require`, `first` and `then` mean the same everywhere:

    phrases:    [str]          PhraseMatcher on `attr`
    attr:       lower | lemma  what phrases compare (default lower)
    patterns:   [[{...}]]      spaCy Matcher token patterns (LOWER, LEMMA, POS, MORPH, ...)
    dependency: [[{...}]]      spaCy DependencyMatcher patterns (needs a parser)
    regex:      [str]          regular expressions on the text (the `regex` package, with a time limit)
    case_sensitive: bool       for regex (default false)

Compile once per run (here), match many times (``find``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from scusa_lint import timeouts
from scusa_lint.analysis.pipeline import DEP, LEMMA, MORPH, POS
from scusa_lint.errors import PackError
from scusa_lint.finding import Suggestion
from scusa_lint.kinds.fastpath import Requirement, char_offsets, doc_text, lowered_text, may_match, requirements
from scusa_lint.kinds.phraseindex import PhraseIndex, phrase_index
from scusa_lint.kinds.regexfilter import literal_prefixes
from scusa_lint.kinds.regexfilter import may_match as may_match_literal
from scusa_lint.kinds.tokenmatch import FastTokenMatcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MATCHER_KEYS = frozenset({"phrases", "attr", "patterns", "dependency", "regex", "case_sensitive"})
PHRASE_ATTRS = {"lower": "LOWER", "lemma": "LEMMA"}

# Token-pattern attributes that only a trained pipeline fills in.
_ATTR_NEEDS = {"POS": POS, "TAG": POS, "MORPH": MORPH, "DEP": DEP, "LEMMA": LEMMA, "HEAD": DEP}


@dataclass(frozen=True)
class Hit:
    """One match: character offsets into the text and the tokens it covers (end exclusive)."""

    start: int
    end: int
    first_token: int
    last_token: int


@dataclass(frozen=True)
class DetailedHit(Hit):
    """A hit that brings its own suggestions and message parameters (a speller's corrections).

    suggestions: shown before the rule's own; params: ("rule", "IT_AGREEMENT") fills {rule} in the message.
    """

    suggestions: tuple[Suggestion, ...] = ()
    params: tuple[tuple[str, str], ...] = ()


def needs_of(block: Mapping[str, Any]) -> frozenset[str]:
    """What a pattern block needs from the pipeline (lemma, pos, morph, dep)."""
    needs: set[str] = set()
    if block.get("attr") == "lemma":
        needs.add(LEMMA)
    for pattern in block.get("patterns") or []:
        for token_spec in pattern if isinstance(pattern, list) else []:
            if isinstance(token_spec, Mapping):
                needs.update(_ATTR_NEEDS[k.upper()] for k in token_spec if k.upper() in _ATTR_NEEDS)
    if block.get("dependency"):
        needs.add(DEP)
        for pattern in block["dependency"]:
            for node in pattern if isinstance(pattern, list) else []:
                attrs = node.get("RIGHT_ATTRS", {}) if isinstance(node, Mapping) else {}
                needs.update(_ATTR_NEEDS[k.upper()] for k in attrs if k.upper() in _ATTR_NEEDS)
    return frozenset(needs)


def validate_regexes(block: Mapping[str, Any], path: str, line: int | None) -> None:
    """Compile a block's regexes now, so a bad one is a pack error with file and line, not a crash later."""
    flags = 0 if block.get("case_sensitive") else regex.IGNORECASE
    for expression in block.get("regex") or []:
        try:
            regex.compile(expression, flags)
        except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as exc:
            raise PackError(f"invalid regular expression {expression!r}: {exc}", path, line) from exc


class Matcher:
    """A compiled pattern block.

    nlp (Language): the pipeline whose vocabulary and lemmatizer the patterns use.
    block (Mapping): the YAML mapping (keys listed in the module docstring).
    path, line: where the block is, for error messages.
    """

    def __init__(self, nlp: Language, block: Mapping[str, Any], path: str, line: int | None) -> None:
        from spacy.errors import MatchPatternError
        from spacy.matcher import DependencyMatcher
        from spacy.matcher import Matcher as TokenMatcher

        self.needs = needs_of(block)
        self._phrases: PhraseIndex | None = None
        self._phrase_handle = 0
        self._token_matcher = None
        self._dependency_matcher = None
        self._requirements: list[Requirement] | None = None
        self._fast: FastTokenMatcher | None = None
        phrases = list(block.get("phrases") or [])
        if phrases:
            attr = PHRASE_ATTRS[block.get("attr", "lower")]
            # Lemma phrases must go through the pipeline so that their lemmas are set like the text's.
            docs = list(nlp.pipe(phrases)) if attr == "LEMMA" else [nlp.make_doc(p) for p in phrases]
            self._phrases = phrase_index(nlp)  # one shared matcher per pipeline: one pass per document
            self._phrase_handle = self._phrases.add(attr, docs)
        try:
            if block.get("patterns"):
                self._token_matcher = TokenMatcher(nlp.vocab, validate=True)
                self._token_matcher.add("patterns", list(block["patterns"]))
                self._requirements = requirements(block["patterns"])
                self._fast = FastTokenMatcher.compile(block["patterns"])
            if block.get("dependency"):
                self._dependency_matcher = DependencyMatcher(nlp.vocab, validate=True)
                self._dependency_matcher.add("dependency", list(block["dependency"]))
        except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
            message = " ".join(str(exc).split())
            raise PackError(f"invalid spaCy pattern: {message}", path, line) from exc
        ignore_case = not block.get("case_sensitive")
        flags = regex.IGNORECASE if ignore_case else 0
        self._ignore_case = ignore_case
        # Each pattern with the literal openings one of which a match needs (None: always run it).
        self._regexes = [
            (regex.compile(expression, flags), literal_prefixes(expression, ignore_case))
            for expression in block.get("regex") or []
        ]
        self._where = f"{path}:{line}" if line is not None else path

    def _token_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token spans of the phrases and token patterns."""
        token_matcher = self._token_matcher
        if token_matcher is not None and self._requirements is not None and not may_match(self._requirements, doc):
            token_matcher = None  # a word every pattern needs is missing: no match possible
        spans: list[tuple[int, int]] = []
        if self._phrases is not None:
            spans.extend(self._phrases.spans(doc, self._phrase_handle))
        if token_matcher is not None:
            if self._fast is not None:
                spans.extend(self._fast(doc))
            else:
                spans.extend((start, end) for _, start, end in token_matcher(doc))
        return spans

    def matches(self, doc: Doc) -> bool:
        """Whether the block matches anywhere: ``bool(find(doc))``, stopping at the first kind that does."""
        if self._token_spans(doc):
            return True
        if self._dependency_matcher is not None and self._dependency_matcher(doc):
            return True
        for pattern in self._runnable_regexes(doc):
            if any(m.end() > m.start() for m in timeouts.finditer(pattern, doc_text(doc), self._where)):
                return True
        return False

    def _runnable_regexes(self, doc: Doc) -> list[regex.Pattern[str]]:
        """The block's regexes that can match this document (see kinds/regexfilter.py)."""
        if not self._regexes:
            return []
        text = doc_text(doc)
        haystack = lowered_text(doc, text) if self._ignore_case else text
        return [pattern for pattern, prefixes in self._regexes if may_match_literal(prefixes, haystack)]

    def find(self, doc: Doc) -> list[Hit]:
        """All hits in the document, sorted, without exact duplicates."""
        hits: set[Hit] = set()
        for start, end in self._token_spans(doc):
            start_char, end_char = char_offsets(doc, start, end)
            hits.add(Hit(start_char, end_char, start, end))
        if self._dependency_matcher is not None:
            for _, token_ids in self._dependency_matcher(doc):
                first, last = min(token_ids), max(token_ids)
                hits.add(Hit(doc[first].idx, doc[last].idx + len(doc[last]), first, last + 1))
        for pattern in self._runnable_regexes(doc):
            for match in timeouts.finditer(pattern, doc_text(doc), self._where):
                if match.end() > match.start():
                    hits.add(_char_hit(doc, match.start(), match.end()))
        return sorted(hits, key=lambda h: (h.start, h.end))


def _char_hit(doc: Doc, start: int, end: int) -> Hit:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:  # only whitespace: point at the nearest token
        return Hit(start, end, 0, 0)
    return Hit(start, end, span.start, span.end)


def overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def in_same_sentence(doc: Doc, a: Hit, b: Hit) -> bool:
    """Whether two hits start in the same sentence."""
    if len(doc) == 0:
        return True
    ta = doc[min(a.first_token, len(doc) - 1)]
    tb = doc[min(b.first_token, len(doc) - 1)]
    return bool(ta.sent.start == tb.sent.start)


def filter_unless(doc: Doc, hits: Iterable[Hit], unless: list[Hit], scope: str) -> list[Hit]:
    """Drop hits that an `unless` block excuses, by scope: overlap, sentence or message."""
    hits = list(hits)
    if not unless:
        return hits
    if scope == "message":
        return []
    if scope == "sentence":
        return [h for h in hits if not any(in_same_sentence(doc, h, u) for u in unless)]
    return [h for h in hits if not any(overlaps(h, u) for u in unless)]
