"""The one pipeline: Sources -> analyse once (nlp.pipe) -> run the selected rules -> sorted Findings.

    reader -> Source -> unwrap lines -> spaCy Doc -> rules (chosen by selection) -> Findings

Rules see only the Doc and the Source; emitters see only FileResults.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scusa_lint import timeouts
from scusa_lint.errors import ConfigError
from scusa_lint.finding import Finding
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import BuildContext
from scusa_lint.kinds.fastpath import remember_text
from scusa_lint.packs import ANY_LANGUAGE, builtin_pack_paths, check_unique, load_pack, load_packs
from scusa_lint.selection import check_selectors, select_rules
from scusa_lint.settings import Settings
from scusa_lint.structure import Structure, assess
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

    def ruleset(self, language: str) -> RuleSet:
        """The selected, compiled rules for a language (built on first use)."""
        if language not in self._rulesets:
            self._rulesets[language] = self._build_ruleset(language)
        return self._rulesets[language]

    def _build_ruleset(self, language: str) -> RuleSet:
        from scusa_lint.analysis.pipeline import load_pipeline

        specs = all_rule_specs(language, self.settings.packs)
        if not specs:
            raise ConfigError(f"no rule packs for language {language!r}")
        settings = self.settings
        for option, selectors in (
            ("select", settings.select or ()),
            ("extend-select", settings.extend_select),
            ("ignore", settings.ignore),
        ):
            check_selectors(selectors, specs, option)
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
            rules.append(KINDS[spec.kind].build(spec, pipeline.nlp, context))
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
                findings = check_document(ruleset.rules, doc, source, notices)
                results[index] = FileResult(
                    source.path,
                    language,
                    ruleset.pipeline.description,
                    tuple(findings),
                    source.kind,
                    source.key,
                    structure_of(ruleset.rules, source, findings),
                    tuple(notices),
                )
        return [r for r in results if r is not None]


def check_document(rules: Iterable[Rule], doc: Doc, source: Source, notices: list[str] | None = None) -> list[Finding]:
    """Run rules on one analysed document and turn their hits into sorted, de-duplicated Findings.

    notices: receives what the user must know, such as a regular expression that ran out of time.
    """
    findings: dict[tuple[str, int, int], Finding] = {}
    for rule in rules:
        spec = rule.spec
        if source.kind is not None and source.kind in spec.skip_kinds:
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
    return sorted(findings.values(), key=Finding.sort_key)


def structure_of(rules: Iterable[Rule], source: Source, findings: Iterable[Finding]) -> Structure:
    """The apology's checklist: which required-part rules ran on this message, and what they found."""
    checked: list[Category] = []
    relaxed: list[Category] = []
    for rule in rules:
        category = rule.spec.category
        if category not in WHOLE_MESSAGE_CATEGORIES:
            continue
        if source.kind is not None and source.kind in rule.spec.skip_kinds:
            relaxed.append(category)
        else:
            checked.append(category)
    return assess(checked, relaxed, findings)


def merge_overlapping(hits: Iterable[Hit | None]) -> list[Hit | None]:
    """Join overlapping hits of one rule into one span: one problem, one finding."""
    from scusa_lint.kinds.matchers import Hit

    hits = list(hits)
    merged: list[Hit | None] = [None] if None in hits else []
    for hit in sorted((h for h in hits if h is not None), key=lambda h: (h.start, h.end)):
        last = merged[-1] if merged else None
        if last is not None and hit.start < last.end:
            merged[-1] = Hit(last.start, max(last.end, hit.end), last.first_token, max(last.last_token, hit.last_token))
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
        context = _sentence_context(doc, hit, source.text)
    shown = " ".join(match.split()) if match is not None else ""
    message = spec.message.replace("{match}", shown)
    return Finding(
        code=spec.code,
        name=spec.name,
        category=spec.category,
        level=spec.level,
        message=message,
        start=source.file_offset(start),
        end=source.file_offset(end),
        begin=source.position(start),
        finish=source.position(end),
        match=match,
        suggestions=spec.suggestions,
        pack=spec.pack,
        link=spec.link,
        context=context,
    )


def _sentence_context(doc: Doc, hit: Hit, text: str) -> tuple[str, int, int] | None:
    """The sentence holding the hit, trimmed, with the hit's offsets inside it."""
    if len(doc) == 0:
        return None
    sentence = doc[min(hit.first_token, len(doc) - 1)].sent
    first = min(sentence.start_char, hit.start)
    last = max(sentence.end_char, hit.end)
    while first < hit.start and text[first].isspace():
        first += 1
    while last > hit.end and text[last - 1].isspace():
        last -= 1
    return text[first:last], hit.start - first, hit.end - first
