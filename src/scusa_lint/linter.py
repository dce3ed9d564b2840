"""The one pipeline: Sources -> analyse once (nlp.pipe) -> run the selected rules -> sorted Findings.

    reader -> Source -> unwrap lines -> spaCy Doc -> rules (chosen by selection) -> Findings

Rules see only the Doc and the Source; emitters see only FileResults.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scusa_lint import suppressions, timeouts
from scusa_lint.errors import ConfigError
from scusa_lint.finding import Finding
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import BuildContext, RuleUnavailable
from scusa_lint.kinds.fastpath import remember_text
from scusa_lint.kinds.matchers import DetailedHit
from scusa_lint.kinds.required import RequiredRule
from scusa_lint.kinds.suppression import SuppressionRule
from scusa_lint.packs import ANY_LANGUAGE, available_languages, builtin_pack_paths, check_unique, load_pack, load_packs
from scusa_lint.scoping import RuleScope
from scusa_lint.selection import check_selectors, select_rules
from scusa_lint.settings import Settings
from scusa_lint.structure import MISSING, NOT_REQUIRED, PARTS, PRESENT, Structure, assess
from scusa_lint.taxonomy import WHOLE_MESSAGE_CATEGORIES, Category

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from scusa_lint.analysis.pipeline import AnalysisPipeline
    from scusa_lint.kinds.base import Rule, RuleSpec
    from scusa_lint.kinds.matchers import Hit
    from scusa_lint.source import Source

# A line break that is not part of a blank line: hard-wrapped prose, joined for analysis.
_LONE_BREAK = re.compile(r"(?<![\r\n])(\r?\n)(?![ \t]*\r?\n)")


@dataclass(frozen=True)
class SkippedRule:
    """A selected rule that did not run, and why (e.g. it needs a parser the pipeline lacks)."""

    code: str
    reason: str


@dataclass(frozen=True)
class FileResult:
    """The outcome for one message: its findings and what analysed it."""

    path: str
    language: str
    pipeline: str
    findings: tuple[Finding, ...]
    kind: str | None = None
    key: str | None = None  # the key path of a message inside a catalog (apology.late.body)
    structure: Structure | None = None
    notices: tuple[str, ...] = ()  # what the user must know about this message (a regex that timed out)


@dataclass
class RuleSet:
    """The compiled, selected rules of one language, and the ones skipped for missing capabilities."""

    language: str
    pipeline: AnalysisPipeline
    rules: list[Rule]
    skipped: list[SkippedRule] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def all_rule_specs(language: str, extra_packs: Iterable[str] = ()) -> list[RuleSpec]:
    """Every rule of a language: the shipped packs, then extra packs whose language matches."""
    packs = load_packs(builtin_pack_paths(language))
    for path in extra_packs:
        pack = load_pack(Path(path))
        if pack.language in (language, ANY_LANGUAGE):
            packs.append(pack)
    specs = [rule for pack in packs for rule in pack.rules]
    check_unique(specs)
    return specs


def rule_specs_for(languages: Iterable[str], extra_packs: Iterable[str] = ()) -> list[RuleSpec]:
    """The rules of several languages, each once (language-neutral packs belong to all of them)."""
    extra = list(extra_packs)
    seen: set[str] = set()
    specs = []
    for language in languages:
        for spec in all_rule_specs(language, extra):
            if spec.code not in seen:
                seen.add(spec.code)
                specs.append(spec)
    return specs


def unwrap(text: str) -> str:
    """Turn single line breaks into spaces (same length), keeping blank lines as paragraph breaks."""
    return _LONE_BREAK.sub(lambda m: " " * len(m.group(1)), text)


class Linter:
    """Lints Sources with one Settings; builds each language's pipeline and rules once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._rulesets: dict[str, RuleSet] = {}
        self.scope = RuleScope(settings)

    def ruleset(self, language: str) -> RuleSet:
        """The selected, compiled rules for a language (built on first use)."""
        if language not in self._rulesets:
            self._rulesets[language] = self._build_ruleset(language)
        return self._rulesets[language]

    def built_languages(self) -> list[str]:
        """The languages whose rules this linter has compiled (those its messages were in)."""
        return list(self._rulesets)

    def _build_ruleset(self, language: str) -> RuleSet:
        from scusa_lint.analysis.pipeline import load_pipeline

        specs = all_rule_specs(language, self.settings.packs)
        if not specs:
            raise ConfigError(f"no rule packs for language {language!r}")
        settings = self.settings
        # A selector is valid if it names a rule of any language: one config serves Italian and English files.
        known = rule_specs_for(available_languages(), settings.packs) + specs
        for option, selectors in (
            ("select", settings.select or ()),
            ("extend-select", settings.extend_select),
            ("ignore", settings.ignore),
        ):
            check_selectors(selectors, known, option)
        # Scoping selectors from the config file (per-file-ignores, [kinds.*] ignore): errors name the file.
        scoped = [(f"per-file-ignores {glob!r}", sels) for glob, sels in settings.per_file_ignores]
        scoped += [(f"kinds.{kind}.ignore", k.ignore) for kind, k in settings.kinds.items()]
        for option, selectors in scoped:
            try:
                check_selectors(selectors, known, option)
            except ConfigError as error:
                raise ConfigError(error.message, settings.config_path) from error
        selected = select_rules(specs, settings.select, settings.extend_select, settings.ignore)
        pipeline = load_pipeline(language, settings.pipeline)
        rules: list[Rule] = []
        skipped: list[SkippedRule] = []
        context = BuildContext(settings)
        for spec in selected:
            missing = spec.needs - pipeline.capabilities
            if missing:
                skipped.append(
                    SkippedRule(
                        spec.code,
                        f"needs {', '.join(sorted(missing))}, which pipeline {pipeline.name!r} does not provide",
                    )
                )
                continue
            try:
                rules.append(KINDS[spec.kind].build(spec, pipeline.nlp, context))
            except RuleUnavailable as reason:
                skipped.append(SkippedRule(spec.code, str(reason)))
        return RuleSet(language, pipeline, rules, skipped, context.notices)

    def lint(self, sources: Sequence[Source]) -> list[FileResult]:
        """Lint every source; results come back in the order of `sources`."""
        results: list[FileResult | None] = [None] * len(sources)
        by_language: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            by_language.setdefault(source.language or self.settings.language, []).append(index)
        for language, indices in by_language.items():
            ruleset = self.ruleset(language)
            texts = [unwrap(sources[i].analysis_text) for i in indices]
            docs = ruleset.pipeline.nlp.pipe(texts, batch_size=64)
            for index, text, doc in zip(indices, texts, docs, strict=True):
                remember_text(doc, text)  # Doc.text rebuilds the text from tokens on every access
                source = sources[index]
                notices: list[str] = []
                findings = check_document(ruleset.rules, doc, source, self.scope, suppress=False, notices=notices)
                results[index] = FileResult(
                    source.path,
                    language,
                    ruleset.pipeline.description,
                    tuple(findings),
                    source.kind,
                    source.key,
                    structure_of(ruleset.rules, doc, source, findings, self.scope),
                    tuple(notices),
                )
        return self._suppress(sources, [r for r in results if r is not None])

    def _suppress(self, sources: Sequence[Source], results: list[FileResult]) -> list[FileResult]:
        """Apply inline suppressions per file (a catalog's messages share its comments), after all rules."""
        by_file: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            by_file.setdefault(source.path, []).append(index)
        for indices in by_file.values():
            rules = {r.spec.code: r for i in indices for r in self.ruleset(results[i].language).rules}
            items = [(sources[i], list(results[i].findings)) for i in indices]
            ran = {
                r.spec.code: r.spec
                for i in indices
                for r in self.ruleset(results[i].language).rules
                if self.scope.applies(r.spec, sources[i])
            }
            kept = _apply_suppressions(items, list(rules.values()), list(ran.values()))
            for i, findings in zip(indices, kept, strict=True):
                structure = after_suppressions(results[i].structure, results[i].findings, findings)
                results[i] = replace(results[i], findings=tuple(findings), structure=structure)
        return results


