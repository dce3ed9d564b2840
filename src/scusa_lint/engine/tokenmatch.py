"""A token-pattern matcher over document arrays, for the patterns rule packs use.

Why: spaCy's Matcher builds two Python Token objects per word on every call and runs IN and
REGEX predicates in Python; on a corpus it was most of the time spent in rules. Patterns made
of ORTH/TEXT/LOWER/LEMMA tests (a string, IN, NOT_IN, REGEX), the IS_ALPHA/IS_PUNCT/IS_DIGIT/
IS_SPACE/IS_SENT_START flags, POS and TAG, MORPH (a string, IN, NOT_IN, IS_SUPERSET, IS_SUBSET, INTERSECTS),
word classes (CLASS, which spaCy does not know: see wordclasses.py), any-token ``{}`` and the
operators none, ?, *, + and {n,m} are matched here on the columns of the document instead,
starting only where the first token can match. The rest (DEP, LENGTH, SHAPE, FUZZY, `!`, ...)
stays with spaCy's Matcher.

The result is the same as spaCy's: every (start, end) span, end > start, whose tokens match
the whole pattern (tests/test_tokenmatch.py compares the two on generated patterns and texts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.engine.columns import doc_columns

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from scusa_lint.wordclasses import ClassIndex

_COLUMNS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "LEMMA": "LEMMA", "TAG": "TAG"}
# Boolean token flags, compared with 0/1 columns.
_FLAGS = ("IS_ALPHA", "IS_PUNCT", "IS_DIGIT", "IS_SPACE", "IS_SENT_START")
_OPS = (None, "?", "*", "+")
# spaCy's counted operators: {n}, {n,m}, {n,}, {,m}.
_COUNTED = re.compile(r"^\{(\d*)(,?)(\d*)\}$")
MAX_COUNT = 8


@dataclass
class _Test:
    """One attribute test on one token: equal to an id, in / not in a set of ids, or a regex search."""

    column: str
    equal: int | None = None
    allowed: frozenset[int] | None = None
    banned: frozenset[int] | None = None
    regex: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        self._regex_cache: dict[int, bool] = {}

    def positions(self, index: Mapping[int, list[int]], strings: Any) -> list[int]:
        """The token positions whose value passes, in no particular order.

        index: the column's positions by value (see :class:`_ByValue`): each distinct value is
        tested once, and an ``equal`` or ``IN`` test looks its values up instead of walking the tokens.
        """
        equal = self.equal
        if equal is not None:
            hits = index.get(equal)
            return hits if hits is not None and self.passes(equal, strings) else []
        allowed = self.allowed
        if allowed is not None and len(allowed) < len(index):
            groups = [index[v] for v in allowed if v in index and self.passes(v, strings)]
        else:
            groups = [hits for v, hits in index.items() if self.passes(v, strings)]
        if len(groups) == 1:
            return groups[0]
        return [i for hits in groups for i in hits]

    def present(self, index: Mapping[int, list[int]], strings: Any) -> bool:
        """Whether some token of the document passes (``bool(self.positions(index, strings))``, cheaper)."""
        equal = self.equal
        if equal is not None:
            return equal in index and self.passes(equal, strings)
        allowed = self.allowed
        if allowed is not None and len(allowed) < len(index):
            return any(v in index and self.passes(v, strings) for v in allowed)
        return any(self.passes(v, strings) for v in index)

    def passes(self, value: int, strings: Any) -> bool:
        """Whether a token's value in this test's column passes."""
        if self.equal is not None and value != self.equal:
            return False
        if self.allowed is not None and value not in self.allowed:
            return False
        if self.banned is not None and value in self.banned:
            return False
        if self.regex is not None:
            cached = self._regex_cache.get(value)
            if cached is None:
                cached = self._regex_cache[value] = bool(self.regex.search(strings[value]))
            return cached
        return True


class _MaskTest(_Test):
    """A word-class test: the token's class bits meet the mask (or, negated, do not)."""

    def __init__(self, mask: int, negate: bool = False) -> None:
        super().__init__("CLASS")
        self.mask = mask
        self.negate = negate

    def passes(self, value: int, strings: Any) -> bool:
        return bool(value & self.mask) != self.negate

    # The base class's generic path with the test inlined (a CLASS test leads many patterns).
    def positions(self, index: Mapping[int, list[int]], strings: Any) -> list[int]:
        mask, negate = self.mask, self.negate
        groups = [hits for value, hits in index.items() if bool(value & mask) != negate]
        if len(groups) == 1:
            return groups[0]
        return [i for hits in groups for i in hits]

    def present(self, index: Mapping[int, list[int]], strings: Any) -> bool:
        mask, negate = self.mask, self.negate
        return any(bool(value & mask) != negate for value in index)


