"""Validate token and dependency patterns without spaCy, and say what a pattern needs from the pipeline.

Token patterns are spaCy's, plus one key of scusa-lint's own: CLASS (a word class of the
language, see wordclasses.py), which the array matcher runs.

Why not spaCy's own validator: loading a pack must not import spaCy (`rules`, `explain` and
`--help` stay fast), yet `rules`, `explain` and `check` must accept and reject the same packs.
So the schema of spaCy's ``TokenPattern`` (spacy/schemas.py) is restated here: the same keys,
value types and operators. spaCy still validates every pattern again when a rule is compiled;
a disagreement would be a PackError there too, never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scusa_lint.analysis.pipeline import DEP, LEMMA, MORPH, POS

_STRING_KEYS = frozenset(
    {"ORTH", "TEXT", "LOWER", "POS", "TAG", "MORPH", "DEP", "LEMMA", "SHAPE", "ENT_TYPE", "ENT_ID", "ENT_KB_ID", "NORM"}
)
_BOOL_KEYS = frozenset(
    {
        "SPACY",
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_BRACKET",
        "IS_QUOTE",
        "IS_LEFT_PUNCT",
        "IS_RIGHT_PUNCT",
        "IS_CURRENCY",
        "IS_STOP",
        "IS_SENT_START",
        "SENT_START",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
    }
)
_NUMBER_KEYS = frozenset({"LENGTH"})
_LIST_PREDICATES = frozenset({"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"})
_FUZZY = frozenset({"FUZZY", *(f"FUZZY{n}" for n in range(1, 10))})
_COMPARISONS = frozenset({"==", "!=", ">=", "<=", ">", "<"})
_OPERATOR = re.compile(r"^(?:[+*?!]|\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\})$")
_IOB = ("", "I", "O", "B", 0, 1, 2, 3)
_DEP_KEYS = frozenset({"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"})
_REL_OPS = frozenset({"<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--", ">+", ">-", "<+", "<-"})
_REL_OPS_EXTRA = frozenset({">++", ">--", "<++", "<--"})

# Token-pattern attributes that a pipeline must fill in for the pattern to mean anything.
_ATTR_NEEDS = {"POS": POS, "TAG": POS, "MORPH": MORPH, "DEP": DEP, "LEMMA": LEMMA, "HEAD": DEP}


class PatternProblem(ValueError):
    """A pattern that spaCy would reject; the message says what is wrong, in spaCy's terms."""


def validate_token_pattern(pattern: Any) -> None:
    """Raise PatternProblem if `pattern` is not a valid spaCy token pattern (a non-empty list of mappings)."""
    if not isinstance(pattern, list) or not pattern:
        raise PatternProblem("a token pattern is a non-empty list of token mappings")
    for index, token in enumerate(pattern):
        if not isinstance(token, Mapping):
            raise PatternProblem(f"token {index}: expected a mapping of attributes, not {token!r}")
        for raw_key, value in token.items():
            _check_attribute(index, str(raw_key), value)


def _check_attribute(index: int, raw_key: str, value: Any) -> None:
    key = raw_key.upper()
    where = f"token {index}, {raw_key}"
    if value is None:
        raise PatternProblem(f"{where}: None / null is not allowed")
    if key == "OP":
        if not isinstance(value, str) or not _OPERATOR.match(value):
            raise PatternProblem(f"{where}: operator must be +, *, ?, ! or {{n}}, {{n,m}}, {{n,}}, {{,m}}")
    elif key in _STRING_KEYS:
        _check_string_value(where, value)
    elif key in _BOOL_KEYS:
        if not isinstance(value, bool):
            raise PatternProblem(f"{where}: expected true or false")
    elif key in _NUMBER_KEYS:
        _check_number_value(where, value)
    elif key == "ENT_IOB":
        if value not in _IOB:
            raise PatternProblem(f"{where}: expected one of '', I, O, B")
    elif key == "CLASS":
        if isinstance(value, str):
            return
        if not (isinstance(value, Mapping) and len(value) == 1 and str(next(iter(value))).upper() in ("IN", "NOT_IN")):
            raise PatternProblem(f"{where}: CLASS takes a class name or {{IN: [...]}} / {{NOT_IN: [...]}}")
        names = next(iter(value.values()))
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise PatternProblem(f"{where}: CLASS lists class names")
    elif raw_key == "_":
        if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
            raise PatternProblem(f"{where}: expected a mapping of extension attributes")
    else:
        raise PatternProblem(f"{where}: unknown token attribute {raw_key!r}")


