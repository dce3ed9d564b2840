"""Plain text and templates: CRLF columns, BOM, legacy encodings, binary files, stdin by suffix."""

from __future__ import annotations

import json
from pathlib import Path

from reader_helpers import FIXTURES, findings, lint, position, where

from conftest import run_cli  # tests/conftest.py: the CLI in a subprocess
from scusa_lint.catalogs import SkippedFile
from scusa_lint.inputs import collect, decode


def test_crlf_file_keeps_exact_columns_and_masks_every_placeholder() -> None:
    path = FIXTURES / "crlf.txt"
    text = path.read_bytes().decode("utf-8")
    assert "\r\n" in text
    results = lint(path)
    assert [where(f) for _, f in findings(results, "SC101")] == [position(text, "colpa del corriere")]
    assert [where(f) for _, f in findings(results, "SC301")] == [position(text, "ci scusiamo per eventuali")]
    assert not findings(results, "SC001")
    for result in results:
        for finding in result.findings:
            assert finding.match is None or not any(c in finding.match for c in "{}%$")


def test_cp1252_file_is_detected_and_decoded() -> None:
    path = FIXTURES / "cp1252.txt"
    data = path.read_bytes()
    assert b"\xe8" in data
    text = data.decode("cp1252")
    assert decode(data, str(path)) == text
    (result,) = lint(path)
    blame = [f for f in result.findings if f.code == "SC101"]
    assert [where(f) for f in blame] == [position(text, "colpa del corriere")]


def test_bom_is_dropped_and_columns_are_the_editor_s(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    body = "È colpa del corriere se il pacco è in ritardo.\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    (result,) = lint(path)
    assert [where(f) for f in result.findings if f.code == "SC101"] == [position(body, "colpa del corriere")]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("È colpa del corriere.\n".encode("utf-16"))
    (result,) = lint(path)
    assert [where(f) for f in result.findings if f.code == "SC101"] == [(1, 3)]


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "immagine.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert str(path) in result.stderr and "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_template_suffixes_are_plain_text_with_masking(tmp_path: Path) -> None:
    path = tmp_path / "scuse.j2"
    text = "Gentile {{ nome }},\n{% if ritardo %}è colpa del corriere.{% endif %}\nCi scusiamo per {{ motivo.\n"
    path.write_text(text, encoding="utf-8")
    results = lint(path)
    assert [where(f) for _, f in findings(results, "SC101")] == [position(text, "colpa del corriere")]
    assert [(f.match, where(f)) for _, f in findings(results, "SC001")] == [("{{ motivo", position(text, "{{ motivo"))]


def test_stdin_filename_picks_the_reader() -> None:
    markdown = "# Avviso\n\nÈ `colpa del corriere` ma anche **colpa del corriere**.\n"
    result = run_cli("check", "-", "--stdin-filename", "avviso.md", "--output-format", "json", input=markdown)
    document = json.loads(result.stdout)
    (file,) = document["files"]
    assert file["path"] == "avviso.md"
    blame = [(f["line"], f["column"]) for f in file["findings"] if f["code"] == "SC101"]
    assert blame == [position(markdown, "colpa del corriere", occurrence=1)]


def test_catalog_keys_in_concise_and_full_output() -> None:
    path = FIXTURES / "catalog.yaml"
    text = path.read_text(encoding="utf-8")
    line, column = position(text, "colpa del magazzino")
    concise = run_cli("check", str(path), "--output-format", "concise", "--select", "SC101")
    assert f"{path}:{line}:{column}: SC101 [error]" in concise.stdout
    assert any(
        row.startswith(f"{path}:{line}:{column}:") and row.endswith("(key apology.wrong_item.body)")
        for row in concise.stdout.splitlines()
    )
    full = run_cli("check", str(path), "--select", "SC101")
    assert f"{path}:{line}:{column}: [apology.wrong_item.body] SC101" in full.stdout


def test_folders_yield_prose_formats_and_catalogs_but_not_other_yaml_or_json(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.eml", "e.po", "f.j2", "g.json", "h.yaml", "i.yml", "j.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "it.yml").write_text("saluto: Ciao\n", encoding="utf-8")  # a locale's name: a catalog
    skipped: list[SkippedFile] = []
    files, errors = collect([str(tmp_path)], skipped=skipped)
    assert not errors
    assert sorted(Path(f.path).name for f in files) == ["a.txt", "b.md", "c.html", "d.eml", "e.po", "f.j2", "it.yml"]
    assert sorted(Path(s.path).name for s in skipped) == ["g.json", "h.yaml", "i.yml"]  # never silently
    named, _ = collect([str(tmp_path / "g.json")])
    assert [Path(f.path).name for f in named] == ["g.json"]


def test_a_file_mixing_utf8_and_cp1252_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "misto.txt"
    path.write_bytes("Il pacco è partito.\n".encode() + "Ci dispiace, è colpa nostra.\n".encode("cp1252"))
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert f"{path}:2:" in result.stderr and "UTF-8" in result.stderr


def test_wrong_message_settings_are_errors_with_their_line(tmp_path: Path) -> None:
    cases = {
        "front.md": ("---\nlanguage: it\nchannel: mail\n---\nCi scusiamo.\n", 3, "channel"),
        "front.txt": ("---\nsent: ieri\n---\nCi scusiamo.\n", 2, "sent"),
        "catalog.yaml": ("language: italiano\nbody: Ci scusiamo.\n", 1, "language"),
        "catalog.json": ('{\n  "kind": "fax",\n  "body": "Ci scusiamo."\n}\n', 2, "kind"),
    }
    for name, (text, line, key) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run_cli("check", str(path))
        assert result.returncode == 2, name
        assert f"{path}:{line}:" in result.stderr and f"`{key}`" in result.stderr, (name, result.stderr)
    good = tmp_path / "good.md"
    front = "---\nchannel: sms\nincident: 2026-03-02\nsent: '2026-03-04'\n---\n"
    good.write_text(front + "Ci scusiamo.\n", encoding="utf-8")
    assert run_cli("check", str(good), "--exit-zero").returncode == 0
