"""Source: the text to lint, its front matter, and a map from its offsets back to file line:column.

Readers (plain text, Markdown, HTML, e-mail, YAML/JSON/.po catalogs: see readers/) all produce a
Source. Rules never see the file, only ``analysis_text``: a copy of ``text`` of the
same length in which front matter and placeholders are blanked, so that every offset
found in the analysis is an offset into ``text`` as well.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from scusa_lint.errors import InputError
from scusa_lint.finding import Position
from scusa_lint.masking import mask_all
from scusa_lint.message_settings import check_message_settings

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)

# Front-matter keys scusa-lint reads; others are kept in `meta` for later features but not interpreted.
FRONT_MATTER_KEYS = ("language", "kind", "incident", "sent")


def blank(text: str) -> str:
    """Replace every character but line breaks with a space, keeping the length."""
    return re.sub(r"[^\r\n]", " ", text)


@dataclass(frozen=True)
class Comment:
    """A comment in the file's own syntax (<!-- -->, {# #}, # ...), where suppressions live.

    body: the comment's text without its delimiters; line/end_line: 1-based lines in the file.
    """

    body: str
    line: int
    end_line: int


@dataclass(frozen=True)
class Source:
    """One message to lint.

    path (str): the name shown in reports ("-" or --stdin-filename for stdin).
    text (str): the message text that findings point into.
    analysis_text (str): ``text`` with non-prose regions blanked; same length as ``text``.
    file_text (str): the decoded file, for line:column; equal to ``text`` for plain files.
    offsets (tuple[int, ...] | None): file offset of each character of ``text`` (None: identity).
    meta (dict): the front matter, if any.
    masked (tuple[tuple[int, int], ...]): regions of ``text`` that are not prose.
    key (str | None): the key path of this message inside a catalog file (YAML, JSON, .po).
    comments (tuple[Comment, ...]): comments of the file, for inline suppressions.
    template_errors (tuple[tuple[int, int, str], ...]): malformed placeholders (see masking.py).
    """

    path: str
    text: str
    analysis_text: str
    file_text: str
    language: str | None = None
    kind: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    masked: tuple[tuple[int, int], ...] = ()
    offsets: tuple[int, ...] | None = None
    key: str | None = None
    comments: tuple[Comment, ...] = ()
    # Malformed template syntax found while masking: (start, end, message) in ``text`` (rule SC001).
    template_errors: tuple[tuple[int, int, str], ...] = ()
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", language: str | None = None) -> Source:
        """Build a Source from plain text, reading a YAML front matter if the text starts with one."""
        meta: dict[str, Any] = {}
        masked: list[tuple[int, int]] = []
        analysis_text = text
        match = FRONT_MATTER.match(text)
        if match:
            meta = parse_front_matter(match.group(1), path)
            masked.append((0, match.end()))
            analysis_text = blank(text[: match.end()]) + text[match.end() :]
        if text.startswith("\ufeff") and not match:
            masked.append((0, 1))
            analysis_text = " " + text[1:]
        front_language = meta.get("language")
        kind = meta.get("kind")
        masking = mask_all(analysis_text, tuple(masked))
        starts = line_starts(text)
        return cls(
            path=path,
            text=text,
            analysis_text=masking.analysis,
            file_text=text,
            language=str(front_language) if front_language else language,
            kind=str(kind) if kind else None,
            meta=meta,
            masked=masking.masked,
            comments=tuple(
                Comment(body, line_of(starts, start), line_of(starts, max(start, end - 1)))
                for start, end, body in masking.comments
            ),
            template_errors=tuple((e.start, e.end, e.message) for e in masking.errors),
            _line_starts=starts,
        )

    def file_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to an offset in ``file_text``."""
        if self.offsets is None:
            return offset
        return self.offsets[min(offset, len(self.offsets) - 1)]

    def file_end_offset(self, start: int, end: int) -> int:
        """Map the exclusive end of the span ``text[start:end]`` to ``file_text``.

        The offset of the next character would overshoot markup that follows the span (the
        ``**`` after a bold word in Markdown), so the end is taken just after the span's last
        character when that character stands in the file as written; an escaped one (an
        entity, a ``\\u00e8``) ends where the next character starts.
        """
        if self.offsets is None or end <= start:
            return self.file_offset(end)
        last = self.file_offset(end - 1)
        if self.file_text[last : last + 1] == self.text[end - 1]:
            return last + 1
        return self.file_offset(end)

    def position(self, offset: int) -> Position:
        """The 1-based line and column of an offset in ``text``."""
        return self.file_position(self.file_offset(offset))

    def file_position(self, file_offset: int) -> Position:
        """The 1-based line and column of an offset in ``file_text``."""
        starts = self._line_starts or line_starts(self.file_text)
        line_index = bisect.bisect_right(starts, file_offset) - 1
        return Position(line=line_index + 1, column=file_offset - starts[line_index] + 1)

    def is_masked(self, start: int, end: int) -> bool:
        """Whether a span overlaps a non-prose region (front matter, placeholder)."""
        return any(start < m_end and m_start < end for m_start, m_end in self.masked)


def line_of(starts: tuple[int, ...], offset: int) -> int:
    """The 1-based line of a file offset, given the offsets where lines start."""
    return bisect.bisect_right(starts, offset)


def line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return tuple(starts)


def parse_front_matter(block: str, path: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
        raise InputError(f"malformed front matter: {getattr(exc, 'problem', exc)}", path, line) from exc
    except (ValueError, TypeError, RecursionError) as exc:  # parsed, but not buildable: a date like 2026-13-45
        raise InputError(f"malformed front matter: {exc}", path, 2) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values", path, 2)
    node = yaml.compose(block, Loader=yaml.SafeLoader)
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    check_message_settings(data, path, lines)
    return {str(k): v for k, v in data.items()}
