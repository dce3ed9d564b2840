"""Helpers shared by the commands: selector parsing, settings resolution, error reporting."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

from scusa_lint.console import make_console
from scusa_lint.errors import ScusaError
from scusa_lint.settings import Settings, find_config, load_settings

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def split_selectors(values: Iterable[str]) -> tuple[str, ...] | None:
    """`--select A,B --select C` -> ("A", "B", "C"); None when the option was not given."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return tuple(items) if items else None


def resolve_settings(config: str | None, isolated: bool) -> Settings:
    """Settings from --config, or the nearest config file from the current folder, or defaults."""
    if isolated:
        return Settings()
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ScusaError("config file not found", config)
        return load_settings(path)
    return load_settings(find_config(Path.cwd()))


def fail(error: ScusaError) -> NoReturn:
    """Print a user error on stderr, as `scusa-lint: <kind>: path:line: message`, and exit 2."""
    console = make_console("auto", stderr=True)
    console.print(f"scusa-lint: {error.kind}: {error}", style="error")
    raise SystemExit(EXIT_ERROR)


def language_option() -> click.Option:
    return click.Option(
        ["--language", "-l"],
        type=click.Choice(["it", "en"]),
        help="Language of messages without a front-matter `language` (default: it).",
    )
