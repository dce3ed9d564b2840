"""The language of each message: its file's header, name, folders or locale keys, a setting, or detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from scusa_lint.inputs import InputFile, read_sources
from scusa_lint.languages import assign, detect
from scusa_lint.settings import Settings
from scusa_lint.source import Source

PO_HEADER = 'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
PO_ENTRY = 'msgctxt "late.body"\nmsgid "late"\nmsgstr "{text}"\n'


def _languages(path: Path, settings: Settings | None = None) -> list[tuple[str | None, str | None, str | None]]:
    sources = read_sources(InputFile(str(path), str(path)), None)
    return [(s.key, s.language, s.language_from) for s in assign(sources, str(path), settings or Settings())]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_po_header_names_the_language(tmp_path: Path) -> None:
    text = PO_HEADER.format(language="en_GB") + PO_ENTRY.format(text="We are sorry the parcel is late.")
    [(key, language, why)] = _languages(_write(tmp_path / "shop.po", text))
    assert (key, language) == ("late.body", "en") and why == ".po header Language: en_GB"


@pytest.mark.parametrize(
    ("name", "language", "why"),
    [
        ("it.yml", "it", "file name it.yml"),
        ("messages.en.json", "en", "file name messages.en.json"),
        ("en-GB.yaml", "en", "file name en-GB.yaml"),
        ("it/LC_MESSAGES/shop.po", "it", "folder it/"),
        ("templates/en/mails.yml", "en", "folder en/"),
    ],
)
def test_file_names_and_folders_name_the_language(tmp_path: Path, name: str, language: str, why: str) -> None:
    if name.endswith(".po"):
        text = 'msgid ""\nmsgstr ""\n\n' + PO_ENTRY.format(text="Ci scusiamo per il ritardo.")
    elif name.endswith(".json"):
        text = json.dumps({"late": {"body": "Sorry for the delay."}})
    else:
        text = "late:\n  body: Sorry for the delay.\n"
    [(_, found, reason)] = _languages(_write(tmp_path / name, text))
    assert (found, reason) == (language, why)


def test_top_level_locale_keys_give_each_message_its_language(tmp_path: Path) -> None:
    text = "it:\n  ritardo: Ci scusiamo per il ritardo.\nen:\n  late: We are sorry for the delay.\n"
    rows = _languages(_write(tmp_path / "mailers.yml", text))
    assert [(key, language, why) for key, language, why in rows] == [
        ("it.ritardo", "it", "locale key it:"),
        ("en.late", "en", "locale key en:"),
    ]


def test_an_explicit_setting_wins_over_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "en.yml", "late: Sorry for the delay.\n")
    [(_, language, why)] = _languages(path, Settings(language="it"))
    assert (language, why) == ("it", "set by --language or the configuration")
    own = _write(tmp_path / "own.yml", "language: en\nlate: Ci scusiamo per il ritardo.\n")
    [(_, language, _)] = _languages(own, Settings(language="it"))
    assert language == "en"  # the message's own `language:` is the most explicit of all


def test_detection_on_texts_that_name_no_language() -> None:
    english = Source.from_text("Dear Ms Lee, we are sorry that your parcel arrived two days late.")
    italian = Source.from_text("Gentile signora, ci dispiace che il pacco sia arrivato in ritardo.")
    assert detect(english, "it")[0] == "en" and detect(english, "it")[1].startswith("detected en")
    assert detect(italian, "it")[0] == "it"
    assert detect(Source.from_text("OK"), "it") == ("it", "default it (too little text to detect)")
    # Placeholders do not count: only the words around them are read.
    assert detect(Source.from_text("{{ customer_first_name }} {{ order_number }}"), "en")[1].startswith("default")


def test_an_english_draft_is_linted_in_english_without_l(tmp_path: Path) -> None:
    path = _write(tmp_path / "draft.txt", "Dear customer, we are sorry for the delay. It was the courier's fault.\n")
    result = run_cli("check", str(path), "--isolated", "--no-cache", "--output-format", "json")
    [entry] = json.loads(result.stdout)["files"]
    assert entry["language"] == "en" and entry["language_from"].startswith("detected en")
    shown = run_cli("check", str(path), "--isolated", "--no-cache")
    assert "language guessed for 1 message (1 en)" in shown.stdout
    forced = run_cli("check", str(path), "--isolated", "--no-cache", "-l", "it", "--output-format", "json")
    assert json.loads(forced.stdout)["files"][0]["language"] == "it"


def test_a_catalog_in_a_language_without_rules_is_reported_not_linted(tmp_path: Path) -> None:
    _write(tmp_path / "locales/de.yml", "spaet: Es tut uns leid, dass Ihr Paket zu spät kommt.\n")
    _write(tmp_path / "locales/it.yml", "ritardo: Ci scusiamo per il ritardo del pacco.\n")
    result = run_cli("check", str(tmp_path), "--isolated", "--no-cache", "-v")
    assert "de.yml: language de (file name de.yml): scusa-lint has no rules for it" in result.stdout
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)


def test_only_the_folders_near_the_file_say_its_language(tmp_path: Path) -> None:
    path = _write(tmp_path / "de" / "shop" / "mails" / "late" / "it.yml", "late: Ci scusiamo per il ritardo.\n")
    [(_, language, why)] = _languages(path)
    assert (language, why) == ("it", "file name it.yml")
    far = _write(tmp_path / "de" / "shop" / "mails" / "late" / "risposte.yml", "late: Ci scusiamo per il ritardo.\n")
    [(_, language, _)] = _languages(far)
    assert language is None  # «de» is four folders up: it names nothing; the text is detected later
