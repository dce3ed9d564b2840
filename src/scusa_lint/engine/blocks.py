"""Pattern blocks: the typed, validated form a pack gives them (PatternBlock) and their compiled form (Matcher).

Every rule kind is built from one or more pattern blocks, and every block accepts the
same keys, so that `unless`, `require`, `first` and `then` mean the same everywhere:

    phrases:    [str]          PhraseMatcher on `attr`
    attr:       lower | lemma  what phrases compare (default lower)
    patterns:   [[{...}]]      spaCy Matcher token patterns (LOWER, LEMMA, POS, MORPH, ...)
    use:        [str]          named constructions of the language whose patterns join `patterns`
                               (constructions.py; the pack loader adds them)
    dependency: [[{...}]]      spaCy DependencyMatcher patterns (needs a parser)
    regex:      [str]          regular expressions on the text (the `regex` package, with a time limit)
    case_sensitive: bool       for regex (default false)
    negated:    exclude | include | only   hits under a negation (engine/scopes.py; default exclude)
    quoted:     exclude | include | only   hits inside quotation marks (default exclude)
    scope:      overlap | sentence | message   (only in `unless`: how far an exception reaches)

Validate once when the pack loads (``PatternBlock.parse``, no spaCy), compile once per rule set
(``Matcher``), match many times (``Matcher.find``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from scusa_lint.analysis.pipeline import LEMMA
from scusa_lint.engine import timeouts
from scusa_lint.engine.columns import Requirement, char_offsets, doc_text, lowered_text, may_match, requirements
from scusa_lint.engine.patterns import (
    PatternProblem,
    class_names,
    dependency_needs,
    token_needs,
    validate_dependency_pattern,
    validate_token_pattern,
)
from scusa_lint.engine.regexfilter import literal_prefixes
from scusa_lint.engine.regexfilter import may_match as may_match_literal
from scusa_lint.engine.tokenmatch import FastTokenMatcher
from scusa_lint.errors import PackError
from scusa_lint.finding import ExternalRule, Suggestion
from scusa_lint.taxonomy import Category

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.engine.phrases import PhraseIndex
    from scusa_lint.engine.scopes import Scopes
    from scusa_lint.wordclasses import ClassIndex

BLOCK_KEYS = frozenset(
    {"phrases", "attr", "patterns", "use", "dependency", "regex", "case_sensitive", "negated", "quoted"}
)
PHRASE_ATTRS = {"lower": "LOWER", "lemma": "LEMMA"}
UNLESS_SCOPES = ("overlap", "sentence", "message")
SCOPE_POLICIES = ("exclude", "include", "only")


_SHIPPED = str(Path(__file__).resolve().parent.parent / "lang") + os.sep


def _shipped(path: str) -> bool:
    """Whether a pack file is one of the packs shipped in the wheel (lang/<code>/rules, lang/common)."""
    return os.path.abspath(path).startswith(_SHIPPED)


@dataclass(frozen=True)
class PatternBlock:
    """A validated pattern block (keys in the module docstring); ``path``/``line`` say where it is written."""

    phrases: tuple[str, ...] = ()
    attr: str = "lower"
    patterns: tuple[Any, ...] = ()
    dependency: tuple[Any, ...] = ()
    regex: tuple[str, ...] = ()
    case_sensitive: bool = False
    negated: str = "exclude"
    quoted: str = "exclude"
    scope: str = "overlap"
    # names of the language's constructions (constructions.py) whose patterns the pack loader adds to `patterns`
    use: tuple[str, ...] = ()
    path: str = field(default="", compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def needs(self) -> frozenset[str]:
        """What the block needs from the pipeline (lemma, pos, morph, dep)."""
        needs = token_needs(self.patterns) | dependency_needs(self.dependency)
        if self.phrases and self.attr == "lemma":
            needs.add(LEMMA)
        return frozenset(needs)

    @classmethod
    def parse(cls, data: Any, path: str, line: int | None, what: str, allow_scope: bool = False) -> PatternBlock:
        """Validate a YAML mapping as a pattern block; every problem is a PackError with `path` and `line`."""
        if not isinstance(data, Mapping):
            raise PackError(f"`{what}` must be a mapping of pattern keys", path, line)
        key_lines: Mapping[str, int] = getattr(data, "key_lines", {})
        allowed = BLOCK_KEYS | ({"scope"} if allow_scope else set())
        unknown = sorted(set(map(str, data)) - allowed)
        if unknown:
            raise PackError(
                f"unknown key {unknown[0]!r} in `{what}` (allowed: {', '.join(sorted(allowed))})",
                path,
                key_lines.get(unknown[0], line),
            )
        if not any(data.get(k) for k in ("phrases", "patterns", "use", "dependency", "regex")):
            raise PackError(f"`{what}` needs at least one of phrases, patterns, use, dependency, regex", path, line)
        use = data.get("use") or []
        if not isinstance(use, list) or not all(isinstance(name, str) for name in use):
            raise PackError("`use` must be a list of construction names", path, key_lines.get("use", line))
        attr = data.get("attr", "lower")
        if attr not in PHRASE_ATTRS:
            raise PackError(f"`attr` must be one of {', '.join(PHRASE_ATTRS)}, not {attr!r}", path, line)
        scope = data.get("scope", "overlap")
        if scope not in UNLESS_SCOPES:
            raise PackError(f"`scope` must be one of {', '.join(UNLESS_SCOPES)}, not {scope!r}", path, line)
        policies = {key: data.get(key, "exclude") for key in ("negated", "quoted")}
        for key, policy in policies.items():
            if policy not in SCOPE_POLICIES:
                raise PackError(
                    f"`{key}` must be one of {', '.join(SCOPE_POLICIES)}, not {policy!r}",
                    path,
                    key_lines.get(key, line),
                )
        case_sensitive = data.get("case_sensitive", False)
        if not isinstance(case_sensitive, bool):
            raise PackError("`case_sensitive` must be true or false", path, key_lines.get("case_sensitive", line))
        strings: dict[str, tuple[str, ...]] = {}
        for key in ("phrases", "regex"):
            values = data.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise PackError(f"`{key}` must be a list of strings", path, line)
            strings[key] = tuple(values)
        shaped: dict[str, tuple[Any, ...]] = {}
        for key, validate in (("patterns", validate_token_pattern), ("dependency", validate_dependency_pattern)):
            values = data.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, list) for v in values):
                raise PackError(f"`{key}` must be a list of patterns (each a list of token mappings)", path, line)
            for pattern in values:
                try:
                    validate(pattern)
                except PatternProblem as exc:
                    raise PackError(f"invalid spaCy pattern: {exc}", path, line) from exc
            shaped[key] = tuple(values)
        flags = 0 if case_sensitive else regex.IGNORECASE
        # A shipped pack's expressions are compiled when its rules are built (a run whose every message
        # is in the cache builds none: validating ~350 expressions was most of a warm run's pack loading);
        # tests/test_pack_examples.py builds every shipped rule. A user's pack is validated here, at load.
        for expression in () if _shipped(path) else strings["regex"]:
            try:
                regex.compile(expression, flags)
            except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as exc:
                raise PackError(f"invalid regular expression {expression!r}: {exc}", path, line) from exc
        return cls(
            phrases=strings["phrases"],
            attr=attr,
            patterns=shaped["patterns"],
            dependency=shaped["dependency"],
            regex=strings["regex"],
            case_sensitive=case_sensitive,
            negated=policies["negated"],
            quoted=policies["quoted"],
            scope=scope,
            use=tuple(use),
            path=path,
            line=line,
        )


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
    category: the finding's category when it is not the rule's (a LanguageTool grammar match is GRAMMAR);
    link: the backend rule's own page, shown instead of the rule's link; external: that backend rule.
    """

    suggestions: tuple[Suggestion, ...] = ()
    params: tuple[tuple[str, str], ...] = ()
    category: Category | None = None
    link: str | None = None
    external: ExternalRule | None = None


