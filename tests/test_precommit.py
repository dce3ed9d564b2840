"""The pre-commit hook, end to end: `pre-commit try-repo <this checkout> scusa-lint` in a fresh git repository.

pre-commit installs this package from the checkout's committed state into its own virtualenv
(from PyPI: hatchling, spaCy, ...), so the test needs git, the pre-commit package and network
access to PyPI (CI has them). It is slow (about a minute per run) but part of the default suite.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import BAD, GOOD_SHIPPED, write

pytestmark = pytest.mark.slow


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def _try_repo(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PRE_COMMIT_HOME")}
    env |= {"NO_COLOR": "1", "PRE_COMMIT_COLOR": "never", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "scusa-lint", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def test_hook_fails_on_a_bad_template_and_passes_on_a_good_one(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("the pre-commit package is not installed (pip install pre-commit)")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout; pre-commit try-repo needs one")
    committed = subprocess.run(
        ["git", "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True
    )
    assert committed.returncode == 0, ".pre-commit-hooks.yaml must be committed for try-repo to see it"

    repo = tmp_path / "templates-repo"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    write(
        repo,
        {
            "templates/late.txt": BAD,
            "templates/sorry.md": GOOD_SHIPPED,
            "tools/notes.py": "# " + BAD,  # not a type the hook lints
            ".gitlab-ci.yml": f"job:\n  script: echo '{BAD.strip()}'\n",  # configuration, excluded by the hook
            "package.json": f'{{"description": "{BAD.strip()}"}}\n',
        },
    )
    _git("add", ".", cwd=repo)

    failed = _try_repo(repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "scusa-lint" in failed.stdout and "Failed" in failed.stdout
    assert "templates/late.txt:1:14: SC101" in failed.stdout
    assert not re.search(r"templates/sorry\.md:\d+:\d+:", failed.stdout)  # the good template has no finding
    for skipped in ("notes.py", ".gitlab-ci.yml", "package.json"):  # not linted at all
        assert skipped not in failed.stdout

    write(repo, {"templates/late.txt": GOOD_SHIPPED})
    _git("add", ".", cwd=repo)
    passed = _try_repo(repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
