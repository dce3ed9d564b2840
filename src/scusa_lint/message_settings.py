"""Per-message settings (front matter, catalog top-level keys): language, channel, role, incident and sent dates.

They change which rules run and how (``channel: sms`` skips rules meant for e-mail, dates feed
deadline checks), so a typo must not be ignored silently: ``channel: mail`` or ``sent: ieri`` is an
input error naming the file and line. ``kind:`` is the old name of ``channel:``: it is still read,
with a deprecation notice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from scusa_lint.errors import InputError
from scusa_lint.roles import ROLES

# email: a letter or e-mail; sms: a text message; chat: a live-chat or social reply; notice: a public
# service notice to many customers; review: a public reply to a customer's review.
CHANNELS = ("email", "sms", "chat", "notice", "review")
DATE_KEYS = ("incident", "sent")
OLD_CHANNEL_KEY = "kind"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def normalise_settings(meta: dict[str, Any], path: str, lines: Mapping[str, int] | None = None) -> list[str]:
    """Check the settings (see :func:`check_message_settings`) and rename the old ``kind`` key to
    ``channel`` in place; returns the deprecation notices, naming file and line."""
    lines = lines or {}
    notices: list[str] = []
    if OLD_CHANNEL_KEY in meta:
        line = lines.get(OLD_CHANNEL_KEY)
        if "channel" in meta:
            raise InputError("give `channel` only (`kind` is its old name)", path, line)
        check_message_settings(meta, path, lines, channel_key=OLD_CHANNEL_KEY)
        meta["channel"] = meta.pop(OLD_CHANNEL_KEY)
        where = f"{path}:{line}" if line else path
        notices.append(f"{where}: front matter `kind` is deprecated: write `channel`")
    check_message_settings(meta, path, lines)
    return notices


def check_message_settings(
    meta: Mapping[str, Any], path: str, lines: Mapping[str, int] | None = None, channel_key: str = "channel"
) -> None:
    """Raise InputError for a setting with a wrong value; ``lines`` gives each key's line in the file.

    channel_key: the name the channel is written under (`kind` in old files), for the message.
    """
    lines = lines or {}
    language = meta.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        message = f"`language` must be a language code like it or en, not {language!r}"
        raise InputError(message, path, lines.get("language"))
    channel = meta.get(channel_key)
    if channel is not None and channel not in CHANNELS:
        message = f"`{channel_key}` must be one of {', '.join(CHANNELS)}, not {channel!r}"
        raise InputError(message, path, lines.get(channel_key))
    role = meta.get("role")
    if role is not None and role not in ROLES:
        raise InputError(f"`role` must be one of {', '.join(ROLES)}, not {role!r}", path, lines.get("role"))
    for key in DATE_KEYS:
        value = meta.get(key)
        if value is not None and not _is_date(value):
            raise InputError(f"`{key}` must be a date (YYYY-MM-DD or DD/MM/YYYY), not {value!r}", path, lines.get(key))


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


class DateError(ValueError):
    """A front-matter value that cannot be read as a date."""


def parse_date(value: Any) -> dt.date:
    """A date from a YAML date/datetime, an ISO string or a day-first Italian date.

    RETURNS (date): the calendar day (times are dropped: delays are counted in days).
    Raises DateError when the value is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
        day_first = _DAY_FIRST.match(text)
        if day_first:
            day, month, year = (int(g) for g in day_first.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise DateError(f"{value!r} is not a valid date ({exc})") from exc
    raise DateError(f"{value!r} is not a date (write it as YYYY-MM-DD)")


def _is_date(value: Any) -> bool:
    try:
        parse_date(value)
    except DateError:
        return False
    return True
