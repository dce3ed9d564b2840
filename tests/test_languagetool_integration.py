"""Integration tests against a real LanguageTool server (the `languagetool_url` fixture in conftest.py).

CI (.ci/run) starts one and sets SCUSA_LINT_LANGUAGETOOL_URL; on a developer machine the fixture
starts one itself when `python scripts/languagetool.py fetch` has put the jars in the cache, and
otherwise these tests skip with that advice. Expected values are what LanguageTool 6.8 really
reports: it catches «a» for «ha» (ER_01_001) and repeated words, but not article-noun agreement
such as «questi interruzione» (an offline grammar checker covers that).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from scusa_lint.finding import Finding
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source
from scusa_lint.spelling.languagetool import LanguageToolClient

DRAFT = "Gentile {{ nome }},\nci scusiamo: questi interruzione è colpa nostra e il pacco a subito un ritardo."


def lint(text: str, url: str, language: str = "it", **settings: Any) -> list[Finding]:
    config = Settings(spelling="languagetool", languagetool_url=url, strict=True, select=("SC90", "SC95"), **settings)
    [result] = Linter(config).lint([Source.from_text(text, path="t.txt", language=language)])
    return list(result.findings)


def grammar(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category.value == "GRAMMAR"]


def test_server_answers_with_its_version_and_our_languages(languagetool_url: str) -> None:
    client = LanguageToolClient(languagetool_url, timeout=30)
    assert client.version("it-IT") == "6.8"
    assert {"it-IT", "en-US", "en-GB"} <= set(client.languages())


def test_draft_gets_grammar_findings_with_suggestions_at_the_right_columns(languagetool_url: str) -> None:
    findings = lint(DRAFT, languagetool_url)
    [found] = grammar(findings)
    assert found.code == "SC902" and found.match == "a subito"
    second_line = DRAFT.split("\n")[1]
    assert (found.begin.line, found.begin.column) == (2, second_line.index("a subito") + 1)
    assert found.suggestions[0].replacement == "ha subito"
    assert found.external is not None and found.external.id == "ER_01_001" and found.external.backend == "languagetool"
    assert found.link is not None and found.link.startswith("https://") and "ER_01_001" in found.link
    assert "ER_01_001" in found.message


def test_placeholder_greeting_gets_no_finding(languagetool_url: str) -> None:
    assert lint("Gentile {{ nome }},", languagetool_url) == []
    assert lint("Gentile {{ nome }},\nil Suo ordine {{ numero }} è partito oggi.", languagetool_url) == []


def test_offsets_through_crlf_and_emoji(languagetool_url: str) -> None:
    text = "Gentile {{ nome }},\r\n🙏🙏 il pacco a subito un ritardo 😀 per il il disagio."
    found = grammar(lint(text, languagetool_url))
    assert [(f.match, f.begin.line) for f in found] == [("a subito", 2), ("il il", 2)]
    second_line = text.split("\r\n")[1]
    assert [f.begin.column for f in found] == [second_line.index("a subito") + 1, second_line.index("il il") + 1]
    assert [text[f.start : f.end] for f in found] == ["a subito", "il il"]  # CRLF is one line break, not 2 spaces


def test_seed_typos_are_one_finding_per_word_with_the_better_suggestion(languagetool_url: str) -> None:
    text = "🙏 Egreggio Cliento, le chiediamo scusa per il ritardo."
    typos = [f for f in lint(text, languagetool_url) if f.code == "SC901"]
    assert [f.match for f in typos] == ["Egreggio", "Cliento"]  # Hunspell and LanguageTool both flag them: once
    assert typos[0].start == text.index("Egreggio")
    assert typos[0].suggestions[0].replacement == "Egregio"
    # «Cliente» and «Clienti» are equally likely (kinds/spelling_rank.py): advice, never an automatic fix.
    assert any("Cliente" in s.text for s in typos[1].suggestions)
    assert all(s.replacement is None for s in typos[1].suggestions)
    assert typos[0].external is not None and typos[0].external.id == "MORFOLOGIK_RULE_IT_IT"


def test_english_variants(languagetool_url: str) -> None:
    us = lint("We apologise for the the delay. She have refunded your order.", languagetool_url, language="en")
    assert [(f.code, f.match) for f in us] == [("SC952", "the the"), ("SC952", "have")]  # British spelling accepted
    assert us[1].external is not None and us[1].external.id == "HE_VERB_AGR"
    gb = lint(
        "We apologize for the color of the replacement.",
        languagetool_url,
        language="en",
        languagetool_variants=("en-GB",),
    )
    assert [(f.code, f.match) for f in gb] == [("SC951", "color")]  # the chosen variant's spelling is enforced
    assert gb[0].suggestions[0].replacement == "colour"


def test_settings_reach_languagetool(languagetool_url: str) -> None:
    text = "Il pacco a subito un ritardo."
    assert grammar(lint(text, languagetool_url, languagetool_disabled_rules=("ER_01_001",))) == []
    assert len(grammar(lint(text, languagetool_url, languagetool_level="picky", languagetool_mother_tongue="en"))) == 1
    # A rule scusa-lint turns off by default comes back when enabled by id.
    minimal = "We refunded a small number of orders late, and we are sorry."
    assert grammar(lint(minimal, languagetool_url, language="en")) == []
    back = grammar(lint(minimal, languagetool_url, language="en", languagetool_enabled_rules=("SMALL_NUMBER_OF",)))
    assert [f.external.id for f in back if f.external] == ["SMALL_NUMBER_OF"]


def test_html_and_catalog_positions_in_the_file(languagetool_url: str, tmp_path: Path) -> None:
    html = tmp_path / "scuse.html"
    html.write_text(
        "<html><body>\n<p>Gentile cliente,</p>\n"
        "<p>il pacco &egrave; partito, ma a subito un ritardo.</p>\n</body></html>\n",
        encoding="utf-8",
    )
    catalog = tmp_path / "messaggi.yaml"
    catalog.write_text('ritardo:\n  corpo: "Il pacco a subito un ritardo."\n', encoding="utf-8")
    done = run_cli(
        "check", str(html), str(catalog), "--isolated", "--no-cache", "--spelling", "languagetool",
        "--languagetool-url", languagetool_url, "--strict", "--select", "SC902", "--output-format", "json",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    located = {
        Path(file["path"]).name: [(f["line"], f["column"], f["match"], f["category"]) for f in file["findings"]]
        for file in report["files"]
    }
    html_line = "<p>il pacco &egrave; partito, ma a subito un ritardo.</p>"
    assert located["scuse.html"] == [(3, html_line.index("a subito") + 1, "a subito", "GRAMMAR")]
    assert located["messaggi.yaml"] == [(2, len('  corpo: "Il pacco ') + 1, "a subito", "GRAMMAR")]
    [external] = [f["external"] for file in report["files"] for f in file["findings"] if file["path"].endswith("html")]
    assert external["id"] == "ER_01_001" and external["url"].startswith("https://")


def test_sarif_carries_the_languagetool_rule(languagetool_url: str, tmp_path: Path) -> None:
    draft = tmp_path / "bozza.txt"
    draft.write_text(DRAFT + "\n", encoding="utf-8")
    done = run_cli(
        "check", str(draft), "--isolated", "--no-cache", "--spelling", "languagetool",
        "--languagetool-url", languagetool_url, "--select", "SC902", "--output-format", "sarif",
    )  # fmt: skip
    [result] = json.loads(done.stdout)["runs"][0]["results"]
    assert result["ruleId"] == "SC902" and result["properties"]["category"] == "GRAMMAR"
    assert result["properties"]["externalRule"]["id"] == "ER_01_001"
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "ha subito"


def test_doctor_reports_version_languages_and_response_time(languagetool_url: str) -> None:
    done = run_cli("doctor", "--isolated", "--spelling", "languagetool", "--languagetool-url", languagetool_url,
                   "--output-format", "json")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    section = json.loads(done.stdout)["languagetool"]
    assert section["ok"] is True and section["version"] == "6.8" and section["kind"] == "server"
    assert {"it-IT", "en-US", "en-GB"} <= set(section["languages"]) and section["missing"] == []
    assert section["response_ms"] > 0


def test_strict_without_the_server_is_exit_2(tmp_path: Path) -> None:
    draft = tmp_path / "bozza.txt"
    draft.write_text(DRAFT + "\n", encoding="utf-8")
    done = run_cli("check", str(draft), "--isolated", "--no-cache", "--spelling", "languagetool",
                   "--languagetool-url", "http://127.0.0.1:9", "--strict")  # fmt: skip
    assert done.returncode == 2 and "LanguageTool" in done.stderr


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_shipped_grammar_rule_runs_for_real(languagetool_url: str, language: str) -> None:
    code = "SC902" if language == "it" else "SC952"
    config = Settings(spelling="languagetool", languagetool_url=languagetool_url, strict=True, select=(code,))
    linter = Linter(config)
    linter.lint([Source.from_text("Test.", path="t.txt", language=language)])
    assert linter.ruleset(language).skipped == []


def test_one_grammar_finding_per_span_with_the_offline_checker(languagetool_url: str) -> None:
    """«a subito» is flagged by LanguageTool (SC902) and by the offline checker: one finding, the offline one."""
    config = Settings(spelling="languagetool", languagetool_url=languagetool_url, strict=True, select=("SC9",))
    [result] = Linter(config).lint([Source.from_text(DRAFT, path="t.txt", language="it")])
    spans = [(f.match, f.code) for f in result.findings if f.category.value == "GRAMMAR"]
    at = DRAFT.index("a subito")
    near = [f for f in result.findings if f.category.value == "GRAMMAR" and f.start <= at < f.end]
    assert len(near) == 1 and near[0].code != "SC902", spans  # the offline «a» → «ha», not a second finding
    assert "questi interruzione" in dict(spans)  # LanguageTool misses it; the offline checker does not
