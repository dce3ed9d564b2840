"""`scusa-lint serve` answers real LanguageTool clients: language-tool-python, and plain HTTP as the add-ons send it.

The server is started as a user starts it (a subprocess on 127.0.0.1, see conftest.serve_process);
the expected spans are the words of each draft, found with str.index, never offsets typed in.
"""

from __future__ import annotations

import json
import os
import socket
import urllib.parse

import language_tool_python
import pytest
import requests
from tests.conftest import serve_process

BAD_IT = (
    "Gentile cliente, ci scusiamo se il ritardo della sua lavatrice le ha creato problemi. "
    "Il ritardo è colpa del corriere, non nostra. Cordiali saluti."
)


def spans(text: str, matches: list[language_tool_python.Match]) -> dict[str, set[str]]:
    """Rule id -> the texts its matches cover, as the client computes them."""
    found: dict[str, set[str]] = {}
    for match in matches:
        found.setdefault(match.rule_id, set()).add(text[match.offset : match.offset + match.error_length])
    return found


def test_language_tool_python_gets_the_apology_matches_at_their_offsets(serve_url: str) -> None:
    with language_tool_python.LanguageTool("it", remote_server=serve_url) as tool:
        matches = tool.check(BAD_IT)
    found = spans(BAD_IT, matches)
    assert "colpa del corriere" in found["SC101"]
    assert "ci scusiamo se" in found["SC301"]
    blame = next(m for m in matches if m.rule_id == "SC101")
    assert blame.offset == BAD_IT.index("colpa del corriere")
    assert blame.category == "BLAME_SHIFT"
    assert [m.offset for m in matches] == sorted(m.offset for m in matches)


def test_offsets_count_utf16_units_so_an_emoji_shifts_nothing(serve_url: str) -> None:
    text = "Ciao 😀😀 Mario, " + BAD_IT
    with language_tool_python.LanguageTool("it-IT", remote_server=serve_url) as tool:
        matches = tool.check(text)  # the client turns UTF-16 offsets back into Python indices
    assert "colpa del corriere" in spans(text, matches)["SC101"]
    raw = requests.post(f"{serve_url}/v2/check", data={"text": text, "language": "it"}, timeout=30).json()
    blame = next(m for m in raw["matches"] if m["rule"]["id"] == "SC101")
    assert blame["offset"] == len(text[: text.index("colpa")].encode("utf-16-le")) // 2


def test_client_rule_selection_is_honoured(serve_url: str) -> None:
    with language_tool_python.LanguageTool("it", remote_server=serve_url) as tool:
        tool.disabled_rules.update({"SC101"})
        assert "SC101" not in spans(BAD_IT, tool.check(BAD_IT))
    with language_tool_python.LanguageTool("it", remote_server=serve_url) as tool:
        tool.enabled_rules.update({"SC101"})
        tool.enabled_rules_only = True
        assert set(spans(BAD_IT, tool.check(BAD_IT))) == {"SC101"}


def test_the_answer_has_languagetools_shape_and_the_apology_summary(serve_url: str) -> None:
    answer = requests.post(f"{serve_url}/v2/check", data={"text": BAD_IT, "language": "auto"}, timeout=30).json()
    assert answer["software"]["name"] == "scusa-lint"
    assert answer["language"]["code"] == "it-IT"
    assert answer["language"]["detectedLanguage"]["code"] == "it-IT"
    match = next(m for m in answer["matches"] if m["rule"]["id"] == "SC101")
    assert set(match) >= {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "rule"}
    assert set(match["rule"]) >= {"id", "description", "issueType", "category", "urls"}
    context = match["context"]
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == "colpa del corriere"
    assert "colpa del corriere" in match["sentence"]
    summary = answer["scusaLint"]
    assert summary["role"] == "apology"
    assert isinstance(summary["score"], int) and 0 <= summary["score"] <= 100
    assert summary["parts"]["apology"] == "present"


def test_auto_detects_english_and_honours_a_preferred_variant(serve_url: str) -> None:
    text = "Dear customer, we apologize if the delay was an inconvenience. It was the courier's fault."
    answer = requests.post(
        f"{serve_url}/v2/check", data={"text": text, "language": "auto", "preferredVariants": "en-GB"}, timeout=30
    ).json()
    assert answer["language"]["code"] == "en-GB"
    assert answer["scusaLint"]["language"] == "en"
    assert answer["matches"], "an English non-apology has findings"


