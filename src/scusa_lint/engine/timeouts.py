"""Time limits for regular expressions from rule packs: a pathological pattern cannot hang a run.

A pack author's regex like ``(a|aa)+b`` can backtrack for minutes on one unlucky message.
Every search runs with the ``regex`` package's timeout; a search that runs out of time
drops that pattern for that message, and the run reports it (rule, pattern, message)
instead of hanging or crashing. Events are recorded on the document being matched (never in
a global list: a long-lived linter must not accumulate them) and turned into notices by the
linter, which knows the rule and the message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from spacy.tokens import Doc


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


_EVENTS_KEY = "scusa_lint.regex_timeouts"


def finditer(compiled: regex.Pattern[str], doc: Doc, where: str) -> list[Any]:
    """All matches of a compiled pattern in the document's text, or none (and an event on the document)
    if the search runs out of time."""
    from scusa_lint.engine.columns import doc_text

    try:
        return list(compiled.finditer(doc_text(doc), timeout=REGEX_TIMEOUT))
    except TimeoutError:
        doc.user_data.setdefault(_EVENTS_KEY, []).append(RegexTimeout(compiled.pattern, where))
        return []


def drain(doc: Doc) -> list[RegexTimeout]:
    """The timeouts recorded on the document since the last call (and forget them)."""
    events: list[RegexTimeout] = doc.user_data.pop(_EVENTS_KEY, [])
    return events


def notice(event: RegexTimeout, rule: str, path: str) -> str:
    """The user-facing text for one timeout."""
    return (
        f"{path}: rule {rule}: regular expression {event.pattern!r} ({event.where}) took longer than "
        f"{REGEX_TIMEOUT:g} s and was skipped for this message; simplify the pattern"
    )
