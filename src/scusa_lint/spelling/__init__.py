"""Spelling backends: BACKENDS (the one registration point) and the per-run service that picks and shares them.

    spelling = "hunspell"      offline, bundled dictionaries (default)
    spelling = "languagetool"  a LanguageTool server (languagetool-url) or install (languagetool-path)
    spelling = "off"           no spelling or grammar checks (the rules are listed as skipped)

A LanguageTool failure, at start-up or later, is never silent: the notice
"spelling via LanguageTool skipped: <reason>" goes into the report and Hunspell takes over
for the rest of the run; with ``strict = true`` the run stops with exit code 2 instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from scusa_lint.errors import ConfigError, ScusaError
from scusa_lint.spelling.base import BackendUnavailable, CheckResult, Ranges, SpellChecker
from scusa_lint.spelling.vocabulary import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from scusa_lint.settings import Settings

SPELLING_CHOICES = ("hunspell", "languagetool", "off")
OFFLINE = "hunspell"


class SpellingError(ScusaError):
    """A spelling backend failed and `strict` forbids falling back (exit code 2)."""

    kind = "spelling error"


def _hunspell(language: str, settings: Settings, vocabulary: Vocabulary) -> SpellChecker:
    from scusa_lint.spelling.hunspell import HunspellChecker

    return HunspellChecker(language, vocabulary, suggestions=settings.suggestions)


def _languagetool(language: str, settings: Settings, vocabulary: Vocabulary) -> SpellChecker:
    from scusa_lint.spelling.languagetool import from_settings, is_public_api

    url = settings.languagetool_url
    if url and is_public_api(url) and not settings.languagetool_public_api:
        raise ConfigError(
            f"languagetool-url {url} is LanguageTool's public API: it would send customer messages to a "
            "third party. Use a self-hosted server, or set languagetool-public-api = true "
            "(--languagetool-public-api) if you really mean it",
            settings.config_path,
        )
    checker = from_settings(settings, language, vocabulary)
    checker.start()
    return checker


# name -> factory(language, settings, vocabulary); a factory raises BackendUnavailable when it cannot work.
BACKENDS: dict[str, Callable[[str, Settings, Vocabulary], SpellChecker]] = {
    "hunspell": _hunspell,
    "languagetool": _languagetool,
}
TITLES = {"hunspell": "Hunspell", "languagetool": "LanguageTool"}


_RAN = "spelling via "


def degrades(notice: str) -> bool:
    """Whether a notice says a run was degraded (anything but "spelling via <the backend that ran>").

    A run that only names its non-default backend gives results worth keeping in the result cache
    (they are keyed by the settings, URL included; after upgrading the server, `scusa-lint clean`).
    """
    return not notice.startswith(_RAN) or " skipped: " in notice or " failed: " in notice


class SpellingService:
    """The backend of one run and language, shared by all spelling rules (one server, one client).

    Results are cached for the last text, so the spelling and grammar rules cost one request.
    """

    def __init__(self, settings: Settings, language: str, notices: list[str]) -> None:
        self.settings = settings
        self.language = language
        self.notices = notices
        self.vocabulary = load_vocabulary(settings.vocabulary, settings.accept, settings.reject)
        self._last: tuple[tuple[str, tuple[tuple[int, int], ...]], CheckResult] | None = None
        name = settings.spelling
        try:
            self.backend = BACKENDS[name](language, settings, self.vocabulary)
        except BackendUnavailable as exc:
            if name == OFFLINE:
                raise
            self.backend = self._fall_back(name, str(exc))
        else:
            if name != OFFLINE:  # say which non-default backend ran (the default one is in `doctor`)
                notices.append(f"{_RAN}{self.backend.describe()}")

    def _fall_back(self, name: str, reason: str) -> SpellChecker:
        """Report why `name` cannot be used and continue offline (or stop, with strict)."""
        title = TITLES.get(name, name)
        if self.settings.strict:
            raise SpellingError(f"spelling via {title} failed: {reason} (strict: no fallback to Hunspell)")
        notice = f"spelling via {title} skipped: {reason}"
        notice = f"{notice}; using the offline Hunspell speller instead"
        if notice not in self.notices:
            self.notices.append(notice)
        return BACKENDS[OFFLINE](self.language, self.settings, self.vocabulary)

    def check(self, text: str, ignored: Sequence[tuple[int, int]], sentence_starts: frozenset[int]) -> CheckResult:
        key = (text, tuple(ignored))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        try:
            result = self.backend.check(text, ignored, sentence_starts)
        except BackendUnavailable as exc:
            if self.backend.name == OFFLINE:
                raise SpellingError(f"spelling via Hunspell failed: {exc}") from exc
            self.backend = self._fall_back(self.backend.name, str(exc))
            result = self.backend.check(text, ignored, sentence_starts)
        self._last = (key, result)
        return result


__all__ = [
    "BACKENDS",
    "SPELLING_CHOICES",
    "BackendUnavailable",
    "CheckResult",
    "Ranges",
    "SpellChecker",
    "SpellingError",
    "SpellingService",
]
