"""Source: the text to lint, its front matter, and a map from its offsets back to file line:column.

Readers (plain text today; Markdown, HTML, e-mail and catalogs later) all produce a
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

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)

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
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", language: str | None = None) -> Source:
        """Build a Source from plain text, reading a YAML front matter if the text starts with one."""
        meta: dict[str, Any] = {}
        masked: list[tuple[int, int]] = []
        analysis_text = text
        match = _FRONT_MATTER.match(text)
        if match:
            meta = _parse_front_matter(match.group(1), path)
            masked.append((0, match.end()))
            analysis_text = blank(text[: match.end()]) + text[match.end() :]
        if text.startswith("\ufeff") and not match:
            masked.append((0, 1))
            analysis_text = " " + text[1:]
        front_language = meta.get("language")
        kind = meta.get("kind")
        return cls(
            path=path,
            text=text,
            analysis_text=analysis_text,
            file_text=text,
            language=str(front_language) if front_language else language,
            kind=str(kind) if kind else None,
            meta=meta,
            masked=tuple(masked),
            _line_starts=_line_starts(text),
        )

    def file_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to an offset in ``file_text``."""
        if self.offsets is None:
            return offset
        return self.offsets[min(offset, len(self.offsets) - 1)]

    def position(self, offset: int) -> Position:
        """The 1-based line and column of an offset in ``text``."""
        file_offset = self.file_offset(offset)
        starts = self._line_starts or _line_starts(self.file_text)
        line_index = bisect.bisect_right(starts, file_offset) - 1
        return Position(line=line_index + 1, column=file_offset - starts[line_index] + 1)

    def is_masked(self, start: int, end: int) -> bool:
        """Whether a span overlaps a non-prose region (front matter, placeholder)."""
        return any(start < m_end and m_start < end for m_start, m_end in self.masked)


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return tuple(starts)


def _parse_front_matter(block: str, path: str) -> dict[str, Any]:
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
    return {str(k): v for k, v in data.items()}
