"""scusa-lint: a linter for customer apology messages.

The public API is deliberately small: :func:`lint_text` lints one string and
returns findings; everything else lives behind the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from scusa_lint.finding import Finding

__all__ = ["__version__", "lint_text"]


def lint_text(text: str, language: str = "it", path: str = "<text>") -> list[Finding]:
    """Lint one message with the default settings and return its findings.

    text (str): the message to lint.
    language (str): the language of the rule packs to use ("it" or "en").
    path (str): a name for the message, used in findings.
    RETURNS (list[Finding]): the findings, sorted by position.
    """
    # Imported here so that `import scusa_lint` stays cheap (the CLI imports it for --version).
    from scusa_lint.linter import Linter
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source

    settings = Settings(language=language)
    linter = Linter(settings)
    result = linter.lint([Source.from_text(text, path=path, language=language)])[0]
    return list(result.findings)
