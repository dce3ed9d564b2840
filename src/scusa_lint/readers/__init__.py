"""Readers: file suffix -> reader. The one registration point for input formats.

A reader turns a file's decoded text into one or more Sources (a catalog holds many
messages); every Source maps its offsets back to the file. A few formats need the raw
bytes, because they declare their own charsets (e-mail): those are in BYTE_READERS.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from scusa_lint.readers.plain import read_plain
from scusa_lint.source import Source

Reader = Callable[[str, str, "str | None"], list[Source]]
ByteReader = Callable[[str, bytes, "str | None"], list[Source]]


def _on_first_use(module: str, name: str) -> Callable[..., list[Source]]:
    """A reader whose module is imported when a file of its format is read (Markdown's parser, e-mail and
    YAML modules cost a run of text files about 30 ms of imports it does not need)."""

    def read(path: str, text: object, language: str | None) -> list[Source]:
        found: Callable[..., list[Source]] = getattr(importlib.import_module(f"scusa_lint.readers.{module}"), name)
        return found(path, text, language)

    read.__name__ = read.__qualname__ = name
    return read


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    # Templates are plain text whose placeholders are masked (as in every file).
    ".j2": read_plain,
    ".jinja": read_plain,
    ".jinja2": read_plain,
    ".tmpl": read_plain,
    ".mustache": read_plain,
    ".hbs": read_plain,
    ".handlebars": read_plain,
    ".md": _on_first_use("markdown", "read_markdown"),
    ".markdown": _on_first_use("markdown", "read_markdown"),
    ".html": _on_first_use("html", "read_html"),
    ".htm": _on_first_use("html", "read_html"),
    ".yaml": _on_first_use("catalog_yaml", "read_yaml"),
    ".yml": _on_first_use("catalog_yaml", "read_yaml"),
    ".json": _on_first_use("catalog_json", "read_json"),
    ".po": _on_first_use("po", "read_po"),
}

BYTE_READERS: dict[str, ByteReader] = {
    ".eml": _on_first_use("eml", "read_eml"),
}


def walked_suffix(suffix: str) -> bool:
    """Whether files with this suffix are read when found inside a folder (YAML and JSON then only
    if catalogs.judge finds a message catalog: most of them are configuration)."""
    suffix = suffix.lower()
    return suffix in READERS or suffix in BYTE_READERS


def reader_for(suffix: str) -> Reader:
    """The reader for a suffix; plain text for anything unknown (a file named explicitly is linted)."""
    return READERS.get(suffix.lower(), read_plain)


def byte_reader_for(suffix: str) -> ByteReader | None:
    """The reader that wants the raw bytes of a file with this suffix, if there is one."""
    return BYTE_READERS.get(suffix.lower())
