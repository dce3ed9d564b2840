"""Limits on what a run reads, and the one way to read a file within them.

A pre-commit hook or a CI check that hangs blocks every commit, so no input may make a run hang
or grow without bound: every file scusa-lint reads (an input, a rule pack, a vocabulary, a config)
must be a regular file no larger than its limit, and structured files (YAML, TOML) are refused
when they nest deeper than people write or when YAML aliases expand beyond reason (the "billion
laughs" shape). The values are documented in README, "Limits and guarantees". Each can be changed
with an environment variable; the input limits also with the config keys `max-file-size` and
`max-message-length`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass

from scusa_lint.errors import ScusaError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One limit: its default and the environment variable that overrides it."""

    default: int
    variable: str

    @property
    def value(self) -> int:
        """The limit in force: the environment's value when it is a positive integer, else the default."""
        raw = os.environ.get(self.variable, "")
        return int(raw) if raw.isdigit() and int(raw) > 0 else self.default


# An input file (text, Markdown, HTML, e-mail, catalog), in bytes; config key `max-file-size`.
FILE_BYTES = Limit(16 * MIB, "SCUSA_LINT_MAX_FILE_SIZE")
# One message, in characters (an apology is a few thousand); config key `max-message-length`.
MESSAGE_CHARS = Limit(100_000, "SCUSA_LINT_MAX_MESSAGE_LENGTH")
# A rule pack (the shipped ones are about 50 KB), a vocabulary file, a config file, in bytes.
PACK_BYTES = Limit(4 * MIB, "SCUSA_LINT_MAX_PACK_SIZE")
VOCABULARY_BYTES = Limit(8 * MIB, "SCUSA_LINT_MAX_VOCABULARY_SIZE")
CONFIG_BYTES = Limit(1 * MIB, "SCUSA_LINT_MAX_CONFIG_SIZE")
# Nesting of YAML (packs, catalogs, front matter) and TOML (configs): packs nest about 8 levels.
NESTING = Limit(64, "SCUSA_LINT_MAX_NESTING")
# Values YAML aliases may stand for in one file, in all (each alias counts the values it repeats).
ALIAS_VALUES = Limit(100_000, "SCUSA_LINT_MAX_ALIAS_VALUES")

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a directory",
}


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO (named pipe)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def size_text(count: int) -> str:
    """A byte count for messages: "16 MiB" when it is a whole number of MiB, else "1,234 bytes"."""
    return f"{count // MIB} MiB" if count >= MIB and count % MIB == 0 else f"{count:,} bytes"


def read_regular(
    path: str,
    limit: int,
    error: Callable[[str], ScusaError],
    what: str = "",
    setting: str | None = None,
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else raises ``error(message)``.

    The file is opened without blocking (a FIFO would wait for a writer forever) and checked with
    fstat on the open descriptor, so a file swapped for a FIFO between a check and the read is still
    refused. At most limit + 1 bytes are read: /dev/zero, or a file that grows, cannot exhaust memory.
    what: the kind of file, in messages ("rule pack"); setting: how to raise the limit ("max-file-size").
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError as exc:
        raise error("is a directory") from exc
    except OSError as exc:
        raise error(f"cannot read{' ' + what if what else ''}: {exc.strerror or exc}") from exc
    try:
        kind = special_kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise error(f"{kind}, not a regular file: only regular files are read")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(MIB, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise error(f"cannot read{' ' + what if what else ''}: {exc.strerror or exc}") from exc
    finally:
        os.close(descriptor)
    if size > limit:
        how = f" (raise it with {setting})" if setting else ""
        raise error(f"{what or 'file'} too large: more than {size_text(limit)}, the limit{how}")
    return b"".join(chunks)


def toml_too_deep(text: str, limit: int) -> int | None:
    """The 1-based line where TOML arrays and inline tables nest deeper than `limit`, or None.

    tomllib parses nested values recursively, so `[[[[…` thousands deep is a RecursionError; this
    scan (linear, no recursion) finds it first. Brackets inside strings and comments are skipped.
    """
    depth = 0
    line = 1
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if ch == "\n":
            line += 1
        elif ch == "#":
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
            continue
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, index) else ch
            end = index + len(quote)
            while True:
                end = text.find(quote, end)
                if end < 0 or ch == "'" or text[end - 1] != "\\" or _escaped_backslash(text, end - 1):
                    break
                end += 1
            stop = length if end < 0 else end + len(quote)
            line += text.count("\n", index, stop)
            index = stop
            continue
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
        index += 1
    return None


def _escaped_backslash(text: str, at: int) -> bool:
    """Whether the backslash at `at` is itself escaped (an even run of backslashes ends there)."""
    run = 0
    while at - run >= 0 and text[at - run] == "\\":
        run += 1
    return run % 2 == 0
