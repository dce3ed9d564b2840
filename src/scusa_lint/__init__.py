"""scusa-lint: a linter for customer apology messages.

The public API is deliberately small: :func:`lint_text` lints one string and
returns findings; everything else lives behind the CLI.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from scusa_lint.finding import Finding
    from scusa_lint.linter import Linter

__all__ = ["__version__", "lint_text"]


def lint_text(text: str, language: str = "it", path: str = "<text>") -> list[Finding]:
    """Lint one message with the default settings and return its findings.

    The first call for a language builds its pipeline and rules (about a second); later calls
    reuse them, so linting many texts costs only their own analysis.

    text (str): the message to lint.
    language (str): the language of the rule packs to use ("it" or "en").
    path (str): a name for the message, used in findings.
    RETURNS (list[Finding]): the findings, sorted by position.
    """
    from scusa_lint.source import Source

    result = _default_linter(language).lint([Source.from_text(text, path=path, language=language)])[0]
    return list(result.findings)


@functools.lru_cache(maxsize=4)
def _default_linter(language: str) -> Linter:
    """One long-lived Linter per language with the default settings (imported here: `import scusa_lint` stays cheap)."""
    from scusa_lint.linter import Linter
    from scusa_lint.settings import Settings

    return Linter(Settings(language=language))
