"""Languages are folders: a third language, built from test data, works end to end without touching code.

tests/fixtures/languages/xx is a made-up language ("Testese") with everything a language folder
holds: its descriptor, one rule pack and a Hunspell dictionary. Pointing $SCUSA_LINT_LANGUAGES at
it must be all it takes for `check`, `rules`, `explain` and `doctor` to know it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from scusa_lint import lang
from scusa_lint.errors import ConfigError

LANGUAGES = ROOT / "tests" / "fixtures" / "languages"
ENV = {lang.ENV_LANGUAGES: str(LANGUAGES)}


def test_the_built_in_languages_are_folders() -> None:
    found = lang.languages()
    assert {"it", "en"} <= set(found)
    italian = found["it"]
    assert italian.folder.name == "it" and italian.packs and italian.spelling.dictionary == "it_IT"
    assert found["en"].languagetool == "en-US"


def test_a_third_language_lints_with_its_own_rules_and_dictionary(tmp_path: Path) -> None:
    draft = tmp_path / "malbona.txt"
    draft.write_text("Kara kliento, la prokrasto estas kulpo de kuriero. Pardonnu nin.\n", encoding="utf-8")
    result = run_cli(str(draft), "--isolated", "--language", "xx", "--output-format", "json", env=ENV)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    (message,) = document["files"]
    assert message["language"] == "xx"
    assert "spacy.blank('xx')" in message["pipeline"]
    found = {(f["code"], f["match"]) for f in message["findings"]}
    assert found == {("XXL101", "kulpo de kuriero"), ("XXL901", "Pardonnu")}
    good = tmp_path / "bona.txt"
    good.write_text("Kara kliento, pardonu nin pro la prokrasto.\n", encoding="utf-8")
    result = run_cli(str(good), "--isolated", "--language", "xx", "--output-format", "json", env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_front_matter_picks_the_language_and_rules_and_explain_know_it(tmp_path: Path) -> None:
    draft = tmp_path / "mesagxo.txt"
    draft.write_text("---\nlanguage: xx\n---\nLa prokrasto estas kulpo de kuriero.\n", encoding="utf-8")
    result = run_cli(str(draft), "--isolated", "--output-format", "concise", env=ENV)
    assert "XXL101" in result.stdout, result.stdout + result.stderr
    listed = json.loads(run_cli("rules", "--language", "xx", "--output-format", "json", env=ENV).stdout)
    assert {"XXL101", "XXL901"} <= {row["code"] for row in listed}
    assert all(row["language"] in ("xx", "*") for row in listed)
    explained = run_cli("explain", "courier-blamed", env=ENV)
    assert explained.returncode == 0 and "XXL101" in explained.stdout


def test_doctor_reports_the_third_language(tmp_path: Path) -> None:
    result = run_cli("doctor", "--output-format", "json", cwd=tmp_path, env=ENV)
    report = json.loads(result.stdout)
    (row,) = [r for r in report["hunspell"]["dictionaries"] if r["language"] == "xx"]
    assert row["ok"] and row["name"] == "xx_TEST"


def test_without_the_folder_the_language_is_unknown(tmp_path: Path) -> None:
    draft = tmp_path / "mesagxo.txt"
    draft.write_text("La prokrasto estas kulpo de kuriero.\n", encoding="utf-8")
    result = run_cli(str(draft), "--isolated", "--language", "xx")
    assert result.returncode == 2 and "xx" in result.stderr


def test_a_broken_descriptor_names_its_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "yy"
    folder.mkdir()
    (folder / "language.toml").write_text('code = "yy"\nspacy = "xx"\nlemmatiser = "none"\n', encoding="utf-8")
    monkeypatch.setenv(lang.ENV_LANGUAGES, str(tmp_path))
    with pytest.raises(ConfigError) as caught:
        lang.languages()
    assert caught.value.path == str(folder / "language.toml") and caught.value.line == 3
    assert "lemmatiser" in caught.value.message
