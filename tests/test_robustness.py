"""Odd files never crash a run: each is linted or reported with a clear error (exit 2), and the rest are linted."""

from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path

import pytest

from conftest import run_cli

BAD = "Gentile cliente,\n\nil ritardo della consegna è colpa del corriere. Ci scusiamo per eventuali disagi.\n"


def lint_json(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, dict, str]:
    result = run_cli(*args, "--output-format", "json", "--no-cache", cwd=cwd, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def test_odd_files_are_reported_and_the_others_still_linted(tmp_path: Path) -> None:
    (tmp_path / "buona.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "vuota.txt").write_bytes(b"")
    (tmp_path / "binaria.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes("Ci scusiamo per il ritardo, è colpa nostra.".encode("cp1252"))
    # Valid UTF-8 ("è") mixed with bytes that are not: no single encoding reads it.
    (tmp_path / "rotta.txt").write_bytes(b"Ci scusiamo, \xc3\xa8 colpa nostra \xff\xfe per il ritardo.")
    (tmp_path / "bom-crlf.txt").write_bytes("\ufeffGentile cliente,\r\n\r\nè colpa del corriere.\r\n".encode())
    (tmp_path / "data.txt").write_text("---\nincident: 2026-13-45\n---\nCi scusiamo.\n", encoding="utf-8")
    (tmp_path / "orfano.txt").symlink_to(tmp_path / "non-esiste.txt")
    (tmp_path / "giro-a.txt").symlink_to(tmp_path / "giro-b.txt")
    (tmp_path / "giro-b.txt").symlink_to(tmp_path / "giro-a.txt")
    (tmp_path / "uno").mkdir()
    (tmp_path / "due").mkdir()
    (tmp_path / "uno" / "anello").symlink_to(tmp_path / "due")
    (tmp_path / "due" / "anello").symlink_to(tmp_path / "uno")

    code, report, stderr = lint_json(str(tmp_path))

    assert code == 2
    linted = {Path(f["path"]).name: f for f in report["files"]}
    # Linted: the good file, the empty file, BOM + CRLF (the finding points at the right line).
    assert any(f["code"] == "SC101" for f in linted["buona.txt"]["findings"])
    assert "vuota.txt" in linted
    (blame,) = [f for f in linted["bom-crlf.txt"]["findings"] if f["code"] == "SC101"]
    assert (blame["line"], blame["column"], blame["match"]) == (3, 3, "colpa del corriere")
    # Reported, each by name, on stderr and in the JSON errors.
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert "binary" in errors["binaria.txt"]
    assert "UTF-8" in errors["rotta.txt"]
    assert "front matter" in errors["data.txt"]
    assert "orfano.txt" in errors and "giro-a.txt" in errors and "giro-b.txt" in errors
    # cp1252 is either decoded (by a charset-detecting reader) or reported: never silently dropped.
    assert ("latin.txt" in linted) != ("latin.txt" in errors)
    for name in errors:
        assert name in stderr
    # The symlinked folders that point at each other are not followed forever.
    assert not any("anello" in path for path in linted)


def test_a_10_mb_file_is_an_input_error_and_does_not_stop_the_run(tmp_path: Path) -> None:
    sentence = "Ci scusiamo per il ritardo: il pacco è partito oggi con il corriere espresso. "
    (tmp_path / "enorme.txt").write_text(sentence * (10 * 1024 * 1024 // len(sentence)), encoding="utf-8")
    (tmp_path / "piccola.txt").write_text(BAD, encoding="utf-8")
    started = time.perf_counter()
    code, report, stderr = lint_json(str(tmp_path))
    assert time.perf_counter() - started < 120
    assert code == 2
    assert [Path(f["path"]).name for f in report["files"]] == ["piccola.txt"]
    (error,) = report["errors"]
    assert error["path"].endswith("enorme.txt") and "too long" in error["message"]
    assert "enorme.txt" in stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="as root, permissions do not block reads")
def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    locked = tmp_path / "chiusa.txt"
    locked.write_text(BAD, encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "aperta.txt").write_text(BAD, encoding="utf-8")
    try:
        code, report, stderr = lint_json(str(tmp_path))
    finally:
        locked.chmod(0o644)
    assert code == 2
    assert [Path(f["path"]).name for f in report["files"]] == ["aperta.txt"]
    assert "chiusa.txt" in stderr and "cannot read" in stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="as root, permissions do not block reads")
def test_unreadable_folder_is_an_input_error(tmp_path: Path) -> None:
    locked = tmp_path / "chiusa"
    locked.mkdir()
    (locked / "dentro.txt").write_text(BAD, encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "aperta.txt").write_text(BAD, encoding="utf-8")
    try:
        code, report, stderr = lint_json(str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert [Path(f["path"]).name for f in report["files"]] == ["aperta.txt"]
    assert "chiusa" in stderr and "cannot read folder" in stderr


def test_a_directory_with_thousands_of_files_in_stable_order_whatever_the_jobs(tmp_path: Path) -> None:
    for index in range(1200):
        folder = tmp_path / f"cartella-{index % 7}"
        folder.mkdir(exist_ok=True)
        text = BAD if index % 3 == 0 else f"Ci scusiamo per il ritardo dell'ordine {index}: è colpa nostra.\n"
        (folder / f"messaggio-{index:04d}.txt").write_text(text, encoding="utf-8")
    code, one, _ = lint_json(str(tmp_path), "--jobs", "1")
    assert code == 1
    assert len(one["files"]) == 1200
    paths = [f["path"] for f in one["files"]]
    assert paths == sorted(paths)  # folders and files are walked in sorted order
    code, two, _ = lint_json(str(tmp_path), "--jobs", "2")
    assert code == 1
    assert two["files"] == one["files"]
    assert two["summary"] == one["summary"] and two["skipped_rules"] == one["skipped_rules"]


SLOW_PACK = """\
pack: {name: lento, language: it, title: Prova di espressione lenta, source: test}
rules:
- code: XX901
  name: slow-pattern
  category: COLD_TONE
  level: warning
  kind: regex
  regex: ['(a|aa)+b']
  message: "Lento"
  description: "Un'espressione che torna indietro in modo esponenziale."
  source: test
  examples:
    bad: ["aab"]
    good: ["c"]
"""


def test_a_pathological_user_regex_is_reported_not_hung(tmp_path: Path) -> None:
    pack = tmp_path / "lento.yaml"
    pack.write_text(SLOW_PACK, encoding="utf-8")
    (tmp_path / "trappola.txt").write_text("Ci scusiamo. " + "a" * 60 + "c\n", encoding="utf-8")
    (tmp_path / "normale.txt").write_text("Ci scusiamo: aab.\n", encoding="utf-8")
    started = time.perf_counter()
    code, report, _ = lint_json(str(tmp_path), "--pack", str(pack), env={"SCUSA_LINT_REGEX_TIMEOUT": "0.05"})
    assert time.perf_counter() - started < 120
    assert code == 1
    (notice,) = [n for n in report["notices"] if "XX901" in n]
    assert "trappola.txt" in notice and "(a|aa)+b" in notice and "lento.yaml" in notice
    found = {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in report["files"]}
    assert "XX901" in found["normale.txt"]  # the pattern still runs where it is fast
    assert "XX901" not in found["trappola.txt"]


def test_an_invalid_regex_names_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "rotto.yaml"
    pack.write_text(SLOW_PACK.replace("['(a|aa)+b']", "['(?<nome>a)(?&altro)']"), encoding="utf-8")
    (tmp_path / "m.txt").write_text("Ci scusiamo.\n", encoding="utf-8")
    result = run_cli(str(tmp_path / "m.txt"), "--pack", str(pack), "--no-cache")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{pack}:8:" in result.stderr and "regular expression" in result.stderr


def test_front_matter_that_yaml_parses_but_cannot_build_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(textwrap.dedent("---\nsent: 2026-02-30\n---\nCi scusiamo.\n"), encoding="utf-8")
    result = run_cli(str(path), "--no-cache")
    assert result.returncode == 2
    assert f"{path}:2: malformed front matter" in result.stderr


def test_a_folder_that_cannot_be_listed_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root can list any folder, so listing is made to fail the way it fails for other users."""
    from scusa_lint.inputs import collect

    (tmp_path / "chiusa").mkdir()
    (tmp_path / "chiusa" / "dentro.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "aperta.txt").write_text(BAD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str = ".") -> object:
        if str(path).endswith("chiusa"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors = collect([str(tmp_path)])
    assert [Path(f.path).name for f in files] == ["aperta.txt"]
    (error,) = errors
    assert error.path.endswith("chiusa") and "cannot read folder: Permission denied" in error.message


def test_a_message_that_breaks_a_rule_is_reported_and_the_others_are_linted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bug must cost one message, not the run: it becomes that message's error (exit 2), no traceback."""
    from scusa_lint.kinds.existence import ExistenceRule
    from scusa_lint.run import RunOptions, run
    from scusa_lint.settings import Settings

    real = ExistenceRule.check

    def flaky(self, doc, source):  # type: ignore[no-untyped-def]
        if source.path.endswith("rotto.txt"):
            raise ZeroDivisionError("a bug in a rule")
        return real(self, doc, source)

    monkeypatch.setattr(ExistenceRule, "check", flaky)
    for name in ("prima.txt", "rotto.txt", "dopo.txt"):
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    paths = [str(tmp_path / name) for name in ("prima.txt", "rotto.txt", "dopo.txt")]
    report = run(paths, Settings(), options=RunOptions(cache=True, cache_dir=str(tmp_path / "cache")))
    assert [Path(r.path).name for r in report.results] == ["prima.txt", "dopo.txt"]
    assert all(any(f.code == "SC101" for f in r.findings) for r in report.results)
    (error,) = report.errors
    assert error.path.endswith("rotto.txt") and "ZeroDivisionError: a bug in a rule" in error.message
    run(paths, Settings(), options=RunOptions(cache=True, cache_dir=str(tmp_path / "cache")))
    assert len(list((tmp_path / "cache").rglob("segment-*.json"))) == 1