def _apply_suppressions(
    items: Sequence[tuple[Source, list[Finding]]], rules: Sequence[Rule], ran: Sequence[RuleSpec]
) -> list[list[Finding]]:
    unused_rule = next((r for r in rules if isinstance(r, SuppressionRule)), None)
    if unused_rule is not None and not any(r.code == unused_rule.spec.code for r in ran):
        unused_rule = None  # SC002 scoped away for this file (per-file-ignores, kinds)
    return suppressions.apply(
        items,
        running=ran,
        known=unused_rule.known if unused_rule is not None else None,
        unused_spec=unused_rule.spec if unused_rule is not None else None,
    )


def check_document(
    rules: Iterable[Rule],
    doc: Doc,
    source: Source,
    scope: RuleScope | None = None,
    suppress: bool = True,
    notices: list[str] | None = None,
) -> list[Finding]:
    """Run rules on one analysed document and turn their hits into sorted, de-duplicated Findings.

    scope: per-message rule scoping (kinds, per-file-ignores); by default only the packs' skip_kinds.
    suppress: apply the file's inline suppressions (Linter.lint does that per file instead).
    notices: receives what the user must know, such as a regular expression that ran out of time.
    """
    scope = scope or RuleScope()
    rules = list(rules)
    findings: dict[tuple[str, int, int], Finding] = {}
    for rule in rules:
        spec = rule.spec
        if not scope.applies(spec, source):
            continue
        hits = rule.check(doc, source)
        for event in timeouts.drain():
            if notices is not None:
                notices.append(timeouts.notice(event, spec.code, source.path))
        for hit in merge_overlapping(hits):
            if hit is not None and source.is_masked(hit.start, hit.end):
                continue
            finding = make_finding(spec, hit, doc, source)
            findings.setdefault((finding.code, finding.start, finding.end), finding)
    found = sorted(findings.values(), key=Finding.sort_key)
    if not suppress:
        return found
    ran = [r.spec for r in rules if scope.applies(r.spec, source)]
    return _apply_suppressions([(source, found)], rules, ran)[0]