class _MorphTest(_Test):
    """A MORPH test on the token's analysis ("Gender=Fem|Number=Sing"): its features (IS_SUPERSET,
    IS_SUBSET, INTERSECTS) or, as spaCy compares them, the string as written (a string, IN, NOT_IN)."""

    def __init__(self, predicate: str, features: frozenset[str]) -> None:
        super().__init__("MORPH")
        self.predicate = predicate
        self.features = features
        self._cache: dict[int, bool] = {}

    def passes(self, value: int, strings: Any) -> bool:
        cached = self._cache.get(value)
        if cached is None:
            text = strings[value] if value else ""
            feats = frozenset(f for f in text.split("|") if f)
            wanted = self.features
            if self.predicate == "IS_SUPERSET":
                cached = wanted <= feats
            elif self.predicate == "IS_SUBSET":
                cached = feats <= wanted
            elif self.predicate == "INTERSECTS":
                cached = bool(wanted & feats)
            elif self.predicate == "IN":  # as spaCy: the analysis string as written ("Gender=Fem|Number=Sing")
                cached = text in wanted
            else:  # NOT_IN
                cached = text not in wanted
            self._cache[value] = cached
        return cached


@dataclass(frozen=True)
class _Token:
    tests: tuple[_Test, ...]
    op: str | None


