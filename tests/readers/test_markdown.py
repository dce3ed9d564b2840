"""Markdown: prose only (no code, URLs, front matter), findings at the exact line:column of the file."""

from __future__ import annotations

from reader_helpers import FIXTURES, findings, lint, position, where

from scusa_lint.readers.markdown import read_markdown
from scusa_lint.source import Comment

PATH = FIXTURES / "template.md"
TEXT = PATH.read_text(encoding="utf-8")


def test_findings_point_at_the_words_in_the_file() -> None:
    results = lint(PATH)
    assert len(results) == 1
    blame = findings(results, "SC101")
    # Only the prose: not the link target, its title, the inline code, or the fenced code block.
    assert [f.match for _, f in blame] == ["colpa del corriere"]
    assert where(blame[0][1]) == position(TEXT, "colpa del corriere")
    conditional = findings(results, "SC301")
    assert [where(f) for _, f in conditional] == [position(TEXT, "ci scusiamo per eventuali disagi")]


def test_front_matter_sets_language_and_kind_and_is_not_linted() -> None:
    (result,) = lint(PATH)
    assert result.language == "it" and result.channel == "email"
    assert all(f.begin.line > 4 for f in result.findings)


def test_nothing_is_flagged_inside_placeholders_code_or_links() -> None:
    (source,) = read_markdown(str(PATH), TEXT, None)
    for needle in (
        "{{ nome }}",
        "{{ ordine.numero }}",
        "{{ importo }}",
        "COLPA-DEL-CORRIERE",
        "https://esempio.it/traccia",
    ):
        start = source.text.index(needle)
        assert source.is_masked(start, start + len(needle)), needle
        assert needle not in source.analysis_text
    assert "https://esempio.it/colpa-del-corriere" not in source.text  # link targets are left out
    assert "Esempio da non leggere" not in source.text  # fenced code is left out
    (result,) = lint(PATH)
    for finding in result.findings:
        for needle in ("{{", "`", "](", "https"):
            assert finding.match is None or needle not in finding.match


def test_every_character_maps_back_to_the_same_character() -> None:
    (source,) = read_markdown(str(PATH), TEXT, None)
    assert source.offsets is not None and len(source.offsets) == len(source.text) + 1
    for word in ("Gentile", "scusiamo", "pacco", "rispettato", "seguire", "questa", "buono", "team"):
        index = source.text.index(word)
        offset = source.file_offset(index)
        assert TEXT[offset : offset + len(word)] == word, word


def test_html_comments_are_collected_with_their_line() -> None:
    (source,) = read_markdown(str(PATH), TEXT, None)
    line = position(TEXT, "scusa-lint: disable=SC120")[0]
    assert Comment("scusa-lint: disable=SC120", line, line) in source.comments


def test_headings_and_list_items_are_separate_paragraphs() -> None:
    text = "# Ci scusiamo\nIl ritardo\n\n- primo punto\n- secondo punto\n"
    (source,) = read_markdown("x.md", text, None)
    assert "Ci scusiamo\n\nIl ritardo" in source.text
    assert "primo punto\n\nsecondo punto" in source.text


def test_entities_and_escapes_map_to_their_source() -> None:
    text = "Il pacco &egrave; \\*arrivato\\* tardi: colpa del corriere.\n"
    (source,) = read_markdown("x.md", text, None)
    assert source.text.startswith("Il pacco è *arrivato* tardi")
    assert source.file_offset(source.text.index("è")) == text.index("&egrave;")
    assert source.file_offset(source.text.index("colpa")) == text.index("colpa")


def test_crlf_markdown_and_template_syntax_inside_code() -> None:
    text = "# Scuse\r\n\r\nGentile {{ nome }},\r\nè colpa del corriere. Usi `{{ codice` nel modulo.\r\n"
    (source,) = read_markdown("x.md", text, None)
    assert source.template_errors == ()  # the unclosed {{ is inside inline code, not template syntax
    index = source.text.index("colpa")
    offset = source.file_offset(index)
    assert text[offset : offset + 5] == "colpa"
    assert source.position(index).line == 4 and source.position(index).column == 3


def test_span_end_stops_before_closing_markup(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The finding's end is just after its last character, not after the `**` that follows it."""
    import json

    from conftest import run_cli

    path = tmp_path / "bozza.md"
    path.write_text("Gentile cliente,\n\nè stato **solo un piccolo disguido**, ci scusiamo.\n", encoding="utf-8")
    document = json.loads(run_cli(str(path), "--output-format", "json", "--select", "SC306").stdout)
    (finding,) = document["files"][0]["findings"]
    text = path.read_text(encoding="utf-8")
    assert text[finding["start"] : finding["end"]] == finding["match"] == "solo un piccolo disguido"
    line = text.splitlines()[finding["end_line"] - 1]
    assert line[: finding["end_column"] - 1].endswith("disguido")
