"""--fix, --unsafe-fixes, --diff: safe and unsafe replacements, bytes kept (BOM, CRLF, mode), atomic writes."""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli
from helpers import write
from scusa_lint import atomic

PACK = str(Path(__file__).parent / "fixtures" / "fix-pack.yaml")
TEXT = "Ci scusiamo per il disguido e per eventuali disagi.\n"


def fix_cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(
        *args, "--isolated", "--pack", PACK, "--select", "SCX", "--output-format", "concise", cwd=cwd, env=env
    )


def test_fix_applies_only_safe_fixes_and_reports_what_remains(tmp_path: Path) -> None:
    write(tmp_path, {"msg.txt": TEXT})
    result = fix_cli(tmp_path, "msg.txt", "--fix")
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == "Ci scusiamo per il errore e per eventuali disagi.\n"
    assert result.returncode == 1  # SCX902 (unsafe) is still there
    assert "SCX902" in result.stdout and "SCX901" not in result.stdout
    assert "fixed 1 problem in 1 file" in result.stdout
    assert "1 more fix available with --unsafe-fixes" in result.stdout


def test_unsafe_fixes_apply_the_others_too(tmp_path: Path) -> None:
    write(tmp_path, {"msg.txt": TEXT})
    result = fix_cli(tmp_path, "msg.txt", "--fix", "--unsafe-fixes")
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == "Ci scusiamo per il errore e per il disagio.\n"
    assert result.returncode == 0, result.stdout
    assert "fixed 2 problems in 1 file" in result.stdout


def test_diff_shows_changes_without_writing(tmp_path: Path) -> None:
    write(tmp_path, {"msg.txt": TEXT, "clean.txt": "Ci scusiamo per l'errore.\n"})
    result = fix_cli(tmp_path, "msg.txt", "--diff", "--unsafe-fixes")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "--- a/msg.txt",
        "+++ b/msg.txt",
        "@@ -1 +1 @@",
        "-Ci scusiamo per il disguido e per eventuali disagi.",
        "+Ci scusiamo per il errore e per il disagio.",
    ]
    assert "Would fix 2 problems in 1 file." in result.stderr
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == TEXT
    nothing = fix_cli(tmp_path, "clean.txt", "--diff")
    assert nothing.returncode == 0 and nothing.stdout == ""


def test_bom_crlf_and_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "msg.txt"
    original = "\ufeffGentile cliente,\r\nci scusiamo per il disguido.\r\nCordiali saluti\r\n".encode()
    path.write_bytes(original)
    os.chmod(path, 0o604)
    result = fix_cli(tmp_path, "msg.txt", "--fix")
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == original.replace(b"disguido", b"errore")
    assert path.stat().st_mode & 0o777 == 0o604
    # No temporary file is left behind (the result cache has its own folder).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".scusa-lint-cache") == ["msg.txt"]


def test_overlapping_fixes_take_two_passes(tmp_path: Path) -> None:
    write(tmp_path, {"msg.txt": "Ci scusiamo per il piccolo disguido.\n"})
    fix_cli(tmp_path, "msg.txt", "--fix")
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == "Ci scusiamo per il grave errore.\n"


def test_catalogs_and_stdin_are_not_fixed(tmp_path: Path) -> None:
    write(tmp_path, {"messages.yaml": "late: Ci scusiamo per il disguido.\n"})
    result = fix_cli(tmp_path, "messages.yaml", "--fix")
    assert (tmp_path / "messages.yaml").read_text(encoding="utf-8") == "late: Ci scusiamo per il disguido.\n"
    assert "messages.yaml: not fixed (.yaml files need the format's escaping)" in result.stdout
    piped = run_cli("-", "--fix", "--isolated", "--pack", PACK, "--select", "SCX901", input=TEXT, cwd=tmp_path)
    assert "-: not fixed (only files on disk are fixed)" in piped.stdout


def test_a_file_changed_since_linting_is_not_overwritten(tmp_path: Path) -> None:
    from scusa_lint import fixes

    path = tmp_path / "msg.txt"
    path.write_text(TEXT, encoding="utf-8")
    plan = fixes.FilePlan(str(path), TEXT.encode(), b"new")
    path.write_text("edited by someone else\n", encoding="utf-8")
    notices: list[str] = []
    assert fixes.write([plan], notices) == []
    assert notices == [f"{path}: not fixed (it changed while it was being fixed)"]
    assert path.read_text(encoding="utf-8") == "edited by someone else\n"