class _Pattern:
    """One compiled pattern: its tokens and, per state, the states reachable by skipping optional tokens."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.size = len(tokens)
        self.closure: list[frozenset[int]] = []
        for state in range(self.size + 1):
            reachable = {state}
            while state < self.size and tokens[state].op in ("?", "*"):
                state += 1
                reachable.add(state)
            self.closure.append(frozenset(reachable))
        # Per token, its tests as (column, test) pairs, read in the hot loops without attribute lookups.
        self._checks = [tuple((test.column, test.passes) for test in token.tests) for token in tokens]
        # A pattern of plain tokens (no operator) matches exactly `size` tokens from a start: no state sets needed.
        self._plain = all(token.op is None for token in tokens)
        # Tests of the tokens after the first that every match needs (no operator or +) and that name values
        # (a string, IN, a word class): when no token of the document passes one, the pattern cannot match.
        self._required = [
            test
            for token in tokens[1:]
            if token.op in (None, "+")
            for test in token.tests
            if (test.equal is not None and test.column not in _FLAGS)
            or test.allowed is not None
            or (isinstance(test, _MaskTest) and not test.negate)
        ]

    def spans(self, columns: _Columns, strings: Any, length: int) -> Iterable[tuple[int, int]]:
        first = self.tokens[0]
        checks = self._checks
        if first.op in (None, "+"):  # a match can only start where the first token matches
            lead = first.tests[0]
            by_value = columns.by_value
            candidates = lead.positions(by_value[lead.column], strings)
            if not candidates:
                return
            for test in self._required:
                if not test.present(by_value[test.column], strings):
                    return
            rest = checks[0][1:]
            starts: Iterable[int] = (
                [i for i in candidates if _all_pass(rest, columns, i, strings)] if rest else candidates
            )
        else:
            starts = range(length)
        if self._plain:
            size = self.size
            for start in starts:
                end = start + size
                if end > length:
                    continue
                position = start + 1
                for token_checks in checks[1:]:
                    if not _all_pass(token_checks, columns, position, strings):
                        break
                    position += 1
                else:
                    yield start, end
            return
        tokens, closure, size = self.tokens, self.closure, self.size
        for start in starts:
            states = closure[0]
            position = start
            while states:
                if size in states and position > start:
                    yield start, position
                if position >= length:
                    break
                following: set[int] = set()
                for state in states:
                    if state == size:
                        continue
                    if _all_pass(checks[state], columns, position, strings):
                        following.update(closure[state + 1])
                        if tokens[state].op in ("*", "+"):
                            following.add(state)
                states = frozenset(following)
                position += 1


def _all_pass(checks: Sequence[tuple[str, Any]], columns: _Columns, position: int, strings: Any) -> bool:
    for column, passes in checks:  # noqa: SIM110 - a loop: all() with a generator costs twice as much here
        if not passes(columns[column][position], strings):
            return False
    return True


class _Columns(dict[str, list[int]]):
    """A document's columns (see columns.doc_columns), with each column's token positions by value built
    on first use (``by_value[column]``): a pattern's first token is looked up there instead of tested on
    every token."""

    def __init__(self, columns: dict[str, list[int]]) -> None:
        super().__init__(columns)
        # Built on the dict given, not on self: no reference cycle, so the document's facts are freed with
        # it by reference counting (run.relaxed_gc makes the cycle collector rare).
        self.by_value = _ByValue(columns)


class _ByValue(dict[str, dict[int, list[int]]]):
    """Per column name, its positions by value, built when first asked for (a plain dict lookup after)."""

    def __init__(self, columns: dict[str, list[int]]) -> None:
        super().__init__()
        self._columns = columns

    def __missing__(self, column: str) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for position, value in enumerate(self._columns[column]):
            hits = found.get(value)
            if hits is None:
                found[value] = [position]
            else:
                hits.append(position)
        self[column] = found
        return found


_INDEX_KEY = "scusa_lint.token_index"


class FastTokenMatcher:
    """Matches a list of token patterns on a Doc; build with :meth:`compile` or :meth:`split`.

    classes: the rule set's word classes, for CLASS tests (None: a CLASS test is unsupported).
    """

    def __init__(self, patterns: list[_Pattern], classes: ClassIndex | None = None) -> None:
        self.patterns = patterns
        self.classes = classes
        self._needs_classes = any(t.column == "CLASS" for p in patterns for tok in p.tokens for t in tok.tests)

    @classmethod
    def compile(cls, patterns: Iterable[Any], classes: ClassIndex | None = None) -> FastTokenMatcher | None:
        """A matcher for all the patterns, or None if one of them needs spaCy's Matcher."""
        fast, rest = cls.split(patterns, classes)
        return fast if not rest else None

    @classmethod
    def split(
        cls, patterns: Iterable[Any], classes: ClassIndex | None = None
    ) -> tuple[FastTokenMatcher | None, list[Any]]:
        """A matcher for the patterns it takes, and the patterns left for spaCy's Matcher."""
        from spacy.strings import get_string_id

        compiled: list[_Pattern] = []
        rest: list[Any] = []
        for pattern in patterns:
            one = _compile_pattern(pattern, get_string_id, classes)
            if one is None:
                rest.append(pattern)
            else:
                compiled.append(one)
        return (cls(compiled, classes) if compiled else None), rest

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        """Every (start, end) token span that matches one of the patterns, sorted, without duplicates."""
        length = len(doc)
        if length == 0:
            return []
        columns = _doc_index(doc, self.classes if self._needs_classes else None)
        strings = doc.vocab.strings
        found: set[tuple[int, int]] = set()
        for pattern in self.patterns:
            found.update(pattern.spans(columns, strings, length))
        return sorted(found)


def _doc_index(doc: Doc, classes: ClassIndex | None) -> _Columns:
    """The document's columns with their value index, kept on the document (one per word-class set)."""
    key = _INDEX_KEY if classes is None else f"{_INDEX_KEY}.{classes.key}"
    cached: _Columns | None = doc.user_data.get(key)
    if cached is None:
        columns = doc_columns(doc)  # a fresh dict
        if classes is not None:
            columns["CLASS"] = classes.column(doc)
        cached = _Columns(columns)
        doc.user_data[key] = cached
    return cached


def _compile_pattern(pattern: Any, string_id: Any, classes: ClassIndex | None) -> _Pattern | None:
    if not isinstance(pattern, list) or not pattern:
        return None
    tokens: list[_Token] = []
    for spec in pattern:
        expanded = _expand_counted(spec)
        if expanded is None:
            return None
        for one in expanded:
            token = _compile_token(one, string_id, classes)
            if token is None:
                return None
            tokens.append(token)
    return _Pattern(tokens) if tokens else None


