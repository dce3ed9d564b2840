"""HTML e-mail bodies: visible text only, entities decoded, findings at the file's line:column."""

from __future__ import annotations

from reader_helpers import FIXTURES, findings, lint, position, where

from scusa_lint.readers.html import read_html
from scusa_lint.source import Comment

PATH = FIXTURES / "email.html"
TEXT = PATH.read_text(encoding="utf-8")


def test_findings_point_at_the_source_through_entities() -> None:
    results = lint(PATH)
    blame = findings(results, "SC101")
    # Not the <title>, the <style>, the attribute or the <script>: only the paragraph.
    assert len(blame) == 1
    finding = blame[0][1]
    assert where(finding) == position(TEXT, "colpa&nbsp;del corriere")
    assert finding.match is not None and " ".join(finding.match.split()) == "colpa del corriere"
    assert (finding.finish.line, finding.finish.column) == position(TEXT, ".</p>\n  <p class")
    conditional = findings(results, "SC301")
    assert [where(f) for _, f in conditional] == [position(TEXT, "ci scusiamo per eventuali disagi")]


def test_visible_text_with_entities_decoded() -> None:
    (source,) = read_html(str(PATH), TEXT, None)
    assert "la consegna è arrivata" in source.text
    assert "arriverà entro venerdì" in source.text
    assert "€" in source.text
    assert "color" not in source.text and "var nota" not in source.text and "<" not in source.text
    assert source.file_offset(source.text.index("è arrivata")) == TEXT.index("&egrave; arrivata")
    assert source.file_offset(source.text.index("ì.")) == TEXT.index("&#236;")


def test_blocks_are_paragraphs_and_placeholders_masked() -> None:
    (source,) = read_html(str(PATH), TEXT, None)
    assert "{{ cliente.nome }},\n\nci scusiamo" in source.text
    start = source.text.index("{{ importo }}")
    assert source.is_masked(start, start + 3)
    line = position(TEXT, "scusa-lint")[0]
    assert Comment("scusa-lint: disable=SC120", line, line) in source.comments


def test_br_is_a_line_break_and_whitespace_collapses() -> None:
    (source,) = read_html("x.html", "<p>Ci   scusiamo<br>davvero</p>\n\n<p>Grazie</p>", None)
    assert source.text.strip() == "Ci scusiamo\ndavvero\n\nGrazie"
