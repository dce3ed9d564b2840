#!/usr/bin/env python3
"""A local LanguageTool server from Maven Central: fetch its jars, start it, check it, stop it.

Usage:
    python scripts/languagetool.py fetch            # jars into the cache (Maven; ~250 MB, once)
    python scripts/languagetool.py start            # prints the URL; writes PID and port to the state file
    python scripts/languagetool.py status           # is it up, which version, which languages
    python scripts/languagetool.py stop             # stops the server this script started, by its PID

    export SCUSA_LINT_LANGUAGETOOL_URL=$(python scripts/languagetool.py start)

Where things go:
    jars   $SCUSA_LINT_LT_HOME, else ~/.cache/scusa-lint/languagetool/<version>/jars
           (Maven's own ~/.m2 keeps the downloads, so a second fetch on the machine is offline)
    state  --state FILE, else server.json beside the jars folder: {"pid", "port", "url", "log", ...}

Why a script and not `scusa-lint languagetool`: fetching needs Maven and the project's
languagetool/pom.xml, which belong to the repository, not to the installed package; at lint
time scusa-lint only talks HTTP to a running server and never downloads anything.

The server listens on 127.0.0.1 only (LanguageTool's default without --public), on a port
the kernel reports free. `stop` signals only the PID it recorded, and only if that process is
still a LanguageTool HTTPServer on the recorded port (a PID may have been reused).
Standard library only: .ci/run calls it before the project is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POM = ROOT / "languagetool" / "pom.xml"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
# LanguageTool keeps this many recent check results: a second run over the same messages is fast.
SERVER_PROPERTIES = "cacheSize=5000\ncacheTTLSeconds=3600\npipelineCaching=true\n"
DEFAULT_JAVA_OPTIONS = ("-Xms256m", "-Xmx1g")
# The variants scusa-lint checks; `start` checks one word in each so that their rules are loaded.
WARM_UP = ("it-IT", "en-US", "en-GB")


class LanguageToolError(Exception):
    """Something the user must fix or know (no Maven, no Java, the server did not start)."""


def version(pom: Path = POM) -> str:
    """The LanguageTool version the project's pom.xml pins."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    found = ElementTree.parse(pom).getroot().find("m:properties/m:languagetool.version", namespace)
    if found is None or not (found.text or "").strip():
        raise LanguageToolError(f"{pom} has no <languagetool.version> property")
    return found.text.strip()  # type: ignore[union-attr]


def jars_dir(pom: Path = POM) -> Path:
    """Where the jars live: $SCUSA_LINT_LT_HOME, else the per-version cache folder."""
    home = os.environ.get("SCUSA_LINT_LT_HOME")
    if home:
        return Path(home).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "scusa-lint" / "languagetool" / version(pom) / "jars"


def default_state(jars: Path) -> Path:
    return jars.parent / "server.json"


def server_jar(jars: Path, pom: Path = POM) -> Path:
    return jars / f"languagetool-server-{version(pom)}.jar"


def fetched(jars: Path, pom: Path = POM) -> bool:
    """Whether the jars folder holds a complete copy (the server jar and both language modules)."""
    wanted = [
        f"languagetool-server-{version(pom)}.jar",
        f"language-it-{version(pom)}.jar",
        f"language-en-{version(pom)}.jar",
    ]
    return all((jars / name).is_file() for name in wanted)


