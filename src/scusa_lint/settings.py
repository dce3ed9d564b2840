"""Settings: `[tool.scusa-lint]` (pyproject.toml) or `.scusa-lint.toml`, then CLI overrides.

Three layers as in ruff: the TOML as written (every key optional, validated here with
file and line), the CLI overrides, and the frozen Settings the linter reads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scusa_lint import limits
from scusa_lint.config_tables import (
    ChannelSettings,
    NestedKeyError,
    bool_value,
    channels_table,
    per_file_ignores_table,
    roles_table,
)
from scusa_lint.errors import ConfigError
from scusa_lint.keys import DEFAULT_IGNORE_KEYS
from scusa_lint.taxonomy import Level

CONFIG_FILES = (".scusa-lint.toml", "pyproject.toml")
DEFAULT_LANGUAGE = "it"


@dataclass(frozen=True)
class Settings:
    """The resolved settings for one run.

    select (tuple | None): selectors of enabled rules (None: all rules).
    extend_select, ignore: selectors added to / removed from the selection.
    fail_on (Level): the lowest level that makes the exit code 1.
    language (str | None): the language of messages without a front-matter `language`; None (not set):
        each message's file or text says (languages.py), and DEFAULT_LANGUAGE when nothing does.
    pipeline (str): "default", an installed spaCy package name, or a pipeline directory.
    packs (tuple[str, ...]): extra rule pack files, added to the shipped ones of their language.
    config_path (str | None): the file the settings came from.
    spelling (str): the speller, hunspell | languagetool | off (README, "Spelling").
    languagetool_url / languagetool_path / languagetool_version: a LanguageTool server, or a local install.
    languagetool_public_api (bool): allow sending text to api.languagetool.org (a third party).
    languagetool_timeout (float): seconds for each LanguageTool request (a local install's start-up: 3x).
    languagetool_level (str): default | picky (LanguageTool's `level`: picky adds stricter rules).
    languagetool_enabled_rules / languagetool_disabled_rules: LanguageTool rule ids passed as enabledRules /
        disabledRules (an enabled id also lifts scusa-lint's own default disabling and style filter).
    languagetool_mother_tongue (str | None): the writers' mother tongue (motherTongue: false-friend rules).
    languagetool_variants (tuple): preferred variants (en-GB): the LanguageTool code used for their language.
    vocabulary (str | None): a vocabulary file (accepted terms; `!term` rejected); accept, reject: more terms.
    strict (bool): a spelling backend failure is exit code 2 instead of a notice and a fallback.
    per_file_ignores: (glob, selectors) pairs; globs are relative to the config file's folder.
    include: globs of files to lint when walking folders (empty: every suffix scusa-lint reads).
    exclude: globs of files and folders skipped when walking (added to the built-in list).
    force_exclude: apply `exclude` to files named on the command line too (pre-commit passes files).
    catalogs: globs of YAML/JSON files that are message catalogs whatever they look like (catalogs.py).
    messages, ignore_keys: globs on catalog key paths: the values that are messages, and those that are
        not (metadata: channel, tags, sender, notes); see keys.py. extend_ignore_keys adds to ignore_keys.
    channels: message channel -> ChannelSettings ([channels.sms]).
    role (str): the message role of every message (auto: decided from the text; see roles.py).
    per_file_roles, per_key_roles: (glob, role) pairs for files (relative to the config) and catalog keys.
    max_file_size (int | None): the largest input file read, in bytes (None: limits.FILE_BYTES).
    max_message_length (int | None): the longest message linted, in characters (None: limits.MESSAGE_CHARS).
    suggestions (bool): compute the speller's corrections. Not a config key: the CLI turns it off when
        the output format never shows them and nothing applies them (concise, github...), since a
        Hunspell suggestion costs about 0.1 s a distinct word. Part of the cache's run key, like every field.
    notices: what reading the config file found the user must know (a deprecated key).
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Level = Level.WARNING
    language: str | None = None
    pipeline: str = "default"
    packs: tuple[str, ...] = ()
    config_path: str | None = None
    spelling: str = "hunspell"
    languagetool_url: str | None = None
    languagetool_path: str | None = None
    languagetool_version: str | None = None
    languagetool_public_api: bool = False
    languagetool_timeout: float = 10.0
    languagetool_level: str = "default"
    languagetool_enabled_rules: tuple[str, ...] = ()
    languagetool_disabled_rules: tuple[str, ...] = ()
    languagetool_mother_tongue: str | None = None
    languagetool_variants: tuple[str, ...] = ()
    vocabulary: str | None = None
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    strict: bool = False
    # Per-file and per-kind configuration (template repositories)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    catalogs: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    ignore_keys: tuple[str, ...] = DEFAULT_IGNORE_KEYS
    extend_ignore_keys: tuple[str, ...] = ()
    channels: Mapping[str, ChannelSettings] = field(default_factory=dict)
    role: str = "auto"
    per_file_roles: tuple[tuple[str, str], ...] = ()
    per_key_roles: tuple[tuple[str, str], ...] = ()
    max_file_size: int | None = None
    max_message_length: int | None = None
    suggestions: bool = True
    notices: tuple[str, ...] = field(default=(), compare=False)

    @property
    def default_language(self) -> str:
        """The language of a message nothing else names: the setting, else DEFAULT_LANGUAGE."""
        return self.language or DEFAULT_LANGUAGE

    @property
    def file_limit(self) -> int:
        """The largest input file read, in bytes (README, "Limits and guarantees")."""
        return self.max_file_size or limits.FILE_BYTES.value

    @property
    def message_limit(self) -> int:
        """The longest message linted, in characters."""
        return self.max_message_length or limits.MESSAGE_CHARS.value

    @property
    def root(self) -> Path:
        """The folder relative globs are matched against: the config file's folder, else the current one."""
        return Path(self.config_path).resolve().parent if self.config_path else Path.cwd()

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the CLI's values (None means "not given on the command line")."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def to_json(self) -> dict[str, Any]:
        return {
            "select": list(self.select) if self.select is not None else ["ALL"],
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "fail-on": self.fail_on.value,
            "language": self.language or f"auto (file, header or detection; else {DEFAULT_LANGUAGE})",
            "pipeline": self.pipeline,
            "packs": list(self.packs),
            "config": self.config_path,
            "spelling": self.spelling,
            "languagetool-url": self.languagetool_url,
            "languagetool-path": self.languagetool_path,
            "languagetool-version": self.languagetool_version,
            "languagetool-public-api": self.languagetool_public_api,
            "languagetool-timeout": self.languagetool_timeout,
            "languagetool-level": self.languagetool_level,
            "languagetool-enabled-rules": list(self.languagetool_enabled_rules),
            "languagetool-disabled-rules": list(self.languagetool_disabled_rules),
            "languagetool-mother-tongue": self.languagetool_mother_tongue,
            "languagetool-variants": list(self.languagetool_variants),
            "vocabulary": self.vocabulary,
            "accept": list(self.accept),
            "reject": list(self.reject),
            "strict": self.strict,
            "per-file-ignores": {glob: list(selectors) for glob, selectors in self.per_file_ignores},
            "include": list(self.include),
            "exclude": list(self.exclude),
            "force-exclude": self.force_exclude,
            "catalogs": list(self.catalogs),
            "messages": list(self.messages),
            "ignore-keys": list(self.ignore_keys),
            "extend-ignore-keys": list(self.extend_ignore_keys),
            "channels": {
                name: {
                    "ignore": list(c.ignore),
                    **({"required": list(c.required)} if c.required is not None else {}),
                }
                for name, c in self.channels.items()
            },
            "role": self.role,
            "per-file-roles": dict(self.per_file_roles),
            "per-key-roles": dict(self.per_key_roles),
            "max-file-size": self.file_limit,
            "max-message-length": self.message_limit,
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


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("expected a positive whole number")
    return value


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError("expected a positive number of seconds")
    return float(value)


# TOML key -> (Settings field, converter). The one table of config keys.
CONFIG_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "select": ("select", _str_list),
    "extend-select": ("extend_select", _str_list),
    "ignore": ("ignore", _str_list),
    "fail-on": ("fail_on", lambda v: Level(_one_of("error", "warning", "info")(v))),
    "language": ("language", _string),
    "pipeline": ("pipeline", _string),
    "packs": ("packs", _str_list),
    # Spelling (README, "Spelling").
    "spelling": ("spelling", _one_of("hunspell", "languagetool", "off")),
    "languagetool-url": ("languagetool_url", _string),
    "languagetool-path": ("languagetool_path", _string),
    "languagetool-version": ("languagetool_version", _string),
    "languagetool-public-api": ("languagetool_public_api", _bool),
    "languagetool-timeout": ("languagetool_timeout", _seconds),
    "languagetool-level": ("languagetool_level", _one_of("default", "picky")),
    "languagetool-enabled-rules": ("languagetool_enabled_rules", _str_list),
    "languagetool-disabled-rules": ("languagetool_disabled_rules", _str_list),
    "languagetool-mother-tongue": ("languagetool_mother_tongue", _string),
    "languagetool-variants": ("languagetool_variants", _str_list),
    "vocabulary": ("vocabulary", _string),
    "accept": ("accept", _str_list),
    "reject": ("reject", _str_list),
    "strict": ("strict", _bool),
    # Per-file and per-kind configuration (template repositories)
    "per-file-ignores": ("per_file_ignores", per_file_ignores_table),
    "include": ("include", _str_list),
    "exclude": ("exclude", _str_list),
    "force-exclude": ("force_exclude", bool_value),
    "catalogs": ("catalogs", _str_list),
    "messages": ("messages", _str_list),
    "ignore-keys": ("ignore_keys", _str_list),
    "extend-ignore-keys": ("extend_ignore_keys", _str_list),
    "channels": ("channels", channels_table),
    # Message roles (README, "Message roles")
    "role": ("role", _one_of("auto", "apology", "routine", "fragment")),
    "per-file-roles": ("per_file_roles", roles_table),
    "per-key-roles": ("per_key_roles", roles_table),
    # Limits (README, "Limits and guarantees")
    "max-file-size": ("max_file_size", _positive_int),
    "max-message-length": ("max_message_length", _positive_int),
}
# Old spellings of keys, still read with a deprecation notice: old key -> new key.
DEPRECATED_KEYS = {"kinds": "channels"}
# Keys holding paths, which are relative to the config file.
PATH_KEYS = ("vocabulary", "languagetool_path")


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
                    text = limits.read_regular(str(candidate), limits.CONFIG_BYTES.value, ConfigError).decode(
                        "utf-8", "replace"
                    )
                except ConfigError:
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
    raw = limits.read_regular(
        str(path), limits.CONFIG_BYTES.value, lambda m: ConfigError(m, shown), "config", limits.CONFIG_BYTES.variable
    )
    try:
        text = raw.decode("utf-8")
        deep = limits.toml_too_deep(text, limits.NESTING.value)
        if deep is not None:
            raise ConfigError(f"nested more than {limits.NESTING.value} levels deep", shown, deep)
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            "not valid UTF-8; save the config as UTF-8", shown, raw.count(b"\n", 0, exc.start) + 1
        ) from exc
    except RecursionError as exc:  # nesting the scan above did not see (it is not a TOML parser)
        raise ConfigError("nested too deeply", shown, 1) from exc
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        # tomllib gives no line for errors "at end of document": that is the last line.
        where = int(line.group(1)) if line else text.count("\n") + 1
        raise ConfigError(f"invalid TOML: {exc}", shown, where) from exc
    table = data.get("tool", {}).get("scusa-lint", {}) if path.name == "pyproject.toml" else data
    prefix = "tool.scusa-lint." if path.name == "pyproject.toml" else ""
    if not isinstance(table, dict):
        raise ConfigError("[tool.scusa-lint] must be a table", shown, _line_of(text, ("tool", "scusa-lint")))
    values: dict[str, Any] = {}
    notices: list[str] = []
    for written, value in table.items():
        table_path = ("tool", "scusa-lint") if prefix else ()
        key = DEPRECATED_KEYS.get(written, written)
        if key != written:
            if key in table:
                raise ConfigError(
                    f"give '{prefix}{key}' only ('{prefix}{written}' is its old name)",
                    shown,
                    _line_of(text, (*table_path, written)),
                )
            notices.append(
                f"{shown}:{_line_of(text, (*table_path, written)) or 1}: '{prefix}{written}' is deprecated: "
                f"write '{prefix}{key}'"
            )
        if key not in CONFIG_KEYS:
            raise ConfigError(
                f"unknown key '{prefix}{key}' (known: {', '.join(CONFIG_KEYS)})",
                shown,
                _line_of(text, (*table_path, key)),
            )
        field_name, convert = CONFIG_KEYS[key]
        try:
            values[field_name] = convert(value)
        except NestedKeyError as exc:
            nested_line = _line_of(text, (*table_path, written, *exc.keys))
            dotted = ".".join(k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else f'"{k}"' for k in exc.keys)
            raise ConfigError(f"{prefix}{written}.{dotted}: {exc}", shown, nested_line) from exc
        except ValueError as exc:
            at = _line_of(text, (*table_path, written))
            raise ConfigError(f"bad value for {prefix}{written}: {exc}", shown, at) from exc
    if "packs" in values:  # pack paths are relative to the config file
        values["packs"] = tuple(str((path.parent / p).resolve()) for p in values["packs"])
    for name in PATH_KEYS:
        if name in values:
            values[name] = str((path.parent / values[name]).resolve())
    pipeline = values.get("pipeline")
    if pipeline is not None and ("/" in pipeline or pipeline.startswith(".")):  # a folder, not a package name
        values["pipeline"] = str((path.parent / pipeline).resolve())
    return Settings(config_path=shown, notices=tuple(notices), **values)


_TOML_KEY_PART = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+')


def _key_parts(raw: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_KEY_PART.findall(raw))


def _line_of(text: str, keys: Sequence[str] | str) -> int | None:
    """The line where a (nested) key is written, following [table] headers and dotted keys.

    When the exact key is not written out (an inline table), the line of its longest
    written ancestor is returned, so the error still points near the problem.
    """
    target = (keys,) if isinstance(keys, str) else tuple(keys)
    table: tuple[str, ...] = ()
    best: tuple[int, int] | None = None  # (matched length, line)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\[?([^\]]+)\]\]?", stripped)
        if header:
            table = _key_parts(header.group(1))
            full = table
        else:
            assignment = re.match(r"^((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=", stripped)
            if not assignment:
                continue
            full = table + _key_parts(assignment.group(1))
        if header and full[: len(target)] == target:  # a [table] header that defines the key itself
            return number
        if full == target[: len(full)] and (best is None or len(full) > best[0]):
            best = (len(full), number)
            if len(full) == len(target):
                return number
    return best[1] if best and best[0] > 0 else None
