"""Table-valued config keys: per-file-ignores and [kinds.<kind>], with errors that know their nested key.

Kept apart from settings.py so that the key table there stays a flat list of one-line entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scusa_lint.message_settings import MESSAGE_KINDS
from scusa_lint.taxonomy import WHOLE_MESSAGE_CATEGORIES, Category


def _str_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return tuple(value)


@dataclass(frozen=True)
class KindSettings:
    """What messages of one kind (front matter `kind:`) must contain and which rules skip them.

    ignore: selectors of rules that do not apply to messages of this kind.
    required: the MISSING_* categories a message of this kind must satisfy; None keeps the packs'
        defaults. When given, exactly these whole-message checks run (overriding a rule's skip_kinds).
    """

    ignore: tuple[str, ...] = ()
    required: tuple[str, ...] | None = None


class NestedKeyError(ValueError):
    """A bad key or value inside a table; `keys` is its path below the config key (for the line number)."""

    def __init__(self, message: str, keys: Sequence[str]) -> None:
        super().__init__(message)
        self.keys = tuple(keys)


def bool_value(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def per_file_ignores_table(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ValueError('expected a table of glob = ["SC101", ...]')
    pairs = []
    for glob, selectors in value.items():
        try:
            pairs.append((glob, _str_list(selectors)))
        except ValueError as exc:
            raise NestedKeyError(str(exc), [glob]) from exc
    return tuple(pairs)


KIND_KEYS = ("ignore", "required")
_REQUIRABLE = sorted(c.value for c in WHOLE_MESSAGE_CATEGORIES)


def kinds_table(value: Any) -> dict[str, KindSettings]:
    if not isinstance(value, dict):
        raise ValueError("expected a table of message kinds ([kinds.sms])")
    kinds: dict[str, KindSettings] = {}
    for kind, table in value.items():
        if kind not in MESSAGE_KINDS:
            raise NestedKeyError(f"unknown message kind (known: {', '.join(MESSAGE_KINDS)})", [kind])
        if not isinstance(table, dict):
            raise NestedKeyError(f"expected a table with {' or '.join(KIND_KEYS)}", [kind])
        for key in table:
            if key not in KIND_KEYS:
                raise NestedKeyError(f"unknown key (known: {', '.join(KIND_KEYS)})", [kind, key])
        try:
            ignore = _str_list(table.get("ignore", []))
        except ValueError as exc:
            raise NestedKeyError(str(exc), [kind, "ignore"]) from exc
        required: tuple[str, ...] | None = None
        if "required" in table:
            try:
                required = _str_list(table["required"])
            except ValueError as exc:
                raise NestedKeyError(str(exc), [kind, "required"]) from exc
            wrong = [r for r in required if r.upper() not in _REQUIRABLE]
            if wrong:
                raise NestedKeyError(
                    f"{wrong[0]!r} is not a whole-message category (one of {', '.join(_REQUIRABLE)})",
                    [kind, "required"],
                )
            required = tuple(Category(r.upper()).value for r in required)
        kinds[str(kind)] = KindSettings(ignore, required)
    return kinds
