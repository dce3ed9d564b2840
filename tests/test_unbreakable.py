"""Hostile inputs (issue 15) never hang a run, crash it or grow its memory without bound.

Each case runs the real CLI in a subprocess under a generous wall-clock guard: the guard is there
to turn a hang into a failure, not to measure speed. Each checks the exit code, the message (file
and line) and that the other files of the run were still linted. On Linux the subprocess also runs
under an address-space limit, so that a run that grows without bound fails here instead of
swapping the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GUARD_SECONDS = 60  # a hang, not a speed: a normal run of these takes a few seconds
MEMORY_GUARD = 4 * 1024**3
OK = "Gentile cliente,\n\nil ritardo della consegna è colpa del corriere. Ci scusiamo per eventuali disagi.\n"


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD, MEMORY_GUARD))


def run_guarded(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, killed (and the test failed) if it runs longer than GUARD_SECONDS."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scusa_lint", *args],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=full_env,
            timeout=GUARD_SECONDS,
            preexec_fn=_limit_memory if sys.platform.startswith("linux") else None,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"scusa-lint {' '.join(args)} still running after {GUARD_SECONDS} s: it hangs")
    assert "Traceback" not in result.stderr, result.stderr
    return result


def lint_json(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, dict, str]:
    result = run_guarded(*args, "--output-format", "json", "--no-cache", cwd=cwd, env=env)
    return result.returncode, json.loads(result.stdout), result.stderr


def linted(report: dict) -> dict[str, list[str]]:
    """File name -> codes found, for every file that was linted."""
    return {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in report["files"]}


def errors(report: dict) -> dict[str, str]:
    return {Path(e["path"]).name: e["message"] for e in report["errors"]}


HOSTILE_TEXTS = {
    "backticks.md": "Ci scusiamo per il ritardo. " + "`" * 30_000 + "\n",
    "backtick-pairs.md": "Ci scusiamo per il ritardo. " + "` x " * 8_000 + "\n",
    "brackets.md": "Ci scusiamo per il ritardo. " + "[" * 20_000 + "x" + "]" * 20_000 + "\n",
    "links.md": "Ci scusiamo per il ritardo. " + "[a](" * 8_000 + "\n",
    "emphasis.md": "Ci scusiamo per il ritardo. " + "*_" * 15_000 + "\n",
    "stars.md": "Ci scusiamo per il ritardo. " + "*a " * 10_000 + "\n",
    "percent.txt": "Ci scusiamo per il ritardo. " + "%" * 30_000 + "\n",
    "percent-words.txt": "Ci scusiamo per il ritardo. " + "% " * 10_000 + "\n",
    "placeholders.j2": "Ci scusiamo per il ritardo, {{ nome }}. " + "{# {{ {% %s ${ " * 6_000 + "\n",
    # Near the message limit (100,000 characters): one "word" of 90,000, and a "sentence" with no full stop.
    "dots.txt": "Ci scusiamo per il ritardo. " + "a." * 45_000 + "\n",
    "no-full-stop.txt": "Ci scusiamo per il ritardo " + "%s e {{ x }} " * 7_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_pathological_markup_is_linted_in_bounded_time(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(HOSTILE_TEXTS[name], encoding="utf-8")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    code, report, _ = lint_json(str(tmp_path))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before  # nothing written without --fix
    assert code == 1
    found = linted(report)
    assert name in found  # linted, not refused: it is text, only odd
    assert "SC101" in found["ok.txt"]


def test_a_yaml_alias_bomb_is_refused_with_file_and_line(tmp_path: Path) -> None:
    lines = ['a: &a ["ci scusiamo", "ci scusiamo", "ci scusiamo", "ci scusiamo", "ci scusiamo"]']
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    bomb = tmp_path / "catalogo.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    code, report, stderr = lint_json(str(bomb), str(tmp_path / "ok.txt"))
    assert code == 2
    assert "alias bomb" in errors(report)["catalogo.yaml"]
    assert f"{bomb}:6: YAML refused: aliases stand for more than 100,000 values" in stderr
    assert "SC101" in linted(report)["ok.txt"]


def test_yaml_and_json_nested_beyond_reason_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "profondo.yaml").write_text("a:\n  b: " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    (tmp_path / "profondo.json").write_text('{"a":\n' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    (tmp_path / "ricorsivo.yaml").write_text("a: &a [uno, *a]\n", encoding="utf-8")
    (tmp_path / "fronte.txt").write_text("---\na: &a [x, x]\nb: &b [*a, *a]\n" + "".join(
        f"{chr(99 + i)}: &{chr(99 + i)} [" + ", ".join([f"*{chr(98 + i)}"] * 20) + "]\n" for i in range(6)
    ) + "---\nCi scusiamo.\n", encoding="utf-8")  # fmt: skip
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    names = ["profondo.yaml", "profondo.json", "ricorsivo.yaml", "fronte.txt", "ok.txt"]
    code, report, stderr = lint_json(*(str(tmp_path / n) for n in names))
    assert code == 2
    found = errors(report)
    assert "nested more than 64 levels" in found["profondo.yaml"]
    assert "nested more than 64 levels" in found["profondo.json"]
    assert "refers to a collection that contains it" in found["ricorsivo.yaml"]
    assert "alias bomb" in found["fronte.txt"]
    assert f"{tmp_path / 'profondo.yaml'}:2:" in stderr and f"{tmp_path / 'profondo.json'}:2:" in stderr
    assert f"{tmp_path / 'ricorsivo.yaml'}:1:" in stderr
    assert "SC101" in linted(report)["ok.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_a_folder_is_skipped_and_reported(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tubo.txt")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    code, report, _ = lint_json(str(tmp_path))
    assert code == 1  # a skipped FIFO is not an error: the folder was linted
    assert list(linted(report)) == ["ok.txt"]
    skipped = {"path": str(tmp_path / "tubo.txt"), "reason": "a FIFO (named pipe), not a regular file"}
    assert skipped in report["skipped_files"]  # the skipped files of the walk, with the reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_or_a_device_named_on_the_command_line_is_an_input_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tubo.txt")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    code, report, stderr = lint_json(str(tmp_path / "tubo.txt"), "/dev/zero", str(tmp_path / "ok.txt"))
    assert code == 2
    assert f"input error: {tmp_path / 'tubo.txt'}: a FIFO (named pipe), not a regular file" in stderr
    assert "input error: /dev/zero: a character device, not a regular file" in stderr
    assert "SC101" in linted(report)["ok.txt"]


def test_stdin_is_still_read_when_named(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scusa_lint", "-", "--no-cache", "--output-format", "concise"],
        input=OK,
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1 and "-:3:" in result.stdout and "SC101" in result.stdout


@pytest.mark.parametrize("option", ["--pack", "--vocabulary"])
@pytest.mark.parametrize("device", ["/dev/zero", "fifo"])
def test_pack_and_vocabulary_must_be_regular_files(tmp_path: Path, option: str, device: str) -> None:
    if device == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this platform")
        device = str(tmp_path / "tubo.yaml")
        os.mkfifo(device)
    elif not Path(device).exists():
        pytest.skip("no /dev/zero on this platform")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    result = run_guarded(str(tmp_path / "ok.txt"), option, device, "--no-cache")
    assert result.returncode == 2
    kind = "pack error" if option == "--pack" else "config error"
    assert f"scusa-lint: {kind}: {device}: a " in result.stderr and "not a regular file" in result.stderr


def test_pack_vocabulary_and_config_have_size_limits(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    vocabulary = tmp_path / "parole.txt"
    vocabulary.write_text("ScusaPay\n" * 200, encoding="utf-8")
    env = {"SCUSA_LINT_MAX_VOCABULARY_SIZE": "1000"}
    result = run_guarded(str(tmp_path / "ok.txt"), "--vocabulary", str(vocabulary), "--no-cache", env=env)
    assert result.returncode == 2
    assert f"config error: {vocabulary}: vocabulary file too large: more than 1,000 bytes" in result.stderr
    assert "SCUSA_LINT_MAX_VOCABULARY_SIZE" in result.stderr
    pack = tmp_path / "grande.yaml"  # larger than the limit set here, which the shipped packs (~50 KB) are not
    machinery = (ROOT / "tests" / "fixtures" / "machinery-pack.yaml").read_text(encoding="utf-8")
    pack.write_text(machinery + "# riempitivo\n" * 20_000, encoding="utf-8")
    env = {"SCUSA_LINT_MAX_PACK_SIZE": "200000"}
    result = run_guarded(str(tmp_path / "ok.txt"), "--pack", str(pack), "--no-cache", env=env)
    assert result.returncode == 2 and f"pack error: {pack}: rule pack too large" in result.stderr
    config = tmp_path / ".scusa-lint.toml"
    config.write_text('select = ["ALL"]\n' + "# commento\n" * 100, encoding="utf-8")
    result = run_guarded(str(tmp_path / "ok.txt"), env={"SCUSA_LINT_MAX_CONFIG_SIZE": "500"})
    assert result.returncode == 2 and f"config error: {config}: config too large" in result.stderr


def test_file_and_message_size_limits_are_configurable_input_errors(tmp_path: Path) -> None:
    (tmp_path / ".scusa-lint.toml").write_text("max-file-size = 2000\nmax-message-length = 600\n", encoding="utf-8")
    (tmp_path / "grande.txt").write_text(OK * 30, encoding="utf-8")  # about 3 KB
    (tmp_path / "lungo.txt").write_text(OK * 7, encoding="utf-8")  # about 700 characters
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    code, report, stderr = lint_json(str(tmp_path))
    assert code == 2
    found = errors(report)
    assert "file too large: more than 2,000 bytes, the limit (raise it with max-file-size)" in found["grande.txt"]
    assert "too long to lint as one message" in found["lungo.txt"] and "the limit is 600" in found["lungo.txt"]
    assert list(linted(report)) == ["ok.txt"]
    for name in ("grande.txt", "lungo.txt"):
        assert str(tmp_path / name) in stderr


DEEP_TOML = "select = " + "[" * 100_000 + "]" * 100_000 + "\n"


def test_a_config_nested_beyond_reason_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".scusa-lint.toml").write_text(DEEP_TOML, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    found = run_guarded(str(tmp_path), "--no-cache")
    assert found.returncode == 2
    assert f"config error: {tmp_path / '.scusa-lint.toml'}:1: nested more than 64 levels deep" in found.stderr
    other = tmp_path / "altro"
    other.mkdir()
    (other / "ok.txt").write_text(OK, encoding="utf-8")
    named = run_guarded(str(other), "--config", str(tmp_path / ".scusa-lint.toml"), "--no-cache")
    assert named.returncode == 2
    assert f"{tmp_path / '.scusa-lint.toml'}:1: nested more than 64 levels deep" in named.stderr


def test_toml_the_parser_rejects_is_a_config_error_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / ".scusa-lint.toml"
    config.write_text('select = ["ALL"]\nignore = ["SC1"\nfail-on = "warning"\n', encoding="utf-8")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    result = run_guarded(str(tmp_path), "--no-cache")
    assert result.returncode == 2
    assert f"config error: {config}:3: invalid TOML" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="as root, permissions do not block reads")
def test_a_fifo_in_a_folder_that_cannot_be_read(tmp_path: Path) -> None:
    locked = tmp_path / "chiusa"
    locked.mkdir()
    os.mkfifo(locked / "tubo.txt")
    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    locked.chmod(0)
    try:
        code, report, stderr = lint_json(str(tmp_path), str(locked / "tubo.txt"))
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert "cannot read folder" in stderr and f"{locked / 'tubo.txt'}: cannot read" in stderr
    assert "SC101" in linted(report)["ok.txt"]


def test_a_path_that_cannot_be_examined_is_an_input_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root may search any folder, so examining the path is made to fail as it does for other users."""
    from scusa_lint.inputs import collect

    (tmp_path / "ok.txt").write_text(OK, encoding="utf-8")
    locked = str(tmp_path / "chiusa" / "tubo.txt")
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    files, found = collect([locked, str(tmp_path / "ok.txt")])
    assert [Path(f.path).name for f in files] == ["ok.txt"]
    (error,) = found
    assert error.path == locked and error.message == "cannot read: Permission denied"
