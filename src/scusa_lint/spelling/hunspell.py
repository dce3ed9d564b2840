"""The offline speller: Hunspell (through chunspell) with the dictionaries bundled in the wheel.

Why chunspell: it is a maintained binding whose PyPI wheels contain libhunspell itself, so
``pip install scusa-lint`` gives a working speller with no system package; it checks a
word in about 3 µs and suggests in about 0.1 s. The pure-Python alternative (spylls) needs
about 63 µs a word and 350 ms a suggestion. Suggestions are computed only for words that
are about to be flagged.

Proper names (README, "Spelling"): a capitalised word the dictionary does not know may be
a customer's, a place's or a brand's name. It is flagged only when it looks like a misspelt
common word: one of Hunspell's suggestions, in lower case, is a known word starting with
the same letter and at most one edit away (two at the start of a sentence, where a capital
says nothing). All-capital words of up to five letters are acronyms (IBAN, SPID); words
with inner capitals (PayPal, iPhone) are brand spellings; a short word followed by a period
is an abbreviation (Sig., Gent.). None of these is flagged unless it is in the reject list,
or differs only in case from an accepted vocabulary term ("Scusapay" for "ScusaPay").
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from scusa_lint.spelling.base import BackendUnavailable, CheckResult, Misspelling, Ranges
from scusa_lint.spelling.vocabulary import Vocabulary, normalise
from scusa_lint.spelling.words import Word, edit_distance, words

# scusa-lint language -> bundled dictionary name.
DICTIONARIES = {"it": "it_IT", "en": "en_US"}
MAX_SUGGESTIONS = 5
# English clitics: in "Zalando's" the word to check is the part before the apostrophe.
_CLITICS = frozenset({"s", "ll", "re", "ve", "d", "t", "m"})


def dictionary_dir() -> Path:
    """The folder of the bundled .aff/.dic files (inside the installed package)."""
    return Path(str(resources.files("scusa_lint") / "dictionaries"))


@dataclass(frozen=True)
class DictionaryInfo:
    """A bundled dictionary as `doctor` reports it."""

    name: str
    aff: Path
    dic: Path
    words: int


def dictionary_info(language: str) -> DictionaryInfo:
    """Paths and declared word count of a language's bundled dictionary (raises FileNotFoundError)."""
    name = DICTIONARIES[language]
    folder = dictionary_dir()
    aff, dic = folder / f"{name}.aff", folder / f"{name}.dic"
    with dic.open(encoding="utf-8", errors="replace") as handle:
        first = handle.readline().strip()
    if not aff.is_file():
        raise FileNotFoundError(aff)
    return DictionaryInfo(name, aff, dic, int(first) if first.isdigit() else 0)


def binding_version() -> str:
    """The version of chunspell (and so of the libhunspell it ships)."""
    from importlib.metadata import version

    return version("chunspell")


def _load(name: str, folder: str) -> Any:
    """A Hunspell object for a dictionary in a folder."""
    try:
        from hunspell import Hunspell
    except ImportError as exc:  # pragma: no cover - chunspell is a dependency
        raise BackendUnavailable(f"the chunspell package is not installed ({exc})") from exc
    try:
        return Hunspell(name, hunspell_data_dir=folder)
    except Exception as exc:
        raise BackendUnavailable(f"cannot load Hunspell dictionary {name} from {folder}: {exc}") from exc


