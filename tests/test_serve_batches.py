"""`check --server`: a run hands its cache misses to a running `scusa-lint serve` and reports what it reports alone.

The server is a real `scusa-lint serve` on 127.0.0.1 (conftest.serve_process), the runs are real CLI runs in
subprocesses. When the server is down, answers 409 (other rules: here a client whose `regex` distribution
says another version, as a second install would) or cannot be sent a message, the run lints here and says
so in the notices; its findings never change.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import serve_process

from scusa_lint import codec, remote
from scusa_lint.settings import Settings
from scusa_lint.source import Comment, Source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
KEY = "batch-test-key"

DRAFT_IT = """Gentile cliente,
ci scusiamo se il ritardo le ha creato problemi. Il ritardo è colpa del corriere, non nostra.
Cordiali saluti.
"""
DRAFT_EN = """---
language: en
channel: email
incident: 2026-03-01
sent: 2026-03-25
---
Dear customer,

we apologize for any inconvenience. <!-- scusa-lint: disable=SC101 -- quoted -->
The delay was the courier's fault.
"""
CATALOG = """ritardo:
  subject: Il suo ordine
  body: |
    Gentile cliente, ci scusiamo per il ritardo. La colpa è del corriere.
rimborso:
  # scusa-lint: disable=SC310 -- a notice, not an apology
  body: Abbiamo rimborsato l'ordine 1234. Ci scusiamo per il disguido, è stato un nostro errore.
avviso:
  body: Ci dispiace se si è sentito offeso.
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_process("--api-key", KEY) as url:
        yield url


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts")
    (folder / "ritardo.txt").write_text(DRAFT_IT, encoding="utf-8")
    (folder / "late.md").write_text(DRAFT_EN, encoding="utf-8")
    (folder / "messaggi.yaml").write_text(CATALOG, encoding="utf-8")
    return folder


def check(
    paths: list[str], server: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> dict[str, Any]:
    """The JSON report of a real `scusa-lint check` (no cache: every message is a miss)."""
    command = [sys.executable, "-m", "scusa_lint", "check", *paths, "--isolated", "--no-cache"]
    command += ["--output-format", "json", "--exit-zero"]
    if server is not None:
        command += ["--server", server]
    environment = {k: v for k, v in os.environ.items() if k != remote.ENV_SERVER}
    environment.update({remote.ENV_API_KEY: KEY, **(env or {})})
    done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=cwd, timeout=300)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


@pytest.fixture(scope="module")
def alone(drafts: Path) -> dict[str, Any]:
    """The report of the run without a server, which every run with one must equal."""
    report = check([str(EXAMPLES), str(drafts)])
    assert report["summary"]["findings"] > 10 and not report["errors"]
    assert sum(1 for f in report["files"] if f["key"]) >= 3  # the catalog's messages share their file's text
    return report


def without_notices(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k != "notices"}


def messages_in(report: dict[str, Any]) -> int:
    return len(report["files"])  # one entry per message (a catalog's messages are entries of their own)


def test_a_run_with_the_server_reports_exactly_what_it_reports_alone(
    server: str, drafts: Path, alone: dict[str, Any]
) -> None:
    served = check([str(EXAMPLES), str(drafts)], server=server)
    assert without_notices(served) == without_notices(alone)
    count = messages_in(alone)
    assert f"linted {count} messages with the scusa-lint server at {server}" in served["notices"]
    assert set(served["notices"]) - set(alone["notices"]) == {
        f"linted {count} messages with the scusa-lint server at {server}"
    }


