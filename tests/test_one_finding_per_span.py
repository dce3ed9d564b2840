"""One finding per pack, category and span: two rules of one pack that flag the same words are told once.

«Si comunica alla gentile clientela» is both a bureaucratic formula (SC201) and an office's voice
(SC204); a reader wants one warning per phrase, the wider one when they differ, and a user's own
pack is never hidden by a shipped one. The texts are written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

TEXT = (
    "Si comunica alla gentile clientela che in data odierna il servizio è stato ripristinato dopo il guasto "
    "di ieri sera. Ci scusiamo per il disagio.\n"
)


def _findings(tmp_path: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    (tmp_path / "avviso.txt").write_text(TEXT, encoding="utf-8")
    result = run_cli(
        str(tmp_path / "avviso.txt"), "--isolated", "--no-cache", "-l", "it", "--output-format", "json", *args
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["files"][0]["findings"]  # type: ignore[no-any-return]


def test_overlapping_findings_of_one_pack_and_category_are_told_once(tmp_path: Path) -> None:
    cold = [f for f in _findings(tmp_path) if f["category"] == "COLD_TONE"]
    assert cold, "the bureaucratic formulas should be flagged"
    spans = [(f["start"], f["end"], f["code"]) for f in cold]
    for i, (start, end, code) in enumerate(spans):
        for other_start, other_end, other_code in spans[i + 1 :]:
            assert not (start < other_end and other_start < end), f"{code} and {other_code} overlap: {cold}"
    matched = {f["match"] for f in cold}
    assert "gentile clientela" in matched and "in data odierna" in matched  # the wider span wins
    assert "clientela" not in matched and "odierna" not in matched


def test_each_rule_alone_still_reports_its_span(tmp_path: Path) -> None:
    alone = _findings(tmp_path, "--select", "SC204")
    assert {f["match"] for f in alone} >= {"Si comunica", "clientela", "odierna"}
