"""A cheap necessary condition for a pack regex: literal words one of which every match must contain.

Why: rule packs hold about 200 regular expressions, and running each on each message was a
third of the linting time, although most patterns open with a list of words
(``\\b(?:valid[oia]|utilizzabil[ei]|scade)``) that most messages do not contain. Here the
pattern is parsed once (with the standard library's regex parser); for each top-level item
(each is consumed by every match) the literal texts that can open the rest of the pattern are
collected per alternative, the most selective set is kept, and a message that contains none
of those texts (a C-level substring test) is skipped: the pattern could not have matched it.

Zero-width items at the start (``\\b``, look-behinds, look-aheads) are passed over, since
they consume nothing. Any construct that is not a plain literal ends the prefix; a pattern
whose prefix would be shorter than two characters on any alternative gets no filter at all.
"""

from __future__ import annotations

import re

# The parser behind `re` (Python 3.11+); pack regexes use the `regex` package, whose syntax is a superset.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
MIN_PREFIX = 2
MAX_ALTERNATIVES = 64
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}


def literal_prefixes(pattern: str, ignore_case: bool) -> tuple[str, ...] | None:
    """The texts one of which every match starts with (lower-cased if ignore_case), or None for no filter."""
    if _INLINE_FLAGS.search(pattern):  # (?i) or (?i:...) changes case rules mid-pattern: do not guess
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # syntax only the `regex` package knows: no filter, the pattern still runs
        return None
    items = list(parsed)
    # Every top-level item is consumed by every match, so the literal texts that open the rest of the
    # pattern at any item are a necessary condition: keep the most selective set (longest shortest text).
    best: list[str] | None = None
    for index, item in enumerate(items):
        if item[0] in _ZERO_WIDTH:
            continue
        candidate = _sequence(items[index:])
        if not candidate or any(len(p) < MIN_PREFIX for p in candidate):
            continue
        if best is None or min(map(len, candidate)) > min(map(len, best)):
            best = candidate
    prefixes = best
    if not prefixes:
        return None
    unique = tuple(sorted({p.lower() if ignore_case else p for p in prefixes}))
    return unique if len(unique) <= MAX_ALTERNATIVES else None


def _sequence(items: list[Any]) -> list[str] | None:
    """Prefixes of a sequence of parsed items (None: nothing certain)."""
    index = 0
    while index < len(items) and items[index][0] in _ZERO_WIDTH:
        index += 1
    if index == len(items):
        return None
    op, value = items[index]
    if op is sre_constants.LITERAL:
        text = ""
        while index < len(items) and items[index][0] is sre_constants.LITERAL:
            text += chr(items[index][1])
            index += 1
        return [text]
    if op is sre_constants.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is sre_constants.BRANCH:
        collected: list[str] = []
        for alternative in value[1]:
            prefixes = _sequence(list(alternative))
            if not prefixes:
                return None
            collected.extend(prefixes)
        return collected
    return None


def may_match(prefixes: tuple[str, ...] | None, haystack: str) -> bool:
    """Whether a pattern with these prefixes can match; haystack is the text, lower-cased for
    case-insensitive patterns (computed once per message)."""
    if prefixes is None:
        return True
    for prefix in prefixes:  # noqa: SIM110 - a loop: any() with a generator costs twice as much here
        if prefix in haystack:
            return True
    return False
