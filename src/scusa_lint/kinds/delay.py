"""Kind delay: the reply went out too long after the incident, by the dates in the front matter.

Ian Lurie's tip 6 ("Siate veloci!") cannot be read from the prose alone: a polite
apology sent three weeks late is still late. Drafts can carry the two dates in their
front matter, and this kind compares them:

    ---
    incident: 2026-03-01
    sent: 2026-03-20
    ---

Keys:

    from:     front-matter key of the first date (e.g. incident)
    to:       front-matter key of the second date (e.g. sent)
    max_days: whole number; more days than this between the two dates is a finding

Dates may be YAML dates (2026-03-01), ISO strings ("2026-03-01", "2026-03-01T09:30")
or Italian day-first dates ("01/03/2026", "1.3.2026"). When either key is missing the
rule does not apply (most messages carry no dates). A value that is not a date, or a
`to` date earlier than the `from` date, produces no finding but a notice naming the
file and line ("...: front matter `sent`: 'ieri' is not a date"): the check is
reported as skipped for that file instead of silently passing it.
The finding belongs to the whole message (reported at 1:1), like MISSING_* findings,
because the front matter itself is not prose.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from scusa_lint.errors import PackError
from scusa_lint.message_settings import DateError, parse_date

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.kinds.matchers import Hit
    from scusa_lint.source import Source

DELAY_KEYS = frozenset({"from", "to", "max_days"})


def front_matter_line(source: Source, key: str) -> int | None:
    """The 1-based line of `key:` inside the front matter, for notices (None when not found)."""
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", source.file_text, re.M)
    if match is None:
        return None
    return source.file_text.count("\n", 0, match.start()) + 1


class DelayRule:
    """Flag the whole message when `to` is more than `max_days` days after `from` in the front matter."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext | None = None) -> None:
        self.spec = spec
        body = spec.body
        for key in ("from", "to"):
            if not isinstance(body.get(key), str) or not body[key].strip():
                raise PackError(f"`{key}` must name a front-matter key (like incident)", spec.path, spec.line_of(key))
        max_days = body.get("max_days")
        if not isinstance(max_days, int) or isinstance(max_days, bool) or max_days < 0:
            message = "`max_days` must be a whole number of days (0 or more)"
            raise PackError(message, spec.path, spec.line_of("max_days"))
        self.from_key: str = body["from"]
        self.to_key: str = body["to"]
        self.max_days: int = max_days
        # Notices go to the run's shared list, so the user learns which file's dates were unreadable.
        self._notices = context.notices if context is not None else []

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        meta = source.meta
        if self.from_key not in meta or self.to_key not in meta:
            return []
        dates: list[dt.date] = []
        for key in (self.from_key, self.to_key):
            try:
                dates.append(parse_date(meta[key]))
            except DateError as exc:
                self._notice(source, key, f"{exc}; {self.spec.code} skipped for this file")
                return []
        start, end = dates
        if end < start:
            self._notice(
                source,
                self.to_key,
                f"{end.isoformat()} is before `{self.from_key}` {start.isoformat()}; {self.spec.code} skipped",
            )
            return []
        return [None] if (end - start).days > self.max_days else []

    def _notice(self, source: Source, key: str, text: str) -> None:
        line = front_matter_line(source, key)
        where = f"{source.path}:{line}" if line is not None else source.path
        notice = f"{where}: front matter `{key}`: {text}"
        if notice not in self._notices:
            self._notices.append(notice)
