"""Integration test against a real LanguageTool server, when SCUSA_LINT_LANGUAGETOOL_URL gives its URL.

Start one with `docker run -d -p 8081:8010 erikvl87/languagetool` or, from the LanguageTool
zip, `java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081`, then
`SCUSA_LINT_LANGUAGETOOL_URL=http://localhost:8081 pytest tests/test_languagetool_integration.py`.
"""

from __future__ import annotations

import os

import pytest

from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source
from scusa_lint.spelling.languagetool import LanguageToolClient

URL = os.environ.get("SCUSA_LINT_LANGUAGETOOL_URL")
pytestmark = pytest.mark.skipif(
    not URL, reason="set SCUSA_LINT_LANGUAGETOOL_URL to a running LanguageTool server to run this test"
)


def lint(text: str, language: str = "it") -> list:
    settings = Settings(spelling="languagetool", languagetool_url=URL, strict=True, select=("SC9",))
    [result] = Linter(settings).lint([Source.from_text(text, path="t.txt", language=language)])
    return list(result.findings)


def test_server_answers_with_a_version() -> None:
    assert URL is not None
    assert LanguageToolClient(URL, timeout=30).version("it-IT") != "?"


def test_seed_example_through_a_real_server() -> None:
    text = "🙏 Egreggio Cliento, le chiediamo scusa per il ritardo."
    typos = {f.match: f for f in lint(text) if f.code == "SC901"}
    assert "Egreggio" in typos, typos
    assert typos["Egreggio"].start == text.index("Egreggio")  # UTF-16 offsets mapped back exactly
    assert "Egregio" in [s.replacement for s in typos["Egreggio"].suggestions]


def test_placeholders_are_not_reported_by_a_real_server() -> None:
    findings = lint("Gentile {{ nome_cliente }}, il Suo ordine AB-12345 è partito oggi.")
    assert [f.match for f in findings if f.code == "SC901"] == []


def test_grammar_match_has_its_rule_id() -> None:
    findings = [f for f in lint("We apologize for the the delay.", language="en") if f.code == "SC952"]
    assert findings, "LanguageTool found no repeated word"
    assert any("REPEAT" in f.message for f in findings)
