"""Building a Source from pieces of a file: extracted prose with a file offset for every character.

Readers of structured formats (Markdown, HTML, e-mail, catalogs) do not lint the file as it
is: they pick out the prose, decode entities and escapes, and drop markup. A TextBuilder
collects that prose together with the file offset of each character, so that a finding in
the extracted text is reported at the exact line and column of the file. ``align`` maps a
decoded string (a JSON or YAML value, a Markdown text run) back onto the file text it came
from, following escapes, entities, quotes, folding and indentation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from scusa_lint.masking import blank, neutral_word
from scusa_lint.source import FRONT_MATTER, Comment, Source, line_of, make_source, parse_front_matter

# Backslash escapes of JSON, YAML double-quoted scalars, C/gettext strings and Markdown.
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a", "0": "\0", "e": "\x1b",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029", "/": "/", "\\": "\\", '"': '"', "'": "'", " ": " ",
}  # fmt: skip
_HEX_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?|x([0-9a-fA-F]{2})|U([0-9a-fA-F]{8}))")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _escape_at(src: str, p: int) -> tuple[str, int] | None:
    """The character a backslash escape at ``p`` stands for, and the escape's length."""
    found = _HEX_ESCAPE.match(src, p)
    if found:
        high, low, byte, wide = found.groups()
        if high:
            code = int(high, 16)
            if low and 0xD800 <= code < 0xDC00:
                return chr(0x10000 + ((code - 0xD800) << 10) + int(low, 16) - 0xDC00), found.end() - p
            return chr(code), 6
        return chr(int(byte or wide, 16)), found.end() - p
    if p + 1 < len(src) and src[p + 1] in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[src[p + 1]], 2
    if p + 1 < len(src) and not src[p + 1].isalnum():
        return src[p + 1], 2  # Markdown: \* \_ \[ ...
    return None


def align(value: str, src: str, start: int, end: int, entities: bool = False) -> tuple[list[int], int]:
    """Map each character of ``value`` to the offset in ``src[start:end]`` it was decoded from.

    Source characters that stand for nothing in ``value`` (quotes, markup, indentation, the
    line break of a folded line) are skipped; a backslash escape or, with ``entities``, an HTML
    entity maps to its first character. A character that cannot be found maps to the previous
    one (never past ``end``). Returns the offsets and the position after the last match.
    """
    offsets: list[int] = []
    p = start
    last = start
    i = 0
    while i < len(value):
        # Where the file has the value's next characters as they are (most of a string), the scan below
        # would match each at once: map the whole run in one step (the per-character scan cost a .po
        # catalog's warm run a fifth of its time).
        run = _verbatim_run(value, i, src, p, end)
        if run:
            offsets.extend(range(p, p + run))
            last, p, i = p + run - 1, p + run, i + run
            continue
        ch = value[i]
        i += 1
        q = p
        found = -1
        while q < end:
            s = src[q]
            if s == ch:
                found, q = q, q + 1
                break
            if s == "\\":
                escaped = _escape_at(src, q)
                if escaped is not None and escaped[0] == ch:
                    found, q = q, q + escaped[1]
                    break
            if entities and s == "&":
                entity = _ENTITY.match(src, q)
                if entity and html.unescape(entity.group()) == ch:
                    found, q = q, entity.end()
                    break
            if ch in " \n" and s in " \t\r\n":
                # A folded line break (YAML, Markdown soft wrap) becomes one space or newline.
                found, q = q, q + 1
                break
            q += 1
        if found < 0:
            offsets.append(last)
            continue
        offsets.append(found)
        last = found
        p = q
    return offsets, p


def _verbatim_run(value: str, i: int, src: str, p: int, end: int) -> int:
    """The length of the longest common prefix of ``value[i:]`` and ``src[p:end]`` (a binary search)."""
    low, high = 0, min(len(value) - i, end - p)
    if high <= 0 or value[i] != src[p]:
        return 0
    if src.startswith(value[i : i + high], p):
        return high
    low = 1
    while low < high:  # src has value[i : i + low] at p; a longer run than high is ruled out
        middle = (low + high + 1) // 2
        if src.startswith(value[i : i + middle], p):
            low = middle
        else:
            high = middle - 1
    return low


class TextBuilder:
    """Collects extracted prose and the file offset of each of its characters.

    Regions added with ``mask=True`` (inline code, link addresses) keep their characters in
    ``text`` but are neutral for analysis and never flagged.
    """

    def __init__(self, file_text: str) -> None:
        self.file_text = file_text
        self.parts: list[str] = []
        self.offsets: list[int] = []
        self.premasked: list[tuple[int, int, bool]] = []  # (start, end, as a word) in text
        self.length = 0
        self.end = 0

    def _push(self, text: str, offsets: Iterable[int]) -> None:
        offsets = list(offsets)
        assert len(offsets) == len(text)
        self.parts.append(text)
        self.offsets.extend(offsets)
        self.length += len(text)
        if offsets:
            self.end = max(self.end, offsets[-1] + 1)

    def copy(self, start: int, end: int, mask: bool = False, word: bool = True) -> None:
        """Add file_text[start:end] as it is (masked for analysis if ``mask``)."""
        if end <= start:
            return
        if mask:
            self.premasked.append((self.length, self.length + end - start, word))
        self._push(self.file_text[start:end], range(start, end))

    def add(self, text: str, offsets: Iterable[int], mask: bool = False) -> None:
        """Add decoded text whose characters come from the given file offsets."""
        if mask and text:
            self.premasked.append((self.length, self.length + len(text), True))
        self._push(text, offsets)

    def add_value(self, value: str, start: int, end: int, entities: bool = False) -> int:
        """Add a decoded value found in file_text[start:end] (see ``align``); returns where it ended."""
        offsets, after = align(value, self.file_text, start, end, entities)
        self._push(value, offsets)
        return after

    def separator(self, text: str, offset: int) -> None:
        """Add a break that is not in the file (a paragraph between blocks), placed at ``offset``."""
        if self.length == 0:
            return
        current = "".join(self.parts[-2:])
        if text == "\n\n" and current.endswith("\n\n"):
            return
        if text == "\n\n" and current.endswith("\n"):
            text = "\n"
        self._push(text, [offset] * len(text))

    def build(
        self,
        path: str,
        language: str | None,
        meta: dict[str, Any] | None = None,
        comments: Iterable[Comment] = (),
        key: str | None = None,
        line_starts: tuple[int, ...] | None = None,
        notices: tuple[str, ...] = (),
    ) -> Source:
        """The Source of the collected prose (through ``source.make_source``, like every reader's)."""
        text = "".join(self.parts)
        chars = list(text)
        for start, end, word in self.premasked:
            chars[start:end] = neutral_word(end - start) if word else blank(text[start:end])
        return make_source(
            path,
            text,
            "".join(chars),
            self.file_text,
            tuple((s, e) for s, e, _ in self.premasked),
            offsets=(*self.offsets, self.end if self.offsets else 0),
            language=language,
            meta=meta,
            notices=notices,
            comments=comments,
            key=key,
            starts=line_starts,
        )


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, tuple[str, ...]]:
    """The front matter's settings (if any), the text with it blanked (same length, same lines), and
    the deprecation notices reading it gave."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, ()
    meta, notices = parse_front_matter(match.group(1), path)
    return meta, blank(text[: match.end()]) + text[match.end() :], notices


def comment(body: str, start: int, end: int, starts: tuple[int, ...]) -> Comment:
    """A Comment for file_text[start:end] (body without delimiters)."""
    return Comment(body.strip(), line_of(starts, start), line_of(starts, max(start, end - 1)))
