"""Folder walks lint message catalogs, skip configuration with a reason, and lint only message keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from scusa_lint.catalogs import judge, locale_code
from scusa_lint.keys import DEFAULT_IGNORE_KEYS, is_message, key_matches

WORKFLOW = """name: lint
on: [push, pull_request]
jobs:
  templates:
    runs-on: ubuntu-latest
    steps:
      - name: Check the customer templates and annotate the pull request with every finding
        run: scusa-lint templates/ --output-format github
"""

HELPDESK = {
    "macros": [
        {
            "id": 7,
            "sender": "Assistenza Clienti",
            "tags": ["rimborso", "reclamo"],
            "text": "Ci scusiamo per il doppio addebito: il rimborso partirà entro oggi.",
        }
    ]
}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "catalog"),
    [
        ("locales/it.yml", "it:\n  bottone: Salva\n", True),  # a catalog folder and a locale name
        ("it.yml", "bottone: Salva\n", True),  # the name is a locale
        ("messages.en-GB.json", '{"save": "Save"}', True),
        ("rails.yml", "it:\n  saluto: Ciao\nen:\n  saluto: Hello\n", True),  # top-level locale keys
        ("risposte.json", json.dumps(HELPDESK), True),  # strings that read as messages
        ("package.json", '{"name": "mails", "description": "The customer e-mails of our shop, all of them"}', False),
        (".pre-commit-config.yaml", "repos: []\n", False),
        ("ci.yml", WORKFLOW, False),  # top-level jobs: a workflow, wherever it is
        ("templates/ci.yml", WORKFLOW, False),  # even in a catalog folder
        ("pack.yaml", "pack: {name: x}\nrules: []\n", False),  # a scusa-lint rule pack
        ("settings.yml", "timeout: 30\nhost: mail.example.com\n", False),  # no sentence
        ("broken.json", "{not json", False),
        ("locales/broken.json", "{not json", True),  # a broken catalog is linted, so its error shows
    ],
)
def test_which_walked_files_are_catalogs(tmp_path: Path, name: str, text: str, catalog: bool) -> None:
    verdict = judge(_write(tmp_path / name, text))
    assert verdict.catalog is catalog, verdict.reason
    assert verdict.reason


def test_locale_codes() -> None:
    assert [locale_code(n) for n in ("it", "it_IT", "en-GB", "pt-BR", "src", "mail", "ci")] == [
        "it", "it", "en", "pt", None, None, None
    ]  # fmt: skip


def test_key_globs_match_from_any_key_and_cover_what_is_below() -> None:
    assert key_matches(["mails.*.body"], "it.mails.late.body")
    assert not key_matches(["mails.*.body"], "it.mails.late.subject")
    assert key_matches(["*.text"], "faq[2].text")
    assert key_matches(["tags"], "macros[0].tags[1]")  # a key covers its list items
    assert key_matches(["notes"], "mail.notes.internal")  # ... and the keys under it
    assert key_matches(["faq.answer"], "faq[3].answer")  # indices may be left out
    assert not key_matches(["tags"], "hashtags")  # whole keys only
    assert key_matches(["mails.**.body"], "mails.a.b.body")


def test_default_message_keys() -> None:
    assert not is_message("macros[0].sender", (), DEFAULT_IGNORE_KEYS)
    assert not is_message("mail.channel", (), DEFAULT_IGNORE_KEYS)
    assert not is_message("mail._comment", (), DEFAULT_IGNORE_KEYS)
    assert is_message("macros[0].text", (), DEFAULT_IGNORE_KEYS)
    assert is_message(None, ("only.this",), DEFAULT_IGNORE_KEYS)  # not a catalog value: always a message
    assert not is_message("mail.subject", ("*.body",), ())  # `messages` given: only those keys
    assert not is_message("mail.notes.body", ("*.body",), ("notes",))  # ignore-keys wins


def test_a_folder_of_bad_catalogs_does_not_pass_and_says_what_it_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "templates/locales/it.yml", "it:\n  ritardo:\n    corpo: Il ritardo è colpa del corriere.\n")
    _write(tmp_path / "templates/risposte.json", json.dumps(HELPDESK, ensure_ascii=False))
    _write(tmp_path / "templates/package.json", '{"name": "mails", "scripts": {"build": "make"}}')
    result = run_cli("check", str(tmp_path / "templates"), "--isolated", "--no-cache", "-v")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SC101" in result.stdout and "[ritardo.corpo]" in result.stdout.replace("it.ritardo", "ritardo")
    assert "package.json: known configuration file" in result.stdout
    assert "1 file found but not linted" in result.stdout
    assert "catalog values not linted: metadata keys" in result.stdout  # id is not a string; sender, tags are
    document = json.loads(
        run_cli("check", str(tmp_path / "templates"), "--isolated", "--no-cache", "--output-format", "json").stdout
    )
    keys = {f["key"] for f in document["files"]}
    assert "macros[0].text" in keys
    assert not keys & {"macros[0].sender", "macros[0].tags[0]", "macros[0].tags[1]"}
    assert [Path(f["path"]).name for f in document["skipped_files"]] == ["package.json"]


def test_messages_and_ignore_keys_in_config(tmp_path: Path) -> None:
    _write(tmp_path / ".scusa-lint.toml", 'messages = ["mails.*.body"]\nextend-ignore-keys = ["draft"]\n')
    catalog = (
        "mails:\n  late:\n    intro: Salve.\n    body: Ci scusiamo per il ritardo.\n    draft:\n      body: Bozza.\n"
    )
    _write(tmp_path / "it.yml", catalog)
    document = json.loads(run_cli("check", "it.yml", "--no-cache", "--output-format", "json", cwd=tmp_path).stdout)
    assert [f["key"] for f in document["files"]] == ["mails.late.body"]


def test_an_empty_run_does_not_say_all_checks_passed(tmp_path: Path) -> None:
    _write(tmp_path / "package.json", '{"name": "x"}')
    result = run_cli("check", str(tmp_path), "--isolated", "--no-cache")
    assert "All checks passed" not in result.stdout
    assert "Nothing was linted" in result.stdout
    missing = run_cli("check", str(tmp_path / "nope.txt"), "--isolated", "--no-cache")
    assert missing.returncode == 2 and "All checks passed" not in missing.stdout


def test_dot_folders_and_dot_files_are_not_walked_but_said(tmp_path: Path) -> None:
    # `scusa-lint .` at a repository's root: .github and a dot-file are not linted, and the run says so.
    _write(tmp_path / ".github/workflows/ci.yml", "jobs:\n  t:\n    steps:\n      - run: make\n")
    _write(tmp_path / ".bozze.yml", "it:\n  ritardo: Il ritardo è colpa del corriere e non nostra.\n")
    _write(tmp_path / ".git/config.yml", "it:\n  ritardo: Il ritardo è colpa del corriere e non nostra.\n")
    _write(tmp_path / ".pre-commit-config.yaml", "repos: []\n")
    _write(tmp_path / "templates/ritardo.txt", "Il ritardo è colpa del corriere.\n")
    result = run_cli("check", ".", "--isolated", "--no-cache", "--output-format", "json", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert {f["path"] for f in document["files"]} == {"templates/ritardo.txt"}
    assert [(s["path"], s["reason"].split(",")[0]) for s in document["skipped_files"]] == [
        (".github/", "hidden folder"),  # .git is version control: never mentioned
        (".bozze.yml", "hidden file"),
        (".pre-commit-config.yaml", "known configuration file (.pre-commit-config.yaml)"),  # says what it is
    ]
    verbose = run_cli("check", ".", "--isolated", "--no-cache", "-v", cwd=tmp_path).stdout
    assert ".github/: hidden folder, not walked (name it to lint it)" in verbose
    named = run_cli("check", ".bozze.yml", "--isolated", "--no-cache", "-q", cwd=tmp_path)
    assert "SC101" in named.stdout  # named, it is linted
