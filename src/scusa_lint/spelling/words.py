"""Which stretches of a message are words to spell-check, and which are never checked.

Never checked (documented in README, "Spelling"): template syntax and placeholders
(``{{ nome_cliente }}``, ``{nome}``, ``%s``, ``${x}``, ``{% if %}``), URLs and bare domains,
e-mail addresses, @handles and #tags, any chunk containing a digit (numbers, dates,
order codes such as AB-12345), and abbreviations with a raised ending (Sig.ra, Dott.ssa).
Masked ranges of the Source (front matter, placeholders blanked by a reader) are skipped
too, together with any word touching them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from scusa_lint.spelling.base import Ranges

# Delimited template syntax ({{ }}, {% %}, {# #}, [[ ]]) is found by _delimited, in linear time.
_DELIMITERS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"), ("[[", "]]"))
_TEMPLATE = r"\$\{[^}\n]*\}|\{[A-Za-z_][\w.\-]*\}|%\([A-Za-z_]\w*\)[sdif]|%[sdif]\b|<[^<>\n]+>"
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


# A stretch without spaces this long is no word to check (a hash, a base64 blob, a line of marks); it
# is skipped whole, and hidden from the patterns above, which would otherwise retry it from every
# one of its characters (quadratic: 20,000 characters took 16 s).
MAX_CHUNK = 256
_LONG_CHUNK = re.compile(r"\S{" + str(MAX_CHUNK + 1) + ",}")


def skipped_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of `text` that are never spell-checked (placeholders, URLs, e-mails, codes), in order.

    Linear in the length of the text (see MAX_CHUNK and _delimited).
    """
    long_chunks = [m.span() for m in _LONG_CHUNK.finditer(text)]
    scanned = text
    if long_chunks:
        pieces, previous = [], 0
        for start, end in long_chunks:
            pieces += [text[previous:start], " " * (end - start)]
            previous = end
        scanned = "".join([*pieces, text[previous:]])
    found = [*long_chunks, *(span for opener, closer in _DELIMITERS for span in _delimited(scanned, opener, closer))]
    found += [(m.start(), m.end()) for m in NEVER_CHECKED.finditer(scanned) if m.end() > m.start()]
    return sorted(found)


def _delimited(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """Spans from an opener to the nearest closer after it (what a lazy `{{.*?}}` finds), in one pass.

    Once an opener has no closer after it, no later one has: the search stops there instead of
    scanning to the end again from every opener.
    """
    spans = []
    at = text.find(opener)
    while at >= 0:
        close = text.find(closer, at + len(opener))
        if close < 0:
            break
        spans.append((at, close + len(closer)))
        at = text.find(opener, close + len(closer))
    return spans


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


class _Spans:
    """Ranges sorted by start, with the furthest end so far: "does [a, b] touch any?" in O(log n).

    A message with thousands of placeholders has thousands of ranges; testing each word against
    all of them was quadratic.
    """

    def __init__(self, ranges: Ranges) -> None:
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def touches(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps or is glued to a range ("{{ nome }}ino" is not a word to check)."""
        candidates = bisect.bisect_right(self.starts, end)  # ranges starting at or before `end`
        return candidates > 0 and self.reach[candidates - 1] >= start


def words(text: str, ignored: Ranges, sentence_starts: frozenset[int]) -> Iterator[Word]:
    """The words of `text` outside `ignored` and the never-checked ranges, in order."""
    skip = _Spans([*ignored, *skipped_ranges(text)])
    for match in _WORD.finditer(text):
        start, end = match.span()
        if skip.touches(start, end):
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
