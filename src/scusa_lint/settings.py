"""Settings: `[tool.scusa-lint]` (pyproject.toml) or `.scusa-lint.toml`, then CLI overrides.

Three layers as in ruff: the TOML as written (every key optional, validated here with
file and line), the CLI overrides, and the frozen Settings the linter reads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scusa_lint.errors import ConfigError
from scusa_lint.taxonomy import Level

CONFIG_FILES = (".scusa-lint.toml", "pyproject.toml")


@dataclass(frozen=True)
class Settings:
    """The resolved settings for one run.

    select (tuple | None): selectors of enabled rules (None: all rules).
    extend_select, ignore: selectors added to / removed from the selection.
    fail_on (Level): the lowest level that makes the exit code 1.
    language (str): the default language of messages without a front-matter `language`.
    pipeline (str): "default", an installed spaCy package name, or a pipeline directory.
    packs (tuple[str, ...]): extra rule pack files, added to the shipped ones of their language.
    config_path (str | None): the file the settings came from.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Level = Level.WARNING
    language: str = "it"
    pipeline: str = "default"
    packs: tuple[str, ...] = ()
    config_path: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the CLI's values (None means "not given on the command line")."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def to_json(self) -> dict[str, Any]:
        return {
            "select": list(self.select) if self.select is not None else ["ALL"],
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "fail-on": self.fail_on.value,
            "language": self.language,
            "pipeline": self.pipeline,
            "packs": list(self.packs),
            "config": self.config_path,
        }


def _str_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return tuple(value)


def _one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return str(value)

    return check


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected a non-empty string")
    return value


# TOML key -> (Settings field, converter). The one table of config keys.
CONFIG_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "select": ("select", _str_list),
    "extend-select": ("extend_select", _str_list),
    "ignore": ("ignore", _str_list),
    "fail-on": ("fail_on", lambda v: Level(_one_of("error", "warning", "info")(v))),
    "language": ("language", _string),
    "pipeline": ("pipeline", _string),
    "packs": ("packs", _str_list),
}


def find_config(start: Path) -> Path | None:
    """The nearest `.scusa-lint.toml`, or pyproject.toml with a [tool.scusa-lint] table, from start upward."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    text = candidate.read_text(encoding="utf-8")
                except OSError:
                    continue
                if not re.search(r"^\[tool\.scusa-lint\]", text, re.M):
                    continue
            return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    """Read settings from a config file (or the defaults when path is None)."""
    if path is None:
        return Settings()
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc}", shown) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("not valid UTF-8; save the config as UTF-8", shown, _line_of_byte(path, exc.start)) from exc
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        # tomllib gives no line for errors "at end of document": that is the last line.
        where = int(line.group(1)) if line else text.count("\n") + 1
        raise ConfigError(f"invalid TOML: {exc}", shown, where) from exc
    table = data.get("tool", {}).get("scusa-lint", {}) if path.name == "pyproject.toml" else data
    prefix = "tool.scusa-lint." if path.name == "pyproject.toml" else ""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in CONFIG_KEYS:
            raise ConfigError(
                f"unknown key {prefix}{key!r} (known: {', '.join(CONFIG_KEYS)})", shown, _line_of(text, key)
            )
        field_name, convert = CONFIG_KEYS[key]
        try:
            values[field_name] = convert(value)
        except ValueError as exc:
            raise ConfigError(f"bad value for {prefix}{key}: {exc}", shown, _line_of(text, key)) from exc
    if "packs" in values:  # pack paths are relative to the config file
        values["packs"] = tuple(str((path.parent / p).resolve()) for p in values["packs"])
    return Settings(config_path=shown, **values)


def _line_of(text: str, key: str) -> int | None:
    """The line of `key = ...`, or of a table header `[key]` / `[key.sub]`."""
    match = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=", text, re.M) or re.search(
        rf"^\s*\[\[?\s*\"?{re.escape(key)}\"?\s*[.\]]", text, re.M
    )
    return text.count("\n", 0, match.start()) + 1 if match else None


def _line_of_byte(path: Path, offset: int) -> int | None:
    try:
        return path.read_bytes().count(b"\n", 0, offset) + 1
    except OSError:
        return None
