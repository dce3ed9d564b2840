"""Time limits for regular expressions from rule packs: a pathological pattern cannot hang a run.

A pack author's regex like ``(a|aa)+b`` can backtrack for minutes on one unlucky message.
Every search runs with the ``regex`` package's timeout; a search that runs out of time
drops that pattern for that message, and the run reports it (rule, pattern, message)
instead of hanging or crashing. Events are collected here and turned into notices by the
linter, which knows the rule and the message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import regex


def _limit() -> float:
    try:
        return max(0.001, float(os.environ.get("SCUSA_LINT_REGEX_TIMEOUT", "0.25")))
    except ValueError:
        return 0.25


# Seconds one pattern may spend on one message (env SCUSA_LINT_REGEX_TIMEOUT overrides, for tests).
REGEX_TIMEOUT = _limit()


@dataclass(frozen=True)
class RegexTimeout:
    """A pattern that ran out of time; `where` is the pack file and line of its block."""

    pattern: str
    where: str


_pending: list[RegexTimeout] = []


def finditer(compiled: regex.Pattern[str], text: str, where: str) -> list[Any]:
    """All matches of a compiled pattern, or none (and an event) if the search runs out of time."""
    try:
        return list(compiled.finditer(text, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        _pending.append(RegexTimeout(compiled.pattern, where))
        return []


def drain() -> list[RegexTimeout]:
    """The timeouts since the last call (and forget them)."""
    events = list(_pending)
    _pending.clear()
    return events


def notice(event: RegexTimeout, rule: str, path: str) -> str:
    """The user-facing text for one timeout."""
    return (
        f"{path}: rule {rule}: regular expression {event.pattern!r} ({event.where}) took longer than "
        f"{REGEX_TIMEOUT:g} s and was skipped for this message; simplify the pattern"
    )
