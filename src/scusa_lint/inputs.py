"""Finding the files to lint (files, folders, `-` for stdin) and reading them into Sources.

Errors are per file: an unreadable file becomes an InputError in the report (exit 2 at
the end) and the other files are still linted. Only regular files are read (see limits.py):
a FIFO, socket or device met while walking a folder is skipped with a notice; named on the
command line it is an input error. Stdin is read only when it is named, as `-`.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from scusa_lint import catalogs, limits
from scusa_lint.catalogs import SkippedFile
from scusa_lint.errors import InputError
from scusa_lint.readers import byte_reader_for, reader_for, walked_suffix
from scusa_lint.source import Source

STDIN = "-"
HIDDEN_FOLDER = "hidden folder, not walked (name it to lint it)"
HIDDEN_FILE = "hidden file, not walked (name it to lint it)"
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


class WalkPolicy(Protocol):
    """Which folders and files to lint (config include/exclude); see resolver.SettingsResolver."""

    def skip_dir(self, folder: Path) -> bool: ...

    def accept_file(self, path: Path, explicit: bool, readable: bool) -> bool: ...

    def forced_catalog(self, path: Path) -> bool: ...

    def judges_named(self, path: Path) -> bool: ...


def collect(
    paths: Sequence[str],
    stdin_filename: str | None = None,
    policy: WalkPolicy | None = None,
    skipped: list[SkippedFile] | None = None,
) -> tuple[list[InputFile], list[InputError]]:
    """Expand folders recursively (known suffixes), keep files and "-" as given.

    A path that does not exist is an error; a folder with nothing to lint is not. `policy`
    (include/exclude from the configuration) filters what walking finds, and explicit files
    only under force-exclude. A walked YAML/JSON file is linted only if it is a message
    catalog (catalogs.judge); the others go to `skipped` with the reason, never silently. A FIFO,
    socket or device met in a walk is skipped the same way (never read: it could block).
    """
    skipped = skipped if skipped is not None else []
    files: list[InputFile] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            files.append(InputFile(STDIN, stdin_filename or STDIN))
            continue
        path = Path(raw)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # a file inside a folder that cannot be searched
            errors.append(InputError(f"cannot read: {exc.strerror or exc}", raw))
            continue
        if is_dir:
            for found in _walk(path, errors, policy, skipped):
                key = os.path.normpath(found)
                if key not in seen:
                    seen.add(key)
                    files.append(InputFile(found, found))
        elif exists:
            if policy is not None and not policy.accept_file(path, explicit=True, readable=True):
                continue
            if _not_a_named_catalog(path, policy, skipped):
                continue
            key = os.path.normpath(raw)
            if key not in seen:
                seen.add(key)
                files.append(InputFile(raw, raw))
        elif path.is_symlink():
            errors.append(InputError("broken symbolic link", raw))
        else:
            errors.append(InputError("no such file or directory", raw))
    return files, errors


def _not_a_named_catalog(path: Path, policy: WalkPolicy | None, skipped: list[SkippedFile]) -> bool:
    """Under force-exclude (pre-commit names every YAML/JSON file it sees), a named YAML/JSON file is
    judged as in a folder walk, so that a hook and a CI walk of the same files agree; else it is linted."""
    if policy is None or path.suffix.lower() not in catalogs.CATALOG_SUFFIXES or not path.is_file():
        return False
    if not policy.judges_named(path) or policy.forced_catalog(path):
        return False
    verdict = catalogs.judge(path)
    if not verdict.catalog:
        skipped.append(SkippedFile(str(path), verdict.reason))
    return not verdict.catalog


def _walk(
    folder: Path, errors: list[InputError], policy: WalkPolicy | None, skipped: list[SkippedFile]
) -> Iterator[str]:
    def unreadable(exc: OSError) -> None:  # a folder that cannot be listed is reported, not skipped silently
        errors.append(InputError(f"cannot read folder: {exc.strerror or exc}", str(exc.filename or folder)))

    for root, dirs, names in os.walk(folder, followlinks=False, onerror=unreadable):
        kept = sorted(
            d for d in dirs if d not in SKIPPED_DIRS and (policy is None or not policy.skip_dir(Path(root, d)))
        )
        # A dot-folder (.github, .gitlab) is not walked, as ruff and ESLint do, but it is said: its
        # files may be what the user meant to lint, and a silent skip lets CI go green.
        for d in kept:
            if d.startswith("."):
                skipped.append(SkippedFile(f"{Path(root, d)}/", HIDDEN_FOLDER))
        dirs[:] = [d for d in kept if not d.startswith(".")]
        for name in sorted(names):
            readable = walked_suffix(Path(name).suffix)
            if name.startswith("."):
                if readable and (policy is None or policy.accept_file(Path(root, name), False, readable)):
                    # a known configuration file says so (.pre-commit-config.yaml), other dot-files are hidden
                    reason = catalogs.known_configuration(Path(root, name)) or HIDDEN_FILE
                    skipped.append(SkippedFile(str(Path(root, name)), reason))
                continue
            found = Path(root, name)
            accepted = readable if policy is None else policy.accept_file(found, False, readable)
            if not accepted:
                continue
            kind = _special(str(found))
            if kind is not None:
                skipped.append(SkippedFile(str(found), f"{kind}, not a regular file"))
                continue
            if found.suffix.lower() in catalogs.CATALOG_SUFFIXES and not (policy and policy.forced_catalog(found)):
                verdict = catalogs.judge(found)
                if not verdict.catalog:
                    skipped.append(SkippedFile(str(found), verdict.reason))
                    continue
            yield str(found)


def _special(path: str) -> str | None:
    """What a walked entry is when it is not a regular file (a FIFO would block the run), else None.

    An entry that cannot be examined (a broken link, no permission) is left to the reader, which
    reports it as an input error.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return limits.special_kind(mode)


