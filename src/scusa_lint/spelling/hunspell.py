"""The offline speller: Hunspell (through chunspell) with the dictionaries bundled in the wheel.

Why chunspell: it is a maintained binding whose PyPI wheels contain libhunspell itself, so
``pip install scusa-lint`` gives a working speller with no system package; it checks a
word in about 3 µs and suggests in about 0.1 s. The pure-Python alternative (spylls) needs
about 63 µs a word and 350 ms a suggestion. Suggestions are computed only for words that
are about to be flagged.

Proper names (README, "Spelling"): in real messages almost every capitalised word the
dictionary does not know is a name (customers, places, companies, products). Such a word is
flagged only when it is one edit away from, and starts like, (a) a word that letters
capitalise out of courtesy (Cliente, Gentile, Egregio: "Cliento" is flagged anywhere), or
(b) at the start of a sentence, where a capital says nothing, any word the dictionary knows
in lower case ("Purtropo"; five letters or more), unless the message also uses the word capitalised mid-sentence
(names recur: "Enel ... Enel"). Otherwise it is taken for a name. A known word behind a
word-forming prefix is a word ("autolettura", "telegestione"). All-capital words of up to
five letters are acronyms (IBAN, SPID); words with inner capitals (PayPal, iPhone) are brand
spellings; a short word followed by a period is an abbreviation (Sig., Gent.). None of these
is flagged unless it is in the reject list, or differs only in case from an accepted
vocabulary term ("Scusapay" for "ScusaPay"). A lower-case acronym ending in a consonant ("sms",
"pdf") is a word when the main dictionary knows it in capitals. An apostrophe that elides nothing,
after a lower-case word of three letters or more, written where an accented word exists ("virtu'",
"perche'"), is an accent typed as an apostrophe, flagged with the accented word, even when the bare
word is known ("virtu" is English).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from scusa_lint import lang
from scusa_lint.errors import ConfigError
from scusa_lint.spelling.base import BackendUnavailable, CheckResult, Misspelling, Ranges
from scusa_lint.spelling.vocabulary import Vocabulary, normalise
from scusa_lint.spelling.words import Word, edit_distance, opens_sentence, word_matches

MAX_SUGGESTIONS = 5
# English clitics: in "Zalando's" the word to check is the part before the apostrophe.
_CLITICS = frozenset({"s", "ll", "re", "ve", "d", "t", "m"})

# What a word's letters alone say (HunspellChecker._verdict): flagged, fine, or for its place to decide.
Verdict = Literal["flagged", "fine", "by place"]
_FLAGGED: Verdict = "flagged"
_FINE: Verdict = "fine"
_BY_PLACE: Verdict = "by place"


@dataclass(frozen=True)
class DictionaryInfo:
    """A bundled dictionary as `doctor` reports it."""

    name: str
    aff: Path
    dic: Path
    words: int


def dictionary_info(name: str) -> DictionaryInfo:
    """Paths and declared stem count of a language folder's dictionary, by name (raises FileNotFoundError)."""
    folder = lang.dictionary_folder(name)
    if folder is None:
        raise FileNotFoundError(f"no Hunspell dictionary {name} in any language folder")
    aff, dic = folder / f"{name}.aff", folder / f"{name}.dic"
    with dic.open(encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline().strip()
    if not aff.is_file():
        raise FileNotFoundError(aff)
    return DictionaryInfo(name, aff, dic, int(first) if first.isdigit() else 0)


def binding_version() -> str:
    """The version of chunspell (and so of the libhunspell it ships)."""
    from importlib.metadata import version

    return version("chunspell")


def _load(name: str) -> Any:
    """A Hunspell object for a dictionary of some language folder."""
    found = lang.dictionary_folder(name)
    if found is None:
        raise BackendUnavailable(f"no Hunspell dictionary {name} in any language folder")
    folder = str(found)
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

    def __init__(self, language: str, vocabulary: Vocabulary | None = None, suggestions: bool = True) -> None:
        try:
            data = lang.get(language).spelling
        except ConfigError as exc:
            raise BackendUnavailable(str(exc)) from exc
        if data.dictionary is None:
            raise BackendUnavailable(f"no Hunspell dictionary for language {language!r}")
        self.language = language
        self.vocabulary = vocabulary or Vocabulary()
        self.dictionary = data.dictionary
        self.also_accepted = data.also_accept
        # One object per checker (loading takes ~0.1 s): the vocabulary's words are added to it.
        self._hunspell = _load(self.dictionary)
        self._also_loaded: list[Any] | None = None  # loaded at the first word the main dictionary rejects
        self._courtesy = data.courtesy
        self._prefixes = data.prefixes
        self._alphabet = data.alphabet
        self._known: dict[str, bool] = {}
        # Hunspell's suggest costs ~0.1 s a word: each distinct word is asked once per checker.
        self._suggested: dict[str, tuple[str, ...]] = {}
        # Off when nothing shows or applies corrections (Settings.suggestions): misspellings come without.
        self._suggestions = suggestions
        # Words fine wherever they stand: their _unit() was None, or the unit's letters alone make it fine
        # (_verdict). That depends on the word alone (vocabulary, dictionary), not its place.
        self._fine: set[str] = set()
        self._verdicts: dict[str, Verdict] = {}
        self._near: dict[str, bool] = {}
        for term in self.vocabulary.accepted:
            # Added words are also offered as suggestions ("Scusapay" -> "ScusaPay").
            self._hunspell.add(normalise(term))

    def _also(self) -> list[Any]:
        """The dictionaries also accepted (English words in Italian text), loaded when first needed: a
        draft whose every word the main dictionary knows does not load them (~0.05 s each)."""
        if self._also_loaded is None:
            self._also_loaded = [_load(name) for name in self.also_accepted]
        return self._also_loaded

    def describe(self) -> str:
        info = dictionary_info(self.dictionary)
        also = ", ".join(self.also_accepted)
        return (
            f"Hunspell (chunspell {binding_version()}), dictionary {info.name} ({info.words} stems) at {info.dic}"
            + (f"; also accepted: {also}" if also else "")
        )

    def known(self, word: str) -> bool:
        # Messages repeat a small vocabulary: remember each answer (bounded) instead of asking Hunspell again.
        cache = self._known
        answer = cache.get(word)
        if answer is None:
            normal = normalise(word)
            answer = bool(self._hunspell.spell(normal)) or any(extra.spell(normal) for extra in self._also())
            if len(cache) < 200_000:
                cache[word] = answer
        return bool(answer)

    def suggest(self, word: str) -> tuple[str, ...]:
        if not self._suggestions:
            return ()
        cached = self._suggested.get(word)
        if cached is None:
            cached = self._suggest(word)
            if len(self._suggested) < 50_000:
                self._suggested[word] = cached
        return cached

    def _suggest(self, word: str) -> tuple[str, ...]:
        suggestions = [s for s in self._hunspell.suggest(normalise(word)) if s != word]
        # Hunspell's split-word guesses ("E greggio") are rarely what a writer meant: put them last.
        suggestions.sort(key=lambda s: " " in s)
        # The accepted spellings of a rejected term come first ("Paypal" -> "PayPal").
        preferred = [t for t in self.vocabulary.accepted if t.lower() == word.lower() and t != word]
        ordered = dict.fromkeys([*preferred, *suggestions])
        return tuple(ordered)[:MAX_SUGGESTIONS]

    def check(self, text: str, ignored: Ranges, sentence_starts: frozenset[int]) -> CheckResult:
        found = []
        fine = self._fine
        # A capitalised word used mid-sentence is a name; the same word opening a sentence is too.
        capitalised_inside: set[str] = set()
        to_judge: list[Word] = []
        for match in word_matches(text, ignored):
            token = match.group()
            capital = token[:1].isupper()
            # Most words are lower-case and were met before, fine wherever they stand: nothing to do for them.
            # Only a capitalised word's place is ever read (for `names`, and by _looks_misspelt, which sees only
            # capitalised units: a lower-case word's unit starts with its letter or follows an apostrophe, so it
            # never opens a sentence). A final apostrophe is judged by its place: such a word is always looked at.
            if not capital and token in fine and token[-1] not in "'’":
                continue
            start, end = match.span()
            opens = capital and opens_sentence(text, start, end, sentence_starts)
            if capital and not opens:
                capitalised_inside.add(token)
            if token in fine and token[-1] not in "'’":
                continue
            to_judge.append(Word(start, end, token, opens))
        names = frozenset(capitalised_inside)
        for word in to_judge:
            if word.text[-1:] in ("'", "’"):  # before the cache: whether it is a quote depends on the place
                accented = self._accent_for_apostrophe(word, text)
                if accented is not None:
                    found.append(Misspelling(word.start, word.end, word.text, (accented,)))
                    continue
            if word.text in fine:  # known before, wherever it stood: nothing to judge
                continue
            unit = self._unit(word, text)
            if unit is None or self._verdict(unit.text) == _FINE:
                if len(fine) < 200_000:
                    fine.add(word.text)
                continue
            misspelling = self._misspelling(unit, text, names)
            if misspelling is not None:
                found.append(misspelling)
        return CheckResult(self.name, tuple(found))

    def _accent_for_apostrophe(self, word: Word, text: str) -> str | None:
        """The accented word that ``word`` writes with an apostrophe for its final accent («virtu'» for
        «virtù», «perche'» for «perché»), or None. Only where the apostrophe elides nothing (no letter follows
        it), on a body of three letters or more (the truncations «po'», «di'», «fa'» are right), in lower case
        (an upper-case word may lack accented capitals on the keyboard: «PERCHE'» is the dictionary's to judge),
        and not inside single quotes («il cosiddetto 'papa'»)."""
        body = word.text[:-1]
        if len(body) < 3 or not body.islower() or body[-1] not in "aeiou" or "'" in body or "’" in body:
            return None
        if text[word.end : word.end + 1].isalpha() or self.vocabulary.accepts(word.text):
            return None
        line_start = text.rfind("\n", 0, word.start) + 1
        opening = max(text.rfind(q, line_start, word.start) for q in ("'", "‘"))
        if opening >= 0 and (opening == line_start or not text[opening - 1].isalpha()):
            return None  # a quotation in single quotes: the apostrophe closes it
        grave = {"a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù"}[body[-1]]
        for candidate in (body[:-1] + grave, body[:-1] + "é") if body[-1] == "e" else (body[:-1] + grave,):
            if self._hunspell.spell(candidate):
                return candidate
        return None

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

    def _misspelling(self, word: Word, text: str, names: frozenset[str] = frozenset()) -> Misspelling | None:
        """A Misspelling for the word, or None when the word is fine or exempt (see module docstring)."""
        term = word.text
        verdict = self._verdict(term)
        if verdict == _FINE:
            return None
        if verdict == _BY_PLACE:
            if len(term) <= 4 and text[word.end : word.end + 1] == "." and term[0].isupper():
                return None
            if term[0].isupper() and not self._looks_misspelt(term, word.sentence_start, names):
                return None
        return Misspelling(word.start, word.end, term, self.suggest(term))

    def _verdict(self, term: str) -> Verdict:
        """What a unit's letters alone say: flagged, fine, or for its place to decide (an abbreviation before
        a period, a capital at a sentence start; module docstring). Remembered per term (bounded): a name
        recurs in many messages, and each time it was run past every prefix and Hunspell again."""
        verdict = self._verdicts.get(term)
        if verdict is None:
            verdict = self._letters_verdict(term)
            if len(self._verdicts) < 200_000:
                self._verdicts[term] = verdict
        return verdict

    def _letters_verdict(self, term: str) -> Verdict:
        """The policy's tests that read only the word (module docstring), in their order; the two that read
        its place (an abbreviation's period, the proper-name policy) are left to _misspelling. Both of those
        can only exempt a word, so running the word-only `_prefixed` before the period test changes nothing."""
        if self.vocabulary.rejects(term):
            return _FLAGGED
        if len(term) < 2 or self.vocabulary.accepts(term) or self.known(term):
            return _FINE
        if any(t.lower() == term.lower() for t in self.vocabulary.accepted):  # "Scusapay" for "ScusaPay"
            return _FLAGGED
        if term.isupper() and len(term) <= 5:
            return _FINE
        if self._lowercase_acronym(term):
            return _FINE
        if any(c.isupper() for c in term[1:]) and not term.isupper():
            return _FINE
        if self._prefixed(term):
            return _FINE
        return _BY_PLACE

    def _looks_misspelt(self, term: str, sentence_start: bool, names: frozenset[str]) -> bool:
        """Whether a capitalised unknown word is a misspelt word rather than a name (module docstring).

        No Hunspell suggestions here (~0.15 s each): names are common, and they are never flagged.
        """
        lowered = term.lower()
        if any(c[:1] == lowered[:1] and edit_distance(c, lowered, 2) <= 1 for c in self._courtesy):
            return True
        if not sentence_start or len(term) < 5 or term in names:
            return False
        return self._one_edit_from_a_word(lowered)

    def _one_edit_from_a_word(self, lowered: str) -> bool:
        """Whether Hunspell knows a word one edit from `lowered` with its first letter. A few hundred spell
        calls: remembered per word (bounded), since the same capitalised word opens sentence after sentence."""
        answer = self._near.get(lowered)
        if answer is None:
            answer = any(self._hunspell.spell(candidate) for candidate in _edits(lowered, self._alphabet))
            if len(self._near) < 50_000:
                self._near[lowered] = answer
        return answer

    def _lowercase_acronym(self, term: str) -> bool:
        """Whether the word is an acronym written in lower case, as Italian writes those used as common nouns
        («un sms», «il pdf», «le faq»): up to five letters, known to the main dictionary only in capitals, and
        ending in a consonant, so no Italian word that lost its accent («cio» for «ciò», beside «CIO»)."""
        return (
            term.islower()
            and 2 <= len(term) <= 5
            and term[-1] not in "aeiouàèéìòù'"
            and bool(self._hunspell.spell(term.upper()))
        )

    def _prefixed(self, term: str) -> bool:
        """Whether the word is a known word behind a word-forming prefix ("autolettura", "telegestione")."""
        lowered = term.lower()
        return any(
            lowered.startswith(p) and len(lowered) - len(p) >= 4 and self.known(lowered[len(p) :])
            for p in self._prefixes
        )


def _edits(word: str, alphabet: str) -> set[str]:
    """Every string one edit (delete, transpose, replace, insert) from `word` that keeps its first letter."""
    head, tail = word[:1], word[1:]
    splits = [(tail[:i], tail[i:]) for i in range(len(tail) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in alphabet}
    inserts = {a + c + b for a, b in splits for c in alphabet}
    return {head + rest for rest in deletes | transposes | replaces | inserts} - {word}
