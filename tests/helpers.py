"""Message texts, the test packs and small helpers shared by the CLI tests (texts written for the tests).

The machinery tests (configuration, suppressions, outputs) use the rules of
fixtures/machinery-pack.yaml, whose behaviour is fixed, so that tuning the shipped packs does
not change them; the shipped rules are exercised by their own examples and by the pre-commit test.
The role of every message is fixed to apology in the same way (`--role apology`), so that tuning
the role decision (roles.py, tested in test_roles.py) does not change them either.
"""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from scusa_lint.linter import Linter, RuleSet

FIXTURES = Path(__file__).parent / "fixtures"
MACHINERY = (FIXTURES / "machinery-pack.yaml").as_posix()
FIX_PACK = (FIXTURES / "fix-pack.yaml").as_posix()
# Command-line options for a run with the test rules only (and SC002, the shipped unused-suppression check).
TEST_RULES = ("--isolated", "--pack", MACHINERY, "--select", "SCX,SC002", "--role", "apology")
# The same in a configuration file.
TEST_CONFIG = f'packs = ["{MACHINERY}"]\nrole = "apology"\n'

# Test rules: SCX101 (blame on the courier), SCX120 (no prevention plan), SCX310 (no apology).
BAD = "Il ritardo è colpa del corriere.\n"
GOOD = "Ci scusiamo per il ritardo: abbiamo sbagliato noi. Da oggi controlliamo ogni ordine.\n"
# No finding from the shipped Italian rules either (used end to end, by the pre-commit test).
GOOD_SHIPPED = (
    "Gentile signora Bianchi, ci scusiamo per il ritardo nella consegna del Suo ordine: è stato un nostro "
    "errore nella preparazione del pacco, e capiamo il disagio che Le abbiamo causato. Il pacco è partito "
    "oggi e arriverà domani. Da oggi ogni ordine viene controllato due volte prima della spedizione.\n"
)


def with_channel(channel: str, body: str) -> str:
    return f"---\nchannel: {channel}\n---\n{body}"


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


@functools.cache
def _analysis_linter(code: str) -> Linter:
    from scusa_lint.linter import Linter
    from scusa_lint.settings import Settings

    return Linter(Settings(language=code, select=("SC001",)))  # one cheap rule: the analysis is what is read


def analysed(code: str, text: str) -> tuple[RuleSet, Doc]:
    """A text analysed as the linter analyses it, with its language's rule set (classes, scopes, pipeline)."""
    from scusa_lint.source import Source

    linter = _analysis_linter(code)
    (doc,) = linter.analyse(code, [Source.from_text(text, language=code)])
    return linter.ruleset(code), doc
