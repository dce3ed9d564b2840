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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.errors import PackError
from scusa_lint.kinds.base import note
from scusa_lint.message_settings import DateError, parse_date

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.engine.blocks import Hit
    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


def front_matter_line(source: Source, key: str) -> int | None:
    """The 1-based line of `key:` inside the front matter, for notices (None when not found)."""
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", source.file_text, re.M)
    if match is None:
        return None
    return source.file_text.count("\n", 0, match.start()) + 1


@dataclass(frozen=True)
class DelayOptions:
    """The two front-matter keys to compare and the most days allowed between them."""

    from_key: str
    to_key: str
    max_days: int

    @classmethod
    def parse(cls, data: Mapping[str, Any], path: str) -> DelayOptions:
        lines: Mapping[str, int] = getattr(data, "key_lines", {})
        for key in ("from", "to"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise PackError(f"`{key}` must name a front-matter key (like incident)", path, lines.get(key))
        max_days = data.get("max_days")
        if not isinstance(max_days, int) or isinstance(max_days, bool) or max_days < 0:
            raise PackError("`max_days` must be a whole number of days (0 or more)", path, lines.get("max_days"))
        return cls(data["from"], data["to"], max_days)


class DelayRule:
    """Flag the whole message when `to` is more than `max_days` days after `from` in the front matter."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        options: DelayOptions = spec.options
        self.spec = spec
        self.from_key = options.from_key
        self.to_key = options.to_key
        self.max_days = options.max_days

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        meta = source.meta
        if self.from_key not in meta or self.to_key not in meta:
            return []
        dates: list[dt.date] = []
        for key in (self.from_key, self.to_key):
            try:
                dates.append(parse_date(meta[key]))
            except DateError as exc:
                self._notice(doc, source, key, f"{exc}; {self.spec.code} skipped for this file")
                return []
        start, end = dates
        if end < start:
            self._notice(
                doc,
                source,
                self.to_key,
                f"{end.isoformat()} is before `{self.from_key}` {start.isoformat()}; {self.spec.code} skipped",
            )
            return []
        return [None] if (end - start).days > self.max_days else []

    def _notice(self, doc: Doc, source: Source, key: str, text: str) -> None:
        line = front_matter_line(source, key)
        where = f"{source.path}:{line}" if line is not None else source.path
        note(doc, f"{where}: front matter `{key}`: {text}")
