"""Machine output formats: json-lines, SARIF 2.1.0 (checked against the official schema), github, junit, grouped."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SHARED, run_cli
from helpers import BAD, FIX_PACK, GOOD, MACHINERY, TEST_RULES, write
from scusa_lint.cli.check import OUTPUT_FORMATS
from scusa_lint.finding import Finding, Position
from scusa_lint.output import EMITTERS, HUMAN_FORMATS

SARIF_SCHEMA = SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json"
# SCX901 (warning) and SCX903 (info) from the fix pack; the machinery pack adds SCX120 and SCX310.
MINOR = "Un piccolo disguido, niente di che.\n"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write(tmp_path, {"late.txt": BAD, "ok.txt": GOOD, "minor.txt": MINOR})
    return tmp_path


def check(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli("late.txt", "ok.txt", "minor.txt", *TEST_RULES, "--pack", FIX_PACK, *args, cwd=project)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, result.stdout


def json_findings(project: Path) -> list[dict[str, object]]:
    document = json.loads(check(project, "--output-format", "json")[1])
    return [{"path": f["path"], **finding} for f in document["files"] for finding in f["findings"]]


def test_every_format_is_registered_and_offered() -> None:
    assert set(OUTPUT_FORMATS) == set(EMITTERS)
    assert set(EMITTERS) >= HUMAN_FORMATS


def test_json_lines_is_one_finding_per_line_with_its_path(project: Path) -> None:
    code, out = check(project, "--output-format", "json-lines")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    expected = json_findings(project)
    assert [(x["path"], x["code"], x["line"], x["column"]) for x in lines] == [
        (x["path"], x["code"], x["line"], x["column"]) for x in expected
    ]
    assert {x["path"] for x in lines} == {"late.txt", "minor.txt"}
    assert all("summary" not in x for x in lines)


def _sarif(project: Path) -> dict[str, object]:
    return json.loads(check(project, "--output-format", "sarif")[1])


def test_sarif_validates_against_the_official_schema(project: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (the shared test data folder is absent)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_sarif(project), schema)


def test_sarif_results_rules_levels_and_regions(project: Path) -> None:
    sarif = _sarif(project)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "SCX101" in ids and "SCX903" in ids
    blame = rules[ids.index("SCX101")]
    assert blame["name"] == "courier-blamed-test"
    assert blame["help"]["text"].startswith("Test rule: blaming the courier.")
    assert blame["helpUri"] == "https://example.org/rules/SCX101"
    assert blame["defaultConfiguration"]["level"] == "error"
    by_code = {r["ruleId"]: r for r in run["results"]}
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert by_code["SCX101"]["level"] == "error"
    assert by_code["SCX120"]["level"] == "warning"
    assert by_code["SCX903"]["level"] == "note"
    location = by_code["SCX101"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "late.txt"
    assert location["region"] == {"startLine": 1, "startColumn": 14, "endLine": 1, "endColumn": 32}
    # a safe replacement is offered as a SARIF fix
    assert by_code["SCX901"]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "errore"
    }
    assert len(run["results"]) == len(json_findings(project))


def test_sarif_fingerprints_survive_lines_added_above(project: Path) -> None:
    def prints() -> dict[str, str]:
        run = _sarif(project)["runs"][0]  # type: ignore[index]
        return {r["ruleId"]: r["partialFingerprints"]["scusaLint/v1"] for r in run["results"]}

    before = prints()
    (project / "late.txt").write_text("\n\n" + BAD, encoding="utf-8")
    after = prints()
    assert before == after
    assert len(set(before.values())) == len(before)


def test_github_annotations(project: Path) -> None:
    _, out = check(project, "--output-format", "github")
    assert (
        "::error file=late.txt,line=1,col=14,endLine=1,endColumn=32,title=SCX101 courier-blamed-test::"
        "Dare la colpa ad altri («colpa del corriere»)."
    ) in out.splitlines()
    assert any(line.startswith("::notice file=minor.txt,") and "SCX903" in line for line in out.splitlines())
    assert "ok.txt" not in out


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    write(tmp_path, {"a,b:c%.txt": BAD})
    only_blame = ("--isolated", "--pack", MACHINERY, "--select", "SCX101")
    result = run_cli("a,b:c%.txt", *only_blame, "--output-format", "github", cwd=tmp_path)
    assert result.stdout.startswith("::error file=a%2Cb%3Ac%25.txt,line=1,")


def test_junit_has_a_suite_per_file_and_a_case_per_message(project: Path) -> None:
    _, out = check(project, "--output-format", "junit")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"late.txt", "ok.txt", "minor.txt"}
    ok_cases = suites["ok.txt"].findall("testcase")
    assert len(ok_cases) == 1 and ok_cases[0].find("failure") is None
    [late] = suites["late.txt"].findall("testcase")
    failure = late.find("failure")
    assert failure is not None and "SCX101" in failure.get("type", "").split(",")
    assert suites["late.txt"].get("failures") == "1"
    listed = [line for case in root.iter("testcase") for tag in ("failure", "system-out")
              if (node := case.find(tag)) is not None for line in (node.text or "").splitlines()]  # fmt: skip
    assert len(listed) == len(json_findings(project))  # every finding is in the report


def test_junit_info_below_fail_on_does_not_fail_the_case() -> None:
    from scusa_lint.finding import MessageResult
    from scusa_lint.output.junit import to_xml
    from scusa_lint.report import Report
    from scusa_lint.taxonomy import Category, Level

    def finding(level: Level) -> Finding:
        at = Position(1, 1)
        return Finding("SC123", "a-rule", Category.COLD_TONE, level, "m", 0, 1, at, at, "x")

    report = Report(results=[MessageResult("a.txt", "it", "p", (finding(Level.INFO),))])
    root = to_xml(report, Level.WARNING)
    [case] = root.iter("testcase")
    assert case.find("failure") is None and "SC123 [info]" in (case.findtext("system-out") or "")
    assert root.get("failures") == "0"
    assert to_xml(report, Level.INFO).get("failures") == "1"


def test_grouped_lists_files_then_categories(project: Path) -> None:
    _, out = check(project, "--output-format", "grouped")
    lines = out.splitlines()
    late = lines.index("late.txt")
    assert lines[late + 1].startswith("  BLAME_SHIFT (1)")
    assert lines[late + 2].strip().startswith("1:14 SCX101 [error]")
    assert any(line.startswith("  MISSING_APOLOGY (1)") for line in lines[late:])
    assert "ok.txt" not in lines
    assert lines[-1].startswith("Found ")


def test_output_file_is_written_atomically_with_nothing_on_stdout(project: Path) -> None:
    target = project / "reports" / "scusa.sarif"
    target.parent.mkdir()
    target.write_text("old report", encoding="utf-8")
    os.chmod(target, 0o640)
    code, out = check(project, "--output-format", "sarif", "-o", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in target.parent.iterdir()] == ["scusa.sarif"]  # no temporary file left behind


def test_output_file_human_format_has_no_colour(project: Path) -> None:
    target = project / "out.txt"
    result = run_cli("late.txt", *TEST_RULES, "--color", "always", "-o", str(target), cwd=project)
    assert result.returncode == 1
    text = target.read_text(encoding="utf-8")
    assert "SCX101" in text and "\x1b[" not in text


def test_output_file_in_a_missing_folder_is_exit_2(project: Path) -> None:
    result = run_cli("late.txt", *TEST_RULES, "-o", str(project / "nope" / "out.json"), cwd=project)
    assert result.returncode == 2
    assert "cannot write output" in result.stderr and "Traceback" not in result.stderr


def test_gitlab_code_quality_report(project: Path) -> None:
    _, out = check(project, "--output-format", "gitlab")
    issues = json.loads(out)
    assert len(issues) == len(json_findings(project))
    blame = next(i for i in issues if i["check_name"].startswith("SCX101"))
    assert blame["severity"] == "major"
    assert blame["location"] == {
        "path": "late.txt",
        "positions": {"begin": {"line": 1, "column": 14}, "end": {"line": 1, "column": 32}},
    }
    assert {i["severity"] for i in issues} == {"major", "minor", "info"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_the_plain_line_writer_prints_what_rich_prints_on_redirected_output() -> None:
    """concise's fast path writes a redirected line itself: byte for byte what console.print would write."""
    import io

    from scusa_lint.console import make_console, plain_writer

    lines = [
        "a.txt:1:1: SC101 [error] «Ci scusiamo» [Nome] :) ok",
        "bell\x07 cr\r form\x0c",
        "vt\x0b bs\x08",
        "tab\there",
        "ünï ✓ 😀",
    ]
    for line in lines:
        fast, slow = io.StringIO(), io.StringIO()
        plain_writer(make_console("never", file=fast))(line)
        make_console("never", file=slow).print(line)
        assert fast.getvalue() == slow.getvalue()


def test_sarif_fixes_only_where_fix_would_write_and_with_their_safety(tmp_path: Path) -> None:
    sentence = "Ci scusiamo, perche abbiamo sbagliato noi."
    (tmp_path / "bozza.txt").write_text(sentence + "\n", encoding="utf-8")
    (tmp_path / "it.po").write_text(f'msgid ""\nmsgstr ""\n"Language: it\\n"\n\nmsgid "a"\nmsgstr "{sentence}"\n')
    result = run_cli(
        "check", "bozza.txt", "it.po", "--isolated", "--no-cache", "-l", "it", "--select", "TYPO",
        "--output-format", "sarif", cwd=tmp_path,
    )  # fmt: skip
    results = json.loads(result.stdout)["runs"][0]["results"]
    by_file = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    assert set(by_file) == {"bozza.txt", "it.po"}  # the typo is found in both
    fixes = by_file["bozza.txt"]["fixes"]
    assert fixes[0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "perché"
    assert fixes[0]["properties"]["safety"] == "unsafe"  # a spelling fix: --unsafe-fixes only
    assert "fixes" not in by_file["it.po"]  # --fix never writes a catalog: SARIF proposes no edit there
