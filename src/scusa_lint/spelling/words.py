"""Which stretches of a message are words to spell-check, and which are never checked.

Never checked (documented in README, "Spelling"): everything the text grammar
(textsyntax.py) says is not prose: template syntax and placeholders (``{{ nome_cliente }}``,
``{nome}``, ``%s``, ``${x}``, ``{% if %}``, ``[[nome]]``), URLs and bare domains, e-mail
addresses, @handles and #tags, any chunk containing a digit (numbers, dates, order codes
such as AB-12345), abbreviations with a raised ending (Sig.ra, Dott.ssa) and markup tags.
Masked ranges of the Source (front matter, placeholders blanked by a reader) are skipped
too, together with any word touching them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from scusa_lint.masking import find_urls, placeholder_spans
from scusa_lint.spelling.base import Ranges
from scusa_lint.textsyntax import ABBREVIATION, CODE, HANDLE, MARKUP_TAG, spans

# Besides placeholders and addresses: handles and tags, codes, raised-ending abbreviations, markup.
_NEVER_WORDS = (HANDLE, CODE, ABBREVIATION, MARKUP_TAG)

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
    """Ranges of `text` that are never spell-checked (the text grammar of textsyntax.py), in order.

    Stretches without spaces longer than MAX_CHUNK are skipped whole and hidden from the patterns,
    which would otherwise retry them from every one of their characters.
    """
    long_chunks = spans(_LONG_CHUNK, text)
    scanned = text
    if long_chunks:
        pieces, previous = [], 0
        for start, end in long_chunks:
            pieces += [text[previous:start], " " * (end - start)]
            previous = end
        scanned = "".join([*pieces, text[previous:]])
    found = [*long_chunks, *placeholder_spans(scanned), *find_urls(scanned)]
    for pattern in _NEVER_WORDS:
        found.extend(spans(pattern, scanned))
    return sorted(found)


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


class Spans:
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
    for match in word_matches(text, ignored):
        start, end = match.span()
        yield Word(start, end, match.group(), opens_sentence(text, start, end, sentence_starts))


def word_matches(text: str, ignored: Ranges) -> list[re.Match[str]]:
    """The words of `text` outside `ignored` and the never-checked ranges, in order, as bare matches.

    For a caller that reads a word's place only for some words (the speller: only capitalised ones),
    so that the sentence-start tests and a Word object are not paid for every word.
    """
    skipped = [*ignored, *skipped_ranges(text)]
    if not skipped:
        return list(_WORD.finditer(text))
    touches = Spans(skipped).touches
    return [match for match in _WORD.finditer(text) if not touches(match.start(), match.end())]


def opens_sentence(text: str, start: int, end: int, sentence_starts: frozenset[int]) -> bool:
    """Whether the word at [start, end) opens a sentence, where a capital says nothing (Word.sentence_start)."""
    opens = (start in sentence_starts and not _after_omission(text, start)) or _after_break(text, start)
    return opens and not _whole_list_item(text, start, end)


_OMISSION = re.compile(r"[\[(](?:…|\.\.\.)[\])]\s*$")


def _after_omission(text: str, start: int) -> bool:
    """Whether the word follows an omission mark («[…]», «(...)») that no sentence end precedes: a quotation
    cut inside a sentence goes on after the mark, so a capital there is a name («settembre […] Alitalia»),
    although the sentence splitter ends a sentence at the «…»."""
    before = text[max(0, start - 12) : start]
    found = _OMISSION.search(before)
    if found is None:
        return False
    head = text[: start - len(before) + found.start()].rstrip()
    return bool(head) and head[-1] not in ".!?:\n\r…"


_BULLETS = "-–•*·"


def _whole_list_item(text: str, start: int, end: int) -> bool:
    """Whether the word is a whole item of a bulleted list («- Codogno;»): after a bullet and before the
    item's end («;», «,», «.», a line break). Such a capital is a name's (places, branches, products
    listed), not a sentence's start, though the item opens a line or follows a colon."""
    before = text[max(0, start - 3) : start].rstrip(" \t")
    if not before or before[-1] not in _BULLETS:
        return False
    after = text[end : end + 2].lstrip(" \t")
    return not after or after[0] in ";,.\n\r"


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
