"""Suppressions in each format's own comment syntax, read by the real readers (HTML, Markdown, YAML, .po).

These run once the readers are registered (they arrive from the readers branch); until then they
are skipped with that reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from helpers import TEST_RULES, write
from scusa_lint.readers import READERS

pytestmark = pytest.mark.skipif(
    not {".html", ".md", ".yaml", ".po"} <= set(READERS),
    reason="needs the HTML, Markdown, YAML and .po readers (readers branch) to collect comments",
)

FILES = {
    "a.html": (
        "<html><body>\n<p>Ci scusiamo per il ritardo.</p>\n"
        "<!-- scusa-lint: disable=SCX101 -- the customer's words -->\n<p>Il ritardo è colpa del corriere.</p>\n"
        "<!-- scusa-lint: disable=SCX310 -- nothing to hide -->\n<p>Abbiamo sbagliato noi.</p>\n</body></html>\n"
    ),
    "b.md": (
        "<!-- scusa-lint: disable-file=SCX120 -- a status update -->\n# Aggiornamento\n\n"
        "Ci scusiamo: il ritardo è colpa del corriere.\n"
    ),
    "c.yaml": (
        "apology:\n  # scusa-lint: disable=SCX310 -- a shipping notice, not an apology\n"
        '  notice: "Il pacco arriva domani."\n  late: "Il pacco arriva lunedì."\n'
    ),
    "d.po": (
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n\n# scusa-lint: disable=SCX310 -- a notice\n'
        'msgid "notice"\nmsgstr "Il pacco arriva domani."\n\nmsgid "late"\nmsgstr "Il pacco arriva lunedì."\n'
    ),
}


def test_directives_in_html_markdown_yaml_and_po_comments(tmp_path: Path) -> None:
    write(tmp_path, FILES)
    result = run_cli(*FILES, *TEST_RULES, "--output-format", "json-lines", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = sorted((f["path"], f["key"], f["code"], f["line"]) for f in map(json.loads, result.stdout.splitlines()))
    assert found == [
        ("a.html", None, "SC002", 5),  # disable=SCX310 hid nothing
        ("a.html", None, "SCX120", 2),  # SCX101 on line 4 hidden by the comment above it
        ("b.md", None, "SCX101", 4),  # SCX120 hidden by disable-file
        ("c.yaml", "apology.late", "SCX120", 4),
        ("c.yaml", "apology.late", "SCX310", 4),  # only the next message is covered
        ("c.yaml", "apology.notice", "SCX120", 3),
        ("d.po", "late", "SCX120", 10),
        ("d.po", "late", "SCX310", 10),
        ("d.po", "notice", "SCX120", 7),  # the directive above msgid covers the msgstr below it
    ]
