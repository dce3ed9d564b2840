"""`scusa-lint config [PATH]`: the settings that apply to PATH, and the file they came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from scusa_lint.cli.common import fail, make_resolver
from scusa_lint.errors import ScusaError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, default=".", metavar="[PATH]")
@click.option("--config", metavar="FILE", help="Config file (default: nearest .scusa-lint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--output-format", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
def config(path: str, config: str | None, isolated: bool, output_format: str) -> None:
    """Print the resolved settings for PATH (a file or folder; default: the current folder).

    A file is linted with the nearest `.scusa-lint.toml`, or pyproject.toml with a
    [tool.scusa-lint] table, from its own folder upward; command-line options override it.
    """
    try:
        resolver = make_resolver(config, isolated)
        target = Path(path)
        if not target.exists():
            raise ScusaError("no such file or directory", path)
        settings = resolver.for_folder(target if target.is_dir() else target.absolute().parent)
    except ScusaError as error:
        fail(error)
    data = settings.to_json()
    source = data.pop("config", None)
    if output_format == "json":
        click.echo(json.dumps({"path": path, "config": source, "settings": data}, ensure_ascii=False, indent=2))
        return
    click.echo(f"# settings for {path}")
    click.echo(f"# from: {source}" if source else "# from: defaults (no configuration file found)")
    click.echo(to_toml(data))


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else json.dumps(key)


def to_toml(data: dict[str, Any], table: str = "") -> str:
    """TOML for the settings: plain keys first, then one [table] per mapping (nested as needed)."""
    lines = []
    tables = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif value is None:  # TOML has no null: show the key as not set, so the output reads back as TOML
            lines.append(f"# {_key(key)} = (not set)")
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables:
        name = f"{table}.{_key(key)}" if table else _key(key)
        if any(not isinstance(v, dict) for v in value.values()) or not value:
            lines += ["", f"[{name}]"]
        body = to_toml(value, name)
        if body:
            lines.append(body)
    text = "\n".join(lines)
    return text.strip("\n") if not table else text
