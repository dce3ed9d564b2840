"""Readers: file suffix -> reader. The one registration point for input formats.

A reader turns a file's decoded text into one or more Sources (a catalog holds many
messages); every Source maps its offsets back to the file. A few formats need the raw
bytes, because they declare their own charsets (e-mail): those are in BYTE_READERS.
"""

from __future__ import annotations

from collections.abc import Callable

from scusa_lint.readers.catalog_json import read_json
from scusa_lint.readers.catalog_yaml import read_yaml
from scusa_lint.readers.eml import read_eml
from scusa_lint.readers.html import read_html
from scusa_lint.readers.markdown import read_markdown
from scusa_lint.readers.plain import read_plain
from scusa_lint.readers.po import read_po
from scusa_lint.source import Source

Reader = Callable[[str, str, "str | None"], list[Source]]
ByteReader = Callable[[str, bytes, "str | None"], list[Source]]

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
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".json": read_json,
    ".po": read_po,
}

BYTE_READERS: dict[str, ByteReader] = {
    ".eml": read_eml,
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
