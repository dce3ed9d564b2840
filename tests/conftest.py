"""Shared fixtures: the repository root, the shipped packs, and a runner for the installed CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def _languagetool_script() -> object:
    """scripts/languagetool.py as a module (it is a repository script, not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("languagetool_script", ROOT / "scripts" / "languagetool.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def languagetool_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real LanguageTool server for the session: $SCUSA_LINT_LANGUAGETOOL_URL if set (CI starts one),
    else one started here from the jars `scripts/languagetool.py fetch` put in the cache, stopped at the end.
    Without either, the tests that need it skip and say how to run them."""
    url = os.environ.get("SCUSA_LINT_LANGUAGETOOL_URL")
    if url:
        yield url.rstrip("/")
        return
    script: Any = _languagetool_script()
    jars = script.jars_dir()
    if not script.fetched(jars):
        pytest.skip(
            "no LanguageTool: set SCUSA_LINT_LANGUAGETOOL_URL to a running server, or run "
            f"`python scripts/languagetool.py fetch` (jars into {jars}) so that the tests start one"
        )
    state = tmp_path_factory.mktemp("languagetool") / "server.json"
    try:
        started = script.start(jars, state)
    except script.LanguageToolError as exc:
        pytest.skip(f"LanguageTool could not start here: {exc}")
    try:
        yield started.url
    finally:
        script.stop(state)
