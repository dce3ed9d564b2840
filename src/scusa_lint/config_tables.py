"""Table-valued config keys: per-file-ignores and [channels.<channel>], with errors that know their nested key.

Kept apart from settings.py so that the key table there stays a flat list of one-line entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scusa_lint.message_settings import CHANNELS
from scusa_lint.taxonomy import WHOLE_MESSAGE_CATEGORIES, Category


def _str_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return tuple(value)


@dataclass(frozen=True)
class ChannelSettings:
    """What messages of one channel (front matter `channel:`) must contain and which rules skip them.

    ignore: selectors of rules that do not apply to messages of this channel.
    required: the MISSING_* categories a message of this channel must satisfy; None keeps the packs'
        defaults. When given, exactly these whole-message checks run (overriding a rule's skip_channels).
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


def roles_table(value: Any) -> tuple[tuple[str, str], ...]:
    """`glob = "routine"` pairs (per-file-roles, per-key-roles): the message role of matching messages."""
    from scusa_lint.roles import ROLES

    if not isinstance(value, dict):
        raise ValueError('expected a table of glob = "apology" | "routine" | "fragment"')
    pairs = []
    for glob, role in value.items():
        if role not in ROLES:
            raise NestedKeyError(f"expected one of {', '.join(ROLES)}", [glob])
        pairs.append((str(glob), str(role)))
    return tuple(pairs)


CHANNEL_KEYS = ("ignore", "required")
_REQUIRABLE = sorted(c.value for c in WHOLE_MESSAGE_CATEGORIES)


def channels_table(value: Any) -> dict[str, ChannelSettings]:
    if not isinstance(value, dict):
        raise ValueError("expected a table of message channels ([channels.sms])")
    channels: dict[str, ChannelSettings] = {}
    for kind, table in value.items():
        if kind not in CHANNELS:
            raise NestedKeyError(f"unknown message channel (known: {', '.join(CHANNELS)})", [kind])
        if not isinstance(table, dict):
            raise NestedKeyError(f"expected a table with {' or '.join(CHANNEL_KEYS)}", [kind])
        for key in table:
            if key not in CHANNEL_KEYS:
                raise NestedKeyError(f"unknown key (known: {', '.join(CHANNEL_KEYS)})", [kind, key])
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
        channels[str(kind)] = ChannelSettings(ignore, required)
    return channels