def test_when_no_server_answers_the_run_lints_here_and_says_so(drafts: Path, alone: dict[str, Any]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    report = check([str(EXAMPLES), str(drafts)], server=url)
    assert without_notices(report) == without_notices(alone)
    said = [n for n in report["notices"] if n.startswith(f"the scusa-lint server at {url} did not lint")]
    assert len(said) == 1 and "unreachable" in said[0] and said[0].endswith("linted here")


def test_a_server_with_other_rules_answers_409_and_the_run_lints_here(
    server: str, drafts: Path, alone: dict[str, Any], tmp_path: Path
) -> None:
    # The client sees another version of a backend (as a second install would): its run key differs.
    fake = tmp_path / "site" / "regex-0.0.1.dist-info"
    fake.mkdir(parents=True)
    (fake / "METADATA").write_text("Metadata-Version: 2.1\nName: regex\nVersion: 0.0.1\n", encoding="utf-8")
    path = os.pathsep.join(p for p in (str(tmp_path / "site"), os.environ.get("PYTHONPATH")) if p)
    report = check([str(EXAMPLES), str(drafts)], server=server, env={"PYTHONPATH": path})
    assert without_notices(report) == without_notices(alone)
    said = [n for n in report["notices"] if "did not lint" in n]
    assert len(said) == 1 and "HTTP 409" in said[0] and "other rules" in said[0]
    assert not any(n.startswith("linted ") for n in report["notices"])


def test_a_server_in_another_folder_answers_409(server: str, drafts: Path) -> None:
    report = check([str(drafts)], server=server, cwd=drafts)
    said = [n for n in report["notices"] if "did not lint" in n]
    assert len(said) == 1 and "HTTP 409" in said[0] and "runs in" in said[0]
    assert report["summary"]["findings"] > 0


def post(url: str, body: bytes, key: str | None) -> tuple[int, str]:
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {key}"} if key else {})
    request = urllib.request.Request(url + remote.PATH, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_batches_need_the_api_key_and_a_well_formed_request(server: str) -> None:
    assert post(server, b"{}", None)[0] == 401
    status, said = post(server, b'{"protocol": 1}', KEY)
    assert status == 400 and "not a batch request" in said
    status, said = post(server, b"[", KEY)
    assert status == 400


def test_a_wrong_run_key_is_refused_with_409(server: str) -> None:
    source = Source.from_text(DRAFT_IT, path="ritardo.txt")
    body = remote._request("0" * 64, codec.encode(Settings()), [source])
    status, said = post(server, body, KEY)
    assert status == 409 and "other rules" in said


def test_a_message_the_codec_cannot_carry_is_linted_here_and_said() -> None:
    source = Source.from_text(DRAFT_IT, path="ritardo.txt")
    strange = dataclasses.replace(source, meta={"tags": object()})
    client = remote.Remote("http://127.0.0.1:9")  # never contacted: the request cannot be built
    outcomes, infos = client.outcomes(Settings(), "key", [strange])
    assert outcomes == [] and infos == {}
    (notice,) = client.notices()
    assert "did not lint 1 message" in notice and "cannot be sent" in notice


def test_the_codec_carries_front_matter_dates() -> None:
    meta = {"sent": datetime.date(2026, 3, 1), "at": datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)}
    back = codec.decode(json.loads(json.dumps(codec.encode(meta))))
    assert back == meta and type(back["sent"]) is datetime.date


def test_the_cli_names_the_same_environment_variable() -> None:
    assert importlib.import_module("scusa_lint.cli.check").ENV_SERVER == remote.ENV_SERVER


def test_a_catalogs_messages_share_a_request_and_its_file_text_is_sent_once() -> None:
    file_text = "x\n" * 2_500_000  # a 5 MB catalog: each message's Source carries the whole file
    comments = tuple(Comment(f"translator note {i}", i + 1, i + 1) for i in range(3000))  # and all its comments
    sources = [
        dataclasses.replace(
            Source.from_text(f"Messaggio numero {i}.", path="big.po"), file_text=file_text, comments=comments
        )
        for i in range(remote.CHUNK_MESSAGES + 10)
    ]
    chunks = remote._chunks(sources)
    assert [len(c) for c in chunks] == [remote.CHUNK_MESSAGES, 10]
    body = json.loads(remote._request("key", codec.encode(Settings()), [sources[i] for i in chunks[0]]))
    assert body["files"] == [file_text]
    assert all(item["file"] == 0 for item in body["sources"])
    # Comments stay here (suppressions are applied when placing): the messages need not carry them.
    assert "translator note" not in json.dumps(body["sources"])
    run_key, _, _, decoded = remote.decode_request(body)
    assert run_key == "key"
    assert [s.text for s in decoded] == [sources[i].text for i in chunks[0]]
    assert all(s.file_text == file_text and s.comments == () for s in decoded)
