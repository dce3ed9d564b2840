"""Linting a run's cache misses in a running `scusa-lint serve` (issue 12), the way dmypy or eslint_d do.

    scusa-lint check --server URL (or $SCUSA_LINT_SERVER)
        run.py: read -> cache lookup -> misses --POST /scusa/v1/outcomes--> Outcomes + LanguageInfos
                -> store -> place, suppressions, output (all unchanged, in this process)

A short run costs about 1.5 s of CPU, nearly all start-up: importing spaCy, loading simplemma's
dictionary, the packs, compiling the rules, opening Hunspell. A server has all of that loaded, so a
client that sends it the messages never imports spaCy: it pays what a warm-cache run pays.

The server answers with the objects the local run would compute (Linter.outcomes and Linter.infos),
so the cache, suppressions, placing and output stay the same code. It never answers with other rules:
each request carries this run's cache run key (cache.run_key: versions, settings, the packs' bytes,
backends) and the working folder (relative paths and globs depend on it); the server computes its
own key for the same settings and answers 409 when they differ. Whatever goes wrong (no server, an
error, a 409, a message the codec cannot carry, such as a date in front matter), the messages not
linted there are linted here and the report says so once: results never depend on the server.

Only the standard library (urllib.request, json) is used here, so the client imports neither
spaCy nor an HTTP library.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from scusa_lint import __version__, codec
from scusa_lint.finding import LanguageInfo, Outcome
from scusa_lint.settings import Settings
from scusa_lint.source import Source

ENV_SERVER = "SCUSA_LINT_SERVER"
# The server's own variable for --api-key: a client on the same machine sends it as a Bearer token.
ENV_API_KEY = "SCUSA_LINT_API_KEY"
PATH = "/scusa/v1/outcomes"
PROTOCOL = 1
# A request carries at most this many messages, characters of text and (about) bytes: well below the
# server's --max-batch-bytes default (16 MB), and short enough to finish well within its time limit
# (10 s by default): 120-word drafts with names and typos take about 4.3 ms each there, so a full
# chunk of them (about 250) about 1.1 s.
CHUNK_MESSAGES = 500
CHUNK_CHARS = 200_000
CHUNK_BYTES = 4_000_000
# Seconds to wait for an answer: longer than the server's own time limit, after which it answers 503.
TIMEOUT = 60.0


class RemoteFailed(Exception):
    """The server did not lint a chunk (unreachable, an error, other rules); the reason is shown to the user.

    unreachable: nothing answered, so later batches of the run do not try again.
    """

    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable


@dataclass
class Remote:
    """One run's use of a server: where it is, what it linted, and why it did not lint the rest."""

    url: str
    api_key: str | None = None
    timeout: float = TIMEOUT
    served: int = 0
    local: int = 0
    reasons: list[str] = field(default_factory=list)
    down: bool = False

    @classmethod
    def at(cls, url: str) -> Remote:
        """The server at `url` (check.py reads --server, else $SCUSA_LINT_SERVER), with $SCUSA_LINT_API_KEY."""
        return cls(url.strip().rstrip("/"), os.environ.get(ENV_API_KEY) or None)

    def outcomes(
        self, settings: Settings, run_key: str | None, sources: Sequence[Source]
    ) -> tuple[list[Outcome], dict[str, LanguageInfo]]:
        """The outcomes of the leading sources the server linted, in order (all of them, or fewer after a
        failure: the caller lints the rest here) and the infos of their languages."""
        outcomes: list[Outcome] = []
        infos: dict[str, LanguageInfo] = {}
        try:
            if self.down:
                raise RemoteFailed(self.reasons[-1] if self.reasons else "unreachable", unreachable=True)
            if run_key is None:
                raise RemoteFailed("a rule pack cannot be read")
            encoded_settings = codec.encode(settings)
            for chunk in _chunks(sources):
                body = _request(run_key, encoded_settings, [sources[i] for i in chunk])
                got, got_infos = self._post(body, len(chunk))
                outcomes.extend(got)
                for language, info in got_infos.items():
                    infos.setdefault(language, info)
        except RemoteFailed as failed:
            self.down = self.down or failed.unreachable
            if failed.reason not in self.reasons:
                self.reasons.append(failed.reason)
        self.served += len(outcomes)
        self.local += len(sources) - len(outcomes)
        return outcomes, infos

    def notices(self) -> list[str]:
        """What the report says: which messages the server linted, and why the others were linted here."""
        said: list[str] = []
        if self.served:
            said.append(f"linted {_count(self.served)} with the scusa-lint server at {self.url}")
        if self.local:
            why = "; ".join(self.reasons) or "unknown reason"
            said.append(f"the scusa-lint server at {self.url} did not lint {_count(self.local)} ({why}): linted here")
        return said

    def _post(self, body: bytes, expected: int) -> tuple[list[Outcome], dict[str, LanguageInfo]]:
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url + PATH, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                data = answer.read()
        except urllib.error.HTTPError as error:
            detail = error.read(500).decode("utf-8", "replace").strip().removeprefix("Error: ")
            raise RemoteFailed(f"HTTP {error.code}: {detail}" if detail else f"HTTP {error.code}") from error
        except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, a connection cut
            reason = getattr(error, "reason", error)
            raise RemoteFailed(f"unreachable: {reason}", unreachable=True) from error
        except ValueError as error:  # not a URL urllib can open (no http://)
            raise RemoteFailed(f"not a server URL: {error}", unreachable=True) from error
        return _answer(data, expected)


