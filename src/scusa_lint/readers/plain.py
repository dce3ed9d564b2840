"""Plain text: the whole file is one message (with an optional YAML front matter)."""

from __future__ import annotations

from scusa_lint.source import Source


def read_plain(path: str, text: str, language: str | None) -> list[Source]:
    """One Source for the whole text."""
    return [Source.from_text(text, path=path, language=language)]
