"""Every example of every rule of every shipped pack is a test (LanguageTool-style self-testing rules).

A bad example must produce the rule's code (on the marked span, when one is marked);
a good example must not produce it. Rules whose needs the default pipeline lacks (a
parser) run only when SCUSA_LINT_TEST_PIPELINE names a trained spaCy pipeline; grammar
rules (LanguageTool) run only when SCUSA_LINT_LANGUAGETOOL_URL names a LanguageTool server.
"""

from __future__ import annotations

import os

import pytest

from scusa_lint.analysis.pipeline import load_pipeline
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import BuildContext, Example, RuleSpec, RuleUnavailable
from scusa_lint.linter import check_document, rule_specs_for, unwrap
from scusa_lint.packs import ANY_LANGUAGE, available_languages
from scusa_lint.settings import Settings
from scusa_lint.source import Source

SPECS = rule_specs_for(available_languages())
TEST_PIPELINE = os.environ.get("SCUSA_LINT_TEST_PIPELINE", "default")
LANGUAGETOOL_URL = os.environ.get("SCUSA_LINT_LANGUAGETOOL_URL")
SETTINGS = (
    Settings(spelling="languagetool", languagetool_url=LANGUAGETOOL_URL, strict=True)
    if LANGUAGETOOL_URL
    else Settings()
)
_compiled: dict[str, object] = {}


def _run(spec: RuleSpec, example: Example) -> list:
    language = "it" if spec.language == ANY_LANGUAGE else spec.language
    pipeline = load_pipeline(language, TEST_PIPELINE)
    missing = spec.needs - pipeline.capabilities
    if missing:
        pytest.skip(
            f"{spec.code} needs {', '.join(sorted(missing))}; set SCUSA_LINT_TEST_PIPELINE to a trained "
            f"spaCy pipeline (e.g. it_core_news_sm) to run its examples"
        )
    if spec.code not in _compiled:
        try:
            _compiled[spec.code] = KINDS[spec.kind].build(spec, pipeline.nlp, BuildContext(SETTINGS))
        except RuleUnavailable as reason:
            _compiled[spec.code] = reason
    if isinstance(_compiled[spec.code], RuleUnavailable):
        pytest.skip(f"{spec.code} cannot run here: {_compiled[spec.code]} (set SCUSA_LINT_LANGUAGETOOL_URL)")
    rule = _compiled[spec.code]
    source = Source.from_text(example.text, path="example", language=language)
    doc = pipeline.nlp(unwrap(source.analysis_text))
    return [f for f in check_document([rule], doc, source) if f.code == spec.code]  # type: ignore[list-item]


def _cases(which: str) -> list:
    cases = []
    for spec in SPECS:
        for index, example in enumerate(getattr(spec, which)):
            cases.append(pytest.param(spec, example, id=f"{spec.code}-{which}{index + 1}"))
    return cases


@pytest.mark.parametrize(("spec", "example"), _cases("bad"))
def test_bad_example_is_flagged(spec: RuleSpec, example: Example) -> None:
    findings = _run(spec, example)
    assert findings, f"{spec.code} ({spec.path}:{example.line}) did not flag: {example.text!r}"
    if example.span is not None:
        assert example.span in [f.match for f in findings], (
            f"{spec.code} flagged {[f.match for f in findings]!r}, expected {example.span!r}"
        )


@pytest.mark.parametrize(("spec", "example"), _cases("good"))
def test_good_example_is_not_flagged(spec: RuleSpec, example: Example) -> None:
    findings = _run(spec, example)
    assert not findings, f"{spec.code} wrongly flagged {[f.match for f in findings]!r} in {example.text!r}"


def test_every_rule_has_examples_and_a_seed_source() -> None:
    assert SPECS, "no rules were loaded"
    for spec in SPECS:
        assert spec.bad and spec.good, spec.code
        assert spec.source.strip(), spec.code
