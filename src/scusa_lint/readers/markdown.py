"""Markdown: the prose of paragraphs, headings, lists and quotes, mapped back to exact file offsets.

markdown-it-py parses the file (CommonMark); block tokens carry their line range, and each
inline text run is aligned to the source from a cursor that moves past the markup (emphasis
markers, link targets, escapes, entities). Code blocks and HTML comments are skipped (comments
are collected for suppressions); inline code and autolinks stay in the text but are masked;
link targets and images are left out. Raw HTML blocks are read like an HTML body. Blocks are
separated by paragraph breaks, so a heading or a list item is never joined to the next one.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from scusa_lint.readers.html import extract_html
from scusa_lint.readers.textmap import TextBuilder, comment, split_front_matter
from scusa_lint.source import Comment, Source, line_starts

_PARSER = MarkdownIt("commonmark").enable("table")


def read_markdown(path: str, text: str, language: str | None) -> list[Source]:
    """One Source with the prose of a Markdown file (front matter gives per-message settings)."""
    meta, scan, notices = split_front_matter(text, path)
    starts = line_starts(text)
    builder = TextBuilder(text)
    comments: list[Comment] = []
    cursor = 0
    for token in _PARSER.parse(scan):
        if token.map is None:
            continue
        # markdown-it may count a line more than line_starts does (hypothesis found such a text): a
        # line past the last one starts at the end of the text, for the start as for the end.
        start = starts[token.map[0]] if token.map[0] < len(starts) else len(text)
        end = starts[token.map[1]] if token.map[1] < len(starts) else len(text)
        if token.type == "inline":
            builder.separator("\n\n", start)
            # Table cells share their row's line range: each continues where the previous one ended.
            cursor = _inline(builder, token, max(start, cursor) if cursor < end else start, end, comments, starts)
            builder.separator("\n\n", max(start, builder.end - 1))
        elif token.type == "html_block":
            builder.separator("\n\n", start)
            comments.extend(extract_html(builder, start, end, starts, scan))
    return [builder.build(path, language, meta, comments, line_starts=starts, notices=notices)]


def _inline(
    builder: TextBuilder, token: Token, start: int, end: int, comments: list[Comment], starts: tuple[int, ...]
) -> int:
    """Add one inline token's prose; returns the file offset where it ended."""
    src = builder.file_text
    cursor = start
    in_autolink = False
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            if in_autolink:
                at = src.find(child.content, cursor, end)
                if at >= 0:
                    builder.copy(at, at + len(child.content), mask=True)
                    cursor = at + len(child.content)
                continue
            cursor = builder.add_value(child.content, cursor, end, entities=True)
        elif kind in ("softbreak", "hardbreak"):
            newline = src.find("\n", cursor, end)
            if newline < 0:
                continue
            builder.add("\n", [newline])
            cursor = newline + 1
        elif kind == "code_inline":
            at = src.find(child.content, cursor, end)
            if at >= 0:
                builder.copy(at, at + len(child.content), mask=True)
                cursor = at + len(child.content) + len(child.markup)
        elif kind == "html_inline":
            at = src.find(child.content, cursor, end)
            if at >= 0:
                if child.content.startswith("<!--"):
                    comments.append(comment(child.content[4:-3], at, at + len(child.content), starts))
                elif child.content.lower().startswith("<br"):
                    builder.add("\n", [at])
                cursor = at + len(child.content)
        elif kind == "link_open" and child.markup == "autolink":
            in_autolink = True
        elif kind == "link_close" and child.markup == "autolink":
            in_autolink = False
            close = src.find(">", cursor, end)
            cursor = close + 1 if close >= 0 else cursor
        elif kind == "link_close":
            cursor = _skip_link_target(src, cursor, end)
        elif kind == "image":
            cursor = _skip_link_target(src, src.find("]", cursor, end) if "]" in src[cursor:end] else cursor, end)
    return cursor


def _skip_link_target(src: str, cursor: int, end: int) -> int:
    """Move past `](target "title")` or `][ref]` or `]` after a link's text (and its closing emphasis)."""
    while cursor < end and src[cursor] in "*_~`":
        cursor += 1
    if src.startswith("](", cursor):
        depth = 0
        quote = ""
        for index in range(cursor + 2, end):
            ch = src[index]
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and src[index - 1].isspace():
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    return index + 1
                depth -= 1
        return cursor
    if src.startswith("][", cursor):
        close = src.find("]", cursor + 2, end)
        return close + 1 if close >= 0 else cursor
    if src.startswith("]", cursor):
        return cursor + 1
    return cursor
