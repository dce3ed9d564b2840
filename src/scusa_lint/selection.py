"""Rule selection: --select / --extend-select / --ignore by code, code prefix, name or category.

As in ruff, the most specific selector wins: `--select SC101 --ignore SC1` keeps SC101.
Specificity: a full code or a name beats a code prefix (longer beats shorter), which
beats a category, which beats ALL. On a tie, ignore wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from scusa_lint.errors import ConfigError
from scusa_lint.kinds.base import RuleSpec
from scusa_lint.taxonomy import Category


class Named(Protocol):
    """What a selector is matched against: a rule spec, or a finding (for suppressions)."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def category(self) -> Category: ...


_EXACT = 100
_CATEGORY = 1
_ALL = 0


def specificity(selector: str, rule: Named) -> int | None:
    """How specifically `selector` names `rule`, or None if it does not name it."""
    if selector == "ALL":
        return _ALL
    if selector in (rule.code, rule.name):
        return _EXACT
    if selector.upper() == rule.category.value:
        return _CATEGORY
    if rule.code.startswith(selector) and selector[:1].isalpha() and selector.isupper():
        return 1 + len(selector)
    return None


def check_selectors(selectors: Iterable[str], rules: Sequence[RuleSpec], option: str) -> None:
    """An unknown selector is a usage error (a typo must not silently select nothing)."""
    categories = {c.value for c in Category}
    for selector in selectors:
        if selector == "ALL" or selector.upper() in categories:
            continue
        if not any(specificity(selector, r) is not None for r in rules):
            raise ConfigError(f"{option}: unknown rule selector {selector!r} (a code, prefix, name or category)")


def select_rules(
    rules: Sequence[RuleSpec],
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[RuleSpec]:
    """The rules enabled by the selectors, in their original order."""
    chosen = list(select if select is not None else ["ALL"]) + list(extend_select)
    enabled = []
    for rule in rules:
        best_select = max((s for s in (specificity(x, rule) for x in chosen) if s is not None), default=None)
        if best_select is None:
            continue
        best_ignore = max((s for s in (specificity(x, rule) for x in ignore) if s is not None), default=None)
        if best_ignore is None or best_select > best_ignore:
            enabled.append(rule)
    return enabled
