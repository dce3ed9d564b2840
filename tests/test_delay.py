"""Kind delay (SLOW_RESPONSE from front-matter dates): date parsing, the finding, and notices for bad dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scusa_lint.errors import InputError, PackError
from scusa_lint.linter import Linter
from scusa_lint.message_settings import DateError, parse_date
from scusa_lint.settings import Settings
from scusa_lint.source import Source

BODY = "Gentile Sig. Rossi, ci scusiamo per il pacco danneggiato: lo sostituiamo noi."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
        (dt.datetime(2026, 3, 1, 9, 30), dt.date(2026, 3, 1)),
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("2026-03-01T09:30", dt.date(2026, 3, 1)),
        ("01/03/2026", dt.date(2026, 3, 1)),
        ("1.3.2026", dt.date(2026, 3, 1)),
    ],
)
def test_parse_date_accepts_yaml_iso_and_day_first(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["ieri", "31/02/2026", 20260301, None, ""])
def test_parse_date_rejects_what_is_not_a_date(value: object) -> None:
    with pytest.raises(DateError):
        parse_date(value)


def _lint(text: str, path: str = "bozza.txt") -> tuple[list[str], list[str]]:
    linter = Linter(Settings(language="it", select=("SC150",)))
    result = linter.lint([Source.from_text(text, path=path, language="it")])[0]
    assert linter.ruleset("it").notices == []  # notices about a message travel with its result
    return [f.code for f in result.findings], list(result.notices)


def test_late_reply_is_flagged_for_the_whole_message() -> None:
    codes, notices = _lint(f"---\nincident: 2026-03-01\nsent: 2026-03-20\n---\n{BODY}\n")
    assert codes == ["SC150"]
    assert notices == []


def test_prompt_reply_and_missing_dates_are_not_flagged() -> None:
    assert _lint(f"---\nincident: 2026-03-01\nsent: 2026-03-08\n---\n{BODY}\n")[0] == []
    assert _lint(f"---\nincident: 2026-03-01\n---\n{BODY}\n")[0] == []
    assert _lint(f"{BODY}\n")[0] == []


def test_unreadable_date_is_an_input_error_naming_file_and_line() -> None:
    # Front-matter dates are checked when the message is read, before any rule runs.
    with pytest.raises(InputError) as caught:
        _lint(f"---\nchannel: email\nincident: 2026-03-01\nsent: ieri\n---\n{BODY}\n", path="tardi.txt")
    assert (caught.value.path, caught.value.line) == ("tardi.txt", 4)
    assert "'ieri'" in caught.value.message


def test_sent_before_incident_is_a_notice() -> None:
    codes, notices = _lint(f"---\nincident: 2026-03-20\nsent: 2026-03-01\n---\n{BODY}\n", path="rovescio.txt")
    assert codes == []
    assert notices and notices[0].startswith("rovescio.txt:3: front matter `sent`: 2026-03-01 is before")


def test_bad_max_days_is_a_pack_error_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "ritardi.yaml"
    pack.write_text(
        "pack: {name: ritardi, language: it, title: Ritardi, source: test}\n"
        "rules:\n"
        "- code: XX150\n"
        "  name: late-reply\n"
        "  category: SLOW_RESPONSE\n"
        "  level: warning\n"
        "  kind: delay\n"
        "  from: incident\n"
        "  to: sent\n"
        "  max_days: sette\n"
        "  message: Tardi.\n"
        "  description: Tardi.\n"
        "  source: test\n"
        "  examples: {bad: [x], good: [y]}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as error:
        Linter(Settings(language="it", packs=(str(pack),), select=("XX150",)))
    assert str(error.value) == f"{pack}:10: `max_days` must be a whole number of days (0 or more)"
