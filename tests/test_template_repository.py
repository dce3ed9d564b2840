"""Issue 5's scenario in one repository: a catalog of 20 Jinja templates, Markdown, HTML and a cp1252 .eml.

Every finding must sit exactly on its words in the file, never inside a placeholder; the
pyproject config (ignore, per-file-ignores) and inline suppressions must be honoured; the
SARIF output must validate against the official schema (read from ../shared when present).
The pre-commit side of the scenario is tests/test_precommit.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")

OPENINGS = [
    "Gentile {{ nome }}, ci scusiamo per il ritardo dell'ordine {{ ordine }}.",
    "Gentile {{ nome }}, il ritardo dell'ordine {{ ordine }} è colpa del corriere.",
    "Gentile {{ nome }}, ci scusiamo per eventuali disagi legati all'ordine {{ ordine }}.",
    "Gentile {{ nome }}, abbiamo sbagliato noi a preparare l'ordine {{ ordine }}: ci scusiamo.",
]
CLOSINGS = [
    "Le offriamo un buono di {{ importo }} euro, valido fino al 31 marzo.",
    "Attendiamo un Suo riscontro entro {{ giorni }} giorni.",
    "Da oggi ogni ordine viene controllato due volte, perché non succeda più.",
    "Capiamo quanto sia stato frustrante aspettare: il pacco è partito oggi.",
    "{% if premium %}Le rimborsiamo la spedizione.{% endif %} Siamo a Sua disposizione.",
]


def _catalog() -> str:
    lines = ["# Modelli di scuse per i ritardi (20 messaggi)"]
    for index in range(20):
        text = f"{OPENINGS[index % len(OPENINGS)]} {CLOSINGS[index % len(CLOSINGS)]}"
        lines.append(f"ritardo_{index:02d}:")
        lines.append(f"  corpo: '{text.replace(chr(39), chr(39) * 2)}'")
    return "\n".join(lines) + "\n"


MARKDOWN = """# Avviso ritardo

Gentile {{ nome }},

<!-- scusa-lint: disable=SC101 -- citiamo le parole del cliente -->
Lei ci ha scritto che è colpa del corriere, e ha ragione a essere arrabbiato.

Ci scusiamo per il ritardo, ma **il periodo è stato molto intenso**.
"""

HTML = """<html><head><title>Scuse</title><style>p {color: red}</style></head><body>
<p>Gentile {{ nome }},</p>
<p>ci scusiamo per eventuali disagi: il ritardo &egrave; colpa del corriere.</p>
<p>Le offriamo un buono valido fino al 31&nbsp;marzo.</p>
</body></html>
"""

EML = (
    "From: assistenza@example.com\r\nTo: cliente@example.org\r\nSubject: Il Suo ordine\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1252\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "Gentile cliente,\r\n\r\nil ritardo è colpa del corriere, non nostra.\r\n"
    "La preghiamo di rispondere a questa e-mail per confermare l'indirizzo.\r\n"
)

PYPROJECT = """[project]
name = "modelli"

[tool.scusa-lint]
ignore = ["GOOD_TIMES"]

[tool.scusa-lint.per-file-ignores]
"templates/email.html" = ["COUPON_DEADLINE"]
"""


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("modelli")
    (repo / "templates").mkdir()
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (repo / "templates" / "catalogo.yaml").write_text(_catalog(), encoding="utf-8")
    (repo / "templates" / "avviso.md").write_text(MARKDOWN, encoding="utf-8")
    (repo / "templates" / "email.html").write_text(HTML, encoding="utf-8")
    (repo / "templates" / "vecchia.eml").write_bytes(EML.encode("cp1252"))
    return repo


def _lint(repo: Path, *args: str) -> tuple[int, str]:
    paths = ["templates", "templates/catalogo.yaml"]  # catalogs are linted when named
    result = run_cli(*paths, "--no-cache", *args, cwd=repo)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


@pytest.fixture(scope="module")
def report(repository: Path) -> dict:  # type: ignore[type-arg]
    code, output = _lint(repository, "--output-format", "json")
    assert code == 1
    return json.loads(output)  # type: ignore[no-any-return]


def _file_text(path: Path) -> str:
    return path.read_bytes().decode("cp1252" if path.suffix == ".eml" else "utf-8")


def test_every_finding_sits_on_its_words_and_never_in_a_placeholder(repository: Path, report: dict) -> None:  # type: ignore[type-arg]
    seen = set()
    for entry in report["files"]:
        path = repository / entry["path"]
        text = _file_text(path)
        placeholders = [m.span() for m in PLACEHOLDER.finditer(text)]
        for finding in entry["findings"]:
            seen.add(path.name)
            if finding["match"] is None:  # whole-message findings sit where the message's prose starts
                assert finding["start"] == finding["end"] and finding["line"] >= 1
                continue
            line = text.splitlines()[finding["line"] - 1]
            first_word = finding["match"].split()[0]
            assert line[finding["column"] - 1 :].startswith(first_word), (path.name, finding)
            start, end = finding["start"], finding["end"]
            assert not any(start < p_end and p_start < end for p_start, p_end in placeholders), finding
    assert {"catalogo.yaml", "avviso.md", "email.html", "vecchia.eml"} <= seen


def test_catalog_messages_are_separate_with_key_paths(report: dict) -> None:  # type: ignore[type-arg]
    keys = [entry["key"] for entry in report["files"] if entry["path"].endswith("catalogo.yaml")]
    assert len(keys) == 20 and keys[0] == "ritardo_00.corpo"
    blamed = next(e for e in report["files"] if e["key"] == "ritardo_01.corpo")
    assert any(f["code"] == "SC101" for f in blamed["findings"])
    good = next(e for e in report["files"] if e["key"] == "ritardo_03.corpo")
    assert not [f for f in good["findings"] if f["level"] == "error"]


def test_config_and_suppressions_are_honoured(report: dict) -> None:  # type: ignore[type-arg]
    by_name = {Path(e["path"]).name: e for e in report["files"] if e["key"] is None}
    everything = [f for e in report["files"] for f in e["findings"]]
    assert not [f for f in everything if f["category"] == "GOOD_TIMES"]  # ignore = ["GOOD_TIMES"]
    html = by_name["email.html"]["findings"]
    assert not [f for f in html if f["category"] == "COUPON_DEADLINE"]  # per-file-ignores
    assert [f for f in html if f["code"] == "SC101"]  # ... and only that category
    markdown = by_name["avviso.md"]["findings"]
    assert not [f for f in markdown if f["code"] == "SC101"]  # the suppression comment
    assert not [f for f in markdown if f["code"] == "SC002"]  # and it was used
    assert [f for f in markdown if f["code"] == "SC302"]  # the apology undone by «ma» is still reported


def test_sarif_validates_against_the_official_schema(repository: Path) -> None:
    schema_path = ROOT.parent / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"SARIF schema not found at {schema_path} (../shared is absent): schema check skipped")
    import jsonschema

    code, output = _lint(repository, "--output-format", "sarif")
    assert code == 1
    sarif = json.loads(output)
    jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "SC101" for r in results)
