"""Every example of every rule of every shipped pack is a test (LanguageTool-style self-testing rules).

A bad example must produce the rule's code (on the marked span, when one is marked);
a good example must not produce it. Rules whose needs the default pipeline lacks (a
parser) run only when SCUSA_LINT_TEST_PIPELINE names a trained spaCy pipeline; grammar
rules (LanguageTool) run only when SCUSA_LINT_LANGUAGETOOL_URL names a LanguageTool server.

An example tests its rule, not the message-role decision (tests/test_roles.py does that): it
is linted with the role set to the first role the rule runs on, as `--role` would set it, so a
one-line bad example of an apology rule is read as the apology it stands for.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from scusa_lint.analysis.pipeline import load_pipeline
from scusa_lint.kinds.base import Example, RuleSpec
from scusa_lint.linter import Linter
from scusa_lint.registry import ANY_LANGUAGE, Registry
from scusa_lint.settings import Settings
from scusa_lint.source import Source

SPECS = Registry.load().all_rules()
TEST_PIPELINE = os.environ.get("SCUSA_LINT_TEST_PIPELINE", "default")
LANGUAGETOOL_URL = os.environ.get("SCUSA_LINT_LANGUAGETOOL_URL")
SETTINGS = (
    Settings(spelling="languagetool", languagetool_url=LANGUAGETOOL_URL, strict=True, pipeline=TEST_PIPELINE)
    if LANGUAGETOOL_URL
    else Settings(pipeline=TEST_PIPELINE)
)
_linters: dict[str, Linter] = {}


def _run(spec: RuleSpec, example: Example) -> list:
    """The rule's findings on the example, linted as a message with only this rule selected."""
    language = "it" if spec.language == ANY_LANGUAGE else spec.language
    pipeline = load_pipeline(language, TEST_PIPELINE)
    missing = spec.needs - pipeline.capabilities
    if missing:
        pytest.skip(
            f"{spec.code} needs {', '.join(sorted(missing))}; set SCUSA_LINT_TEST_PIPELINE to a trained "
            f"spaCy pipeline (e.g. it_core_news_sm) to run its examples"
        )
    if spec.code not in _linters:
        _linters[spec.code] = Linter(replace(SETTINGS, select=(spec.code,), role=spec.roles[0]))
    linter = _linters[spec.code]
    skipped = [s for s in linter.ruleset(language).skipped if s.code == spec.code]
    if skipped:
        pytest.skip(f"{spec.code} cannot run here: {skipped[0].reason} (set SCUSA_LINT_LANGUAGETOOL_URL)")
    source = Source.from_text(example.text, path="example", language=language)
    return [f for f in linter.lint([source])[0].findings if f.code == spec.code]


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
