"""Ranking spelling corrections by how people mistype, and fixing only when one correction clearly wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from scusa_lint.kinds.spelling_rank import cost, in_case_of, rank
from scusa_lint.spelling.hunspell import HunspellChecker


@pytest.mark.parametrize(
    ("language", "typo", "meant"),
    [
        ("it", "Egreggio", "Egregio"),  # a doubled letter (Hunspell's first: «Greggio»)
        ("it", "rimborzo", "rimborso"),
        ("it", "perche", "perché"),  # a missing accent
        ("it", "Gentlie", "Gentile"),  # two letters swapped
        ("en", "recieve", "receive"),
        ("en", "custmer", "customer"),  # a letter left out
        ("en", "sincerly", "sincerely"),
        ("en", "inconvenince", "inconvenience"),
    ],
)
def test_real_typos_get_their_correction_first_and_it_wins(language: str, typo: str, meant: str) -> None:
    speller = HunspellChecker(language)
    ranked, wins = rank(typo, speller.suggest(typo), speller.known)
    assert ranked[0] == meant and wins


@pytest.mark.parametrize(("typo", "rivals"), [("Cliento", {"Cliente", "Clienti"}), ("disaggio", {"disagio"})])
def test_no_fix_when_two_corrections_are_as_likely(typo: str, rivals: set[str]) -> None:
    speller = HunspellChecker("it")
    ranked, wins = rank(typo, speller.suggest(typo), speller.known)
    assert not wins and rivals <= set(ranked)


def test_costs_follow_the_slips_people_make() -> None:
    assert cost("perche", "perché") < cost("perche", "petche")  # accent before a neighbouring key
    assert cost("Egreggio", "Egregio") < cost("Egreggio", "Greggio")  # the first letter is rarely wrong
    assert cost("Purtropo", "Purtroppo") < cost("Purtropo", "Pur-tropo")  # a split is rarely meant
    assert in_case_of("CLIENTO", "cliente") == "CLIENTE" and in_case_of("Rimborzo", "rimborso") == "Rimborso"


def test_unsafe_fixes_make_the_letter_right_and_leave_ties_alone(tmp_path: Path) -> None:
    path = tmp_path / "bozza.txt"
    path.write_text("Egreggio Cliento, ci scusiamo per il ritardo del rimborzo.\n", encoding="utf-8")
    run_cli("check", str(path), "--isolated", "--no-cache", "-l", "it", "--select", "TYPO", "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == "Egregio Cliento, ci scusiamo per il ritardo del rimborso.\n"
