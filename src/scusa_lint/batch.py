"""Lint a batch of Sources in this process, and say per language what ran (for Report and the cache).

LanguageInfo is what a Report needs about a language besides the FileResults: the pipeline
that ran, the rules skipped and why, the notices from building the rules, and how many rules
ran. A warm run that takes every result from the cache reads it from there, so that it
reports the same things without importing spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scusa_lint.linter import FileResult, Linter, SkippedRule
from scusa_lint.settings import Settings
from scusa_lint.source import Source


@dataclass(frozen=True)
class LanguageInfo:
    """What ran for one language in one run."""

    language: str
    pipeline: str
    skipped: tuple[SkippedRule, ...] = ()
    notices: tuple[str, ...] = ()
    rules_run: int = 0


def language_info(linter: Linter, language: str) -> LanguageInfo:
    """The LanguageInfo of a language, building its rules if needed."""
    ruleset = linter.ruleset(language)
    return LanguageInfo(
        language,
        ruleset.pipeline.description,
        tuple(ruleset.skipped),
        tuple(ruleset.notices),
        len(ruleset.rules),
    )


def lint_here(sources: Sequence[Source], settings: Settings) -> tuple[list[FileResult], dict[str, LanguageInfo]]:
    """Lint in this process: results in the order of `sources`, and info for each language seen."""
    linter = Linter(settings)
    results = linter.lint(sources)
    infos = {language: language_info(linter, language) for language in sorted({r.language for r in results})}
    return results, infos


def language_of(source: Source, settings: Settings) -> str:
    """The language a source is linted in (its front matter's, or the run's default)."""
    return source.language or settings.language
