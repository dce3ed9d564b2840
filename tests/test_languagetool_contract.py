"""Contract test of the LanguageTool client: a real HTTP server on 127.0.0.1 that answers POST /v2/check
in LanguageTool's documented JSON format (https://languagetool.org/http-api/), and misbehaves on demand.

The server finds the words it was told to flag in the text it receives and reports them
with UTF-16 offsets, as LanguageTool (Java strings) does; an emoji before an error shifts
UTF-16 offsets by one more than Python's, so a wrong conversion moves the finding.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conftest import run_cli
from scusa_lint.errors import ScusaError
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source
from scusa_lint.spelling.base import BackendUnavailable
from scusa_lint.spelling.languagetool import LanguageToolClient, Utf16Map

# Words the fake server reports as misspelt, with LanguageTool's replacements.
MISSPELT = {"Egreggio": ["Egregio"], "Cliento": ["Cliente", "Clienti"], "nome_cliente": ["nome cliente"]}
SEED = "Egreggio Cliento, le chiediamo scusa per il ritardo."


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def lt_match(text: str, start: int, end: int, rule: dict[str, Any], message: str, replacements: list[str]) -> dict:
    """One match exactly as /v2/check documents it."""
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": utf16(text, start),
        "length": utf16(text, end) - utf16(text, start),
        "context": {"text": text[:80], "offset": utf16(text, start), "length": utf16(text, end) - utf16(text, start)},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def annotated(form: dict[str, str]) -> tuple[str, list[tuple[int, int]]]:
    """The text of a request (`text`, or `data`'s parts joined) and its markup ranges, as LanguageTool reads it."""
    if "data" not in form:
        return form["text"], []
    text, markup = "", []
    for part in json.loads(form["data"])["annotation"]:
        if "markup" in part:
            markup.append((len(text), len(text) + len(part["markup"])))
            text += part["markup"]
        else:
            text += part["text"]
    return text, markup


def check_answer(text: str, language: str, markup: list[tuple[int, int]] | None = None) -> dict[str, Any]:
    """Matches for the words of MISSPELT and repeated words, never inside markup (LanguageTool skips it)."""
    matches = []
    for word, replacements in MISSPELT.items():
        for found in re.finditer(re.escape(word), text):
            if any(s < found.end() and found.start() < e for s, e in markup or []):
                continue
            rule = {
                "id": "MORFOLOGIK_RULE_IT_IT",
                "description": "Possibile errore di ortografia",
                "issueType": "misspelling",
                "category": {"id": "TYPOS", "name": "Possibile errore di battitura"},
            }
            matches.append(lt_match(text, found.start(), found.end(), rule, "Errore di ortografia", replacements))
    for found in re.finditer(r"\b(\w+) \1\b", text):
        rule = {
            "id": "ITALIAN_WORD_REPEAT_RULE",
            "description": "Ripetizione di parole",
            "issueType": "duplication",
            "category": {"id": "MISC", "name": "Varie"},
        }
        matches.append(lt_match(text, found.start(), found.end(), rule, "Parola ripetuta", [found.group(1)]))
    return {
        "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28", "apiVersion": 1},
        "language": {"name": "Italian", "code": language},
        "matches": matches,
    }


