"""HTML inside catalog values: the text is linted, not tags or entities, at its exact place in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reader_helpers import position, where

from scusa_lint.inputs import InputFile, read_sources
from scusa_lint.linter import Linter
from scusa_lint.readers.catalog_values import is_html
from scusa_lint.settings import Settings

PO = """msgid ""
msgstr ""
"Language: it\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "mail.late.body"
msgid "Late delivery"
msgstr "<p>Gentile {{ nome }},</p><p>il ritardo &egrave; colpa del "
"corriere.</p>"
"""

YAML = """mail:
  late:
    body: |
      <p>Gentile cliente,</p>
      <p>purtroppo il ritardo &egrave; colpa del <b>corriere</b>.</p>
"""

JSON_TEXT = json.dumps(
    {"mail": {"late": {"body": "<p>Gentile cliente,</p><p>il ritardo \u00e8 colpa del <i>corriere</i>.</p>"}}},
    ensure_ascii=True,  # \u00e8 in the file: positions go through the JSON escape too
)


def _lint(path: Path) -> list:
    sources = read_sources(InputFile(str(path), str(path)), None)
    return Linter(Settings(select=("SC101", "TYPO"))).lint(sources)


@pytest.mark.parametrize(("name", "text"), [("m.po", PO), ("m.yml", YAML), ("m.json", JSON_TEXT)])
def test_html_values_are_linted_as_text_with_file_positions(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (result,) = _lint(path)
    sources = read_sources(InputFile(str(path), str(path)), None)
    assert "<p>" not in sources[0].text and "&egrave;" not in sources[0].text
    assert "\n\n" in sources[0].text  # paragraphs stay apart
    blame = [f for f in result.findings if f.code == "SC101"]
    assert [where(f) for f in blame] == [position(text, "colpa del")]
    assert not [f for f in result.findings if f.category == "TYPO"]  # no tag or entity read as a word


def test_a_value_without_markup_is_read_as_it_is() -> None:
    assert is_html("<p>Ciao</p>") and is_html("il ritardo &egrave; nostro") and is_html("riga<br/>riga")
    assert not is_html("5 < 6 e 7 > 3") and not is_html("Termini & condizioni") and not is_html("{{ nome }}")