def _count(n: int) -> str:
    return f"{n:,} message{'s' if n != 1 else ''}"


def _chunks(sources: Sequence[Source]) -> list[list[int]]:
    """The sources' indices cut into requests of at most CHUNK_MESSAGES messages, CHUNK_CHARS characters of
    text, about CHUNK_BYTES of messages and CHUNK_BYTES of file texts.

    A message weighs about ten bytes a character (text, analysis text, a catalog message's offsets).
    Its file's text is sent once per request (see _request), so it counts once, and apart: a large
    catalog's messages share requests with its text however large it is (one file is never split
    from its first message; the server's --max-batch-bytes decides), instead of one request each.
    """
    result: list[list[int]] = []
    current: list[int] = []
    files: set[str] = set()
    size = chars = file_bytes = 0
    for index, source in enumerate(sources):
        weight = 10 * len(source.text) + 1000
        new_file = 0 if source.file_text in files else 2 * len(source.file_text)
        full = (
            len(current) >= CHUNK_MESSAGES
            or size + weight > CHUNK_BYTES
            or chars + len(source.text) > CHUNK_CHARS
            or (new_file and file_bytes + new_file > CHUNK_BYTES)
        )
        if current and full:
            result.append(current)
            current, files, size, chars, file_bytes = [], set(), 0, 0, 0
            new_file = 2 * len(source.file_text)
        current.append(index)
        files.add(source.file_text)
        size += weight
        chars += len(source.text)
        file_bytes += new_file
    if current:
        result.append(current)
    return result


def _request(run_key: str, settings: Any, sources: Sequence[Source]) -> bytes:
    """The request body. A catalog's messages share their file's text: it is sent once per request, not
    once per message (`files`), and the server rebuilds each Source with it. The file's comments are
    not sent: only inline suppressions read them, and those are applied here, when placing (a
    10,000-entry catalog's comments, copied into each message, made 6 MB a message)."""
    files: dict[str, int] = {}
    encoded: list[Any] = []
    try:
        for source in sources:
            number = files.setdefault(source.file_text, len(files))
            slim = replace(source, file_text="", _line_starts=(), comments=())
            encoded.append({"file": number, "source": codec.encode(slim)})
    except codec.CodecError as error:
        raise RemoteFailed(f"a message cannot be sent ({error})") from error
    body = {
        "protocol": PROTOCOL,
        "version": __version__,
        "run_key": run_key,
        "cwd": os.getcwd(),
        "settings": settings,
        "files": list(files),
        "sources": encoded,
    }
    try:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except ValueError as error:  # a NaN or a lone surrogate in a message
        raise RemoteFailed(f"a message cannot be sent ({error})") from error


def _answer(data: bytes, expected: int) -> tuple[list[Outcome], dict[str, LanguageInfo]]:
    """The server's outcomes and infos, checked: anything unexpected is a failure, never a wrong result."""
    try:
        parsed = json.loads(data)
        outcomes = codec.decode(parsed["outcomes"])
        infos = codec.decode(parsed["infos"])
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise RemoteFailed(f"unreadable answer ({type(error).__name__}: {error})") from error
    if (
        not isinstance(outcomes, list)
        or len(outcomes) != expected
        or not all(isinstance(o, Outcome) for o in outcomes)
        or not isinstance(infos, dict)
        or not all(isinstance(i, LanguageInfo) and i.language == k for k, i in infos.items())
        or not {o.language for o in outcomes} <= set(infos)
    ):
        raise RemoteFailed("unexpected answer")
    return outcomes, infos


def decode_request(data: Any) -> tuple[str, str, Settings, list[Source]]:
    """The server's side of :func:`_request`: the run key, working folder, settings and sources.

    Raises ValueError (codec.CodecError is one) on anything that is not such a request.
    """
    from scusa_lint.source import line_starts

    if not isinstance(data, dict) or data.get("protocol") != PROTOCOL:
        raise ValueError(f"not a protocol {PROTOCOL} request (scusa-lint {__version__} serves protocol {PROTOCOL})")
    run_key, cwd, files, items = data.get("run_key"), data.get("cwd"), data.get("files"), data.get("sources")
    if not isinstance(run_key, str) or not isinstance(cwd, str):
        raise ValueError("run_key and cwd must be strings")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files) or not isinstance(items, list):
        raise ValueError("files must be a list of strings and sources a list")
    settings = codec.decode(data.get("settings"))
    if not isinstance(settings, Settings):
        raise ValueError("settings must be Settings")
    starts: dict[int, tuple[int, ...]] = {}
    sources: list[Source] = []
    for item in items:
        number = item.get("file") if isinstance(item, dict) else None
        if type(number) is not int or not 0 <= number < len(files):
            raise ValueError("every source needs the number of its file")
        source = codec.decode(item.get("source"))
        if not isinstance(source, Source):
            raise ValueError("sources must be Sources")
        if number not in starts:
            starts[number] = line_starts(files[number])
        sources.append(replace(source, file_text=files[number], _line_starts=starts[number]))
    return run_key, cwd, settings, sources


def encode_answer(outcomes: Sequence[Outcome], infos: dict[str, LanguageInfo]) -> bytes:
    """The server's answer: what :func:`_answer` reads."""
    body = {"outcomes": codec.encode(list(outcomes)), "infos": codec.encode(dict(infos))}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