class HunspellChecker:
    """Check words against a bundled Hunspell dictionary and the user's vocabulary."""

    name = "hunspell"

    def __init__(self, language: str, vocabulary: Vocabulary | None = None) -> None:
        if language not in DICTIONARIES:
            raise BackendUnavailable(f"no Hunspell dictionary for language {language!r}")
        self.language = language
        self.vocabulary = vocabulary or Vocabulary()
        self.dictionary = DICTIONARIES[language]
        # One object per checker (loading takes ~0.1 s): the vocabulary's words are added to it.
        self._hunspell = _load(self.dictionary, str(dictionary_dir()))
        for term in self.vocabulary.accepted:
            # Added words are also offered as suggestions ("Scusapay" -> "ScusaPay").
            self._hunspell.add(normalise(term))

    def describe(self) -> str:
        info = dictionary_info(self.language)
        return f"Hunspell (chunspell {binding_version()}), dictionary {info.name} ({info.words} stems) at {info.dic}"

    def known(self, word: str) -> bool:
        return bool(self._hunspell.spell(normalise(word)))

    def suggest(self, word: str) -> tuple[str, ...]:
        suggestions = [s for s in self._hunspell.suggest(normalise(word)) if s != word]
        # Hunspell's split-word guesses ("E greggio") are rarely what a writer meant: put them last.
        suggestions.sort(key=lambda s: " " in s)
        # The accepted spellings of a rejected term come first ("Paypal" -> "PayPal").
        preferred = [t for t in self.vocabulary.accepted if t.lower() == word.lower() and t != word]
        ordered = dict.fromkeys([*preferred, *suggestions])
        return tuple(ordered)[:MAX_SUGGESTIONS]

    def check(self, text: str, ignored: Ranges, sentence_starts: frozenset[int]) -> CheckResult:
        found = []
        for word in words(text, ignored, sentence_starts):
            unit = self._unit(word, text)
            if unit is not None:
                misspelling = self._misspelling(unit, text)
                if misspelling is not None:
                    found.append(misspelling)
        return CheckResult(self.name, tuple(found))

    def _unit(self, word: Word, text: str) -> Word | None:
        """The part of a word to judge: the whole word, or for elisions and clitics the part that matters."""
        if self.vocabulary.rejects(word.text) or self.vocabulary.accepts(word.text):
            return word
        if self.known(word.text):
            return None
        body = word.text.rstrip("'’")
        if body != word.text and self.known(body):  # a closing quote after the word: 'ciao'
            return None
        for mark in ("'", "’"):
            if mark in body:
                before, _, after = body.rpartition(mark)
                if after.lower() in _CLITICS:
                    return Word(word.start, word.start + len(before), before, word.sentence_start)
                offset = word.start + len(before) + 1
                return Word(offset, offset + len(after), after, word.sentence_start and not before)
        if "-" in body and all(self.known(part) for part in body.split("-")):
            return None
        return Word(word.start, word.start + len(body), body, word.sentence_start)

    def _misspelling(self, word: Word, text: str) -> Misspelling | None:
        """A Misspelling for the word, or None when the word is fine or exempt (see module docstring)."""
        term = word.text
        if self.vocabulary.rejects(term):
            return Misspelling(word.start, word.end, term, self.suggest(term))
        if len(term) < 2 or self.vocabulary.accepts(term) or self.known(term):
            return None
        if any(t.lower() == term.lower() for t in self.vocabulary.accepted):  # "Scusapay" for "ScusaPay"
            return Misspelling(word.start, word.end, term, self.suggest(term))
        if term.isupper() and len(term) <= 5:
            return None
        if any(c.isupper() for c in term[1:]) and not term.isupper():
            return None
        if len(term) <= 4 and text[word.end : word.end + 1] == "." and term[0].isupper():
            return None
        suggestions = self.suggest(term)
        if term[0].isupper() and not self._looks_misspelt(term, suggestions, word.sentence_start):
            return None
        return Misspelling(word.start, word.end, term, suggestions)

    def _looks_misspelt(self, term: str, suggestions: tuple[str, ...], sentence_start: bool) -> bool:
        """Whether a capitalised unknown word is a common word misspelt rather than a name."""
        limit = 2 if sentence_start else 1
        lowered = term.lower()
        for suggestion in suggestions:
            candidate = suggestion.lower()
            if " " in candidate or "-" in candidate or candidate[:1] != lowered[:1]:
                continue
            if self.known(candidate) and edit_distance(candidate, lowered) <= limit:
                return True
        return False
