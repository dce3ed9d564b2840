"""Source: the text to lint, its front matter, and a map from its offsets back to file line:column.

Readers (plain text, Markdown, HTML, e-mail, YAML/JSON/.po catalogs: see readers/) all build their
Sources through one constructor, :func:`make_source`, which masks placeholders and addresses and
reads the message's settings. Rules never see the file, only ``analysis_text``: a copy of
``text`` of the same length in which front matter and placeholders are blanked, so that every
offset found in the analysis is an offset into ``text`` as well.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from scusa_lint import yamlguard
from scusa_lint.errors import InputError
from scusa_lint.finding import Position
from scusa_lint.masking import blank, mask_all
from scusa_lint.message_settings import OLD_CHANNEL_KEY, normalise_settings

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)

# Front-matter keys scusa-lint reads (and the old name of `channel`); others are kept in `meta` but not interpreted.
FRONT_MATTER_KEYS = ("language", "channel", OLD_CHANNEL_KEY, "role", "incident", "sent")


# What opens a suppression's comment (suppressions.py).
DIRECTIVE_PREFIX = "scusa-lint:"


def may_hold_directive(comment_text: str) -> bool:
    """Whether a comment can hold a suppression: catalog readers keep only those (no other comment is
    read, and a catalog's thousands of translator notes would be kept, in the tuple its messages share, for nothing)."""
    return DIRECTIVE_PREFIX in comment_text.lower()


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment in the file's own syntax (<!-- -->, {# #}, # ...), where suppressions live.

    body: the comment's text without its delimiters; line/end_line: 1-based lines in the file.
    """

    body: str
    line: int
    end_line: int


@dataclass(frozen=True)
class Source:
    """One message to lint. Build it with :func:`make_source` (or :meth:`from_text` for plain text).

    path (str): the name shown in reports ("-" or --stdin-filename for stdin).
    text (str): the message text that findings point into.
    analysis_text (str): ``text`` with non-prose regions blanked; same length as ``text``.
    file_text (str): the decoded file, for line:column; equal to ``text`` for plain files.
    language (str | None): the message's own language (front matter, catalog settings), if it says one.
    channel (str | None): how the message is sent (email, sms, chat, notice, review), if it says.
    meta (dict): the message's settings (front matter or catalog top-level keys).
    masked (tuple[tuple[int, int], ...]): regions of ``text`` that are not prose.
    offsets (tuple[int, ...] | None): file offset of each character of ``text`` (None: identity).
    key (str | None): the key path of this message inside a catalog file (YAML, JSON, .po).
    comments (tuple[Comment, ...]): comments of the file, for inline suppressions (a catalog reader keeps
        only those that may hold one: may_hold_directive).
    template_errors (tuple[tuple[int, int, str], ...]): malformed placeholders, (start, end, message) (SC001).
    notices (tuple[str, ...]): what reading the message found the user must know (a deprecated key).
    language_from (str | None): why the message is in ``language`` (languages.assign), for reports.
    """

    path: str
    text: str
    analysis_text: str
    file_text: str
    language: str | None = None
    channel: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    masked: tuple[tuple[int, int], ...] = ()
    offsets: tuple[int, ...] | None = None
    key: str | None = None
    comments: tuple[Comment, ...] = ()
    template_errors: tuple[tuple[int, int, str], ...] = ()
    notices: tuple[str, ...] = ()
    language_from: str | None = None
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", language: str | None = None) -> Source:
        """A Source for plain text, reading a YAML front matter if the text starts with one."""
        meta: dict[str, Any] = {}
        notices: tuple[str, ...] = ()
        premasked: list[tuple[int, int]] = []
        analysis_text = text
        match = FRONT_MATTER.match(text)
        if match:
            meta, notices = parse_front_matter(match.group(1), path)
            premasked.append((0, match.end()))
            analysis_text = blank(text[: match.end()]) + text[match.end() :]
        if text.startswith("\ufeff") and not match:
            premasked.append((0, 1))
            analysis_text = " " + text[1:]
        return make_source(
            path, text, analysis_text, text, tuple(premasked), language=language, meta=meta, notices=notices
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
        """Whether a span overlaps a non-prose region (front matter, placeholder), in O(log n).

        ``masked`` is sorted by start; with the furthest end among the regions that start before
        ``end``, one bisection answers (a template with thousands of placeholders made a scan per
        finding quadratic).
        """
        if not self.masked:
            return False
        starts, reach = self._mask_index
        before = bisect.bisect_left(starts, end)  # regions starting before the span ends
        return before > 0 and reach[before - 1] > start

    @functools.cached_property
    def _mask_index(self) -> tuple[list[int], list[int]]:
        ordered = sorted(self.masked)
        return [s for s, _ in ordered], list(itertools.accumulate((e for _, e in ordered), max))


def make_source(
    path: str,
    text: str,
    analysis_text: str,
    file_text: str,
    premasked: tuple[tuple[int, int], ...] = (),
    *,
    offsets: tuple[int, ...] | None = None,
    language: str | None = None,
    meta: dict[str, Any] | None = None,
    notices: tuple[str, ...] = (),
    comments: Iterable[Comment] = (),
    key: str | None = None,
    starts: tuple[int, ...] | None = None,
) -> Source:
    """The one way to build a Source: mask placeholders and addresses, collect template comments.

    text: the message; analysis_text: ``text`` with the reader's non-prose regions (``premasked``)
    already neutral; file_text and offsets: the decoded file and the file offset of each character
    of ``text`` (None: ``text`` is the file); meta: the message's settings, already checked and
    normalised (``channel``, not ``kind``); comments: the file's comments, for suppressions;
    starts: the file's line starts, when the reader has them already.
    """
    masking = mask_all(analysis_text, premasked)
    starts = starts if starts is not None else line_starts(file_text)

    def file_line(offset: int) -> int:
        return line_of(starts, offsets[offset] if offsets is not None else offset)

    template_comments = [Comment(body, file_line(s), file_line(max(s, e - 1))) for s, e, body in masking.comments]
    if template_comments or not isinstance(comments, tuple):
        comments = tuple(sorted({*comments, *template_comments}, key=lambda c: (c.line, c.end_line, c.body)))
    # else: the reader's tuple of the file's comments, shared by all its messages (not copied per message)
    meta = meta or {}
    own_language = meta.get("language")
    channel = meta.get("channel")
    return Source(
        path=path,
        text=text,
        analysis_text=masking.analysis,
        file_text=file_text,
        language=str(own_language) if own_language else language,
        channel=str(channel) if channel else None,
        meta=meta,
        masked=masking.masked,
        offsets=offsets,
        key=key,
        comments=comments,
        template_errors=tuple((e.start, e.end, e.message) for e in masking.errors),
        notices=notices,
        _line_starts=starts,
    )


def line_of(starts: tuple[int, ...], offset: int) -> int:
    """The 1-based line of a file offset, given the offsets where lines start."""
    return bisect.bisect_right(starts, offset)


def line_starts(text: str) -> tuple[int, ...]:
    """The offsets where the lines of a text start."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return tuple(starts)


def parse_front_matter(block: str, path: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The settings of a front-matter block, checked and normalised, and the deprecation notices met."""
    try:
        yamlguard.check(block, line_offset=1)  # +1 for the opening ---
        data = yaml.safe_load(block)
    except yamlguard.YamlRefused as exc:
        raise InputError(f"malformed front matter: {exc.message}", path, exc.line) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
        raise InputError(f"malformed front matter: {getattr(exc, 'problem', exc)}", path, line) from exc
    except (ValueError, TypeError, RecursionError) as exc:  # parsed, but not buildable: a date like 2026-13-45
        raise InputError(f"malformed front matter: {exc}", path, 2) from exc
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values", path, 2)
    node = yaml.compose(block, Loader=yaml.SafeLoader)
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    meta = {str(k): v for k, v in data.items()}
    return meta, tuple(normalise_settings(meta, path, lines))
