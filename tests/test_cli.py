"""The CLI contract, run as a user runs it: a subprocess of `python -m scusa_lint`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

BAD = (
    "Gentile Cliente,\n\nil ritardo della consegna è colpa del corriere. Ci scusiamo per eventuali disagi.\n"
    "Come gesto di scuse Le offriamo un buono sconto del 10%, valido fino al 31 marzo.\n"
)
GOOD = (
    "Gentile Sig.ra Bianchi,\n\nci scusiamo per il ritardo nella consegna del Suo ordine: abbiamo sbagliato noi "
    "a preparare il pacco. Capiamo quanto sia stato frustrante aspettare una settimana per un regalo.\n"
    "Lo abbiamo spedito oggi con corriere espresso.\n"
    "Per evitare che si ripeta, da oggi ogni ordine viene controllato due volte prima della spedizione.\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_draft_prints_findings_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path))
    assert result.returncode == 1, result.stderr
    assert "SC101" in result.stdout and "colpa del corriere" in result.stdout
    assert "^^^" in result.stdout  # the match is underlined under its sentence
    assert "Found" in result.stdout


def test_good_draft_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, "buona.txt", GOOD)
    result = run_cli(str(path), "--fail-on", "warning")
    assert result.returncode == 0, result.stdout + result.stderr


def test_concise_lines_point_at_the_match(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path), "--output-format", "concise", "--select", "SC101")
    line = next(x for x in result.stdout.splitlines() if "SC101" in x)
    location = line.split(": SC101")[0]
    _, row, column = location.rsplit(":", 2)
    text_line = BAD.splitlines()[int(row) - 1]
    assert text_line[int(column) - 1 :].startswith("colpa del corriere")


def test_json_output_matches_documented_schema(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path), "--output-format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["tool"]["name"] == "scusa-lint" and document["tool"]["version"]
    (entry,) = document["files"]
    assert entry["path"] == str(path) and entry["language"] == "it"
    assert "simplemma" in entry["pipeline"]
    required = {
        "code",
        "name",
        "category",
        "level",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "match",
        "suggestions",
    }
    text = path.read_text(encoding="utf-8")
    for finding in entry["findings"]:
        assert required <= finding.keys()
        if finding["match"] is None:  # whole-message findings sit at 1:1
            assert finding["category"].startswith("MISSING_")
            assert (finding["line"], finding["column"]) == (1, 1)
        else:
            assert text[finding["start"] : finding["end"]] == finding["match"]
            assert text.splitlines()[finding["line"] - 1][finding["column"] - 1 :].startswith(
                finding["match"].split("\n")[0]
            )
    assert document["summary"]["findings"] == len(entry["findings"])


def test_stdin_with_dash(tmp_path: Path) -> None:
    result = run_cli("-", "--output-format", "concise", "--stdin-filename", "bozza.txt", input=BAD)
    assert result.returncode == 1
    assert any(line.startswith("bozza.txt:") for line in result.stdout.splitlines())


def test_missing_file_is_a_one_line_error_with_exit_2(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "manca.txt"))
    assert result.returncode == 2
    assert "manca.txt" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_does_not_stop_the_others(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(tmp_path / "manca.txt"), str(path), "--output-format", "concise")
    assert result.returncode == 2
    assert "SC101" in result.stdout


def test_select_ignore_by_code_prefix_name_and_category(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)

    def codes(*args: str) -> set[str]:
        result = run_cli(str(path), "--output-format", "json", *args)
        return {f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]}

    everything = codes()
    assert {"SC101", "SC111", "SC301"} <= everything
    assert codes("--select", "SC101") == {"SC101"}
    assert codes("--select", "blame-on-others") == {"SC101"}
    assert codes("--select", "COUPON_DEADLINE") == {"SC111"}
    assert codes("--select", "SC1", "--ignore", "SC111") == {c for c in everything if c.startswith("SC1")} - {"SC111"}
    assert codes("--select", "SC101", "--extend-select", "SC301") == {"SC101", "SC301"}
    assert "SC101" not in codes("--ignore", "BLAME_SHIFT")
    # The more specific selector wins, as in ruff.
    assert codes("--ignore", "SC1", "--select", "SC101") == {"SC101"}


def test_unknown_selector_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path), "--select", "XX999")
    assert result.returncode == 2
    assert "XX999" in result.stderr


def test_exit_zero_and_fail_on(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    assert run_cli(str(path), "--exit-zero").returncode == 0
    warnings_only = ["--select", "SC302,SC120"]
    assert run_cli(str(path), *warnings_only, "--fail-on", "error").returncode == 0
    assert run_cli(str(path), *warnings_only, "--fail-on", "warning").returncode == 1


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path), str(write(tmp_path, "altra.txt", BAD)), "--statistics", "--output-format", "concise")
    row = next(line for line in result.stdout.splitlines() if "SC101" in line and "blame-on-others" in line)
    assert row.split()[0] == "2"


def test_verbose_names_the_pipeline_and_skipped_rules(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path), "--verbose")
    assert "spacy.blank('it')" in result.stdout
    assert "skipped" in result.stdout and "SC320" in result.stdout


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    result = run_cli(str(path), "--quiet", "--output-format", "concise")
    assert "Found" not in result.stdout and "SC101" in result.stdout


def test_color_always_uses_ansi_and_never_does_not(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", BAD)
    assert "\x1b[" in run_cli(str(path), "--color", "always").stdout
    assert "\x1b[" not in run_cli(str(path), "--color", "never").stdout


def test_directory_is_walked_recursively(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BAD)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.txt", GOOD)
    write(tmp_path, "immagine.png", "not text")
    result = run_cli(str(tmp_path), "--output-format", "json")
    paths = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"])
    assert paths == ["a.txt", "b.txt"]


def test_rules_lists_codes_names_categories_levels_packs() -> None:
    result = run_cli("rules")
    assert result.returncode == 0
    assert "SC101" in result.stdout and "blame-on-others" in result.stdout and "BLAME_SHIFT" in result.stdout
    rows = json.loads(run_cli("rules", "--output-format", "json").stdout)
    assert {"code", "name", "category", "level", "pack"} <= rows[0].keys()


def test_explain_shows_description_source_and_examples() -> None:
    result = run_cli("explain", "SC111")
    assert result.returncode == 0
    assert "001" in result.stdout and "consiglio 9" in result.stdout
    assert "valido fino al 31 marzo" in result.stdout
    assert run_cli("explain", "coupon-with-deadline").returncode == 0
    unknown = run_cli("explain", "SC999")
    assert unknown.returncode == 2 and "SC999" in unknown.stderr


def test_a_file_called_like_a_command_can_be_linted(tmp_path: Path) -> None:
    write(tmp_path, "rules", BAD)
    result = run_cli("check", "rules", "--output-format", "concise", cwd=tmp_path)
    assert result.returncode == 1 and "SC101" in result.stdout


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.startswith("scusa-lint")
    help_text = run_cli("--help").stdout
    assert "explain" in help_text and "rules" in help_text
    assert "--select" in run_cli("check", "--help").stdout


def test_invalid_utf8_is_reported_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "rotto.txt"
    path.write_bytes(b"Ci scusiamo \xff\xfe\x00 per il ritardo")
    result = run_cli(str(path))
    assert result.returncode == 2 and "rotto.txt" in result.stderr and "Traceback" not in result.stderr


def test_context_line_starts_after_the_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "bozza.txt", "---\nchannel: email\n---\nIl ritardo è colpa del corriere.\n")
    output = run_cli(str(path), "--select", "SC101").stdout
    context = output.splitlines()[1]
    assert context.strip() == "Il ritardo è colpa del corriere."


def test_a_selector_of_another_language_is_not_an_error(tmp_path: Path) -> None:
    """One config serves Italian and English templates: ignoring an English rule is fine on Italian files."""
    path = write(tmp_path, "bozza.txt", BAD)
    english_code = json.loads(run_cli("rules", "--language", "en", "--output-format", "json").stdout)[0]["code"]
    result = run_cli(str(path), "--ignore", english_code, "--output-format", "concise")
    assert result.returncode == 1 and "SC101" in result.stdout
