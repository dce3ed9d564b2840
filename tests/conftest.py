"""Shared fixtures: the repository root, the shipped packs, and a runner for the installed CLI."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_cli(
    *args: str, input: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m scusa_lint` as a user would, in a subprocess, and capture its output."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "scusa_lint", *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=300,
    )


@contextlib.contextmanager
def serve_process(*args: str) -> Iterator[str]:
    """`scusa-lint serve` on a free port of 127.0.0.1, as a user starts it; yields its base URL."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "scusa_lint", "serve", "--port", str(port), "--isolated", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/v2/languages", timeout=2):
                    break
            except OSError as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    said = process.stderr.read() if process.stderr else ""
                    raise RuntimeError(f"scusa-lint serve did not start: {said}") from exc
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="session")
def serve_url() -> Iterator[str]:
    """One `scusa-lint serve` for the session's API, client and page tests."""
    with serve_process() as url:
        yield url
