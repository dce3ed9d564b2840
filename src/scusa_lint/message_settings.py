"""Per-message settings (front matter, catalog top-level keys): language, kind, incident and sent dates.

They change which rules run and how (``kind: sms`` skips rules meant for e-mail, dates feed
deadline checks), so a typo must not be ignored silently: ``kind: mail`` or ``sent: ieri`` is an
input error naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from scusa_lint.errors import InputError

MESSAGE_KINDS = ("email", "sms", "chat")
DATE_KEYS = ("incident", "sent")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def check_message_settings(meta: Mapping[str, Any], path: str, lines: Mapping[str, int] | None = None) -> None:
    """Raise InputError for a setting with a wrong value; ``lines`` gives each key's line in the file."""
    lines = lines or {}
    language = meta.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        message = f"`language` must be a language code like it or en, not {language!r}"
        raise InputError(message, path, lines.get("language"))
    kind = meta.get("kind")
    if kind is not None and kind not in MESSAGE_KINDS:
        raise InputError(f"`kind` must be one of {', '.join(MESSAGE_KINDS)}, not {kind!r}", path, lines.get("kind"))
    for key in DATE_KEYS:
        value = meta.get(key)
        if value is not None and not _is_date(value):
            raise InputError(f"`{key}` must be a date (YYYY-MM-DD), not {value!r}", path, lines.get(key))


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
