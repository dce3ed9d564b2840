"""`--help`, `rules` and `explain` answer without importing spaCy (they must feel instant)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

PROBE = """
import sys
from scusa_lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = sorted(name for name in ("spacy", "thinc", "language_tool_python", "charset_normalizer") if name in sys.modules)
print("HEAVY:" + ",".join(heavy), "EXIT:" + str(code), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("check", "--help"),
        ("rules",),
        ("rules", "--output-format", "json"),
        ("explain", "SC101"),
        ("clean", "--help"),
    ],
)
def test_command_does_not_import_heavy_modules(args: tuple[str, ...]) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert "EXIT:0" in result.stderr, result.stderr
    assert "HEAVY: EXIT:0" in result.stderr, result.stderr