def _expand_counted(spec: Any) -> list[Any] | None:
    """A token with a counted operator as plain tokens: X{1,3} is X X? X?, X{2,} is X X X* (same spans)."""
    if not isinstance(spec, Mapping):
        return None
    op = spec.get("OP", spec.get("op"))
    if not isinstance(op, str) or op in _OPS:
        return [spec]
    counted = _COUNTED.match(op)
    if counted is None:
        return None
    low_text, comma, high_text = counted.groups()
    low = int(low_text) if low_text else 0
    high = None if comma and not high_text else int(high_text) if high_text else low
    if (high is not None and (high < low or high > MAX_COUNT)) or low > MAX_COUNT or (high == 0):
        return None
    plain = {k: v for k, v in spec.items() if str(k).upper() != "OP"}
    tokens: list[Any] = [dict(plain) for _ in range(low)]
    if high is None:
        tokens.append({**plain, "OP": "*"})
    else:
        tokens.extend({**plain, "OP": "?"} for _ in range(high - low))
    return tokens


def _compile_token(spec: Any, string_id: Any, classes: ClassIndex | None = None) -> _Token | None:
    if not isinstance(spec, Mapping):
        return None
    op = None
    tests: list[_Test] = []
    for raw_key, value in spec.items():
        key = str(raw_key).upper()
        if key == "OP":
            if value not in _OPS:
                return None
            op = value
            continue
        if key in _FLAGS:
            if not isinstance(value, bool):
                return None
            tests.append(_Test(key, equal=int(value)))
            continue
        if key in ("CLASS", "MORPH", "POS"):
            special = _special_test(key, value, classes)
            if special is None:
                return None
            tests.append(special)
            continue
        column = _COLUMNS.get(key)
        if column is None:
            return None
        if isinstance(value, str):
            tests.append(_Test(column, equal=string_id(value)))
        elif isinstance(value, Mapping) and value:
            test = _Test(column)
            for predicate, argument in value.items():
                if predicate in ("IN", "NOT_IN") and isinstance(argument, list):
                    if not all(isinstance(v, str) for v in argument):
                        return None
                    ids = frozenset(string_id(v) for v in argument)
                    if predicate == "IN":
                        test.allowed = ids
                    else:
                        test.banned = ids
                elif predicate == "REGEX" and isinstance(argument, str):
                    try:
                        test.regex = re.compile(argument)
                    except re.error:
                        return None
                else:
                    return None
            tests.append(test)
        else:
            return None
    if not tests:
        tests.append(_Test("ORTH"))  # {}: any token (a test with no condition)
    return _Token(tuple(tests), op)


def _special_test(key: str, value: Any, classes: ClassIndex | None) -> _Test | None:
    """The test for a CLASS, MORPH or POS value, or None when this matcher cannot run it."""
    if key == "POS":
        from spacy.parts_of_speech import IDS

        names = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, Mapping) else None
        banned = value.get("NOT_IN") if isinstance(value, Mapping) else None
        if isinstance(value, Mapping) and set(value) - {"IN", "NOT_IN"}:
            return None
        test = _Test("POS")
        if names is not None:
            test.allowed = frozenset(IDS.get(str(n), -1) for n in names)
        if banned is not None:
            test.banned = frozenset(IDS.get(str(n), -1) for n in banned)
        return test
    if key == "CLASS":
        if classes is None:
            return None
        if isinstance(value, str):
            return _MaskTest(classes.mask([value]))
        if isinstance(value, Mapping) and len(value) == 1:
            ((predicate, names),) = value.items()
            if predicate in ("IN", "NOT_IN") and isinstance(names, list):
                return _MaskTest(classes.mask(names), negate=predicate == "NOT_IN")
        return None
    # MORPH
    if isinstance(value, str):
        return _MorphTest("IN", frozenset([value]))
    if isinstance(value, Mapping) and len(value) == 1:
        ((predicate, features),) = value.items()
        if not isinstance(features, list):
            return None
        if predicate in ("IS_SUPERSET", "IS_SUBSET", "INTERSECTS"):
            return _MorphTest(predicate, frozenset(features))
        if predicate in ("IN", "NOT_IN"):
            return _MorphTest(predicate, frozenset(str(v) for v in features))
    return None