def test_write_atomic_failure_leaves_original_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "msg.txt"
    path.write_bytes(b"original")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        atomic.write_atomic(path, b"new content")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["msg.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_fixing_leaves_the_original_intact(tmp_path: Path) -> None:
    # A large file; the fixing process is paused after its temporary file is complete and killed there.
    line = "Ci scusiamo per il disguido con la consegna del Suo ordine di ieri.\n"
    original = (line * 800).encode()  # ~55 kB (the sentence splitter is quadratic on huge files)
    path = tmp_path / "big.txt"
    path.write_bytes(original)
    expected_size = len(original.replace(b"disguido", b"errore"))
    env = {**os.environ, "NO_COLOR": "1", atomic.PAUSE_ENV: "60"}
    command = [
        sys.executable,
        "-m",
        "scusa_lint",
        "big.txt",
        "--fix",
        "--isolated",
        "--pack",
        PACK,
        "--select",
        "SCX901",
    ]
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        temp: list[Path] = []
        while time.monotonic() < deadline and process.poll() is None:
            temp = list(tmp_path.glob(".big.txt.*.scusa-lint.tmp"))
            if temp and temp[0].stat().st_size == expected_size:
                break
            time.sleep(0.05)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert temp and temp[0].stat().st_size == expected_size, "the temporary file was never completed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert path.read_bytes() == original  # the original was never touched
    # The next run fixes the file normally (the leftover temporary file is a dotfile, never linted).
    result = fix_cli(tmp_path, "big.txt", "--fix")
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == original.replace(b"disguido", b"errore")


def test_legacy_and_utf16_files_keep_their_encoding(tmp_path: Path) -> None:
    from scusa_lint import fixes

    for name, data in {
        "cp1252.txt": "Ci scusiamo perché il disguido è nostro.\n".encode("cp1252"),
        "utf16.txt": codecs.BOM_UTF16_LE + "Ci scusiamo per il disguido.\r\n".encode("utf-16-le"),
    }.items():
        decoded = fixes.decode_exact(data)
        assert decoded is not None, name
        text, encoding, bom = decoded
        assert "disguido" in text
        assert fixes.encode(text.replace("disguido", "errore"), encoding, bom) == data.replace(
            "disguido".encode(encoding), "errore".encode(encoding)
        )


def test_diff_of_a_file_without_final_line_break_applies_with_patch(tmp_path: Path) -> None:
    import shutil

    write(tmp_path, {"msg.txt": "Gentile cliente,\nci scusiamo per il disguido."})
    result = fix_cli(tmp_path, "msg.txt", "--diff")
    assert result.returncode == 1
    assert "\\ No newline at end of file" in result.stdout
    if shutil.which("patch") is None:
        pytest.skip("the patch tool is not installed")
    subprocess.run(["patch", "-p1", "-s"], input=result.stdout, text=True, cwd=tmp_path, check=True)
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == "Gentile cliente,\nci scusiamo per il errore."


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_files_are_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "msg.txt"
    path.write_text(TEXT, encoding="utf-8")
    os.chmod(path, 0o444)
    with pytest.raises(PermissionError, match="read-only"):
        atomic.write_atomic(path, b"new")
    assert path.read_text(encoding="utf-8") == TEXT
    result = fix_cli(tmp_path, "msg.txt", "--fix")  # the CLI says so and goes on
    assert "msg.txt: not fixed (" in result.stdout and "read-only" in result.stdout
    assert result.returncode == 1 and "SCX901" in result.stdout
    assert path.read_text(encoding="utf-8") == TEXT


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_symbolic_links_are_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    fix_cli(tmp_path, "link.txt", "--fix")
    assert (tmp_path / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("Ci scusiamo per il errore")


def test_a_shipped_rule_s_safe_fix_rewrites_the_hedge_and_sarif_carries_it(tmp_path: Path) -> None:
    """SC316 ships one obvious rewrite («per eventuali disagi» → «per i disagi»): --fix applies it."""
    import json

    text = "Gentile cliente,\nci scusiamo per eventuali disagi causati dal ritardo.\n"
    write(tmp_path, {"msg.txt": text})
    sarif = json.loads(
        run_cli("msg.txt", "--isolated", "--select", "SC316", "--output-format", "sarif", cwd=tmp_path).stdout
    )
    (result,) = sarif["runs"][0]["results"]
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "per i disagi"
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == text  # nothing changes without --fix
    run_cli("msg.txt", "--isolated", "--select", "SC316", "--fix", cwd=tmp_path)
    assert (tmp_path / "msg.txt").read_text(encoding="utf-8") == text.replace("per eventuali disagi", "per i disagi")


def test_the_whole_run_fixes_the_hedge_and_keeps_the_conditional_apology_finding(tmp_path: Path) -> None:
    """With every rule on, SC301's finding stays where it was and SC316's safe fix is applied by --fix."""
    text = "Gentile cliente,\nci scusiamo per eventuali disagi causati dal ritardo del corriere di ieri.\n"
    write(tmp_path, {"msg.txt": text})
    before = run_cli("msg.txt", "--isolated", "--no-cache", "--output-format", "concise", cwd=tmp_path).stdout
    assert "SC301" in before and "SC316" in before
    run_cli("msg.txt", "--isolated", "--no-cache", "--fix", cwd=tmp_path)
    fixed = (tmp_path / "msg.txt").read_text(encoding="utf-8")
    assert fixed == text.replace("per eventuali disagi", "per i disagi")
