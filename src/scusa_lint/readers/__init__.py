"""Readers: file suffix -> reader. The one registration point for input formats.

A reader turns a file's decoded text into one or more Sources (a catalog holds many
messages); every Source maps its offsets back to the file.
"""

from __future__ import annotations

from collections.abc import Callable

from scusa_lint.readers.plain import read_plain
from scusa_lint.source import Source

Reader = Callable[[str, str, "str | None"], list[Source]]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
}


def reader_for(suffix: str) -> Reader:
    """The reader for a suffix; plain text for anything unknown (a file named explicitly is linted)."""
    return READERS.get(suffix.lower(), read_plain)