def read_bytes(item: InputFile, max_bytes: int | None = None) -> bytes:
    """The bytes of one input, at most `max_bytes` (default: limits.FILE_BYTES); raises InputError."""
    limit = max_bytes if max_bytes is not None else limits.FILE_BYTES.value
    if item.path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            too_large = f"file too large: more than {limits.size_text(limit)}, the limit (raise it with max-file-size)"
            raise InputError(too_large, item.shown)
        return data
    return limits.read_regular(
        item.path, limit, lambda message: InputError(message, item.shown), setting="max-file-size"
    )


# Legacy encodings tried when a file is not UTF-8: Italian text from Windows and old mail clients.
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
_UTF8_ACCENT = re.compile(rb"[\xc2\xc3][\x80-\xbf]")


def decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM is dropped), UTF-16 with a BOM, or a legacy Western encoding.

    A file that is not UTF-8 is identified with charset-normalizer among cp1252, latin-1 and
    latin-9 (what Italian text that is not UTF-8 is written in); binary data is a clear error.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("not valid UTF-16 despite its byte-order mark", shown) from exc
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (contains NUL bytes)", shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # UTF-8 sequences for accented letters (è = C3 A8) next to an invalid byte: a file that mixes
        # encodings, which no single legacy decoding would read right (it would give "Ã¨").
        legacy = None if _UTF8_ACCENT.search(data) else decode_legacy(data)
        if legacy is None:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}) and not one legacy encoding; save it as UTF-8",
                shown,
                line,
            ) from exc
        return legacy


def decode_legacy(data: bytes) -> str | None:
    """Text in cp1252/latin-1/latin-9 as charset-normalizer detects it, or None if it is not text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return None
    text = str(best)
    # Control characters other than tab and line breaks mean binary data, not prose.
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return None
    return text


def read_sources(item: InputFile, language: str | None, max_bytes: int | None = None) -> list[Source]:
    """Read one input (of at most `max_bytes`) into its Sources (raises InputError)."""
    data = read_bytes(item, max_bytes)
    suffix = Path(item.shown).suffix if item.path == STDIN else Path(item.path).suffix
    byte_reader = byte_reader_for(suffix)
    if byte_reader is not None:
        if b"\x00" in data[:8192]:
            raise InputError("looks like a binary file (contains NUL bytes)", item.shown)
        return byte_reader(item.shown, data, language)
    return reader_for(suffix)(item.shown, decode(data, item.shown), language)
