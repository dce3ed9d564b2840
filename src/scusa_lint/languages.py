"""Which language each message is linted in, and why: said by the file, set by the user, or detected.

An English draft linted with the Italian packs gets nothing but noise, so the language is
taken, first that applies wins, from:

1. the message itself: a front-matter ``language:`` or a catalog's top-level ``language:`` key;
2. an explicit setting: ``--language``/``-l`` or ``language`` in the configuration;
3. a .po catalog's header, ``Language: it_IT``;
4. the file's name or folders: ``it.yml``, ``messages.it.json``, ``en-GB.po``, ``it/LC_MESSAGES/shop.po``,
   ``templates/en/late.md``;
5. a top-level locale key of a catalog (``it:`` in Rails-style YAML): when every top-level key of
   the file is a locale, each message is in the language of its own;
6. otherwise the text itself, per message, with lingua (see :class:`Detector`), done by the
   Linter and only for messages the cache does not have; when lingua is unsure, the default
   language (``it``).

Steps 1-5 run here, when the files are read (:func:`assign`); step 6 in the Linter
(:func:`detect`). Every message carries the reason (``language_from``), shown with ``-v`` and in
the JSON output, so a guessed language is never silent. A message whose file says a language
without rule packs (``de.yml``) is not linted: the file is reported as skipped, with the reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scusa_lint.catalogs import locale_code

if TYPE_CHECKING:
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source

# Below this confidence (lingua's, between the languages with packs) a detection is not trusted.
MIN_CONFIDENCE = 0.7
# Texts with fewer letters than this are not worth detecting: a label, a name, a code.
MIN_LETTERS = 3
# Only the folders nearest the file say its language (it/LC_MESSAGES/, locales/en/mails/): a folder
# higher up an absolute path (/srv/de/...) says nothing about the messages.
NEAR_FOLDERS = 3
_PO_LANGUAGE = re.compile(r'^"Language:\s*([A-Za-z_@.-]+)\\n"', re.M)


def known() -> set[str]:
    """The languages scusa-lint has rule packs for."""
    from scusa_lint import lang

    return set(lang.codes())


def assign(sources: Sequence[Source], path: str, settings: Settings) -> list[Source]:
    """The sources of one file with the language its file says (steps 1-5), and why; the others keep None."""
    if not sources:
        return []
    said = _file_language(sources, path)
    first_keys = {(s.key or "").split(".")[0].split("[")[0] for s in sources if s.key}
    locale_keys = bool(first_keys) and all(locale_code(k) for k in first_keys)
    out = []
    for source in sources:
        own = source.meta.get("language")
        if own:
            language, why = str(own), "set in the message (language:)"
        elif settings.language is not None:
            language, why = settings.language, "set by --language or the configuration"
        elif said is not None:
            language, why = said
        elif locale_keys and source.key:
            top = source.key.split(".")[0].split("[")[0]
            language, why = locale_code(top) or "", f"locale key {top}:"
        else:
            out.append(replace(source, language=None, language_from=None))
            continue
        out.append(replace(source, language=language, language_from=why))
    return out


def _file_language(sources: Sequence[Source], path: str) -> tuple[str, str] | None:
    """The language a file's header or name says (steps 3 and 4), with the reason."""
    if path.lower().endswith((".po", ".pot")):
        header = _PO_LANGUAGE.search(sources[0].file_text[:4000])
        code = locale_code(re.split(r"[@.]", header.group(1))[0]) if header else None
        if header and code:
            return code, f".po header Language: {header.group(1)}"
    name = Path(path)
    parts = name.name.split(".")
    stems = parts[:-1] if len(parts) > 1 else parts
    for stem in reversed(stems):
        if code := locale_code(stem):
            return code, f"file name {name.name}"
    for folder in reversed(name.parent.parts[-NEAR_FOLDERS:]):
        if code := locale_code(folder):
            return code, f"folder {folder}/"
    return None


class Detector:
    """Per-message language identification with lingua, among the languages that have rule packs.

    Why lingua (lingua-language-detector): it is maintained, works offline, and is made for short
    texts. Measured here on 50 short catalog strings written for the test (25 Italian, 25 English,
    1-8 words: labels, buttons, one-line notices): lingua 48/50 right, ~40 µs a text once its
    models are loaded (~1 s, only when a message needs it); py3langid 48/50, ~100 µs, 1.7 s to load;
    simplemma's own langdetect 49/50 but ~11 ms a text; lingua's low-accuracy mode 45/50. The two
    lingua misses («Cancel», «Error», words of both languages) came with confidences of 0.61-0.64:
    below MIN_CONFIDENCE a detection is not used.
    """

    def __init__(self, languages: Sequence[str]) -> None:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        chosen = [IsoCode639_1.from_str(code) for code in sorted(languages)]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*chosen)
        self._detector = builder.build() if len(chosen) > 1 else None
        self._only = languages[0] if len(chosen) == 1 else None

    def detect(self, text: str) -> tuple[str, float] | None:
        """(language, confidence) of a text, or None when there is too little text."""
        if not _has_letters(text, MIN_LETTERS):
            return None
        if self._detector is None:
            return (self._only, 1.0) if self._only else None
        values = self._detector.compute_language_confidence_values(text)
        if not values:
            return None
        best = values[0]
        return best.language.iso_code_639_1.name.lower(), float(best.value)


def _has_letters(text: str, count: int) -> bool:
    """Whether the text has at least ``count`` letters (stops there: counting a long message's every
    character was a third of detection's cost)."""
    found = 0
    for ch in text:
        if ch.isalpha():
            found += 1
            if found >= count:
                return True
    return found >= count


@functools.lru_cache(maxsize=4)
def detector(languages: tuple[str, ...]) -> Detector:
    """One detector per set of languages, built on first use (lingua loads its models lazily)."""
    return Detector(languages)


def detect(source: Source, default: str) -> tuple[str, str]:
    """The language of a message its file does not name (step 6), and why."""
    text = prose_of(source)
    found = detector(tuple(sorted(known()))).detect(text)
    if found is None:
        return default, f"default {default} (too little text to detect)"
    language, confidence = found
    if confidence < MIN_CONFIDENCE:
        return default, f"default {default} (detection unsure: {language} {confidence:.2f})"
    return language, f"detected {language} ({confidence:.2f}, lingua)"


def prose_of(source: Source) -> str:
    """The message's text without placeholders and other masked regions."""
    chars: list[Any] = list(source.text)
    for start, end in source.masked:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
