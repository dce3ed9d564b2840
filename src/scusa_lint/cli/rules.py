"""`scusa-lint rules`: list the rules (code, name, category, level, kind, pack) of one or all languages."""

from __future__ import annotations

import json

import click

from scusa_lint.cli.common import fail, language_codes
from scusa_lint.errors import ScusaError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--language",
    "-l",
    type=click.Choice([*language_codes(), "all"]),
    default="all",
    show_default=True,
    help="Which language's packs to list.",
)
@click.option("--category", "categories", multiple=True, metavar="ID", help="Only rules of this category.")
@click.option("--pack", "packs", multiple=True, metavar="FILE", help="An extra rule pack (YAML) to include.")
@click.option("--output-format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def rules(language: str, categories: tuple[str, ...], packs: tuple[str, ...], output_format: str, color: str) -> None:
    """List the rules of the rule packs."""
    from rich.table import Table

    from scusa_lint.console import make_console
    from scusa_lint.registry import Registry

    try:
        registry = Registry.load(packs)
        specs = registry.all_rules() if language == "all" else registry.rules(language)
        if categories:
            wanted = {rule.code for category in categories for rule in registry.by_category(category)}
            specs = [s for s in specs if s.code in wanted]
    except ScusaError as error:
        fail(error)
    specs = sorted(specs, key=lambda s: s.code)
    console = make_console(color)
    if output_format == "json":
        rows = [
            {
                "code": s.code,
                "name": s.name,
                "category": s.category.value,
                "level": s.level.value,
                "kind": s.kind,
                "language": s.language,
                "pack": s.pack,
                "roles": list(s.roles),
                "source": s.source,
                "message": s.message,
            }
            for s in specs
        ]
        console.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=None, box=None, pad_edge=False, header_style="bold")
    for column in ("code", "name", "category", "level", "kind", "roles", "lang", "pack"):
        table.add_column(column)
    for s in specs:
        table.add_row(s.code, s.name, s.category.value, s.level.value, s.kind, ",".join(s.roles), s.language, s.pack)
    console.print(table)
    console.print(f"{len(specs)} rules", style="muted")
