"""What users of the human and CI formats rely on: no escape codes when asked, carets by display width,
--statistics as a table only (or JSON)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.text import Text

from conftest import run_cli
from scusa_lint.console import make_console
from scusa_lint.finding import Finding, MessageResult, Position
from scusa_lint.output import EmitOptions, full
from scusa_lint.report import Report
from scusa_lint.taxonomy import Category, Level

BLAME = "Il ritardo è colpa del corriere.\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:  # a terminal: rich would style its output
        return True


def _styled(console_color: str) -> str:
    stream = _Terminal()
    make_console(console_color, file=stream).print(Text("bold and dim", style="bold dim"))
    return stream.getvalue()


def test_color_never_and_no_color_mean_no_escape_codes_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" in _styled("auto")  # a terminal, nothing said: styled
    assert "\x1b[" not in _styled("never")  # bold and dim included
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _styled("auto")
    assert "\x1b[" in _styled("always")  # the explicit option wins over the environment


def test_caret_sits_under_the_match_by_display_width() -> None:
    sentence = "😡 Il ritardo è colpa del corriere."  # the emoji takes two columns
    start = sentence.index("colpa")
    at = Position(1, start + 1)
    finding = Finding("SC101", "blame-on-others", Category.BLAME_SHIFT, Level.ERROR, "m", start, start + 5,
                      at, at, "colpa", context=(sentence, start, start + 5))  # fmt: skip
    stream = io.StringIO()
    report = Report(results=[MessageResult("a.txt", "it", "p", (finding,))])
    full.emit(report, make_console("never", file=stream), EmitOptions(fail_on=Level.WARNING, quiet=True))
    lines = stream.getvalue().splitlines()
    text_line = next(line for line in lines if "colpa" in line and line.startswith("    "))
    caret_line = next(line for line in lines if "^" in line)
    # Columns on screen: everything before «colpa» is one column wider than its characters.
    assert caret_line.index("^") == text_line.index("colpa") + 1
    assert caret_line.count("^") == 5


def test_statistics_prints_the_table_only_and_json_with_machine_formats(tmp_path: Path) -> None:
    path = tmp_path / "bozza.txt"
    path.write_text(BLAME, encoding="utf-8")
    table = run_cli(str(path), "--isolated", "--no-cache", "-l", "it", "--statistics")
    assert "SC101" in table.stdout and "blame-on-others" in table.stdout
    assert "^" not in table.stdout and "Found" not in table.stdout  # no findings, no summary
    machine = run_cli(str(path), "--isolated", "--no-cache", "-l", "it", "--statistics", "--output-format", "json")
    rows = json.loads(machine.stdout)
    assert {"code": "SC101", "name": "blame-on-others", "level": "error", "count": 1} in rows


def test_skipped_rules_line_only_with_v_or_when_the_rule_was_named(tmp_path: Path) -> None:
    path = tmp_path / "bozza.txt"
    path.write_text(BLAME, encoding="utf-8")
    plain = run_cli(str(path), "--isolated", "--no-cache", "-l", "it")
    assert "rule(s) skipped" not in plain.stdout  # the default selection: nothing the user asked for
    verbose = run_cli(str(path), "--isolated", "--no-cache", "-l", "it", "-v")
    assert verbose.stdout.count("rule(s) skipped") == 1
    named = run_cli(str(path), "--isolated", "--no-cache", "-l", "it", "--select", "SC101,SC902")
    assert named.stdout.count("rule(s) skipped") == 1 and "LanguageTool" in named.stdout


def test_help_texts_name_only_rules_that_exist() -> None:
    rules = json.loads(run_cli("rules", "--output-format", "json").stdout)
    known = {r["code"] for r in rules} | {r["name"] for r in rules}
    helps = [run_cli(*command, "--help").stdout for command in ([], ["rules"], ["explain"], ["config"], ["doctor"])]
    named = set()
    for text in helps:
        flat = " ".join(text.split())  # click wraps lines anywhere
        named |= set(re.findall(r"\b(SC\d{3})\b", flat))
        named |= set(re.findall(r"\bname \(([a-z]+(?:-[a-z]+)+)\)", flat))
    assert "SC101" in named and "blame-on-others" in named  # the examples are found at all
    assert named <= known, named - known
