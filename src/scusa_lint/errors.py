"""User-facing errors: each names the file (and line, where there is one) and means exit code 2."""

from __future__ import annotations


class ScusaError(Exception):
    """An error the user can fix: a bad pack, a bad config, an unreadable input.

    path (str | None): the file at fault.
    line (int | None): the 1-based line in that file, when known.
    """

    kind = "error"

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class PackError(ScusaError):
    """A rule pack is malformed: unknown key, bad pattern, duplicate code, unknown category."""

    kind = "pack error"


class ConfigError(ScusaError):
    """A configuration file or option has an unknown key or a bad value."""

    kind = "config error"


class InputError(ScusaError):
    """An input file cannot be read or decoded, or its front matter is malformed."""

    kind = "input error"


class PipelineError(ScusaError):
    """The configured spaCy pipeline cannot be loaded."""

    kind = "pipeline error"
