"""Kind spelling: ask the run's spelling backend; misspellings (or LanguageTool grammar matches) become hits.

Keys:

    report:     spelling | grammar   what the rule reports (default spelling). Grammar matches
                                     come only from LanguageTool; with Hunspell the rule is skipped.
                                     Grammar findings are category GRAMMAR whatever the rule
                                     declares, and carry LanguageTool's rule (id, category, link).
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
from scusa_lint.engine.columns import doc_text
from scusa_lint.errors import PackError
from scusa_lint.finding import ExternalRule, FixSafety, Suggestion
from scusa_lint.kinds.base import RuleUnavailable
from scusa_lint.kinds.spelling_rank import rank
from scusa_lint.spelling.words import trim_ranges
from scusa_lint.taxonomy import Category

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source
    from scusa_lint.spelling import SpellingService
    from scusa_lint.spelling.base import BackendRule

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
        # The ranking depends on the word and its candidates only (the backend's `known` is fixed for the
        # run): a word flagged in many messages is ranked once.
        self._ranked: dict[tuple[str, tuple[str, ...]], tuple[Suggestion, ...]] = {}
        if self.report == "grammar" and self.service.backend.name != "languagetool":
            raise RuleUnavailable('grammar checks need spelling = "languagetool" (a LanguageTool server)')

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        starts = frozenset({0})
        if doc.has_annotation("SENT_START"):
            starts = frozenset(sentence.start_char for sentence in doc.sents)
        # The message's own text (same offsets as the analysis): its line breaks end greetings and
        # signatures for LanguageTool, where the analysis joins hard-wrapped lines; masked ranges are skipped.
        analysed = doc_text(doc)  # built once per document (Doc.text rebuilds it from tokens on every access)
        text = source.text if len(source.text) == len(analysed) else analysed
        result = self.service.check(text, trim_ranges(source.text, source.masked), starts)
        hits: list[Hit | None] = []
        if self.report == "grammar":
            for issue in result.grammar:
                params = (("rule", issue.rule_id), ("message", issue.message))
                hits.append(
                    self._hit(doc, issue.start, issue.end, issue.suggestions, params, issue.rule, Category.GRAMMAR)
                )
        else:
            for miss in result.misspellings:
                hits.append(self._hit(doc, miss.start, miss.end, miss.suggestions, (), miss.rule))
        return hits

    def _hit(
        self,
        doc: Doc,
        start: int,
        end: int,
        replacements: tuple[str, ...],
        params: tuple[tuple[str, str], ...],
        rule: BackendRule | None = None,
        category: Category | None = None,
    ) -> DetailedHit:
        span = doc.char_span(start, end, alignment_mode="expand")
        first, last = (span.start, span.end) if span is not None else (0, 0)
        external = None
        if rule is not None:
            external = ExternalRule(self.service.backend.name, rule.id, rule.category, rule.description, rule.url)
        link = rule.url if rule is not None else None
        if self.report == "grammar":  # LanguageTool's own replacements, as it orders them
            suggestions = tuple(
                Suggestion(self.template.replace("{replacement}", r), replacement=r, safety=FixSafety.UNSAFE)
                for r in replacements
            )
            return DetailedHit(start, end, first, last, suggestions, params, category, link, external)
        # The speller's order knows nothing of typing slips: rank (kinds/spelling_rank.py). Only a
        # correction that clearly wins carries a replacement (--unsafe-fixes applies it); the others
        # are advice for a human: applying the wrong one makes the letter worse.
        return DetailedHit(start, end, first, last, self._ranked_suggestions(doc_text(doc)[start:end], replacements),
                           params, category, link, external)  # fmt: skip

    def _ranked_suggestions(self, typo: str, replacements: tuple[str, ...]) -> tuple[Suggestion, ...]:
        if not replacements:
            return ()
        key = (typo, replacements)
        cached = self._ranked.get(key)
        if cached is not None:
            return cached
        ranked, wins = rank(typo, replacements, getattr(self.service.backend, "known", None))
        suggestions = tuple(
            Suggestion(
                self.template.replace("{replacement}", r),
                replacement=r if index == 0 and wins else None,
                safety=FixSafety.UNSAFE,
            )
            for index, r in enumerate(ranked)
        )
        if len(self._ranked) < 50_000:
            self._ranked[key] = suggestions
        return suggestions


def backend_notes(spec: RuleSpec) -> list[str]:
    """What `explain` says about a spelling rule's backends: how LanguageTool's matches are mapped."""
    from scusa_lint import lang
    from scusa_lint.spelling.languagetool import DISABLED_RULES, STYLE_TYPES

    options: SpellingOptions = spec.options
    code = lang.languages()[spec.language].languagetool if spec.language in lang.languages() else None
    if options.report == "spelling":
        return [
            "Hunspell (bundled dictionaries, the vocabulary, the proper-name policy) judges every word.",
            'With spelling = "languagetool", a word both flag is one finding with LanguageTool\'s rule and '
            "the suggestions both propose first; a word only LanguageTool flags counts only when "
            "languagetool-variants chose a variant (en-GB: «color»).",
        ]
    prefix = (code or "").split("-")[0]
    disabled = DISABLED_RULES.get(prefix, {})
    return [
        f'Needs spelling = "languagetool" (LanguageTool {code or "?"}). Each match is a GRAMMAR finding with '
        "LanguageTool's rule id in the message; JSON `external` and SARIF `properties.externalRule` carry "
        "the rule id, its category, description and link, and its replacements are the suggestions.",
        f"Not reported: matches of issue type {', '.join(sorted(STYLE_TYPES))} (tone is what the apology "
        "rules judge) unless the rule id is in languagetool-enabled-rules.",
        *(f"Turned off by default: {rule} ({why})" for rule, why in disabled.items()),
        "Settings: languagetool-level, languagetool-enabled-rules, languagetool-disabled-rules, "
        "languagetool-mother-tongue, languagetool-variants.",
    ]