class Matcher:
    """A compiled pattern block.

    nlp (Language): the pipeline whose vocabulary and lemmatizer the patterns use.
    block (PatternBlock): the validated block.
    phrases (PhraseIndex): the rule set's shared phrase matchers, which this block's phrases join.
    classes (ClassIndex | None): the language's word classes, for CLASS tests.
    scopes (Scopes | None): the language's negation and quotation scopes (None: nothing is negated or quoted).
    """

    def __init__(
        self,
        nlp: Language,
        block: PatternBlock,
        phrases: PhraseIndex,
        classes: ClassIndex | None = None,
        scopes: Scopes | None = None,
    ) -> None:
        from spacy.errors import MatchPatternError
        from spacy.matcher import DependencyMatcher
        from spacy.matcher import Matcher as TokenMatcher

        self.block = block
        self._scopes = scopes
        self._filtered = scopes is not None and (block.negated != "include" or block.quoted != "include")
        self._phrases: PhraseIndex | None = None
        self._phrase_handle = 0
        self._token_matcher = None
        self._dependency_matcher = None
        self._requirements: list[Requirement] | None = None
        self._fast: FastTokenMatcher | None = None
        if block.phrases:
            attr = PHRASE_ATTRS[block.attr]
            # Lemma phrases must go through the pipeline so that their lemmas are set like the text's.
            docs = list(nlp.pipe(block.phrases)) if attr == "LEMMA" else [nlp.make_doc(p) for p in block.phrases]
            self._phrases = phrases  # one shared matcher per rule set: one pass per document
            self._phrase_handle = phrases.add(attr, docs)
        try:
            if block.patterns:
                self._fast, rest = FastTokenMatcher.split(block.patterns, classes)
                if any(class_names([pattern]) for pattern in rest):
                    raise PackError(
                        "a token pattern with CLASS may use only LOWER, LEMMA, ORTH, TAG, POS, MORPH, "
                        "IS_ALPHA/IS_PUNCT/IS_DIGIT/IS_SPACE/IS_SENT_START and the operators ?, *, +, {n,m}",
                        block.path,
                        block.line,
                    )
                if rest:  # what the array matcher cannot run (DEP, LENGTH, FUZZY, !, ...)
                    self._token_matcher = TokenMatcher(nlp.vocab, validate=True)
                    self._token_matcher.add("patterns", rest)
                self._requirements = requirements(block.patterns)
            if block.dependency:
                self._dependency_matcher = DependencyMatcher(nlp.vocab, validate=True)
                self._dependency_matcher.add("dependency", list(block.dependency))
        except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
            message = " ".join(str(exc).split())
            raise PackError(f"invalid spaCy pattern: {message}", block.path, block.line) from exc
        flags = 0 if block.case_sensitive else regex.IGNORECASE
        # Each pattern with the literal openings one of which a match needs (None: always run it).
        try:
            self._regexes = [
                (regex.compile(expression, flags), literal_prefixes(expression, not block.case_sensitive))
                for expression in block.regex
            ]
        except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as exc:
            raise PackError(f"invalid regular expression: {exc}", block.path, block.line) from exc
        self._where = f"{block.path}:{block.line}" if block.line is not None else block.path

    def _token_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token spans of the phrases and token patterns."""
        spans: list[tuple[int, int]] = []
        if self._phrases is not None:
            spans.extend(self._phrases.spans(doc, self._phrase_handle))
        if self._requirements is not None and not may_match(self._requirements, doc):
            return spans  # a word every pattern needs is missing: no token pattern can match
        if self._fast is not None:
            spans.extend(self._fast(doc))
        if self._token_matcher is not None:
            spans.extend((start, end) for _, start, end in self._token_matcher(doc))
        return spans

    def matches(self, doc: Doc) -> bool:
        """Whether the block matches anywhere: ``bool(find(doc))``, stopping at the first kind that does."""
        if self._filtered:
            return bool(self.find(doc))
        if self._token_spans(doc):
            return True
        if self._dependency_matcher is not None and self._dependency_matcher(doc):
            return True
        for pattern in self._runnable_regexes(doc):
            if any(m.end() > m.start() for m in timeouts.finditer(pattern, doc, self._where)):
                return True
        return False

    def _runnable_regexes(self, doc: Doc) -> list[regex.Pattern[str]]:
        """The block's regexes that can match this document (see engine/regexfilter.py)."""
        if not self._regexes:
            return []
        text = doc_text(doc)
        haystack = text if self.block.case_sensitive else lowered_text(doc, text)
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
            for match in timeouts.finditer(pattern, doc, self._where):
                if match.end() > match.start():
                    hits.add(_char_hit(doc, match.start(), match.end()))
        found = sorted(hits, key=lambda h: (h.start, h.end))
        if self._filtered and self._scopes is not None:
            found = [hit for hit in found if self._in_scope(doc, hit, self._scopes)]
        return found

    def _in_scope(self, doc: Doc, hit: Hit, scopes: Scopes) -> bool:
        """Whether a hit survives the block's negated/quoted policies."""
        for policy, test in ((self.block.negated, scopes.negated), (self.block.quoted, scopes.quoted)):
            if policy == "include":
                continue
            inside = test(doc, hit.first_token, hit.last_token)
            if inside != (policy == "only"):
                return False
        return True


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


def merge_overlapping(hits: Iterable[Hit | None]) -> list[Hit | None]:
    """Join overlapping hits of one rule into one span: one problem, one finding."""
    hits = list(hits)
    merged: list[Hit | None] = [None] if None in hits else []
    for hit in sorted((h for h in hits if h is not None), key=lambda h: (h.start, h.end)):
        last = merged[-1] if merged else None
        if last is not None and hit.start < last.end:
            # replace() keeps a DetailedHit's suggestions and parameters.
            merged[-1] = replace(last, end=max(last.end, hit.end), last_token=max(last.last_token, hit.last_token))
        else:
            merged.append(hit)
    return merged
