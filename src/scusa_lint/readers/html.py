"""HTML e-mail bodies: the visible text only, entities decoded, every character mapped to the source.

The standard library's html.parser reports the position of each piece of text and of each
entity (charrefs are not converted, so an ``&egrave;`` maps to its own offset). Text inside
script, style, head and template-less machinery is skipped; block elements (p, div, li,
headings, table rows) become paragraph breaks and ``<br>`` a line break, so that sentences
of different blocks are never joined. Whitespace runs collapse to one space, as a browser
shows them (the space maps to the run's first character).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from scusa_lint.readers.textmap import TextBuilder, comment, split_front_matter
from scusa_lint.source import Comment, Source, line_starts

SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "math"})
BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td",
     "th", "thead", "tbody", "tfoot", "blockquote", "pre", "section", "article", "header", "footer", "nav",
     "aside", "main", "hr", "address", "figure", "figcaption", "form", "fieldset", "body", "html", "center"}
)  # fmt: skip
_WORDS = re.compile(r"\s+|\S+")


class _Extractor(HTMLParser):
    def __init__(self, builder: TextBuilder, scan: str, base: int, end: int, starts: tuple[int, ...]) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self.base = base
        self.end = end
        self.file_starts = starts
        self.chunk = scan[base:end]
        self.chunk_starts = line_starts(self.chunk)
        self.skipping: list[str] = []
        self.pre = 0
        self.comments: list[Comment] = []
        self.space_at: int | None = None  # where a collapsed run of whitespace began, until a word follows

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self.chunk_starts[line - 1] + column

    def _break(self, text: str) -> None:
        self.space_at = None
        self.builder.separator(text, min(self._offset(), max(self.end - 1, self.base)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag == "br":
            self._break("\n")
        elif tag in BLOCKS:
            self.pre += tag == "pre"
            self._break("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break("\n")
        elif tag in BLOCKS:
            self._break("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif not self.skipping and tag in BLOCKS:
            self.pre -= tag == "pre" and self.pre > 0
            self._break("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        if self.pre:
            self.builder.copy(start, start + len(data))
            return
        for piece in _WORDS.finditer(data):
            if piece.group().isspace():
                self._pending(start + piece.start())
                continue
            self._space(start + piece.start())
            self.builder.copy(start + piece.start(), start + piece.end())

    def _pending(self, offset: int) -> None:
        if self.space_at is None:
            self.space_at = offset

    def _space(self, offset: int) -> None:
        """Emit the collapsed space before a word (at the run's first character), unless a line starts here."""
        if self.space_at is not None and self.builder.length and not self.builder.parts[-1].endswith("\n"):
            self.builder.add(" ", [self.space_at])
        self.space_at = None

    def _reference(self, raw: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        length = len(raw) + (1 if self.builder.file_text[start + len(raw) : start + len(raw) + 1] == ";" else 0)
        source = self.builder.file_text[start : start + length]
        decoded = html.unescape(source)
        self._space(start)
        if decoded == source:
            self.builder.copy(start, start + length)
        elif decoded.isspace():
            self._pending(start)
        else:
            self.builder.add(decoded, [start] * len(decoded))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self.comments.append(comment(data, start, start + len(data) + 7, self.file_starts))


def extract_html(
    builder: TextBuilder, start: int, end: int, starts: tuple[int, ...], scan: str | None = None
) -> list[Comment]:
    """Add the visible text of builder.file_text[start:end] to ``builder``; return the HTML comments.

    scan: the text to parse if not the file's own (the file with its front matter blanked).
    """
    scan = builder.file_text if scan is None else scan
    parser = _Extractor(builder, scan, start, end, starts)
    parser.feed(scan[start:end])
    parser.close()
    return parser.comments


def read_html(path: str, text: str, language: str | None) -> list[Source]:
    """One Source with the visible text of an HTML file (an optional YAML front matter gives settings)."""
    meta, scan, notices = split_front_matter(text, path)
    starts = line_starts(text)
    builder = TextBuilder(text)
    comments = extract_html(builder, 0, len(text), starts, scan)
    return [builder.build(path, language, meta, comments, line_starts=starts, notices=notices)]
