"""Kind spelling: ask the run's spelling backend; misspellings (or LanguageTool grammar matches) become hits.

Keys:

    report:     spelling | grammar   what the rule reports (default spelling). Grammar matches
                                     come only from LanguageTool; with Hunspell the rule is skipped.
    suggestion: str                  how one correction is shown, with {replacement}
                                     (default "{replacement}"), e.g. "Forse: «{replacement}»"

Message parameters: {match}, and for grammar {rule} (the LanguageTool rule id) and
{message} (LanguageTool's explanation). One backend per run and language is shared by
all spelling rules through BuildContext.services; masked ranges of the Source
(front matter, placeholders) and the words touching them are never checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.engine.blocks import DetailedHit, Hit
from scusa_lint.errors import PackError
from scusa_lint.finding import FixSafety, Suggestion
from scusa_lint.kinds.base import RuleUnavailable
from scusa_lint.kinds.spelling_rank import rank
from scusa_lint.spelling.words import trim_ranges

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source
    from scusa_lint.spelling import SpellingService

REPORTS = ("spelling", "grammar")


@dataclass(frozen=True)
class SpellingOptions:
    """What the rule reports and how one correction is worded."""

    report: str = "spelling"
    suggestion: str = "{replacement}"

    @classmethod
    def parse(cls, data: Mapping[str, Any], path: str) -> SpellingOptions:
        lines: Mapping[str, int] = getattr(data, "key_lines", {})
        report = data.get("report", "spelling")
        if report not in REPORTS:
            raise PackError(f"`report` must be one of {', '.join(REPORTS)}", path, lines.get("report"))
        suggestion = data.get("suggestion", "{replacement}")
        if not isinstance(suggestion, str):
            raise PackError("`suggestion` must be a string", path, lines.get("suggestion"))
        return cls(report, suggestion)


def service_for(context: BuildContext, language: str) -> SpellingService:
    """The run's spelling service for a language, created by the first spelling rule that asks."""
    from scusa_lint.spelling import BackendUnavailable, SpellingService

    key = f"spelling:{language}"
    if key not in context.services:
        try:
            context.services[key] = SpellingService(context.settings, language, context.notices)
        except BackendUnavailable as exc:
            context.services[key] = exc
    service = context.services[key]
    if isinstance(service, BackendUnavailable):
        raise RuleUnavailable(f"no speller: {service}")
    return service  # type: ignore[no-any-return]


class SpellingRule:
    """Report the backend's misspellings (report: spelling) or grammar matches (report: grammar)."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        options: SpellingOptions = spec.options
        self.spec = spec
        self.report = options.report
        self.template = options.suggestion
        if context.settings.spelling == "off":
            raise RuleUnavailable('spelling = "off"')
        self.service = service_for(context, context.language)
        if self.report == "grammar" and self.service.backend.name != "languagetool":
            raise RuleUnavailable('grammar checks need spelling = "languagetool" (a LanguageTool server)')

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        starts = frozenset({0})
        if doc.has_annotation("SENT_START"):
            starts = frozenset(sentence.start_char for sentence in doc.sents)
        result = self.service.check(doc.text, trim_ranges(source.text, source.masked), starts)
        hits: list[Hit | None] = []
        if self.report == "grammar":
            for issue in result.grammar:
                params = (("rule", issue.rule_id), ("message", issue.message))
                hits.append(self._hit(doc, issue.start, issue.end, issue.suggestions, params))
        else:
            for miss in result.misspellings:
                hits.append(self._hit(doc, miss.start, miss.end, miss.suggestions, ()))
        return hits

    def _hit(
        self, doc: Doc, start: int, end: int, replacements: tuple[str, ...], params: tuple[tuple[str, str], ...]
    ) -> DetailedHit:
        span = doc.char_span(start, end, alignment_mode="expand")
        first, last = (span.start, span.end) if span is not None else (0, 0)
        if self.report == "grammar":  # LanguageTool's own replacements, as it orders them
            suggestions = tuple(
                Suggestion(self.template.replace("{replacement}", r), replacement=r, safety=FixSafety.UNSAFE)
                for r in replacements
            )
            return DetailedHit(start, end, first, last, suggestions, params)
        # The speller's order knows nothing of typing slips: rank (kinds/spelling_rank.py). Only a
        # correction that clearly wins carries a replacement (--unsafe-fixes applies it); the others
        # are advice for a human: applying the wrong one makes the letter worse.
        ranked, wins = rank(doc.text[start:end], replacements, getattr(self.service.backend, "known", None))
        suggestions = tuple(
            Suggestion(
                self.template.replace("{replacement}", r),
                replacement=r if index == 0 and wins else None,
                safety=FixSafety.UNSAFE,
            )
            for index, r in enumerate(ranked)
        )
        return DetailedHit(start, end, first, last, suggestions, params)
