"""Which lines a directive covers (trailing: its own line; alone: the next), and which message SC002 names."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from helpers import MACHINERY, write
from scusa_lint.inputs import InputFile, read_sources
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source
from scusa_lint.suppressions import Directive, is_trailing

BLAME = "Il pacco è in ritardo, ma è colpa del corriere."  # SCX101 (fixtures/machinery-pack.yaml)
RULES = ("--isolated", "--pack", MACHINERY, "--select", "SCX101,SC002", "--role", "apology", "--no-cache")


def _linter() -> Linter:
    return Linter(Settings(packs=(MACHINERY,), select=("SCX101", "SC002"), role="apology"))


def _codes(text: str, path: str = "msg.txt") -> list[tuple[str, int]]:
    [result] = _linter().lint([Source.from_text(text, path=path, language="it")])
    return sorted((f.code, f.begin.line) for f in result.findings)


def test_a_trailing_comment_covers_its_own_line() -> None:
    text = f"{BLAME} {{# scusa-lint: disable=BLAME_SHIFT -- the customer's words #}}\n{BLAME}\n"
    assert _codes(text) == [("SCX101", 2)]  # hidden on line 1, not "remove it"


def test_a_comment_alone_covers_the_next_line() -> None:
    text = f"{{# scusa-lint: disable=BLAME_SHIFT -- quoted #}}\n{BLAME}\n{BLAME}\n"
    assert _codes(text) == [("SCX101", 3)]


def test_a_trailing_html_comment_and_a_trailing_comment_with_nothing_to_hide() -> None:
    text = (
        f"<p>{BLAME}</p> <!-- scusa-lint: disable=SCX101 -- quoted -->\n"
        "<p>Ci scusiamo.</p> <!-- scusa-lint: disable=SCX101 -->\n"
    )
    path = "mail.html"
    sources = read_sources_from_text(text, path)
    [result] = _linter().lint(sources)
    assert sorted((f.code, f.begin.line) for f in result.findings) == [("SC002", 2)]


def read_sources_from_text(text: str, name: str) -> list[Source]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        return read_sources(InputFile(str(path), name), None)


def test_is_trailing_reads_the_text_before_the_comment() -> None:
    lines = ["Testo. {# scusa-lint: disable=SC101 #}", "  # scusa-lint: disable=SC101", "body: x  # scusa-lint: x"]
    directive = Directive("disable", ("SC101",), None, 1, 1, "")
    assert is_trailing(directive, lines)
    assert not is_trailing(Directive("disable", ("SC101",), None, 2, 2, ""), lines)
    assert is_trailing(Directive("disable", ("SC101",), None, 3, 3, ""), lines)


def test_yaml_trailing_comment_covers_its_own_message_and_sc002_names_the_right_key(tmp_path: Path) -> None:
    catalog = (
        f"first: Ci scusiamo per il ritardo del pacco.\n"
        f"quoted: {BLAME}  # scusa-lint: disable=SCX101 -- the customer's words\n"
        f"# scusa-lint: disable=SCX101 -- hides nothing\n"
        f"third: Ci scusiamo, il pacco arriva domani.\n"
        f"fourth: {BLAME}\n"
    )
    write(tmp_path, {"it.yml": catalog})
    result = run_cli("check", str(tmp_path / "it.yml"), *RULES, "--output-format", "json")
    found = {
        entry["key"]: sorted((f["code"], f["line"]) for f in entry["findings"])
        for entry in json.loads(result.stdout)["files"]
    }
    assert found == {"first": [], "quoted": [], "third": [("SC002", 3)], "fourth": [("SCX101", 5)]}


def test_po_unused_suppression_names_the_entry_it_sits_above(tmp_path: Path) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n\n'
        'msgctxt "mail.first"\nmsgid "first"\nmsgstr "Ci scusiamo per il ritardo."\n\n'
        "# scusa-lint: disable=SCX101 -- nothing to hide here\n"
        'msgctxt "mail.second"\nmsgid "second"\nmsgstr "Il pacco arriva domani, ci scusiamo."\n'
    )
    write(tmp_path, {"shop.po": po})
    result = run_cli("check", str(tmp_path / "shop.po"), *RULES, "--output-format", "json")
    keyed = [(e["key"], [f["code"] for f in e["findings"]]) for e in json.loads(result.stdout)["files"]]
    assert keyed == [("mail.first", []), ("mail.second", ["SC002"])]
