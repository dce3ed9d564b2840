"""`scusa-lint explain CODE`: a rule's description, seed source, suggestions and examples."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from scusa_lint.cli.common import fail
from scusa_lint.errors import ScusaError

if TYPE_CHECKING:
    from scusa_lint.kinds.base import RuleSpec


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("code")
@click.option("--pack", "packs", multiple=True, metavar="FILE", help="An extra rule pack (YAML) to search.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def explain(code: str, packs: tuple[str, ...], output_format: str, color: str) -> None:
    """Explain a rule, by code (SC101) or name (blame-on-others)."""
    from rich.text import Text

    from scusa_lint.console import make_console
    from scusa_lint.registry import Registry

    try:
        found = Registry.load(packs).find(code)
    except ScusaError as error:
        fail(error)
    if found is None:
        fail(ScusaError(f"unknown rule {code!r}; `scusa-lint rules` lists them"))
    spec = found
    console = make_console(color)
    if output_format == "json":
        data = {
            "code": spec.code,
            "name": spec.name,
            "category": spec.category.value,
            "level": spec.level.value,
            "kind": spec.kind,
            "language": spec.language,
            "pack": spec.pack,
            "roles": list(spec.roles),
            "source": spec.source,
            "link": spec.link,
            "message": spec.message,
            "description": spec.description,
            "suggestions": [s.to_json() for s in spec.suggestions],
            "examples": {"bad": [e.text for e in spec.bad], "good": [e.text for e in spec.good]},
            "defined_at": f"{spec.path}:{spec.line}",
            "backend": _backend_notes(spec),
        }
        console.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(
        Text.assemble(
            (f"{spec.code} ", "code"),
            (spec.name, "bold"),
            f"  [{spec.category.value}, {spec.level.value}, kind {spec.kind}]",
        )
    )
    console.print(Text(f"Pack: {spec.pack} ({spec.language})   Source: {spec.source}", style="muted"))
    console.print(Text(f"Runs on messages of role: {', '.join(spec.roles)}", style="muted"))
    if spec.link:
        console.print(Text(f"Link: {spec.link}", style="muted"))
    console.print()
    console.print(Text(f"Message: {spec.message}"))
    console.print()
    console.print(spec.description)
    if spec.suggestions:
        console.print()
        console.print(Text("Instead:", style="bold"))
        for suggestion in spec.suggestions:
            console.print(f"  - {suggestion.text}")
    notes = _backend_notes(spec)
    if notes:
        console.print()
        console.print(Text("Backends:", style="bold"))
        for note in notes:
            console.print(f"  - {note}")
    console.print()
    console.print(Text("Flagged (bad):", style="error"))
    for example in spec.bad:
        console.print(f"  ✗ {example.text.strip()}")
    console.print(Text("Not flagged (good):", style="ok"))
    for example in spec.good:
        console.print(f"  ✓ {example.text.strip()}")


def _backend_notes(spec: RuleSpec) -> list[str]:
    """How a spelling rule's backends map onto findings (empty for other kinds)."""
    if spec.kind != "spelling":
        return []
    from scusa_lint.kinds.spelling import backend_notes

    return backend_notes(spec)