def _check_string_value(where: str, value: Any) -> None:
    if isinstance(value, str):
        return
    if not isinstance(value, Mapping) or not value:
        raise PatternProblem(f"{where}: expected a string or a mapping of predicates (IN, NOT_IN, REGEX, ...)")
    for predicate, argument in value.items():
        name = str(predicate).upper()
        if name in _LIST_PREDICATES:
            if not isinstance(argument, list) or not all(isinstance(v, str) for v in argument):
                raise PatternProblem(f"{where}: {predicate} takes a list of strings")
        elif name == "REGEX" or name in _FUZZY:
            if isinstance(argument, Mapping):
                _check_string_value(f"{where}.{predicate}", argument)
            elif not isinstance(argument, str):
                raise PatternProblem(f"{where}: {predicate} takes a string")
            elif name == "REGEX":
                try:
                    re.compile(argument)
                except re.error as exc:
                    raise PatternProblem(f"{where}: invalid REGEX {argument!r}: {exc}") from exc
        else:
            raise PatternProblem(f"{where}: unknown predicate {predicate!r}")


def _check_number_value(where: str, value: Any) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return
    if not isinstance(value, Mapping) or not value:
        raise PatternProblem(f"{where}: expected a number or a mapping of comparisons")
    for predicate, argument in value.items():
        name = str(predicate).upper()
        if name in _LIST_PREDICATES:
            if not isinstance(argument, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in argument
            ):
                raise PatternProblem(f"{where}: {predicate} takes a list of whole numbers")
        elif name in _COMPARISONS:
            if isinstance(argument, bool) or not isinstance(argument, int | float):
                raise PatternProblem(f"{where}: {predicate} takes a number")
        elif name == "REGEX":
            if not isinstance(argument, str):
                raise PatternProblem(f"{where}: REGEX takes a string")
        else:
            raise PatternProblem(f"{where}: unknown predicate {predicate!r}")


def validate_dependency_pattern(pattern: Any) -> None:
    """Raise PatternProblem if `pattern` is not a valid spaCy DependencyMatcher pattern."""
    if not isinstance(pattern, list) or not pattern:
        raise PatternProblem("a dependency pattern is a non-empty list of nodes")
    seen: set[str] = set()
    for index, node in enumerate(pattern):
        if not isinstance(node, Mapping):
            raise PatternProblem(f"node {index}: expected a mapping")
        unknown = sorted(set(map(str, node)) - _DEP_KEYS)
        if unknown:
            raise PatternProblem(f"node {index}: unknown key {unknown[0]!r}")
        right = node.get("RIGHT_ID")
        if not isinstance(right, str) or not right:
            raise PatternProblem(f"node {index}: RIGHT_ID must be a non-empty string")
        attrs = node.get("RIGHT_ATTRS")
        if not isinstance(attrs, Mapping):
            raise PatternProblem(f"node {index}: RIGHT_ATTRS must be a mapping of token attributes")
        for key, value in attrs.items():
            _check_attribute(index, str(key), value)
        if index == 0:
            if "LEFT_ID" in node or "REL_OP" in node:
                raise PatternProblem("node 0 is the anchor: it takes no LEFT_ID or REL_OP")
        else:
            left, relation = node.get("LEFT_ID"), node.get("REL_OP")
            if left not in seen:
                raise PatternProblem(f"node {index}: LEFT_ID {left!r} names no earlier node")
            if relation not in _REL_OPS | _REL_OPS_EXTRA:
                raise PatternProblem(f"node {index}: unknown REL_OP {relation!r}")
        if right in seen:
            raise PatternProblem(f"node {index}: RIGHT_ID {right!r} is used twice")
        seen.add(right)


def class_names(patterns: Any) -> set[str]:
    """The word classes that token patterns name (CLASS: x, CLASS: {IN: [x, y]})."""
    names: set[str] = set()
    for pattern in patterns or []:
        for token in pattern if isinstance(pattern, list) else []:
            for key, value in token.items() if isinstance(token, Mapping) else ():
                if str(key).upper() != "CLASS":
                    continue
                if isinstance(value, str):
                    names.add(value)
                elif isinstance(value, Mapping):
                    names.update(n for v in value.values() if isinstance(v, list) for n in v if isinstance(n, str))
    return names


def token_needs(patterns: Any) -> set[str]:
    """What token patterns need from the pipeline (lemma, pos, morph, dep)."""
    needs: set[str] = set()
    for pattern in patterns or []:
        for token in pattern if isinstance(pattern, list) else []:
            if isinstance(token, Mapping):
                needs.update(_ATTR_NEEDS[k.upper()] for k in map(str, token) if k.upper() in _ATTR_NEEDS)
    return needs


def dependency_needs(patterns: Any) -> set[str]:
    """What dependency patterns need: a parser, and whatever their node attributes test."""
    needs = {DEP} if patterns else set()
    for pattern in patterns or []:
        for node in pattern if isinstance(pattern, list) else []:
            attrs = node.get("RIGHT_ATTRS", {}) if isinstance(node, Mapping) else {}
            needs.update(_ATTR_NEEDS[k.upper()] for k in map(str, attrs) if k.upper() in _ATTR_NEEDS)
    return needs
