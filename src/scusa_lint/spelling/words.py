"""Which stretches of a message are words to spell-check, and which are never checked.

Never checked (documented in README, "Spelling"): template syntax and placeholders
(``{{ nome_cliente }}``, ``{nome}``, ``%s``, ``${x}``, ``{% if %}``), URLs and bare domains,
e-mail addresses, @handles and #tags, any chunk containing a digit (numbers, dates,
order codes such as AB-12345), and abbreviations with a raised ending (Sig.ra, Dott.ssa).
Masked ranges of the Source (front matter, placeholders blanked by a reader) are skipped
too, together with any word touching them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scusa_lint.spelling.base import Ranges

_TEMPLATE = (
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\$\{[^}\n]*\}|\{[A-Za-z_][\w.\-]*\}|%\([A-Za-z_]\w*\)[sdif]|%[sdif]\b"
    r"|<[^<>\n]+>|\[\[.*?\]\]"
)
_URL = (
    r"(?:https?|ftp)://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:it|com|org|net|eu|io|info|biz|co|uk|de|fr|es)\b(?:/\S*)?"
)
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_HANDLE = r"(?<!\w)[@#]\w+"
_CODE = r"[^\s]*\d[^\s]*"
# Abbreviations with a raised ending: Sig.ra, Gent.mo, Dott.ssa, Spett.le.
_ABBREVIATION = r"\b[^\W\d_]{1,6}\.[a-z]{1,4}\b"
NEVER_CHECKED = re.compile("|".join(f"(?:{p})" for p in (_TEMPLATE, _EMAIL, _URL, _HANDLE, _CODE, _ABBREVIATION)), re.S)

# A word: letters, with inner hyphens or apostrophes ("e-mail", "dell'ordine"), and a final
# apostrophe for Italian truncations ("po'", "mo'").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?")


@dataclass(frozen=True)
class Word:
    """A word to check: its offsets in the text and whether a sentence starts there."""

    start: int
    end: int
    text: str
    sentence_start: bool


def skipped_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of `text` that are never spell-checked (placeholders, URLs, e-mails, codes)."""
    return [(m.start(), m.end()) for m in NEVER_CHECKED.finditer(text) if m.end() > m.start()]


def trim_ranges(text: str, ranges: Ranges) -> list[tuple[int, int]]:
    """Masked ranges without the whitespace at their ends, measured on the original text.

    A word right after front matter ("---\n") is prose; a word glued to a placeholder
    ("{{ nome }}ino") is not. Trimming makes "touching a range" mean "glued to it".
    """
    trimmed = []
    for start, end in ranges:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def _touches(start: int, end: int, ranges: Ranges) -> bool:
    """Whether [start, end) overlaps or is glued to a range ("{{ nome }}ino" is not a word to check)."""
    return any(start <= r_end and r_start <= end for r_start, r_end in ranges)


def words(text: str, ignored: Ranges, sentence_starts: frozenset[int]) -> Iterator[Word]:
    """The words of `text` outside `ignored` and the never-checked ranges, in order."""
    skip = [*ignored, *skipped_ranges(text)]
    for match in _WORD.finditer(text):
        start, end = match.span()
        if _touches(start, end, skip):
            continue
        yield Word(start, end, match.group(), start in sentence_starts or _after_break(text, start))


def _after_break(text: str, start: int) -> bool:
    """Whether the word opens the text, a line, or follows . ! ? : (a capital carries no information there)."""
    index = start - 1
    while index >= 0 and text[index] in " \t\"'«“‘(-—":
        index -= 1
    return index < 0 or text[index] in ".!?:\n\r…"


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), capped at `limit` for speed."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], limit)