def fetch(jars: Path, pom: Path = POM) -> Path:
    """Copy LanguageTool and its dependencies into `jars` with Maven (nothing to do if already there).

    Maven writes into a temporary sibling folder that is renamed at the end, so an interrupted
    fetch never leaves a half-filled jars folder that looks complete.
    """
    if fetched(jars, pom):
        return jars
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LanguageToolError("Maven is not installed (no `mvn` on PATH); it is needed to fetch LanguageTool")
    jars.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".jars-", dir=jars.parent))
    try:
        command = [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies", f"-DoutputDirectory={partial}"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise LanguageToolError("Maven could not fetch LanguageTool:\n" + "\n".join(tail))
        if jars.exists():
            shutil.rmtree(jars)
        partial.rename(jars)
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    if not fetched(jars, pom):
        raise LanguageToolError(f"Maven finished but {jars} lacks the LanguageTool jars")
    return jars


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def languages(url: str, timeout: float = 2.0) -> list[dict[str, str]] | None:
    """The server's /v2/languages, or None when it does not answer (yet)."""
    try:
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return answer if isinstance(answer, list) else None


@dataclass
class ServerState:
    """What `start` records and `stop`/`status` read back."""

    pid: int
    port: int
    url: str
    log: str
    jars: str
    started: float
    start_seconds: float  # until /v2/languages answered
    warm_up_seconds: float  # then the first check of each language


def start(
    jars: Path,
    state_file: Path,
    port: int | None = None,
    timeout: float = 120.0,
    java_options: tuple[str, ...] = DEFAULT_JAVA_OPTIONS,
    warm_up: tuple[str, ...] = WARM_UP,
    properties: str = SERVER_PROPERTIES,
) -> ServerState:
    """Start LanguageTool's HTTPServer on 127.0.0.1, wait until /v2/languages answers, record it.

    Raises LanguageToolError if the jars are missing, Java is missing, the process exits, or it
    does not answer within `timeout` seconds (then it is stopped again).
    """
    if not fetched(jars):
        raise LanguageToolError(f"no LanguageTool jars in {jars}: run `python scripts/languagetool.py fetch` first")
    java = shutil.which("java")
    if java is None:
        raise LanguageToolError("Java is not installed (no `java` on PATH); LanguageTool needs Java 17+")
    existing = read_state(state_file)
    if existing is not None and _is_our_server(existing):
        raise LanguageToolError(f"a LanguageTool started from {state_file} is already running at {existing.url}")
    port = port or free_port()
    state_file.parent.mkdir(parents=True, exist_ok=True)
    config = state_file.with_suffix(".properties")
    config.write_text(properties, encoding="utf-8")
    log_path = state_file.with_suffix(".log")
    command = [
        java,
        *java_options,
        "-cp",
        str(jars / "*"),
        MAIN_CLASS,
        "--port",
        str(port),
        "--config",
        str(config),
    ]
    began = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        answered, warmed = _wait(process, url, began, timeout, warm_up, log_path)
    except BaseException:  # not answering, or interrupted: never leave a server nobody recorded
        _terminate(process.pid)
        raise
    state = ServerState(process.pid, port, url, str(log_path), str(jars), time.time(), answered, warmed)
    state_file.write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
    return state


def _wait(
    process: subprocess.Popen[bytes], url: str, began: float, timeout: float, warm_up: tuple[str, ...], log: Path
) -> tuple[float, float]:
    """Seconds until /v2/languages answered, and then until one check per warm-up language answered."""
    while languages(url) is None:
        if process.poll() is not None:
            raise LanguageToolError(f"LanguageTool exited with code {process.returncode}; see {log}")
        if time.monotonic() - began > timeout:
            raise LanguageToolError(f"LanguageTool did not answer within {timeout:g} s; see {log}")
        time.sleep(0.25)
    answered = time.monotonic() - began
    try:
        for code in warm_up:  # each language loads on its first check (~10 s): pay it here, not in a test
            check_version(url, code, timeout)
    except (OSError, ValueError) as exc:
        raise LanguageToolError(f"LanguageTool answered /v2/languages but not a check: {exc}; see {log}") from exc
    return round(answered, 2), round(time.monotonic() - began - answered, 2)


def read_state(state_file: Path) -> ServerState | None:
    try:
        return ServerState(**json.loads(state_file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _is_our_server(state: ServerState) -> bool:
    """Whether the recorded PID is still a LanguageTool HTTPServer on the recorded port (not a reused PID)."""
    try:
        command = Path(f"/proc/{state.pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        try:
            os.kill(state.pid, 0)
        except OSError:
            return False
        return True  # no /proc (macOS): trust the PID
    return MAIN_CLASS.encode() in command and str(state.port).encode() in command


def _terminate(pid: int, grace: float = 15.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds; only this PID."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not our child (started by an earlier command): poll for it
            finished = 0 if _alive(pid) else pid
        if finished == pid:
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def stop(state_file: Path) -> ServerState | None:
    """Stop the server recorded in `state_file` (None: nothing was running) and forget it."""
    state = read_state(state_file)
    if state is not None and _is_our_server(state):
        _terminate(state.pid)
    else:
        state = None
    if state_file.is_file():  # a state file is ours to forget; a device or folder named by mistake is not
        state_file.unlink()
    return state


def check_version(url: str, language: str = "en-US", timeout: float = 60.0) -> str:
    """The version a tiny check in `language` reports (the server's own words)."""
    body = urllib.parse.urlencode({"text": "Test.", "language": language}).encode()
    with urllib.request.urlopen(f"{url}/v2/check", data=body, timeout=timeout) as response:
        answer = json.loads(response.read().decode("utf-8"))
    return str(answer.get("software", {}).get("version", "?"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("fetch", "start", "stop", "status", "url"))
    parser.add_argument("--jars", type=Path, help="the jars folder (default: $SCUSA_LINT_LT_HOME or the cache)")
    parser.add_argument("--state", type=Path, help="the state file (default: server.json beside the jars folder)")
    parser.add_argument("--port", type=int, help="listen on this port (default: a free one)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the server to answer")
    parser.add_argument("--no-warm-up", action="store_true", help="do not check a word in each language at start")
    args = parser.parse_args(argv)
    jars = args.jars or jars_dir()
    state_file = args.state or default_state(jars)
    try:
        if args.command == "fetch":
            began = time.monotonic()
            fetch(jars)
            print(f"LanguageTool {version()} jars in {jars} ({time.monotonic() - began:.1f} s)", file=sys.stderr)
        elif args.command == "start":
            state = start(jars, state_file, args.port, args.timeout, warm_up=() if args.no_warm_up else WARM_UP)
            print(
                f"LanguageTool answered in {state.start_seconds:.1f} s (+{state.warm_up_seconds:.1f} s warm-up), "
                f"PID {state.pid}, log {state.log}",
                file=sys.stderr,
            )
            print(state.url)
        elif args.command == "stop":
            stopped = stop(state_file)
            print(f"stopped PID {stopped.pid}" if stopped else f"nothing running from {state_file}", file=sys.stderr)
        else:
            recorded = read_state(state_file)
            if recorded is None or not _is_our_server(recorded):
                print(f"not running (no live server recorded in {state_file})", file=sys.stderr)
                return 1
            if args.command == "url":
                print(recorded.url)
                return 0
            found = languages(recorded.url) or []
            codes = sorted({str(entry.get("longCode")) for entry in found})
            answer = check_version(recorded.url)
            print(f"LanguageTool {answer} at {recorded.url}, PID {recorded.pid}: {', '.join(codes)}")
    except (LanguageToolError, OSError) as exc:
        print(f"languagetool: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
