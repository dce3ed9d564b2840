"""The per-message checklist of apology parts and the documented 0-100 score."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from scusa_lint.finding import Finding, Position
from scusa_lint.structure import MISSING, NOT_CHECKED, NOT_REQUIRED, PRESENT, assess
from scusa_lint.taxonomy import Category, Level


def finding(category: Category, level: Level, whole: bool = False) -> Finding:
    return Finding(
        "XX001",
        "x",
        category,
        level,
        "m",
        0,
        0 if whole else 3,
        Position(1, 1),
        Position(1, 1),
        None if whole else "abc",
    )


def test_formula_structure_and_tone() -> None:
    checked = [Category.MISSING_APOLOGY, Category.MISSING_PREVENTION, Category.MISSING_FIX, Category.MISSING_EMPATHY]
    findings = [
        finding(Category.MISSING_PREVENTION, Level.WARNING, whole=True),
        finding(Category.BLAME_SHIFT, Level.ERROR),
        finding(Category.BUT_APOLOGY, Level.WARNING),
        finding(Category.GOOD_TIMES, Level.INFO),
    ]
    result = assess(checked, [Category.MISSING_OWNERSHIP], findings)
    assert result.parts["apology"] == PRESENT and result.parts["prevention"] == MISSING
    assert result.parts["ownership"] == NOT_REQUIRED and result.parts["what_happened"] == NOT_CHECKED
    # 60 * 3/4 + (40 - 10 - 5): whole-message findings and info findings do not cost tone points.
    assert result.score == (45 + 25)


def test_perfect_and_worst_scores() -> None:
    assert assess([Category.MISSING_APOLOGY], [], []).score == 100
    many_errors = [finding(Category.BLAME_SHIFT, Level.ERROR)] * 5
    assert (
        assess(
            [Category.MISSING_APOLOGY], [], [finding(Category.MISSING_APOLOGY, Level.ERROR, True), *many_errors]
        ).score
        == 0
    )


def test_sms_kind_relaxes_parts_in_json(tmp_path: Path) -> None:
    text = (
        "Gentile Sig. Neri, ci scusiamo per il ritardo del Suo ordine: abbiamo sbagliato noi a registrare "
        "l'indirizzo di consegna. Il pacco partirà domani mattina con corriere espresso."
    )
    (tmp_path / "email.txt").write_text(text, encoding="utf-8")
    (tmp_path / "sms.txt").write_text("---\nchannel: sms\n---\n" + text, encoding="utf-8")
    document = json.loads(run_cli(str(tmp_path), "--output-format", "json").stdout)
    by_name = {Path(f["path"]).name: f for f in document["files"]}
    assert by_name["email.txt"]["structure"]["parts"]["prevention"] == MISSING
    assert by_name["sms.txt"]["structure"]["parts"]["prevention"] == NOT_REQUIRED
    assert by_name["sms.txt"]["kind"] == "sms"
    assert 0 <= by_name["email.txt"]["structure"]["score"] <= 100


def test_full_output_shows_checklist_and_score(tmp_path: Path) -> None:
    path = tmp_path / "bozza.txt"
    path.write_text("Ci scusiamo per il ritardo.", encoding="utf-8")
    output = run_cli(str(path)).stdout
    assert "structure" in output and "score" in output and "/100" in output


def test_an_empty_message_is_asked_for_nothing(tmp_path: Path) -> None:
    (tmp_path / "vuota.txt").write_text("", encoding="utf-8")
    (tmp_path / "spazi.txt").write_text("\n\n   \n", encoding="utf-8")
    document = json.loads(run_cli(str(tmp_path), "--output-format", "json", "--no-cache").stdout)
    for entry in document["files"]:
        assert entry["findings"] == [], entry["path"]
        assert entry["role"] == "fragment", entry["path"]  # no words: nothing to ask of it
        assert entry["structure"] is None, entry["path"]
