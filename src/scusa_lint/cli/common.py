"""Helpers shared by the commands: selector parsing, settings resolution, error reporting."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from scusa_lint.console import make_console
from scusa_lint.errors import ScusaError
from scusa_lint.settings import Settings

if TYPE_CHECKING:
    from scusa_lint.resolver import Overrides, SettingsResolver

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def language_codes() -> list[str]:
    """The languages found (their folders' descriptors: no spaCy), for the --language choices."""
    from scusa_lint import lang

    try:
        return lang.codes()
    except ScusaError:  # a broken language folder: the run reports it; the option still parses
        return ["it", "en"]


def split_selectors(values: Iterable[str]) -> tuple[str, ...] | None:
    """`--select A,B --select C` -> ("A", "B", "C"); None when the option was not given."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return tuple(items) if items else None


def resolve_settings(config: str | None, isolated: bool) -> Settings:
    """Settings from --config, or the nearest config file from the current folder, or defaults.

    The same resolution `check` uses (SettingsResolver), so every command reads config alike.
    """
    return make_resolver(config, isolated).for_cwd()


def make_resolver(config: str | None, isolated: bool, overrides: Overrides | None = None) -> SettingsResolver:
    """Per-file settings: the nearest config of each file, or --config for all, or defaults (--isolated)."""
    from scusa_lint.resolver import SettingsResolver

    if config is not None and not isolated and not Path(config).is_file():
        raise ScusaError("config file not found" if not Path(config).exists() else "not a regular file", config)
    return SettingsResolver(config=config, isolated=isolated, overrides=overrides)


def fail(error: ScusaError) -> NoReturn:
    """Print a user error on stderr, as `scusa-lint: <kind>: path:line: message`, and exit 2."""
    console = make_console("auto", stderr=True)
    console.print(f"scusa-lint: {error.kind}: {error}", style="error")
    raise SystemExit(EXIT_ERROR)
