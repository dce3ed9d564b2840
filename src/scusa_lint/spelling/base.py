"""The speller contract: what a spelling backend is given, what it returns, and how it fails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

# Character ranges of the text that are not prose (front matter, placeholders): never checked.
Ranges = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class Misspelling:
    """A word the backend does not know: offsets into the checked text, and its suggestions (best first)."""

    start: int
    end: int
    word: str
    suggestions: tuple[str, ...] = ()
    # Which backend rule flagged it, when it was LanguageTool's speller (MORFOLOGIK_RULE_IT_IT).
    rule: BackendRule | None = None


@dataclass(frozen=True)
class BackendRule:
    """A LanguageTool rule as the server describes it: id, category id, its own title and link."""

    id: str
    category: str = ""
    description: str = ""
    url: str | None = None


@dataclass(frozen=True)
class GrammarIssue:
    """A grammar or style match (LanguageTool only): offsets, the backend's rule id and message."""

    start: int
    end: int
    rule_id: str
    message: str
    suggestions: tuple[str, ...] = ()
    rule: BackendRule | None = None


@dataclass(frozen=True)
class CheckResult:
    """Everything one backend found in one text.

    backend: the name of the backend that actually produced the result (after any fallback).
    """

    backend: str
    misspellings: tuple[Misspelling, ...] = ()
    grammar: tuple[GrammarIssue, ...] = ()
    notes: tuple[str, ...] = field(default=())


class BackendUnavailable(Exception):
    """A backend cannot check text (no Java, no server, timeout, HTTP error, garbage answer).

    The message is the reason shown to the user: "spelling via LanguageTool skipped: <reason>".
    """


class SpellChecker(Protocol):
    """A spelling backend, built once per run and language, shared by all rules that need it."""

    name: str

    def check(self, text: str, ignored: Ranges, sentence_starts: frozenset[int]) -> CheckResult:
        """Check `text`, skipping `ignored` ranges; offsets in the result index into `text`.

        sentence_starts: offsets where a sentence starts (for the proper-name policy).
        Raises BackendUnavailable when the backend cannot answer.
        """
        ...

    def describe(self) -> str:
        """One line for `doctor` and verbose output: what this backend is and which data it uses."""
        ...
