"""`scusa-lint doctor` reports what really works: pipelines, dictionaries, LanguageTool, versions."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import run_cli
from test_languagetool_contract import Handler


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def doctor(*args: str) -> tuple[int, dict]:
    result = run_cli("doctor", "--isolated", "--output-format", "json", *args)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_default_installation_works_offline() -> None:
    code, report = doctor()
    assert code == 0 and report["ok"] and report["problems"] == []
    assert report["spelling"] == "hunspell"
    dictionaries = {d["language"]: d for d in report["hunspell"]["dictionaries"]}
    assert dictionaries["it"]["ok"] and dictionaries["it"]["name"] == "it_IT"
    assert Path(dictionaries["it"]["dic"]).is_file() and dictionaries["it"]["words"] > 50_000
    assert report["languagetool"]["ok"] is None  # not configured, not contacted
    pipeline = next(p for p in report["pipelines"] if p["language"] == "it")
    assert pipeline["ok"] and "lemma" in pipeline["capabilities"]
    for name in ("python", "spacy", "simplemma", "click", "rich", "pyyaml", "chunspell", "language-tool-python"):
        assert report["versions"][name] != "not installed", name


def test_reachable_languagetool_server_reports_its_version(server: str) -> None:
    code, report = doctor("--spelling", "languagetool", "--languagetool-url", f"{server}/ok")
    assert code == 0, report["problems"]
    assert report["languagetool"]["ok"] is True and report["languagetool"]["version"] == "6.4"


def test_unreachable_languagetool_is_exit_2(server: str) -> None:
    code, report = doctor("--spelling", "languagetool", "--languagetool-url", f"{server}/error")
    assert code == 2 and not report["ok"]
    assert "HTTP 500" in report["languagetool"]["error"]
    assert any("LanguageTool" in p for p in report["problems"])


def test_configured_but_unused_languagetool_is_reported_without_failing(server: str) -> None:
    code, report = doctor("--languagetool-url", f"{server}/garbage")
    assert code == 0  # spelling is hunspell: LanguageTool is not a configured backend
    assert report["languagetool"]["ok"] is False and "not JSON" in report["languagetool"]["error"]


def test_broken_pipeline_setting_is_exit_2(tmp_path: Path) -> None:
    config = tmp_path / ".scusa-lint.toml"
    config.write_text('pipeline = "./no-such-pipeline"\n', encoding="utf-8")
    result = run_cli("doctor", "--config", str(config))
    assert result.returncode == 2
    assert "FAIL pipeline [it]" in result.stdout and "not found" in result.stdout


def test_text_output_names_each_part() -> None:
    result = run_cli("doctor", "--isolated")
    assert result.returncode == 0, result.stdout + result.stderr
    for expected in (
        "pipeline [it]",
        "hunspell [it]",
        "it_IT",
        "languagetool",
        "chunspell",
        "The configured backends work.",
    ):
        assert expected in result.stdout