class Handler(BaseHTTPRequestHandler):
    """Behaviour by path prefix: /ok, /slow, /error, /garbage, /nomatches, /split (offset inside an emoji)."""

    requests: ClassVar[list[dict[str, str]]] = []

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        mode = self.path.split("/")[1]
        text, markup = annotated(form)
        Handler.requests.append({"mode": mode, "path": self.path, **form, "text": text})
        if not self.path.endswith("/v2/check"):
            self._send(404, b"not found")
        elif mode == "ok":
            self._send(200, json.dumps(check_answer(text, form["language"], markup)).encode())
        elif mode == "slow":
            time.sleep(3)
            self._send(200, json.dumps(check_answer(text, form["language"], markup)).encode())
        elif mode == "probeonly":  # healthy at start-up, broken when the real message comes
            if text == "Test.":
                self._send(200, json.dumps(check_answer(text, form["language"], markup)).encode())
            else:
                self._send(500, b"Internal Server Error")
        elif mode == "error":
            self._send(500, b"Internal Server Error: java.lang.OutOfMemoryError")
        elif mode == "garbage":
            self._send(200, b"<html>proxy login required</html>")
        elif mode == "nomatches":
            self._send(200, json.dumps({"software": {"version": "6.4"}}).encode())
        elif mode == "split":
            answer = check_answer(text, form["language"], markup)
            if "\U0001f64f" in text:
                answer["matches"].append(answer["matches"][0] | {"offset": utf16(text, 0) + 1, "length": 1})
            self._send(200, json.dumps(answer).encode())

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def refused_url() -> str:
    """A local port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def lint(text: str, url: str, **settings: Any) -> tuple[list, list[str], list]:
    """(findings, notices, skipped) of one Italian text with the LanguageTool backend at `url`."""
    config = Settings(spelling="languagetool", languagetool_url=url, select=("SC901", "SC902"), **settings)
    linter = Linter(config)
    [result] = linter.lint([Source.from_text(text, path="t.txt", language="it")])
    ruleset = linter.ruleset("it")
    return list(result.findings), ruleset.notices, ruleset.skipped


def test_utf16_offsets_map_to_python_indices() -> None:
    text = "a😀b\U0001f64fc"
    mapping = Utf16Map(text)
    assert [mapping.index(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    with pytest.raises(BackendUnavailable, match="not a character boundary"):
        mapping.index(2)  # inside the surrogate pair of 😀
    with pytest.raises(BackendUnavailable):
        mapping.index(99)


def test_contract_spelling_and_grammar_with_offsets_beyond_the_bmp(server: str) -> None:
    text = "🙏 Egreggio Cliento, le chiediamo scusa per il il ritardo 😀😀 del Cliento."
    findings, notices, skipped = lint(text, f"{server}/ok")
    assert notices == [f"spelling via LanguageTool 6.4 at {server}/ok (it-IT)"] and skipped == []
    spelled = [(f.code, f.match, f.start, f.end) for f in findings if f.code == "SC901"]
    assert spelled == [
        ("SC901", "Egreggio", text.index("Egreggio"), text.index("Egreggio") + 8),
        ("SC901", "Cliento", text.index("Cliento"), text.index("Cliento") + 7),
        ("SC901", "Cliento", text.rindex("Cliento"), text.rindex("Cliento") + 7),
    ]
    first = findings[0]
    assert [s.replacement for s in first.suggestions][:1] == ["Egregio"]
    [grammar] = [f for f in findings if f.code == "SC902"]
    assert grammar.match == "il il"
    assert "ITALIAN_WORD_REPEAT_RULE" in grammar.message and "Parola ripetuta" in grammar.message
    assert grammar.category.value == "GRAMMAR"  # a grammar match is not a spelling error
    assert grammar.external is not None and grammar.external.id == "ITALIAN_WORD_REPEAT_RULE"
    assert grammar.link is not None and "ITALIAN_WORD_REPEAT_RULE" in grammar.link


def test_one_request_per_message_shared_by_spelling_and_grammar(server: str) -> None:
    Handler.requests.clear()
    lint("Ci scusiamo per il il ritardo.", f"{server}/ok")
    checks = [r for r in Handler.requests if r["path"].endswith("/v2/check")]
    # One probe at start-up ("Test.") and one check for the message, not one per rule.
    assert [r["text"] for r in checks] == ["Test.", "Ci scusiamo per il il ritardo."]
    assert {r["language"] for r in checks} == {"it-IT"}


def test_placeholders_and_masked_text_are_never_reported(server: str) -> None:
    text = "---\ntitle: Cliento\n---\nGentile {{ nome_cliente }}, ci scusiamo. Egreggio saluto."
    Handler.requests.clear()
    findings, _, _ = lint(text, f"{server}/ok")
    assert [f.match for f in findings] == ["Egreggio"]
    sent = Handler.requests[-1]
    assert len(sent["text"]) == len(text)  # the parts add up to the message: offsets are the message's
    prose = "".join(part.get("text", "") for part in json.loads(sent["data"])["annotation"])
    assert "Cliento" not in prose and "nome_cliente" not in prose  # front matter, placeholders: markup


def test_vocabulary_filters_languagetool_spelling_matches(server: str) -> None:
    findings, _, _ = lint(SEED, f"{server}/ok", accept=("Cliento",))
    assert [f.match for f in findings] == ["Egreggio"]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("error", "HTTP 500"),
        ("garbage", "not JSON"),
        ("nomatches", "without a `matches` list"),
        ("slow", "did not answer within 0.5 s"),
    ],
)
def test_broken_server_gives_a_notice_and_hunspell_findings(server: str, mode: str, reason: str) -> None:
    started = time.monotonic()
    findings, notices, skipped = lint(SEED, f"{server}/{mode}", languagetool_timeout=0.5)
    assert time.monotonic() - started < 2.5, "the timeout did not bound the request"
    [notice] = notices
    assert notice.startswith("spelling via LanguageTool skipped: ") and reason in notice
    assert [f.match for f in findings] == ["Egreggio", "Cliento"]  # Hunspell took over
    assert [s.code for s in skipped] == ["SC902"]


def test_failure_during_the_run_falls_back_for_the_rest_of_it(server: str) -> None:
    config = Settings(spelling="languagetool", languagetool_url=f"{server}/probeonly", select=("SC901", "SC902"))
    linter = Linter(config)
    sources = [Source.from_text(SEED, path=f"{n}.txt", language="it") for n in range(3)]
    results = linter.lint(sources)
    used, notice = linter.ruleset("it").notices
    assert used.startswith("spelling via LanguageTool 6.4 at")
    assert notice.startswith("spelling via LanguageTool skipped: ") and "HTTP 500" in notice
    assert [[f.match for f in r.findings] for r in results] == [["Egreggio", "Cliento"]] * 3


def test_offset_inside_a_character_is_a_broken_answer(server: str) -> None:
    findings, notices, _ = lint("\U0001f64f " + SEED, f"{server}/split")
    assert len(notices) == 2 and "not a character boundary" in notices[1]
    assert [f.match for f in findings] == ["Egreggio", "Cliento"]


def test_connection_refused_gives_notice_not_traceback(refused_url: str, tmp_path: Path) -> None:
    message = tmp_path / "bozza.txt"
    message.write_text(SEED + "\n", encoding="utf-8")
    result = run_cli(
        str(message), "--isolated", "--select", "SC9", "--spelling", "languagetool", "--languagetool-url", refused_url
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "notice: spelling via LanguageTool skipped: cannot reach" in result.stdout
    assert "SC901" in result.stdout and "Egreggio" in result.stdout and "Cliento" in result.stdout


def test_strict_turns_a_backend_failure_into_exit_2(server: str, tmp_path: Path) -> None:
    message = tmp_path / "bozza.txt"
    message.write_text(SEED + "\n", encoding="utf-8")
    result = run_cli(
        str(message), "--isolated", "--spelling", "languagetool", "--languagetool-url", f"{server}/error", "--strict"
    )
    assert result.returncode == 2
    assert "spelling via LanguageTool failed" in result.stderr and "HTTP 500" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_in_the_engine_raises_a_user_error(refused_url: str) -> None:
    with pytest.raises(ScusaError, match="strict"):
        lint(SEED, refused_url, strict=True)


def test_public_api_is_refused_without_the_explicit_option(tmp_path: Path) -> None:
    message = tmp_path / "bozza.txt"
    message.write_text(SEED + "\n", encoding="utf-8")
    result = run_cli(
        str(message), "--isolated", "--spelling", "languagetool", "--languagetool-url", "https://api.languagetool.org"
    )
    assert result.returncode == 2
    assert "third party" in result.stderr and "--languagetool-public-api" in result.stderr


def test_languagetool_without_server_or_install_says_so() -> None:
    findings, notices, _ = lint(SEED, "")
    assert notices and "neither languagetool-url nor languagetool-path" in notices[0]
    assert [f.match for f in findings] == ["Egreggio", "Cliento"]


def test_local_install_missing_or_broken_is_reported(tmp_path: Path) -> None:
    settings = Settings(spelling="languagetool", select=("SC901",), languagetool_timeout=1)
    missing = replace(settings, languagetool_path=str(tmp_path / "LanguageTool-6.4"))
    linter = Linter(missing)
    linter.lint([Source.from_text(SEED, language="it")])
    assert "no LanguageTool install at" in linter.ruleset("it").notices[0]
    broken = tmp_path / "LanguageTool-6.4"
    broken.mkdir()
    (broken / "languagetool-server.jar").write_bytes(b"not a jar")
    linter = Linter(replace(settings, languagetool_path=str(broken)))
    [result] = linter.lint([Source.from_text(SEED, language="it")])
    assert "is not a LanguageTool server jar" in linter.ruleset("it").notices[0]
    assert [f.match for f in result.findings] == ["Egreggio", "Cliento"]


def test_local_install_without_java_is_reported(tmp_path: Path) -> None:
    install = tmp_path / "LanguageTool-6.4"
    install.mkdir()
    import zipfile

    with zipfile.ZipFile(install / "languagetool-server.jar", "w") as jar:
        jar.writestr("org/languagetool/server/HTTPServer.class", b"")
    message = tmp_path / "bozza.txt"
    message.write_text(SEED + "\n", encoding="utf-8")
    result = run_cli(
        str(message),
        "--isolated",
        "--spelling",
        "languagetool",
        "--languagetool-path",
        str(install),
        env={"PATH": str(tmp_path)},  # no java here
    )
    assert result.returncode == 1, result.stderr
    assert "Java is not installed" in result.stdout


def test_client_talks_to_v2_check_directly(server: str) -> None:
    client = LanguageToolClient(f"{server}/ok/v2/", timeout=2)
    matches, version = client.check(SEED, "it-IT")
    assert version == "6.4"
    assert {m["rule"]["id"] for m in matches} == {"MORFOLOGIK_RULE_IT_IT"}


def test_results_through_a_working_server_are_cached(server: str, tmp_path: Path) -> None:
    """Naming the backend that ran is not a degraded run: a second run takes everything from the cache."""
    message = tmp_path / "bozza.txt"
    message.write_text(SEED + " Ci scusiamo per il il ritardo.\n", encoding="utf-8")
    command = [str(message), "--isolated", "--cache-dir", str(tmp_path / "cache"), "--output-format", "json"]
    command += ["--spelling", "languagetool", "--languagetool-url", f"{server}/ok"]
    Handler.requests.clear()
    first = run_cli(*command)
    assert any(r["text"] != "Test." for r in Handler.requests)  # the message went to the server
    Handler.requests.clear()
    second = run_cli(*command)
    assert Handler.requests == []  # nothing asked again
    findings = [json.loads(run.stdout)["files"][0]["findings"] for run in (first, second)]
    assert findings[0] == findings[1] and "SC901" in {f["code"] for f in findings[0]}
    # The grammar error is one finding: LanguageTool's SC902, or the offline checker's where both flag it.
    assert any(f["category"] == "GRAMMAR" for f in findings[0])