def test_data_with_markup_gives_offsets_in_the_original_document(serve_url: str) -> None:
    annotation = [
        {"markup": "<p>", "interpretAs": "\n\n"},
        {"text": "Gentile cliente, ci scusiamo per il ritardo: è "},
        {"markup": "<b>"},
        {"text": "colpa del corriere"},
        {"markup": "</b>"},
        {"text": "."},
    ]
    original = "".join(part.get("text", part.get("markup", "")) for part in annotation)
    # LTeX sends a form body under a JSON content type: it must be read as a form all the same.
    body = urllib.parse.urlencode({"language": "it", "data": json.dumps({"annotation": annotation})})
    answer = requests.post(
        f"{serve_url}/v2/check", data=body, headers={"Content-Type": "application/json"}, timeout=30
    ).json()
    blame = next(m for m in answer["matches"] if m["rule"]["id"] == "SC101")
    assert original[blame["offset"] : blame["offset"] + blame["length"]] == "colpa del corriere"


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({"language": "it"}, 400, "Missing 'text' or 'data'"),
        ({"text": "Ciao"}, 400, "Missing 'language'"),
        ({"text": "Ciao", "language": "it", "level": "strict"}, 400, "level"),
        ({"text": "Ciao", "language": "it", "enabledOnly": "true"}, 400, "enabled rules"),
        ({"text": "Ciao", "language": "it", "channel": "fax"}, 400, "channel"),
        ({"text": "Ciao", "language": "it", "preferredVariants": "en-GB"}, 400, "language=auto"),
        ({"text": "Ciao", "language": "de-DE"}, 400, "no rules for language"),
        ({"data": "{not json", "language": "it"}, 400, "not valid JSON"),
        ({"text": "x" * 100_001, "language": "it"}, 413, "exceeds the limit"),
    ],
)
def test_bad_requests_are_plain_text_errors_as_languagetool_gives(
    serve_url: str, data: dict[str, str], status: int, words: str
) -> None:
    response = requests.post(f"{serve_url}/v2/check", data=data, timeout=30)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("Error: ") and words in response.text
    assert requests.get(f"{serve_url}/v2/languages", timeout=10).status_code == 200  # still up


def test_languages_lists_scusa_lints_languages(serve_url: str) -> None:
    listed = requests.get(f"{serve_url}/v2/languages", timeout=10).json()
    assert {item["longCode"] for item in listed} >= {"it", "it-IT", "en", "en-US"}
    assert all(set(item) == {"name", "code", "longCode"} for item in listed)


def test_upstream_down_still_gives_the_apology_findings_with_a_warning() -> None:
    with socket.socket() as probe:  # a port nothing listens on: upstream is down
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    with serve_process("--languagetool-url", f"http://127.0.0.1:{dead}", "--api-key", "s3cret") as url:
        refused = requests.post(f"{url}/v2/check", data={"text": BAD_IT, "language": "it"}, timeout=30)
        assert refused.status_code == 401
        answer = requests.post(
            f"{url}/v2/check",
            data={"text": BAD_IT, "language": "it"},
            headers={"Authorization": "Bearer s3cret"},
            timeout=30,
        ).json()
    assert answer["warnings"]["incompleteResults"] is True
    assert answer["scusaLint"]["upstream"]["ok"] is False
    assert "SC101" in {m["rule"]["id"] for m in answer["matches"]}


def test_a_text_past_the_time_limit_is_a_503_and_the_server_goes_on() -> None:
    long_text = "Ci scusiamo se il ritardo è colpa del corriere. " * 1500  # seconds of linting, against 0.1 s
    with serve_process("--timeout", "0.1", "--queue", "0") as url:
        slow = requests.post(f"{url}/v2/check", data={"text": long_text, "language": "it"}, timeout=60)
        assert slow.status_code == 503 and slow.text.startswith("Error: checking took longer")
        assert requests.get(f"{url}/v2/languages", timeout=10).status_code == 200


def test_multipart_forms_and_front_matter_errors(serve_url: str) -> None:
    fields = {"text": (None, BAD_IT), "language": (None, "it")}
    answer = requests.post(f"{serve_url}/v2/check", files=fields, timeout=30).json()
    assert "SC101" in {m["rule"]["id"] for m in answer["matches"]}
    wrong = requests.post(
        f"{serve_url}/v2/check", data={"text": "---\nsent: ieri\n---\nCiao", "language": "it"}, timeout=30
    )
    assert wrong.status_code == 400 and "`sent` must be a date" in wrong.text


LANGUAGETOOL_URL = os.environ.get("SCUSA_LINT_LANGUAGETOOL_URL")


@pytest.mark.skipif(not LANGUAGETOOL_URL, reason="set SCUSA_LINT_LANGUAGETOOL_URL to a LanguageTool server")
def test_a_real_upstream_languagetools_matches_are_merged_once() -> None:
    text = "Gentile cliente, ci scusiamo per il ritarddo nelle trasmissione: è colpa del corriere."
    with serve_process("--languagetool-url", str(LANGUAGETOOL_URL)) as url:
        answer = requests.post(f"{url}/v2/check", data={"text": text, "language": "it"}, timeout=60).json()
    assert answer["scusaLint"]["upstream"]["ok"] is True
    ids = [m["rule"]["id"] for m in answer["matches"]]
    assert "SC101" in ids and any(not rule.startswith("SC") for rule in ids)
    typo = [m for m in answer["matches"] if text[m["offset"] : m["offset"] + m["length"]] == "ritarddo"]
    assert len(typo) == 1  # LanguageTool's and scusa-lint's spelling finding are one
    assert [m["offset"] for m in answer["matches"]] == sorted(m["offset"] for m in answer["matches"])
