"""Finding the files to lint (files, folders, `-` for stdin) and reading them into Sources.

Errors are per file: an unreadable file becomes an InputError in the report (exit 2 at
the end) and the other files are still linted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scusa_lint.errors import InputError
from scusa_lint.readers import READERS, reader_for
from scusa_lint.source import Source

STDIN = "-"
# Folders never walked into: version control, environments, caches.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".scusa-lint-cache",
    }
)


@dataclass(frozen=True)
class InputFile:
    """A file to lint: its path (or "-") and the name shown in reports."""

    path: str
    shown: str


def collect(paths: Sequence[str], stdin_filename: str | None = None) -> tuple[list[InputFile], list[InputError]]:
    """Expand folders recursively (files with a known suffix), keep files and "-" as given, in order.

    A path that does not exist is an error; a folder with nothing to lint is not.
    """
    files: list[InputFile] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            files.append(InputFile(STDIN, stdin_filename or STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, errors):
                key = os.path.normpath(found)
                if key not in seen:
                    seen.add(key)
                    files.append(InputFile(found, found))
        elif path.exists():
            key = os.path.normpath(raw)
            if key not in seen:
                seen.add(key)
                files.append(InputFile(raw, raw))
        elif path.is_symlink():
            errors.append(InputError("broken symbolic link", raw))
        else:
            errors.append(InputError("no such file or directory", raw))
    return files, errors


def _walk(folder: Path, errors: list[InputError]) -> Iterator[str]:
    def unreadable(exc: OSError) -> None:  # a folder that cannot be listed is reported, not skipped silently
        errors.append(InputError(f"cannot read folder: {exc.strerror or exc}", str(exc.filename or folder)))

    for root, dirs, names in os.walk(folder, followlinks=False, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(names):
            if Path(name).suffix.lower() in READERS and not name.startswith("."):
                yield os.path.join(root, name)


def read_bytes(item: InputFile) -> bytes:
    if item.path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(item.path).read_bytes()
    except IsADirectoryError as exc:
        raise InputError("is a directory", item.shown) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", item.shown) from exc


def decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM is dropped); binary data and other encodings are clear errors."""
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (contains NUL bytes)", shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", shown, line
        ) from exc


def read_sources(item: InputFile, language: str | None) -> list[Source]:
    """Read one input into its Sources (raises InputError)."""
    text = decode(read_bytes(item), item.shown)
    suffix = Path(item.shown).suffix if item.path == STDIN else Path(item.path).suffix
    return reader_for(suffix)(item.shown, text, language)
