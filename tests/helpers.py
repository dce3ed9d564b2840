"""Message texts and small helpers shared by the CLI tests (texts written for the tests, not from any corpus)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

# Flags SC101 (blame on the courier), SC120 (no prevention plan) and SC310 (no apology).
BAD = "Il ritardo è colpa del corriere.\n"
# An apology with ownership and a prevention plan: no finding from the shipped Italian rules.
GOOD = (
    "Ci scusiamo per il ritardo nella consegna: abbiamo sbagliato noi a preparare il pacco. "
    "Da oggi ogni ordine viene controllato due volte.\n"
)


def with_kind(kind: str, body: str) -> str:
    return f"---\nkind: {kind}\n---\n{body}"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def codes_by_file(result: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    """path -> sorted codes, from `--output-format json` output (paths with forward slashes)."""
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    return {Path(f["path"]).as_posix(): sorted(finding["code"] for finding in f["findings"]) for f in document["files"]}
