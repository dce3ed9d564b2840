"""The result types every stage produces or consumes: Finding, and what one message or language yields.

TextFinding (in the message's text) --locate--> Finding (in the file)
Outcome (one message, cacheable) --suppressions--> MessageResult (what reports show)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from scusa_lint.taxonomy import Category, Level

if TYPE_CHECKING:
    from scusa_lint.roles import Role
    from scusa_lint.structure import Structure


class FixSafety(StrEnum):
    """Whether a suggestion can be applied without a human reading it (ruff's fix safety)."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed change: replace the finding's span with ``replacement``, or advice in ``text``.

    A suggestion with no replacement is advice for a human ("say what you will do").
    """

    text: str
    replacement: str | None = None
    safety: FixSafety = FixSafety.UNSAFE

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "replacement": self.replacement, "safety": self.safety.value}


@dataclass(frozen=True, slots=True)
class ExternalRule:
    """The backend rule behind a finding (a LanguageTool rule behind SC902): reported as it is, never renamed.

    backend: "languagetool"; id: its rule id (ER_01_001); category: its category id (CAT12);
    description: its own title; url: its rule page or explanation.
    """

    backend: str
    id: str
    category: str = ""
    description: str = ""
    url: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "backend": self.backend,
            "id": self.id,
            "category": self.category,
            "description": self.description,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column (columns count Unicode code points, as editors do)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one message.

    start/end are character offsets into the source text; ``match`` is
    ``text[start:end]``, or None for whole-message findings (MISSING_*), which sit at 0:0.
    """

    code: str
    name: str
    category: Category
    level: Level
    message: str
    start: int
    end: int
    begin: Position
    finish: Position
    match: str | None
    suggestions: tuple[Suggestion, ...] = ()
    pack: str = ""
    link: str | None = None
    external: ExternalRule | None = None
    # The sentence around the match, and the match's offsets inside it, for showing it underlined
    # in `full` output; not part of the JSON schema.
    context: tuple[str, int, int] | None = field(default=None, compare=False)

    @property
    def whole_message(self) -> bool:
        return self.match is None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)

    def to_json(self) -> dict[str, object]:
        """The finding as documented in README "JSON output" (schema_version 1)."""
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "level": self.level.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.begin.line,
            "column": self.begin.column,
            "end_line": self.finish.line,
            "end_column": self.finish.column,
            "match": self.match,
            "suggestions": [s.to_json() for s in self.suggestions],
            "pack": self.pack,
            "link": self.link,
            "external": self.external.to_json() if self.external is not None else None,
        }


@dataclass(frozen=True, slots=True)
class TextFinding:
    """A finding in the message's own text, before it is placed in the file (see :meth:`locate`).

    This is what the linter computes and the result cache keeps: it depends only on the message,
    never on where the message stands in its file, so a catalog's cost per message does not grow
    with the catalog. ``start`` is None for whole-message findings (MISSING_*).
    """

    code: str
    name: str
    category: Category
    level: Level
    message: str
    start: int | None
    end: int | None
    suggestions: tuple[Suggestion, ...] = ()
    pack: str = ""
    link: str | None = None
    external: ExternalRule | None = None
    context: tuple[str, int, int] | None = None

    @property
    def whole_message(self) -> bool:
        return self.start is None

    def locate(self, source: Locator) -> Finding:
        """The Finding at its place in the file."""
        if self.start is None or self.end is None:
            start = end = 0
            match = None
        else:
            start, end = self.start, self.end
            match = source.text[start:end]
        file_end = source.file_end_offset(start, end)
        return Finding(
            code=self.code,
            name=self.name,
            category=self.category,
            level=self.level,
            message=self.message,
            start=source.file_offset(start),
            end=file_end,
            begin=source.position(start),
            finish=source.file_position(file_end),
            match=match,
            suggestions=self.suggestions,
            pack=self.pack,
            link=self.link,
            external=self.external,
            context=self.context,
        )


class Locator(Protocol):
    """What placing a finding needs from its message (a Source)."""

    @property
    def text(self) -> str: ...

    def file_offset(self, offset: int) -> int: ...

    def file_end_offset(self, start: int, end: int) -> int: ...

    def position(self, offset: int) -> Position: ...

    def file_position(self, file_offset: int) -> Position: ...


@dataclass(frozen=True, slots=True)
class SkippedRule:
    """A selected rule that did not run, and why (e.g. it needs a parser the pipeline lacks)."""

    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What linting one message found, independent of its place in the file: the result cache's unit.

    findings: in the message's own text, before inline suppressions (which depend on the file).
    structure: the apology checklist before suppressions (apologies only); notices: what the user must know.
    role: the message's role (apology, routine, fragment: see roles.py), why, and whether relaxed.
    language_from: why the message is in `language` (its file, a setting, detection: languages.py).
    """

    language: str
    pipeline: str
    findings: tuple[TextFinding, ...]
    structure: Structure | None = None
    notices: tuple[str, ...] = ()
    role: Role | None = None
    language_from: str | None = None


@dataclass(frozen=True, slots=True)
class MessageResult:
    """The outcome for one message as reports show it: findings at their place in the file, suppressions applied.

    channel: the message's channel (front matter), key: its key path inside a catalog (apology.late.body).
    role, role_reason: the message's role (apology, routine, fragment) and why.
    language_from: why the message was linted in `language` (its file, a setting, or detected).
    """

    path: str
    language: str
    pipeline: str
    findings: tuple[Finding, ...]
    channel: str | None = None
    key: str | None = None
    structure: Structure | None = None
    notices: tuple[str, ...] = ()
    role: str | None = None
    role_reason: str | None = None
    language_from: str | None = None


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """What ran for one language in one run (a warm run reads it from the cache, without spaCy)."""

    language: str
    pipeline: str
    skipped: tuple[SkippedRule, ...] = ()
    notices: tuple[str, ...] = ()
    rules_run: int = 0
