"""Role signs: constructions that show a message answers a problem though it names none.

roles.py decides from single words (a problem noun, an apology verb). Some replies about a problem
say it only in a construction: a prevention promise («evitare che si ripeta»), a service said to
come back («di nuovo attivi da domani»), the customer's complaint answered («la Sua segnalazione»,
«comprendo il Suo disappunto»). A language lists them, each with the reason it shows, in
lang/<code>/roles.yaml:

    signs:
      - reason: a promise that it will not happen again
        patterns:
          - [{LEMMA: evitare}, {LOWER: che}, ...]

Each sign is a pattern block (engine/blocks.py), so negated and quoted matches do not count. A sign
may have an `unless:` block: where it matches anywhere in the message, the sign does not count (thanks
for the customer's patience show a problem in a reply, not in an order notice that names the order).
The linter compiles the signs once per rule set and asks them only about messages the words did not
make an apology (step 4b of roles.py).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scusa_lint import lang, yamllines
from scusa_lint.constructions import resolve_uses
from scusa_lint.engine.blocks import PatternBlock
from scusa_lint.errors import PackError


@dataclass(frozen=True)
class RoleSign:
    """One construction and the reason it shows a reply about a problem."""

    reason: str
    block: PatternBlock
    unless: PatternBlock | None = None


def signs_of(language: str) -> tuple[RoleSign, ...]:
    """The role signs of a language (none when its folder has no roles.yaml), read once per file version
    like its word classes: a run builds a linter per group of settings, and every one needs them."""
    path = lang.get(language).role_signs
    if path is None:
        return ()
    return _load(str(path), yamllines.version(path), language)


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime: int, language: str) -> tuple[RoleSign, ...]:
    return tuple(parse(yamllines.read(path, "role-sign file"), path, language))


def parse(data: Any, path: str, language: str) -> list[RoleSign]:
    """Validate a role-sign file; every problem is a PackError naming the file and line.

    A sign's blocks may `use` the language's constructions (constructions.py), resolved here as in packs.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("signs"), list):  # `examples:` is for the tests
        raise PackError("a role-sign file needs a `signs:` list", path, getattr(data, "line", None))
    signs = []
    for item in data["signs"]:
        line = getattr(item, "line", None)
        if not isinstance(item, Mapping) or not isinstance(item.get("reason"), str):
            raise PackError("each sign needs a `reason:` and pattern keys", path, line)
        keys = {k: v for k, v in item.items() if k not in ("reason", "unless")}
        unless = item.get("unless")
        if unless is not None and not isinstance(unless, Mapping):
            raise PackError("a sign's `unless:` must be a pattern block", path, line)
        signs.append(
            RoleSign(
                item["reason"],
                resolve_uses(PatternBlock.parse(keys, path, line, "sign"), language, path),
                resolve_uses(
                    PatternBlock.parse(unless, path, getattr(unless, "line", line), "sign exception"), language, path
                )
                if unless
                else None,
            )
        )
    return signs
