"""Inline suppressions: next line, blocks, whole file, selectors, comments from readers, and SC002 for unused ones."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import run_cli
from helpers import BAD, MACHINERY, TEST_CONFIG, codes_by_file, write
from scusa_lint.finding import Finding
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Comment, Source
from scusa_lint.suppressions import parse

BLAME = "Il ritardo è colpa del corriere."  # SCX101 on its line (test rules: fixtures/machinery-pack.yaml)


def settings(select: tuple[str, ...] = ("SCX", "SC002"), **other: object) -> Settings:
    """The machinery settings: the test rules, every message an apology (helpers.py says why)."""
    return Settings(packs=(MACHINERY,), select=select, role="apology", **other)  # type: ignore[arg-type]


def lint(text: str, select: tuple[str, ...] = ("SCX", "SC002"), **other: object) -> list[Finding]:
    source = Source.from_text(text, path="msg.txt", language="it")
    return list(Linter(settings(select, **other)).lint([source])[0].findings)


def where(findings: list[Finding]) -> list[tuple[str, int]]:
    return sorted((f.code, f.begin.line) for f in findings)


def test_disable_hides_the_next_non_blank_line_only() -> None:
    text = f"{{# scusa-lint: disable=SCX101 -- quoting the courier's own words #}}\n\n{BLAME}\n{BLAME}\n"
    assert where(lint(text, select=("SCX101", "SC002"))) == [("SCX101", 4)]


def test_disable_enable_block() -> None:
    text = (
        f"{BLAME}\n{{# scusa-lint: disable=SCX101 -- customer's quote #}}\n{BLAME}\n{BLAME}\n"
        f"{{# scusa-lint: enable=SCX101 #}}\n{BLAME}\n"
    )
    assert where(lint(text, select=("SCX101", "SC002"))) == [("SCX101", 1), ("SCX101", 6)]


def test_disable_file_hides_whole_message_findings_on_line_one() -> None:
    text = f"{BLAME}\n{{# scusa-lint: disable-file=SCX120,SCX310 -- a courier notice, not an apology #}}\n"
    assert where(lint(text)) == [("SCX101", 1)]
    trimmed = f"{{#- scusa-lint: disable-file=MISSING_APOLOGY -#}}\n{BLAME}\n"
    assert where(lint(trimmed)) == [("SCX101", 2), ("SCX120", 1)]


def test_selectors_by_name_category_prefix_and_all() -> None:
    for selector in ("courier-blamed-test", "BLAME_SHIFT", "SCX1", "ALL"):
        text = f"{{# scusa-lint: disable={selector} #}}\n{BLAME}\n"
        assert where(lint(text, select=("SCX101", "SC002"))) == [], selector


def test_unused_suppression_is_sc002_at_the_directive() -> None:
    text = (
        "Ci scusiamo per il ritardo.\n  {# scusa-lint: disable=SCX101 -- no longer needed #}\nAbbiamo sbagliato noi.\n"
    )
    findings = lint(text, select=("SCX101", "SC002"))
    assert [(f.code, f.begin.line, f.begin.column, f.match) for f in findings] == [
        ("SC002", 2, 6, "scusa-lint: disable=SCX101")
    ]
    assert "SCX101 hides no finding" in findings[0].message


def test_unknown_malformed_and_unmatched_directives_are_sc002() -> None:
    text = (
        "{# scusa-lint: disable=SC999 #}\nCi scusiamo.\n{# scusa-lint: disabel=SCX101 #}\nCi scusiamo.\n"
        "{# scusa-lint: enable=SCX101 #}\n{# scusa-lint: disable= -- no codes #}\n"
    )
    messages = [f.message for f in lint(text, select=("SC002",))]
    assert len(messages) == 4
    assert "SC999 names no known rule" in messages[0]
    assert "unknown directive 'disabel=SCX101'" in messages[1]
    assert "enable=SCX101 without an earlier disable=SCX101" in messages[2]
    assert "needs rules" in messages[3]


def test_a_suppression_for_a_rule_that_did_not_run_is_not_unused() -> None:
    text = f"{{# scusa-lint: disable=SCX310 -- not selected in this run #}}\n{BLAME}\n"
    assert where(lint(text, select=("SCX101", "SC002"))) == [("SCX101", 2)]


def test_sc002_can_be_ignored_or_suppressed() -> None:
    text = "{# scusa-lint: disable=SC999 #}\nCi scusiamo.\n"
    assert lint(text, select=("SC002",), ignore=("SC002",)) == []
    assert lint("{# scusa-lint: disable-file=SC002 -- migration #}\n" + text, select=("SC002",)) == []


def test_comments_collected_by_a_reader_are_honoured() -> None:
    # A Markdown reader puts <!-- --> comments into Source.comments with their file lines.
    markdown = f"Gentile cliente,\n<!-- scusa-lint: disable=SCX101 -- quoted -->\n{BLAME}\n"
    source = Source.from_text(markdown, path="mail.md", language="it")
    source = replace(source, comments=(Comment(" scusa-lint: disable=SCX101 -- quoted ", 2, 2),))
    findings = Linter(settings(("SCX101", "SC002"))).lint([source])[0].findings
    assert findings == ()


def test_catalog_messages_share_the_file_comments() -> None:
    # Two messages of one catalog file: the directive is used by the second, so it is not unused for the first.
    file_text = f"# scusa-lint: disable=SCX101 -- quoting\nb: {BLAME}\na: Ci scusiamo.\n"
    first = Source(
        path="cat.yaml",
        text="Ci scusiamo.",
        analysis_text="Ci scusiamo.",
        file_text=file_text,
        language="it",
        key="a",
        offsets=tuple(range(file_text.index("Ci scusiamo."), file_text.index("Ci scusiamo.") + 13)),
        comments=(Comment(" scusa-lint: disable=SCX101 -- quoting", 1, 1),),
    )
    start = file_text.index(BLAME)
    second = replace(
        first, text=BLAME, analysis_text=BLAME, key="b", offsets=tuple(range(start, start + len(BLAME) + 1))
    )
    results = Linter(settings(("SCX101", "SC002"))).lint([first, second])
    assert [r.findings for r in results] == [(), ()]


def test_parse_keeps_reason_and_spans_lines() -> None:
    directive = parse(Comment("\n scusa-lint: disable = SCX101, courier-blamed-test -- the customer wrote it\n", 3, 5))
    assert directive is not None
    assert (directive.action, directive.selectors, directive.reason) == (
        "disable",
        ("SCX101", "courier-blamed-test"),
        "the customer wrote it",
    )
    assert parse(Comment(" just a comment about scusa-lint: disable=SCX101", 1, 1)) is None
    trimmed = parse(Comment("- scusa-lint: disable-file=SCX120 -", 1, 1))
    assert trimmed is not None and (trimmed.action, trimmed.selectors, trimmed.reason) == (
        "disable-file",
        ("SCX120",),
        None,
    )


@pytest.mark.parametrize("ignored", ["SCX101", "courier-blamed-test"])
def test_cli_per_file_ignored_rule_makes_no_unused_report(tmp_path: Path, ignored: str) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": TEST_CONFIG
            + f'select = ["SCX101", "SC002"]\n[per-file-ignores]\n"quotes/*" = ["{ignored}"]\n',
            "quotes/a.txt": f"{{# scusa-lint: disable=SCX101 #}}\n{BAD}",
            "b.txt": "{# scusa-lint: disable=SCX101 #}\nCi scusiamo.\n",
        },
    )
    codes = codes_by_file(run_cli(".", "--output-format", "json", cwd=tmp_path))
    assert codes == {"b.txt": ["SC002"], "quotes/a.txt": []}


def test_next_line_directive_in_a_catalog_covers_the_next_message() -> None:
    # .po-like: the directive sits above msgid, the message (and its whole-message findings) starts at msgstr.
    file_text = (
        '# scusa-lint: disable=SCX310 -- a delivery notice\nmsgid "late"\nmsgstr "Il pacco arriva domani."\n\n'
        'msgid "other"\nmsgstr "Il pacco arriva lunedì."\n'
    )

    def message(key: str, text: str) -> Source:
        start = file_text.index(text)
        offsets = tuple(range(start, start + len(text) + 1))
        comment = Comment(" scusa-lint: disable=SCX310 -- a delivery notice", 1, 1)
        return Source("cat.po", text, text, file_text, "it", key=key, offsets=offsets, comments=(comment,))

    results = Linter(settings(("SCX310", "SC002"))).lint(
        [message("late", "Il pacco arriva domani."), message("other", "Il pacco arriva lunedì.")]
    )
    assert [[(f.code, f.begin.line) for f in r.findings] for r in results] == [[], [("SCX310", 6)]]
