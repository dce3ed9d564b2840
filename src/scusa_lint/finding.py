"""Finding: the one result type that every stage produces or consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from scusa_lint.taxonomy import Category, Level


class FixSafety(StrEnum):
    """Whether a suggestion can be applied without a human reading it (ruff's fix safety)."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Suggestion:
    """A proposed change: replace the finding's span with ``replacement``, or advice in ``text``.

    A suggestion with no replacement is advice for a human ("say what you will do").
    """

    text: str
    replacement: str | None = None
    safety: FixSafety = FixSafety.UNSAFE

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "replacement": self.replacement, "safety": self.safety.value}


@dataclass(frozen=True)
class Position:
    """A 1-based line and column (columns count Unicode code points, as editors do)."""

    line: int
    column: int


@dataclass(frozen=True)
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
        }
