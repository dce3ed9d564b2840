"""E-mail files: subject and text body in their declared charsets, findings at the file's line:column."""

from __future__ import annotations

from pathlib import Path

from reader_helpers import FIXTURES, findings, lint, position, where

from scusa_lint.readers.eml import read_eml
from scusa_lint.source import Comment


def test_legacy_cp1252_mail_is_decoded_and_positions_are_exact() -> None:
    path = FIXTURES / "legacy.eml"
    data = path.read_bytes()
    assert b"\xe8" in data and b"\x80" in data  # è and € in Windows-1252, declared as iso-8859-1
    text = data.decode("cp1252")
    results = lint(path)
    blame = findings(results, "SC101")
    subject_line = position(text, "Subject:")[0]
    assert [where(f) for _, f in blame] == [
        position(text, "colpa del corriere"),
        position(text, "colpa del corriere", occurrence=1),
    ]
    assert blame[0][1].begin.line == subject_line
    conditional = findings(results, "SC301")
    assert [where(f) for _, f in conditional] == [position(text, "ci scusiamo per eventuali disagi")]


def test_legacy_mail_text_settings_and_characters() -> None:
    path = FIXTURES / "legacy.eml"
    (source,) = read_eml(str(path), path.read_bytes(), None)
    assert source.text.startswith("Il Suo ordine è in ritardo: colpa del corriere\n\nGentile cliente,")
    assert "5 € di spese" in source.text and "“un piccolo gesto”" in source.text
    assert source.channel == "email" and source.meta["sent"] == "2026-03-03"
    assert "From:" not in source.text and "Content-Type" not in source.text


def test_quoted_printable_body_maps_through_soft_breaks() -> None:
    path = FIXTURES / "multipart-qp.eml"
    text = path.read_bytes().decode("ascii")
    (source,) = read_eml(str(path), path.read_bytes(), None)
    assert "la fattura è stata emessa due volte per un nostro errore" in source.text
    assert "<p>" not in source.text  # text/plain is preferred to the text/html alternative
    results = lint(path)
    blame = findings(results, "SC101")
    assert [f.match for _, f in blame] == ["colpa del fornitore"]  # across a soft line break (forni=)
    assert where(blame[0][1]) == position(text, "colpa del forni")
    # The Q-encoded subject maps word by word ("_" is a space there).
    subject = [f for _, f in findings(results, "SC301") if f.begin.line == position(text, "Subject:")[0]]
    assert [where(f) for f in subject] == [position(text, "ci_scusiamo_per_eventuali_disagi")]
    assert source.text.startswith("Fattura doppia: ci scusiamo per eventuali disagi\n\n")
    body = [f for _, f in findings(results, "SC301") if f not in subject]
    assert [where(f) for f in body] == [position(text, "ci scusiamo per eventuali disagi")]
    accent = source.text.index("è stata")
    assert source.file_offset(accent) == text.index("=C3=A8 stata")


def test_html_only_mail_is_read_as_visible_text() -> None:
    path = FIXTURES / "html-only.eml"
    text = path.read_bytes().decode("utf-8")
    (source,) = read_eml(str(path), path.read_bytes(), None)
    assert "colpa del corriere & del magazzino" in source.text and "<p>" not in source.text
    line = position(text, "nota interna")[0]
    assert Comment("nota interna", line, line) in source.comments
    blame = findings(lint(path), "SC101")
    assert [where(f) for _, f in blame] == [position(text, "colpa del corriere")]
    start = source.text.index("{{ nome }}")
    assert source.is_masked(start, start + 1)


def test_base64_and_undeclared_charset_bodies(tmp_path: Path) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "Rimborso"
    message.set_content("Ci scusiamo: è colpa del corriere.\n", charset="utf-8", cte="base64")
    path = tmp_path / "b64.eml"
    path.write_bytes(message.as_bytes())
    (source,) = read_eml(str(path), path.read_bytes(), None)
    assert "è colpa del corriere" in source.text
    text = path.read_bytes().decode("ascii")
    blame = findings(lint(path), "SC101")
    # base64 has no positions inside it: the finding sits at the start of the encoded body.
    body_line = text.split("\n").index("", 1) + 2
    assert [f.begin.line for _, f in blame] == [body_line]

    undeclared = tmp_path / "vecchia.eml"
    undeclared.write_bytes(
        b"Subject: Scuse\nContent-Type: text/plain\n\n" + "Ci scusiamo, è colpa del corriere.\n".encode("cp1252")
    )
    (source,) = read_eml(str(undeclared), undeclared.read_bytes(), None)
    assert "è colpa del corriere" in source.text
