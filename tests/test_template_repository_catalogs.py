"""Issue 11's scenario: a template repository of catalogs, linted by the README's CI recipes and by pre-commit.

The repository holds a Rails-style `it.yml` (mailers and UI strings, metadata keys, a trailing
suppression), a `.po` with HTML values and a `Language:` header, an English help-desk JSON with no
language in its name, Markdown and HTML templates, a GitHub workflow and a deploy file that are
configuration. Every text is written for this test.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from helpers import write

IT_YML = """\
it:
  mailers:
    ritardo:
      subject: "Il tuo ordine è in ritardo"
      body: "Gentile cliente, il ritardo è colpa del corriere. Attendiamo un suo riscontro entro domani."
      channel: email
      tags: [ritardo, corriere]
    citazione:
      body: "Ci ha scritto: il ritardo è colpa del corriere."  # scusa-lint: disable=BLAME_SHIFT -- sue parole
  ui:
    buttons:
      save: Salva
"""

SHOP_PO = """\
msgid ""
msgstr ""
"Language: it_IT\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: templates/mail/late.html:3
msgctxt "mail.late.body"
msgid "Late parcel"
msgstr "<p>Gentile {{ nome }},</p><p>ci scusiamo per eventuali disagi: il ritardo &egrave; colpa del "
"corriere.</p>"
"""

REPLIES = {
    "macros": [
        {
            "id": 41,
            "sender": "Support team",
            "tags": ["refund"],
            "text": "We are sorry for the delay, but the courier lost your parcel. Please reply within two days.",
        }
    ]
}

MARKDOWN = """\
# Rimborso

Gentile {{ nome }}, ci scusiamo: il rimborzo del Suo ordine è partito oggi, per un nostro errore era fermo.
"""

HTML = """<html><body>
<p>Gentile {{ nome }},</p>
<p>ci scusiamo per il ritardo &egrave; stato un nostro errore.</p>
</body></html>
"""

WORKFLOW = """\
name: scusa-lint
on: [push, pull_request]
jobs:
  templates:
    runs-on: ubuntu-latest
    steps:
      - name: Annotate the pull request with every problem the linter finds in the templates
        run: scusa-lint templates/ --output-format github
"""

DEPLOY = "jobs:\n  deploy:\n    steps:\n      - run: ./publish-the-customer-templates-to-the-mail-server.sh\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {
            "templates/locales/it.yml": IT_YML,
            "templates/po/it/LC_MESSAGES/shop.po": SHOP_PO,
            "templates/helpdesk/replies.json": json.dumps(REPLIES),
            "templates/mails/rimborso.md": MARKDOWN,
            "templates/mails/ritardo.html": HTML,
            "templates/deploy.yml": DEPLOY,
            ".github/workflows/scusa-lint.yml": WORKFLOW,
        },
    )
    return tmp_path


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--isolated", "--no-cache", cwd=repo)


def test_readme_ci_recipes_on_a_template_repository(repo: Path) -> None:
    document = json.loads(_run(repo, "templates/", "--output-format", "json").stdout)
    files = document["files"]
    by_key = {(Path(f["path"]).name, f["key"]): f for f in files}

    # Catalogs are linted on a folder walk; configuration is not, and says why.
    assert {Path(f["path"]).name for f in files} == {"it.yml", "shop.po", "replies.json", "rimborso.md", "ritardo.html"}
    assert [(Path(s["path"]).name, s["reason"]) for s in document["skipped_files"]] == [
        ("deploy.yml", "configuration (top-level jobs)")
    ]
    # Only message keys: metadata (channel, tags, sender, id) is not linted.
    keys = {key for _, key in by_key if key}
    assert not {k for k in keys if re.search(r"(channel|tags\[\d\]|sender)$", k)}
    assert {"it.mailers.ritardo.body", "it.mailers.ritardo.subject", "mail.late.body", "macros[0].text"} <= keys
    # Languages without -l: the locale key, the .po header, detection for the unnamed help-desk JSON.
    assert by_key[("it.yml", "it.mailers.ritardo.body")]["language"] == "it"
    assert by_key[("shop.po", "mail.late.body")]["language_from"] == ".po header Language: it_IT"
    english = by_key[("replies.json", "macros[0].text")]
    assert english["language"] == "en" and english["language_from"].startswith("detected en")
    # HTML in a .po value: the blame is found on its words, not on tags or entities.
    po_codes = {f["code"] for f in by_key[("shop.po", "mail.late.body")]["findings"]}
    assert "SC101" in po_codes and not any(
        f["category"] == "TYPO" for f in by_key[("shop.po", "mail.late.body")]["findings"]
    )
    # The trailing suppression hides the quoted blame, and is not reported as unused.
    quoted = {f["code"] for f in by_key[("it.yml", "it.mailers.citazione.body")]["findings"]}
    assert "SC101" not in quoted and "SC002" not in quoted
    assert "SC101" in {f["code"] for f in by_key[("it.yml", "it.mailers.ritardo.body")]["findings"]}

    # The README's recipes: SARIF for code scanning, GitHub annotations, JUnit; they agree on the counts.
    total = sum(len(f["findings"]) for f in files)
    sarif = _run(repo, "templates/", "--output-format", "sarif", "-o", "scusa-lint.sarif", "--exit-zero")
    assert sarif.returncode == 0 and sarif.stdout == ""
    results = json.loads((repo / "scusa-lint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    github = _run(repo, "templates/", "--output-format", "github")
    assert github.returncode == 1
    annotations = [line for line in github.stdout.splitlines() if line.startswith(("::error", "::warning", "::notice"))]
    junit = _run(repo, "templates/", "--output-format", "junit", "-o", "scusa-lint-junit.xml")
    root = ET.parse(repo / "scusa-lint-junit.xml").getroot()
    listed = [line for case in root.iter("testcase") for tag in ("failure", "system-out")
              if (node := case.find(tag)) is not None for line in (node.text or "").splitlines()]  # fmt: skip
    assert junit.returncode == 1
    assert len(results) == len(annotations) == len(listed) == total > 0
    assert root.get("tests") == str(len(files))  # one case per message

    # A spelling fix that makes the text right («rimborzo» has one clear correction).
    run_cli("templates/mails/rimborso.md", "--isolated", "--no-cache", "--select", "TYPO", "--fix", "--unsafe-fixes",
            cwd=repo)  # fmt: skip
    assert "il rimborso del Suo ordine" in (repo / "templates/mails/rimborso.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_pre_commit_on_the_template_repository(repo: Path) -> None:
    if shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None:
        pytest.skip("needs git and the pre-commit package")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout; pre-commit try-repo needs one")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PRE_COMMIT_HOME")}
    env |= {"NO_COLOR": "1", "PRE_COMMIT_COLOR": "never", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "scusa-lint", "--all-files", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "templates/locales/it.yml:5:" in out and "SC101" in out  # the catalog fails the hook, as CI does
    assert "templates/po/it/LC_MESSAGES/shop.po" in out
    assert not re.search(r"(deploy\.yml|scusa-lint\.yml):\d+:\d+:", out)  # configuration is never linted
