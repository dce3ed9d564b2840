"""Named constructions: token patterns written once per language and used by many rules' blocks.

Why: several rules need the same idea as a construction, not a word: "the fault is said to be
ours in this sentence" is an exception of the blame-on-staff, blame-on-customer, agentless-harm
and office-voice rules alike. Copied into each rule, the copies drift apart (one knows «ci
assumiamo la responsabilità», another does not). A construction names it once, in the language's
folder (``lang/<code>/constructions.yaml``), with examples that show where it stops:

    fault_owned:
      description: The fault said to be ours («è stato un nostro errore», «abbiamo sbagliato noi»).
      patterns:
        - [{LOWER: {IN: [nostro, nostra]}}, {LEMMA: {IN: [errore, colpa]}}]
      examples:
        match: ["È stato un nostro errore."]
        no_match: ["Non è stato un nostro errore."]

A pattern block takes them with ``use: [fault_owned]``: when a pack is loaded (registry.py) the
construction's patterns are added to the block's own, so matching, scopes and the pipeline
capabilities a rule needs are those of an ordinary block. Word classes are single words
(wordclasses.py); constructions are patterns over them. Loading validates names, keys, patterns
and examples with file and line; the test suite runs every construction's examples.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint import lang, yamllines
from scusa_lint.errors import PackError
from scusa_lint.wordclasses import NAME
from scusa_lint.yamllines import LineDict

if TYPE_CHECKING:
    from scusa_lint.engine.blocks import PatternBlock

CONSTRUCTION_KEYS = frozenset({"description", "patterns", "examples"})


@dataclass(frozen=True)
class Construction:
    """One construction as written: its token patterns, and sentences it must and must not match."""

    name: str
    description: str
    patterns: tuple[Any, ...]
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    path: str = ""
    line: int = 0


def constructions_of(language: str) -> dict[str, Construction]:
    """The constructions of a language (none when its folder has no constructions.yaml)."""
    path = lang.get(language).constructions
    if path is None:
        return {}
    return dict(_load(str(path), yamllines.version(path)))


def resolve_uses(block: PatternBlock, language: str, path: str) -> PatternBlock:
    """The block with the patterns of the constructions it `use`s added to its own (and `use` emptied).

    An unknown name is a PackError at the block's line, naming the constructions the language has.
    """
    if not block.use:
        return block
    known = constructions_of(language)
    added: list[Any] = []
    for name in block.use:
        if name not in known:
            names = ", ".join(sorted(known)) or "none"
            raise PackError(
                f"unknown construction {name!r} for language {language!r} (known: {names})", path, block.line
            )
        added.extend(known[name].patterns)
    return dataclasses.replace(block, patterns=(*block.patterns, *added), use=())


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime: int) -> dict[str, Construction]:
    from scusa_lint.engine.blocks import PatternBlock

    data = yamllines.read(path, "construction file")
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        raise PackError("a construction file is a mapping of construction names to constructions", path, 1)
    found: dict[str, Construction] = {}
    for name, body in data.items():
        line = data.line_of(name)
        if not isinstance(name, str) or not NAME.match(name):
            raise PackError(f"construction name {name!r} must be snake_case (like fault_owned)", path, line)
        if not isinstance(body, LineDict):
            raise PackError(f"construction {name!r} must be a mapping with description and patterns", path, line)
        unknown = sorted(set(map(str, body)) - CONSTRUCTION_KEYS)
        if unknown:
            allowed = ", ".join(sorted(CONSTRUCTION_KEYS))
            raise PackError(
                f"unknown key {unknown[0]!r} in construction {name!r} (allowed: {allowed})",
                path,
                body.line_of(unknown[0]),
            )
        description = body.get("description", "")
        if not isinstance(description, str) or not description.strip():
            raise PackError(f"construction {name!r} needs a `description` that says what it recognises", path, line)
        if not body.get("patterns"):
            raise PackError(f"construction {name!r} needs `patterns`", path, line)
        # The same validation as any rule's block: a bad token pattern is reported with this file and line.
        block = PatternBlock.parse({"patterns": body["patterns"]}, path, body.line_of("patterns"), name)
        match, no_match = yamllines.examples(body, f"construction {name!r}", path, required=True)
        found[name] = Construction(name, description.strip(), block.patterns, match, no_match, path, line)
    return found
