"""scripts/catalog_survey.py on a tiny template repository written here, with real scusa-lint runs.

The expected counts are not written down: they come from running scusa-lint directly on the same
files, so the test checks that the survey names the right files, in the right language, and adds up
what scusa-lint reports (messages, messages with a finding other than TYPO, codes), while saying
which files it skipped and why, and which could not be read.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "catalog_survey.py"
BINARY = Path(sys.executable).parent / "scusa-lint"

# Written for this test: a Rails-style locale file, a JSON catalog, a .po with a Language header,
# an apology draft in a language folder, an English note, and the files a template repository holds
# beside them (a CI workflow, package.json, a Twig template, a broken catalog).
FILES = {
    "config/locales/it.yml": (
        "it:\n"
        "  mailer:\n"
        "    shipped:\n"
        "      subject: Il tuo ordine è in viaggio\n"
        "      body: Ciao, abbiamo consegnato il pacco al corriere. Puoi seguirlo con il link qui sotto.\n"
        "  buttons:\n"
        "    save: Salva\n"
    ),
    "locales/messages.en.json": json.dumps(
        {"order": {"shipped": "Good news: your parcel left our warehouse today.", "cta": "Track it"}}
    ),
    "po/shop.po": (
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Order received"\nmsgstr "Abbiamo ricevuto il tuo ordine"\n\n'
        'msgid "Password reset"\nmsgstr "Ecco il link per scegliere una nuova password"\n'
    ),
    "mails/it/ritardo.txt": "Il pacco è in ritardo, ma la colpa è del corriere.\n",
    "notes.md": "Thank you for writing to us. We will answer your question within two working days.\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n",
    "package.json": '{"name": "templates", "private": true}\n',
    "mails/order.html.twig": "<p>{{ order.number }}</p>\n",
    "broken.yml": "greeting: [\n",
}
LINTED = {
    "config/locales/it.yml": ("it", "file name"),
    "locales/messages.en.json": ("en", "file name"),
    "po/shop.po": ("it", "po header"),
    "mails/it/ritardo.txt": ("it", "folder name"),
    "notes.md": ("en", "function words"),
}
SKIPPED = {
    ".github/workflows/ci.yml": "configuration file (.github/)",
    "package.json": "configuration file",
    "mails/order.html.twig": "format scusa-lint does not read (.twig)",
}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog_survey", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalog_survey"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BINARY.is_file():
        pytest.skip(f"the scusa-lint executable is not installed beside {sys.executable}")
    root = tmp_path_factory.mktemp("templates")
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def survey(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600, check=False
    )


def direct(root: Path, language: str, names: list[str]) -> dict[str, Any]:
    """scusa-lint itself on the named files: what the survey has to add up."""
    result = subprocess.run(
        [str(BINARY), "check", "--output-format", "json", "--exit-zero", "--isolated", "--language", language]
        + [str(root / name) for name in names],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def expected(root: Path) -> dict[str, tuple[int, int, Counter[str]]]:
    """path -> (messages, messages with a non-TYPO finding, code -> messages) from direct runs."""
    figures: dict[str, tuple[int, int, Counter[str]]] = {}
    for language in ("it", "en"):
        names = [name for name, (lang, _) in LINTED.items() if lang == language]
        for entry in direct(root, language, names)["files"]:
            path = str(Path(entry["path"]).resolve())
            messages, flagged, codes = figures.get(path, (0, 0, Counter()))
            findings = entry["findings"]
            flagged += any(f["category"] != "TYPO" for f in findings)
            codes.update({f["code"] for f in findings})
            figures[path] = (messages + 1, flagged, codes)
    return figures


@pytest.fixture(scope="module")
def auto_run(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Any]:
    out = tmp_path_factory.mktemp("out") / "survey.json"
    result = survey(str(catalog), "--scusa-lint", str(BINARY), "--sample", "3", "--json", str(out))
    assert result.returncode == 0, result.stderr
    return result, json.loads(out.read_text(encoding="utf-8"))


def test_counts_match_scusa_lint_itself(catalog: Path, auto_run: tuple[Any, Any]) -> None:
    _, figures = auto_run
    files = {str(Path(f["path"]).resolve()): f for f in figures["files"]}
    want = expected(catalog)
    assert want, "scusa-lint reported no message at all on the test catalog"
    for path, (messages, flagged, codes) in want.items():
        assert files[path]["status"] == "linted"
        assert files[path]["messages"] == messages, path
        assert files[path]["flagged_non_typo"] == flagged, path
        assert files[path]["codes"] == dict(codes), path
    assert figures["messages"] == sum(m for m, _, _ in want.values())
    assert figures["flagged_non_typo"] == sum(f for _, f, _ in want.values())
    every = Counter[str]()
    for _, _, codes in want.values():
        every.update(codes)
    assert figures["codes"] == dict(every)


def test_each_catalog_gets_its_language(catalog: Path, auto_run: tuple[Any, Any]) -> None:
    _, figures = auto_run
    files = {Path(f["path"]).resolve(): f for f in figures["files"]}
    for name, (language, source) in LINTED.items():
        entry = files[(catalog / name).resolve()]
        assert (entry["language"], entry["language_source"]) == (language, source), name
    # The languages scusa-lint reports using agree with the ones the survey named.
    per_language = Counter[str]()
    for name, (language, _) in LINTED.items():
        per_language[language] += files[(catalog / name).resolve()]["messages"]
    assert figures["languages_used"] == {k: v for k, v in per_language.items() if v}


def test_skipped_and_broken_files_are_named_with_the_reason(catalog: Path, auto_run: tuple[Any, Any]) -> None:
    result, figures = auto_run
    files = {Path(f["path"]).resolve(): f for f in figures["files"]}
    for name, reason in SKIPPED.items():
        entry = files[(catalog / name).resolve()]
        assert (entry["status"], entry["reason"]) == ("skipped", reason)
        assert f"{catalog / name}  SKIPPED: {reason}" in result.stdout
    broken = files[(catalog / "broken.yml").resolve()]
    assert broken["status"] == "error"
    assert "broken.yml:" in broken["reason"] and "YAML" in broken["reason"]
    assert "Files in error:" in result.stdout
    assert f"{len(SKIPPED)} skipped, 1 in error" in result.stdout


def test_sample_shows_code_key_and_text(auto_run: tuple[Any, Any]) -> None:
    result, _ = auto_run
    header, *section = result.stdout.split("Sample of ", 1)[1].splitlines()
    numbers = re.match(r"(\d+) of (\d+) findings other than TYPO", header)
    assert numbers, header
    shown, pool = (int(n) for n in numbers.groups())
    assert pool > 0 and shown == min(3, pool)
    entries = [line for line in section if re.match(r"\s+\d+\. SC\d+ [A-Z_]+ \((error|warning|info)\)", line)]
    assert len(entries) == shown
    assert sum(line.strip().startswith("match:") for line in section) == shown
    texts = [line.strip() for line in section if line.strip().startswith("text:")]
    assert len(texts) == shown and all(len(t) > len("text:") for t in texts)


def test_roles_are_reported_when_scusa_lint_gives_them(catalog: Path, auto_run: tuple[Any, Any]) -> None:
    result, figures = auto_run
    has_roles = any("role" in entry for entry in direct(catalog, "it", ["config/locales/it.yml"])["files"])
    if has_roles:
        assert "Roles (messages; with a non-TYPO finding):" in result.stdout
        assert sum(figures["roles"].values()) == figures["messages"]
    else:
        assert "Roles: not reported by this scusa-lint" in result.stdout
        assert figures["roles"] == {}


def test_role_fields_of_issue_9_are_counted() -> None:
    """The JSON shape issue 9 adds (role, role_reason per message), fed to the survey's own tally."""
    module = load_script()
    document = {
        "files": [
            {
                "path": "a.yml",
                "language": "it",
                "key": "mail.body",
                "role": "routine",
                "role_reason": "no problem",
                "findings": [{"code": "SC001", "name": "typo", "category": "TYPO", "level": "error"}],
            },
            {
                "path": "a.yml",
                "language": "it",
                "key": "mail.sorry",
                "role": "apology",
                "role_reason": "apology form",
                "findings": [{"code": "SC101", "name": "blame", "category": "BLAME_SHIFT", "level": "error"}],
            },
            {
                "path": "a.yml",
                "language": "it",
                "key": "buttons.save",
                "role": "fragment",
                "role_reason": "label",
                "findings": [],
            },
        ],
        "errors": [],
    }
    report = module.FileReport(Path("a.yml"), "linted")
    result = module.Survey([report], [], {}, {}, Counter(), Counter(), [], [], Counter())
    module.absorb(document, {module._norm("a.yml"): report}, result)
    assert report.messages == 3
    assert report.flagged == 1  # the TYPO alone does not count
    assert report.roles == Counter({"routine": 1, "apology": 1, "fragment": 1})
    assert report.flagged_roles == Counter({"apology": 1, "routine": 0, "fragment": 0})
    text = module.render(result, sample=2, seed=0, top=5, totals_only=True, sample_typo=True)
    assert "Roles (messages; with a non-TYPO finding):" in text
    assert "routine: no problem" in text
    assert "role=apology" in text or "role=routine" in text


def test_a_fixed_language_names_every_file_in_it(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "it.json"
    result = survey(
        str(catalog / "locales"),
        str(catalog / "notes.md"),
        "--scusa-lint",
        str(BINARY),
        "--language",
        "it",
        "--totals-only",
        "--json",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    linted = [f for f in figures["files"] if f["status"] == "linted"]
    assert {(f["language"], f["language_source"]) for f in linted} == {("it", "--language")}
    assert set(figures["languages_used"]) == {"it"}
    assert "Per file" not in result.stdout


def test_bad_arguments_exit_2(catalog: Path, tmp_path: Path) -> None:
    missing = survey(str(tmp_path / "nowhere"), "--scusa-lint", str(BINARY))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    no_binary = survey(str(catalog), "--scusa-lint", str(tmp_path / "no-scusa-lint"))
    assert no_binary.returncode == 2 and "scusa-lint not found" in no_binary.stderr
