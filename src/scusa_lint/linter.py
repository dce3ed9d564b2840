"""The Linter: Sources -> analyse once (nlp.pipe) -> the selected rules -> findings -> suppressions.

    Source -> unwrap lines -> spaCy Doc -> rules -> TextFindings (an Outcome)   (what the cache keeps)
           -> locate in the file -> inline suppressions -> MessageResult        (what reports show)

A Linter is long-lived: it builds each language's pipeline and rules once (a RuleSet) and
lints any number of texts with them; nothing in it grows with the texts it has seen. Rules see
only the Doc and the Source; emitters see only MessageResults.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from scusa_lint import suppressions
from scusa_lint.engine import timeouts
from scusa_lint.engine.blocks import DetailedHit, merge_overlapping
from scusa_lint.engine.columns import remember_text
from scusa_lint.errors import ConfigError
from scusa_lint.finding import Finding, LanguageInfo, MessageResult, Outcome, SkippedRule, TextFinding
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import BuildContext, RuleUnavailable, drain_notes
from scusa_lint.kinds.required import RequiredRule
from scusa_lint.registry import Registry
from scusa_lint.roles import APOLOGY, Role, confirm, decide, signed
from scusa_lint.rolesigns import signs_of
from scusa_lint.scoping import RuleScope
from scusa_lint.structure import MISSING, NOT_REQUIRED, PARTS, PRESENT, Structure, assess
from scusa_lint.taxonomy import WHOLE_MESSAGE_CATEGORIES, Category, Level

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from scusa_lint.analysis.pipeline import AnalysisPipeline
    from scusa_lint.engine.blocks import Hit, Matcher
    from scusa_lint.engine.scopes import Scopes
    from scusa_lint.kinds.base import Rule, RuleSpec
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source
    from scusa_lint.wordclasses import ClassIndex
    from scusa_lint.yamllines import ParseCache

# The kind of SC002 unused-suppression, whose findings come from suppressions.apply after all rules.
SUPPRESSION_KIND = "suppression"
# A line break that is not part of a blank line: hard-wrapped prose, joined for analysis.
_LONE_BREAK = re.compile(r"(?<![\r\n])(\r?\n)(?![ \t]*\r?\n)")


@dataclass
class RuleSet:
    """The compiled, selected rules of one language, the ones skipped, and what building them said."""

    language: str
    pipeline: AnalysisPipeline
    rules: list[Rule]
    skipped: list[SkippedRule] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    classes: ClassIndex | None = None
    scopes: Scopes | None = None
    role_signs: list[tuple[str, Matcher, Matcher | None]] = field(default_factory=list)

    @functools.cached_property
    def problem_signs(self) -> list[Rule]:
        """The rules whose sins presuppose a problem (roles.py, step 7), picked once per rule set."""
        return [rule for rule in self.rules if rule.spec.problem_sign]

    def info(self) -> LanguageInfo:
        """What ran, for the report (and the cache, so that a warm run reports the same)."""
        return LanguageInfo(
            self.language, self.pipeline.description, tuple(self.skipped), tuple(self.notices), len(self.rules)
        )


def unwrap(text: str) -> str:
    """Turn single line breaks into spaces (same length), keeping blank lines as paragraph breaks."""
    return _LONE_BREAK.sub(lambda m: " " * len(m.group(1)), text)


class Linter:
    """Lints Sources with one Settings; builds each language's pipeline and rules once, on first use.

    registry: the rule packs (default: the shipped ones and the settings' extra packs).
    parsed: where parses of the pack files may be kept across runs (the run's cache folder), or None.
    """

    def __init__(self, settings: Settings, registry: Registry | None = None, parsed: ParseCache | None = None) -> None:
        self.settings = settings
        self.registry = registry or Registry.load(settings.packs, parsed)
        self.scope = RuleScope(settings)
        self._rulesets: dict[str, RuleSet] = {}

    def language_of(self, source: Source) -> tuple[str, str]:
        """The language a message is linted in, and why: its own (its file says, languages.assign), the
        setting, or detected from its text (only for messages the cache does not have)."""
        if source.language:
            return source.language, source.language_from or "set in the message"
        if self.settings.language is not None:
            return self.settings.language, "set by --language or the configuration"
        from scusa_lint import languages

        return languages.detect(source, self.settings.default_language)

    def ruleset(self, language: str) -> RuleSet:
        """The selected, compiled rules for a language (built on first use)."""
        if language not in self._rulesets:
            self._rulesets[language] = self._build_ruleset(language)
        return self._rulesets[language]

    def _build_ruleset(self, language: str) -> RuleSet:
        from scusa_lint.analysis.pipeline import load_pipeline
        from scusa_lint.engine.phrases import PhraseIndex
        from scusa_lint.engine.scopes import Scopes
        from scusa_lint.wordclasses import ClassIndex, classes_of

        specs = self.registry.rules(language)
        if not any(spec.language == language for spec in specs):
            raise ConfigError(f"no rule packs for language {language!r}")
        selected = self.registry.select(language, self.settings)
        pipeline = load_pipeline(language, self.settings.pipeline)
        written = classes_of(language)
        classes = ClassIndex(written) if written else None
        context = BuildContext(
            self.settings, language, PhraseIndex(pipeline.nlp.vocab), classes, Scopes(classes) if classes else None
        )
        context.notices.extend(self.registry.notices)
        context.notices.extend(self.settings.notices)
        ruleset = RuleSet(language, pipeline, [], notices=context.notices, classes=classes, scopes=context.scopes)
        ruleset.role_signs = [
            (
                sign.reason,
                context.compile(pipeline.nlp, sign.block),
                context.compile(pipeline.nlp, sign.unless) if sign.unless is not None else None,
            )
            for sign in signs_of(language)
        ]
        for spec in selected:
            missing = spec.needs - pipeline.capabilities
            if missing:
                reason = f"needs {', '.join(sorted(missing))}, which pipeline {pipeline.name!r} does not provide"
                ruleset.skipped.append(SkippedRule(spec.code, reason))
                continue
            try:
                ruleset.rules.append(KINDS[spec.kind].build(spec, pipeline.nlp, context))
            except RuleUnavailable as reason:
                ruleset.skipped.append(SkippedRule(spec.code, str(reason)))
        return ruleset

    def analyse(self, language: str, sources: Sequence[Source]) -> Iterable[Doc]:
        """The analysed documents of messages in one language, in order (the pipeline runs once per message)."""
        ruleset = self.ruleset(language)
        # Unwrapped one at a time as the pipeline asks (a line-broken message's unwrapped text is a copy:
        # all of them at once held a second copy of a large run's text); each comes back with its Doc.
        texts = (unwrap(source.analysis_text) for source in sources)
        for doc, text in ruleset.pipeline.nlp.pipe(((text, text) for text in texts), batch_size=64, as_tuples=True):
            remember_text(doc, text)  # Doc.text rebuilds the text from tokens on every access
            yield doc

    def outcomes(self, sources: Sequence[Source]) -> list[Outcome]:
        """What every message yields before it is placed in its file, in the order of `sources`."""
        results: list[Outcome | None] = [None] * len(sources)
        by_language: dict[str, list[int]] = {}
        why: list[str] = []
        for index, source in enumerate(sources):
            language, reason = self.language_of(source)
            by_language.setdefault(language, []).append(index)
            why.append(reason)
        for language, indices in by_language.items():
            ruleset = self.ruleset(language)
            docs = self.analyse(language, [sources[i] for i in indices])
            for index, doc in zip(indices, docs, strict=True):
                source = sources[index]
                role = self.scope.given_role(source) or self._decide(doc, source, ruleset)
                findings, notices = find(ruleset.rules, doc, source, self.scope, role)
                structure = structure_of(ruleset.rules, doc, source, findings, self.scope, role)
                results[index] = Outcome(
                    language, ruleset.pipeline.description, findings, structure, notices, role, why[index]
                )
        return [r for r in results if r is not None]

    def _decide(self, doc: Doc, source: Source, ruleset: RuleSet) -> Role:
        """The role from the words (roles.decide), then the role signs (step 4b) and the sins that presuppose a
        problem (step 7)."""
        role = decide(doc, source, ruleset.classes, ruleset.scopes)
        if role.name == APOLOGY or role.settled:
            return role
        sign = signed(doc, source, ruleset.role_signs, ruleset.scopes)
        if sign is not None:
            return confirm(role, doc, [sign])
        findings, _ = find(ruleset.problem_signs, doc, source, self.scope, Role(APOLOGY, role.reason, at=role.at))
        evidence = [(f.category.value, source.text[f.start : f.end], f.start) for f in findings if f.start is not None]
        return confirm(role, doc, evidence)

    def infos(self, languages: Iterable[str]) -> dict[str, LanguageInfo]:
        """What ran for each language (building its rules if this linter has not yet)."""
        return {language: self.ruleset(language).info() for language in languages}

    def lint(self, sources: Sequence[Source]) -> list[MessageResult]:
        """Lint every message; results come back in the order of `sources`."""
        outcomes = self.outcomes(sources)
        return self.place(sources, outcomes, self.infos({o.language for o in outcomes}))

    def place(
        self, sources: Sequence[Source], outcomes: Sequence[Outcome], infos: Mapping[str, LanguageInfo]
    ) -> list[MessageResult]:
        """Place each outcome's findings in its file and apply the file's inline suppressions, after all rules.

        A catalog's messages share the file's comments, so suppressions are applied per file. What
        ran comes from the registry and `infos` (the rules skipped), not from compiled rules: a run
        whose every outcome came from the cache places them without spaCy.
        """
        results = [
            MessageResult(
                source.path,
                outcome.language,
                outcome.pipeline,
                tuple(sorted((f.locate(source) for f in outcome.findings), key=Finding.sort_key)),
                source.channel,
                source.key,
                outcome.structure,
                outcome.notices,
                outcome.role.name if outcome.role else None,
                outcome.role.shown(source) if outcome.role else None,
                outcome.language_from,
            )
            for source, outcome in zip(sources, outcomes, strict=True)
        ]
        by_file: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            by_file.setdefault(source.path, []).append(index)
        running = {language: self._running(language, info) for language, info in infos.items()}
        for indices in by_file.values():
            ran: dict[str, RuleSpec] = {}  # the rules that ran on some message of the file
            for i in indices:  # a rule found to run is not asked again (a catalog has thousands of messages)
                for spec in running.get(results[i].language, ()):
                    if spec.code not in ran and self.scope.applies(spec, sources[i], outcomes[i].role):
                        ran[spec.code] = spec
            unused = next((spec for spec in ran.values() if spec.kind == SUPPRESSION_KIND), None)
            kept = suppressions.apply(
                [(sources[i], list(results[i].findings)) for i in indices],
                running=list(ran.values()),
                known=self.registry.all_rules() if unused is not None else None,
                unused_spec=unused,
            )
            for i, findings in zip(indices, kept, strict=True):
                if len(findings) == len(results[i].findings) and all(
                    a is b for a, b in zip(findings, results[i].findings, strict=True)
                ):
                    continue  # nothing suppressed or added: the result stands (most messages)
                structure = after_suppressions(results[i].structure, results[i].findings, findings)
                results[i] = replace(results[i], findings=tuple(findings), structure=structure)
        return results

    def _running(self, language: str, info: LanguageInfo) -> list[RuleSpec]:
        """The rules that ran for a language: selected, and not skipped for a missing capability or backend."""
        skipped = {s.code for s in info.skipped}
        return [spec for spec in self.registry.select(language, self.settings) if spec.code not in skipped]


def find(
    rules: Iterable[Rule], doc: Doc, source: Source, scope: RuleScope, role: Role | None = None
) -> tuple[tuple[TextFinding, ...], tuple[str, ...]]:
    """Run the rules that apply to one analysed message (of this role): its findings, sorted and
    de-duplicated, and notices.

    One grammar finding per span: where the offline grammar checker (kind `grammar`) and
    LanguageTool flag overlapping words, the offline finding is kept, so a message gets the same
    grammar finding with and without a server. One finding per pack, category and span, too: where
    two rules of one pack and category flag overlapping words («Si comunica» is both a bureaucratic
    formula and an office's voice), the wider finding is kept (the earlier rule's on equal spans), so a
    reader is told once; a user's own pack is never hidden by a shipped one (see _one_per_category).
    """
    notices: list[str] = []
    found: dict[tuple[str, int | None, int | None], TextFinding] = {}
    offline: list[tuple[int, int]] = []
    offline_codes: set[str] = set()
    for rule in rules:
        if not scope.applies(rule.spec, source, role):
            continue
        hits = rule.check(doc, source)
        for event in timeouts.drain(doc):
            notices.append(timeouts.notice(event, rule.spec.code, source.path))
        notices.extend(n for n in drain_notes(doc) if n not in notices)
        for hit in merge_overlapping(hits):
            if hit is not None and source.is_masked(hit.start, hit.end):
                continue
            finding = text_finding(rule.spec, hit, doc, source, role)
            found.setdefault((finding.code, finding.start, finding.end), finding)
            if rule.spec.kind == "grammar" and finding.start is not None and finding.end is not None:
                offline.append((finding.start, finding.end))
                offline_codes.add(finding.code)
    kept = [f for f in found.values() if f.code in offline_codes or not _grammar_seen_offline(f, offline)]
    return tuple(sorted(_one_per_category(kept), key=_text_order)), tuple(notices)


def _one_per_category(findings: Sequence[TextFinding]) -> list[TextFinding]:
    """The findings without one that overlaps a wider finding of the same pack and category.

    The wider span says more («gentile clientela» over «clientela»); on equal spans the earlier rule
    wins. A finding that carries a replacement is always kept (a later --fix pass applies it), and
    spelling and grammar keep theirs: a misspelt word and a wrong agreement on it are two problems.
    """
    kept: set[int] = set()
    spans: dict[tuple[str, Category], list[tuple[int, int, str]]] = {}
    order = sorted(range(len(findings)), key=lambda i: -((findings[i].end or 0) - (findings[i].start or 0)))
    for index in order:
        finding = findings[index]
        start, end = finding.start, finding.end
        fixable = any(s.replacement is not None for s in finding.suggestions)
        if start is None or end is None or fixable or finding.category in (Category.TYPO, Category.GRAMMAR):
            kept.add(index)
            continue
        taken = spans.setdefault((finding.pack, finding.category), [])
        if any(start < e and s < end and code != finding.code for s, e, code in taken):
            continue
        taken.append((start, end, finding.code))
        kept.add(index)
    return [f for i, f in enumerate(findings) if i in kept]


def _grammar_seen_offline(finding: TextFinding, offline: Sequence[tuple[int, int]]) -> bool:
    """Whether a grammar finding from another backend overlaps one of the offline checker's."""
    if finding.category is not Category.GRAMMAR or finding.start is None or finding.end is None:
        return False
    return any(finding.start < end and start < finding.end for start, end in offline)


def _text_order(finding: TextFinding) -> tuple[int, int, str]:
    return (finding.start or 0, finding.end or 0, finding.code)


def structure_of(
    rules: Iterable[Rule],
    doc: Doc,
    source: Source,
    findings: Iterable[TextFinding],
    scope: RuleScope,
    role: Role | None = None,
) -> Structure | None:
    """The apology's checklist: which required-part rules ran on this message, and what they found.

    A part is "not required" when its rule skips this message's channel, the message is too short
    for it, or its anatomy is relaxed (a one-sentence notice). Routine messages and fragments have
    no checklist (None): they are not apologies.
    """
    if role is not None and role.name != APOLOGY:
        return None
    checked: list[Category] = []
    relaxed: list[Category] = []
    for rule in rules:
        category = rule.spec.category
        if category not in WHOLE_MESSAGE_CATEGORIES:
            continue
        too_short = isinstance(rule, RequiredRule) and not rule.applies(doc)
        if too_short or not scope.applies(rule.spec, source, role):
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


def text_finding(spec: RuleSpec, hit: Hit | None, doc: Doc, source: Source, role: Role | None = None) -> TextFinding:
    """A rule's hit as a finding in the message's text (None: the whole message).

    On an apology with relaxed anatomy (a one-sentence problem notice) a whole-message finding is
    a suggestion: level info, so that an error banner without «ci scusiamo» does not fail a run.
    """
    match = source.text[hit.start : hit.end] if hit is not None else None
    shown = " ".join(match.split()) if match is not None else ""
    message = spec.message.replace("{match}", shown)
    suggestions = spec.suggestions
    category, link, external = spec.category, spec.link, None
    if isinstance(hit, DetailedHit):  # a speller's own corrections, message parameters and rule
        for key, value in hit.params:
            message = message.replace("{" + key + "}", value)
        suggestions = hit.suggestions + suggestions
        category = hit.category or category
        link = hit.link or link
        external = hit.external
    return TextFinding(
        code=spec.code,
        name=spec.name,
        category=category,
        level=Level.INFO if hit is None and role is not None and role.relaxed else spec.level,
        message=message,
        start=hit.start if hit is not None else None,
        end=hit.end if hit is not None else None,
        suggestions=suggestions,
        pack=spec.pack,
        link=link,
        external=external,
        context=_sentence_context(doc, hit, source) if hit is not None else None,
    )


# Characters of context kept on each side of a hit when its sentence is longer.
MAX_CONTEXT = 300
_SENTENCES = "scusa_lint.sentence_bounds"


def _sentence_of(doc: Doc, token: int) -> tuple[int, int]:
    """The character span of the sentence holding a token, from bounds computed once per document.

    Token.sent walks the sentence on every call: with thousands of findings in one long sentence
    that was quadratic.
    """
    bounds = doc.user_data.get(_SENTENCES)
    if bounds is None:
        sentences = list(doc.sents)
        bounds = ([s.start for s in sentences], [(s.start_char, s.end_char) for s in sentences])
        doc.user_data[_SENTENCES] = bounds
    index = max(0, bisect.bisect_right(bounds[0], token) - 1)
    start, end = bounds[1][index]
    return int(start), int(end)


def _sentence_context(doc: Doc, hit: Hit, source: Source) -> tuple[str, int, int] | None:
    """The sentence holding the hit, trimmed, with the hit's offsets inside it.

    The front matter is blanked in the analysis, so it never ends a sentence: the context is
    clipped to the prose after it.
    """
    if len(doc) == 0:
        return None
    text = source.text
    sentence_start, sentence_end = _sentence_of(doc, min(hit.first_token, len(doc) - 1))
    # A "sentence" thousands of characters long (no full stop anywhere) is cut around the hit: the
    # context of every finding would otherwise repeat the whole message (quadratic output).
    first = min(max(sentence_start, hit.start - MAX_CONTEXT), hit.start)
    last = max(min(sentence_end, hit.end + MAX_CONTEXT), hit.end)
    for masked_start, masked_end in source.masked:  # sorted: front matter, if any, comes first (at 0)
        if masked_start > 0:
            break
        if first < masked_end <= hit.start and text.startswith(("---", "\ufeff---"), masked_start):
            first = masked_end
    while first < hit.start and text[first].isspace():
        first += 1
    while last > hit.end and text[last - 1].isspace():
        last -= 1
    return text[first:last], hit.start - first, hit.end - first