def structure_of(
    rules: Iterable[Rule], doc: Doc, source: Source, findings: Iterable[Finding], scope: RuleScope | None = None
) -> Structure:
    """The apology's checklist: which required-part rules ran on this message, and what they found.

    A part is "not required" when its rule skips this message kind or the message is too short for it.
    """
    scope = scope or RuleScope()
    checked: list[Category] = []
    relaxed: list[Category] = []
    for rule in rules:
        category = rule.spec.category
        if category not in WHOLE_MESSAGE_CATEGORIES:
            continue
        too_short = isinstance(rule, RequiredRule) and not rule.applies(doc)
        if too_short or not scope.applies(rule.spec, source):
            relaxed.append(category)
        else:
            checked.append(category)
    return assess(checked, relaxed, findings)


def after_suppressions(
    structure: Structure | None, before: Iterable[Finding], kept: Iterable[Finding]
) -> Structure | None:
    """The checklist once suppressions are applied: a hidden MISSING_* finding makes its part "not required"."""
    if structure is None:
        return None
    kept = list(kept)
    hidden = {f.category for f in before if f.whole_message} - {f.category for f in kept if f.whole_message}
    checked = [
        PARTS[p] for p, state in structure.parts.items() if state in (PRESENT, MISSING) and PARTS[p] not in hidden
    ]
    relaxed = [PARTS[p] for p, state in structure.parts.items() if state == NOT_REQUIRED or PARTS[p] in hidden]
    return assess(checked, relaxed, kept)


def merge_overlapping(hits: Iterable[Hit | None]) -> list[Hit | None]:
    """Join overlapping hits of one rule into one span: one problem, one finding."""
    hits = list(hits)
    merged: list[Hit | None] = [None] if None in hits else []
    for hit in sorted((h for h in hits if h is not None), key=lambda h: (h.start, h.end)):
        last = merged[-1] if merged else None
        if last is not None and hit.start < last.end:
            # replace() keeps a DetailedHit's suggestions and parameters.
            merged[-1] = replace(last, end=max(last.end, hit.end), last_token=max(last.last_token, hit.last_token))
        else:
            merged.append(hit)
    return merged


def make_finding(spec: RuleSpec, hit: Hit | None, doc: Doc, source: Source) -> Finding:
    """Build a Finding for a rule's hit (None: the whole message, reported at 1:1)."""
    if hit is None:
        start = end = 0
        match = None
        context = None
    else:
        start, end = hit.start, hit.end
        match = source.text[start:end]
        context = _sentence_context(doc, hit, source)
    shown = " ".join(match.split()) if match is not None else ""
    message = spec.message.replace("{match}", shown)
    suggestions = spec.suggestions
    if isinstance(hit, DetailedHit):  # a speller's own corrections and message parameters
        for key, value in hit.params:
            message = message.replace("{" + key + "}", value)
        suggestions = hit.suggestions + suggestions
    file_end = source.file_end_offset(start, end)
    return Finding(
        code=spec.code,
        name=spec.name,
        category=spec.category,
        level=spec.level,
        message=message,
        start=source.file_offset(start),
        end=file_end,
        begin=source.position(start),
        finish=source.file_position(file_end),
        match=match,
        suggestions=suggestions,
        pack=spec.pack,
        link=spec.link,
        context=context,
    )


def _sentence_context(doc: Doc, hit: Hit, source: Source) -> tuple[str, int, int] | None:
    """The sentence holding the hit, trimmed, with the hit's offsets inside it.

    The front matter is blanked in the analysis, so it never ends a sentence: the context is
    clipped to the prose after it.
    """
    if len(doc) == 0:
        return None
    text = source.text
    sentence = doc[min(hit.first_token, len(doc) - 1)].sent
    first = min(sentence.start_char, hit.start)
    last = max(sentence.end_char, hit.end)
    for masked_start, masked_end in source.masked:
        if first < masked_end <= hit.start and text.startswith(("---", "\ufeff---"), masked_start):
            first = masked_end
    while first < hit.start and text[first].isspace():
        first += 1
    while last > hit.end and text[last - 1].isspace():
        last -= 1
    return text[first:last], hit.start - first, hit.end - first
