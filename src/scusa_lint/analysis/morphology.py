"""Part of speech, morphology and lemma from a language's lexicon, with a small rule-based disambiguation.

Why a lexicon and not a trained model: the openly licensed Italian treebank (UD Valico, 398
sentences of learner Italian) is too small to train a tagger on, and spaCy's Italian models are
trained on non-commercial treebanks (CC BY-NC-SA), so they cannot be the default. Morph-it! lists
every inflected form with its lemma and features; what it cannot say is which reading a form has
in context («la» article or pronoun, «consegna» noun or verb). The rules here pick one, looking
at the neighbours only, left to right:

- «la/le/lo/l'/gli»: an article before a word that can be nominal, a clitic pronoun before a verb
  («La informiamo», «Le scriviamo», «l'abbiamo spedito»);
- determiner or pronoun («questi», «nostro», «tutti»): a determiner before a nominal word;
- noun or verb («consegna», «ritardo»): nominal after a determiner or article, verbal after a
  clitic, «non» or a subject pronoun;
- «essere» is AUX (copula or auxiliary; UD's convention); «avere» is AUX before a past participle;
  «dovere/potere/volere» AUX before an infinitive; «stare» AUX before a gerund;
- a past participle after an auxiliary is a verb; elsewhere an adjective reading wins;
- among readings of one part of speech, the one agreeing in gender and number with the determiner
  before (or the noun after, for a determiner) wins; indicative before other moods.

Unknown words (names, placeholders, typos) get PROPN when capitalised mid-sentence, NUM for digits,
ADV for «-mente», otherwise NOUN, and keep the lemma the lemmatizer gave them. The chosen reading's
Morph-it! tag goes into ``token.tag_`` for rule authors. Accuracy: README, "Morphological analysis".
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc

from scusa_lint.analysis import lexicon as lexicon_module
from scusa_lint.analysis.morphit import SUBORDINATORS, Tag, read_tag


@dataclass(frozen=True, eq=False)
class Reading:
    """One analysis of a word: its lemma and its read tag.

    Compared and hashed by identity: readings are made once per form and cached, and the spaCy
    component keys its per-reading columns on them.
    """

    lemma: str
    tag: Tag

    @property
    def pos(self) -> str:
        return self.tag.pos


# Apostrophes as people type them: the lexicon writes elisions with ' («l'», «dell'»).
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'"})
_VERBAL = frozenset({"VER", "AUX", "MOD", "CAU", "ASP"})
_NOMINAL_POS = frozenset({"NOUN", "ADJ", "PROPN", "NUM"})
_DETERMINING = frozenset({"ART", "ARTPRE", "DET-POSS", "DET-DEMO", "DET-INDEF", "DET-WH", "DET-NUM", "TALE"})
_BEFORE_VERB = frozenset({"non", "io", "tu", "noi", "voi", "lui", "lei", "loro", "egli", "esse", "essi"})
_SEMI_AUX = frozenset({"dovere", "potere", "volere", "stare"})
# Which reading wins when the context rules leave several: the closed classes first.
_PRIORITY = {
    "ARTPRE": 0,
    "ART": 1,
    "PRE": 2,
    "CON": 3,
    "WH-CHE": 3,
    "DET-POSS": 4,
    "DET-DEMO": 4,
    "DET-INDEF": 5,
    "DET-WH": 6,
    "PRO-PERS": 6,
    "AUX": 7,
    "NOUN": 8,
    "VER": 9,
    "MOD": 9,
    "CAU": 9,
    "ASP": 9,
    "ADJ": 8,
    "ADV": 11,
    "PRO-DEMO": 12,
    "PRO-POSS": 12,
    "PRO-INDEF": 12,
    "NPR": 13,
}
# Clitics that attach to infinitives and gerunds, longest first.
_CLITICS = tuple(
    sorted(
        {
            *("mi", "ti", "ci", "vi", "si", "lo", "la", "li", "le", "ne", "gli"),
            *(f"{a}{b}" for a in ("me", "te", "ce", "ve", "se", "glie") for b in ("lo", "la", "li", "le", "ne")),
        },
        key=len,
        reverse=True,
    )
)
_ARTICLE_LEMMAS = {"la": "il", "lo": "il", "l'": "il", "i": "il", "gli": "il", "le": "il", "un": "uno", "una": "uno"}
_ARTICLE_LEMMAS.update({"un'": "uno"})
_MOOD_ORDER = {"Ind": 0, "Cnd": 1, "Sub": 2, "Imp": 3}


def _rank(reading: Reading) -> tuple[int, int, int]:
    tag = reading.tag
    verbform = 0 if tag.verbform in (None, "Fin") else 1
    return (_PRIORITY.get(tag.category, 14), verbform, _MOOD_ORDER.get(tag.mood or "", 0))


class Analyser:
    """A language's lexicon as readings: every form's readings (cached), and one chosen per token."""

    def __init__(self, lexicon: lexicon_module.Lexicon) -> None:
        self.lexicon = lexicon
        self._cache: dict[str, tuple[Reading, ...]] = {}
        # The decision for an ambiguous word depends only on the reading chosen before it, the word
        # before, the word itself and the three after: the same context gets the same answer.
        self._memo: dict[tuple[object, ...], Reading] = {}

    def readings(self, text: str) -> tuple[Reading, ...]:
        """Every reading of the word as written (its own case first, then lower case); () when unknown."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        form = text.translate(_APOSTROPHES)
        entries = list(self.lexicon.lookup(form))
        lower = form.lower()
        if lower != form:
            entries.extend(e for e in self.lexicon.lookup(lower) if e not in entries)
        found = tuple(Reading(entry.lemma, read_tag(entry.tag)) for entry in entries)
        # A pronoun's lemma is its determiner's («nostra» -> nostro, as UD has it; Morph-it! gives the form).
        determiner = next((r.lemma for r in found if r.tag.category.startswith("DET")), None)
        if determiner is not None:
            found = tuple(
                Reading(determiner, r.tag) if r.tag.category.startswith("PRO") and r.lemma == lower else r
                for r in found
            )
        # An article's lemma as UD and simplemma give it (Morph-it! has «la», «una» as their own lemmas).
        found = tuple(
            Reading(_ARTICLE_LEMMAS.get(r.lemma, r.lemma), r.tag) if r.tag.category == "ART" else r for r in found
        )
        if not found:
            found = self._with_clitics(lower)
        if len(self._cache) < 200_000:
            self._cache[text] = found
        return found

    def _with_clitics(self, lower: str) -> tuple[Reading, ...]:
        """An infinitive or gerund with clitics the lexicon does not list («rimborsarla», «inviandovela»)."""
        for clitic in _CLITICS:
            stem = lower[: -len(clitic)]
            if not lower.endswith(clitic) or len(stem) < 4:
                continue
            if stem.endswith(("ar", "er", "ir")):
                candidates = [(stem + "e", "inf+pres")]
            elif stem.endswith(("ando", "endo")):
                candidates = [(stem, "ger+pres")]
            else:
                continue
            for base, features in candidates:
                for entry in self.lexicon.lookup(base):
                    if entry.tag.split(":")[-1] == features and entry.tag.startswith(("VER", "MOD", "AUX")):
                        return (Reading(entry.lemma, read_tag(f"VER:{features}+{clitic}")),)
        return ()

    def choose(self, words: Sequence[str], starts: Sequence[bool] = ()) -> list[Reading | None]:
        """One reading per word (None when the lexicon does not know it), by the rules in the module's docstring.

        ``words`` are the words of a document in order, without whitespace tokens; ``starts`` says
        which begin a sentence (a capital there is not a name).
        """
        options = [self.readings(word) for word in words]
        memo = self._memo
        chosen: list[Reading | None] = []
        for index, candidates in enumerate(options):
            if not candidates:
                chosen.append(None)
                continue
            word = words[index]
            start = starts[index] if index < len(starts) else index == 0
            if len(candidates) == 1 and not word[:1].isupper():
                chosen.append(_final(candidates[0]))
                continue
            previous = chosen[index - 1] if index > 0 else None
            key = (
                (previous.lemma, previous.tag.text, previous.pos) if previous is not None else None,
                words[index - 1].lower() if index > 0 else "",
                word,
                start,
                *words[index + 1 : index + 4],
            )
            best = memo.get(key)
            if best is None:
                best = self._decide(words, options, chosen, index, start)
                if len(memo) < 500_000:
                    memo[key] = best
            chosen.append(best)
        return chosen

    def _decide(
        self,
        words: Sequence[str],
        options: Sequence[tuple[Reading, ...]],
        chosen: Sequence[Reading | None],
        index: int,
        start: bool,
    ) -> Reading:
        """The reading of ``words[index]`` given the readings chosen before it and the words after it."""
        candidates = options[index]
        if not start and words[index][:1].isupper() and any(r.pos == "PROPN" for r in candidates):
            return next(r for r in candidates if r.pos == "PROPN")
        override = _CLOSED.get(words[index].lower().translate(_APOSTROPHES))
        if override is not None:
            return override
        previous = chosen[index - 1] if index > 0 else None
        before = words[index - 1].lower() if index > 0 else ""
        after = options[index + 1] if index + 1 < len(options) else ()
        courtesy = not start and words[index] in ("La", "Le")
        kept = _by_context(candidates, previous, before, after, options, index, courtesy)
        return _final(_best(kept, previous, after))


def _final(reading: Reading) -> Reading:
    """A subordinating conjunction as UD tags it (Morph-it! tags «perché», «quando» like «e» or «dove»)."""
    if reading.lemma in SUBORDINATORS and reading.pos in ("CCONJ", "ADV"):
        return _derived(reading.lemma, _SUBORDINATOR)
    return reading


_DERIVED: dict[tuple[str, Tag], Reading] = {}


def _derived(lemma: str, tag: Tag) -> Reading:
    """The one Reading of ``lemma`` with a tag made here (so that identity still means equality)."""
    found = _DERIVED.get((lemma, tag))
    if found is None:
        found = _DERIVED[(lemma, tag)] = Reading(lemma, tag)
    return found


def _categories(readings: Sequence[Reading]) -> set[str]:
    return {r.tag.category for r in readings}


def _nominal(readings: Sequence[Reading]) -> bool:
    """Can this word be nominal (a noun, adjective, name, number, determiner, or unknown)?"""
    return not readings or any(r.pos in _NOMINAL_POS or r.tag.category in _DETERMINING for r in readings)


def _verbal_only(readings: Sequence[Reading]) -> bool:
    return bool(readings) and all(r.tag.category in _VERBAL or r.tag.is_clitic for r in readings)


def _ahead(options: Sequence[tuple[Reading, ...]], index: int, limit: int) -> list[tuple[Reading, ...]]:
    """The next words' readings, up to the first that is not only an adverb or a clitic (at most ``limit``)."""
    found: list[tuple[Reading, ...]] = []
    for readings in options[index + 1 : index + 1 + limit]:
        found.append(readings)
        if not readings or not all(r.pos == "ADV" or r.tag.is_clitic for r in readings):
            break
    return found


def _verb(reading: Reading) -> bool:
    """A verb reading other than a present participle («dipendenti», «seguente» are nominal in use)."""
    tag = reading.tag
    return tag.category in _VERBAL and not (tag.verbform == "Part" and tag.tense == "Pres")


def _filter(candidates: Sequence[Reading], keep: Any) -> list[Reading]:
    kept = [r for r in candidates if keep(r)]
    return kept or list(candidates)


def _by_context(
    candidates: Sequence[Reading],
    previous: Reading | None,
    before: str,
    after: Sequence[Reading],
    options: Sequence[tuple[Reading, ...]],
    index: int,
    courtesy_capital: bool = False,
) -> list[Reading]:
    categories = _categories(candidates)
    kept = list(candidates)
    # A past participle with nothing before it is the verb («Spedito il pacco, ...»; a lemma phrase of a
    # pack, «fatto noi», lemmatised alone, must read as it does after «abbiamo»).
    if previous is None and index == 0 and any(r.tag.is_participle for r in kept):
        return [r for r in kept if r.tag.is_participle]
    # Article or clitic pronoun (la, le, lo, l', gli): look at the next word. A capital «La», «Le» inside a
    # sentence is the courtesy pronoun before anything that can be a verb («Le invio il codice»).
    if "ART" in categories and any(r.tag.is_clitic for r in candidates):
        courtesy = courtesy_capital and any(r.tag.category in _VERBAL for r in after)
        if courtesy or _verbal_only(after):
            kept = _filter(kept, lambda r: r.tag.is_clitic)
        else:
            kept = _filter(kept, lambda r: r.tag.category == "ART")
    # Determiner or pronoun (questi, nostro, tutti, alcuni).
    if any(c.startswith("DET") for c in categories) and any(c.startswith("PRO") for c in categories):
        if any(r.pos in _NOMINAL_POS or r.tag.category == "ART" for r in after) and not _verbal_only(after):
            kept = _filter(kept, lambda r: r.tag.category.startswith(("DET", "ADJ")))
        else:
            kept = _filter(kept, lambda r: r.tag.category.startswith("PRO"))
    # Noun/adjective or verb: decided by the word before.
    has_verb = any(_verb(r) for r in kept)
    has_nominal = any(r.pos in ("NOUN", "ADJ") for r in kept)
    if has_verb and has_nominal and previous is not None:
        if previous.tag.category in _DETERMINING:
            kept = _filter(kept, lambda r: r.pos in ("NOUN", "ADJ"))
        elif previous.tag.is_clitic or before in _BEFORE_VERB or previous.tag.category in ("SI", "CI", "NE"):
            kept = _filter(kept, _verb)
        elif previous.pos == "AUX" and any(r.tag.is_participle for r in kept):
            kept = _filter(kept, lambda r: r.tag.is_participle)
    # Auxiliaries.
    lemmas = {r.lemma for r in kept}
    if "essere" in lemmas:
        if before in ("ci", "c'", "c’"):
            kept = _filter(kept, lambda r: r.tag.category == "VER")
        else:
            kept = _filter(kept, lambda r: r.tag.category == "AUX" or r.lemma != "essere")
    if "avere" in lemmas and any(r.tag.category == "AUX" for r in kept):
        participle = any(any(r.tag.is_participle for r in readings) for readings in _ahead(options, index, 3))
        kept = _filter(kept, lambda r: (r.tag.category == "AUX") == participle or r.lemma != "avere")
    if "MOD" in categories or "ASP" in categories:
        ahead = _ahead(options, index, 2)
        wanted = "Inf" if "MOD" in categories else "Ger"
        if any(any(r.tag.verbform == wanted for r in readings) for readings in ahead):
            auxiliaries = [_as_aux(r) for r in kept if r.tag.category in ("MOD", "ASP") and r.lemma in _SEMI_AUX]
            kept = auxiliaries or kept
    # An infinitive after a preposition or a modal («di leggere», «possiamo aiutarla»).
    if (
        any(r.tag.verbform == "Inf" for r in kept)
        and previous is not None
        and (previous.tag.category == "PRE" or (previous.pos == "AUX" and previous.lemma in _SEMI_AUX))
    ):
        kept = _filter(kept, lambda r: r.tag.verbform == "Inf")
    # Adverb or preposition (dopo, sopra, prima): a preposition before a nominal word.
    if "ADV" in categories and "PRE" in categories:
        nominal_after = bool(after) and _nominal(after)
        kept = _filter(kept, lambda r: r.tag.category == ("PRE" if nominal_after else "ADV"))
    # Adverb or adjective/determiner (molto, solo, subito): not an adverb only before a noun.
    if "ADV" in categories and len({r.pos for r in kept}) > 1:
        noun_after = any(r.pos == "NOUN" for r in after) and not any(r.pos in ("ADJ", "ADV") for r in after)
        if noun_after:
            kept = _filter(kept, lambda r: r.pos != "ADV")
        elif not (previous is not None and previous.pos == "AUX" and any(r.tag.is_participle for r in kept)):
            kept = _filter(kept, lambda r: r.pos == "ADV")
    # Past participle or adjective: a verb after an auxiliary, an adjective elsewhere.
    if any(r.tag.is_participle for r in kept) and any(r.pos == "ADJ" for r in kept):
        after_aux = previous is not None and previous.pos == "AUX"
        kept = _filter(kept, (lambda r: r.tag.is_participle) if after_aux else (lambda r: r.pos == "ADJ"))
    # Noun or adjective: an adjective after a noun or between a determiner and a noun.
    if {"NOUN", "ADJ"} <= {r.pos for r in kept} and previous is not None:
        if previous.tag.category in _DETERMINING and not any(r.pos == "NOUN" and _agrees(r, previous) for r in after):
            kept = _filter(kept, lambda r: r.pos == "NOUN")
        else:
            kept = _filter(kept, lambda r: r.pos == "ADJ")
    # «che»: determiner before a noun, relative pronoun after a noun, else a subordinator.
    if "WH-CHE" in categories:
        if after and all(r.pos == "NOUN" for r in after):
            kept = _filter(kept, lambda r: r.tag.category == "DET-WH")
        elif previous is not None and previous.pos in ("NOUN", "PRON", "PROPN"):
            kept = [_derived("che", _RELATIVE)]
        else:
            kept = _filter(kept, lambda r: r.tag.category == "WH-CHE")
    # si, ci, vi, ne: the personal-pronoun reading carries person and number.
    if any(r.tag.is_clitic for r in candidates):
        if "CON" in categories and not any(r.tag.is_clitic for r in after):
            kept = _filter(kept, lambda r: r.tag.category == "CON")  # «se» before a clitic is a pronoun (se ne)
        else:
            kept = _filter(kept, lambda r: r.pos == "PRON" or r.tag.category == "ART")
    return kept


_RELATIVE = Tag(text="WH-CHE", category="WH-CHE", pos="PRON", prontype="Rel")
_SUBORDINATOR = Tag(text="CON", category="CON", pos="SCONJ")
# Closed-class words whose Morph-it! readings do not say what UD (and the rules) mean by them.
_CLOSED = {
    "c'": Reading("ci", Tag(text="CI", category="CI", pos="PRON")),
    "niente": Reading("niente", Tag(text="PRO-INDEF-M-S", category="PRO-INDEF", pos="PRON", prontype="Ind")),
    "nulla": Reading("nulla", Tag(text="PRO-INDEF-M-S", category="PRO-INDEF", pos="PRON", prontype="Ind")),
}


def _as_aux(reading: Reading) -> Reading:
    return _derived(reading.lemma, _aux_tag(reading.tag))


@functools.lru_cache(maxsize=512)
def _aux_tag(tag: Tag) -> Tag:
    return dataclasses.replace(tag, pos="AUX")


def _agrees(reading: Reading, other: Reading | None) -> bool:
    if other is None:
        return False
    a, b = reading.tag, other.tag
    return (a.gender is None or b.gender is None or a.gender == b.gender) and (
        a.number is None or b.number is None or a.number == b.number
    )


def _best(kept: Sequence[Reading], previous: Reading | None, after: Sequence[Reading]) -> Reading:
    if len(kept) == 1:
        return kept[0]
    ranked = sorted(kept, key=_rank)
    top = [r for r in ranked if _rank(r)[0] == _rank(ranked[0])[0]]
    if len(top) > 1 and top[0].tag.is_finite and previous is not None and previous.pos in ("NOUN", "PROPN", "PRON"):
        person = previous.tag.person or "3"
        agreeing = [r for r in top if r.tag.person == person and _agrees(r, previous)]
        if agreeing:
            return agreeing[0]
    if len(top) > 1:
        if previous is not None and (previous.tag.category in _DETERMINING or previous.pos == "NOUN"):
            agreeing = [r for r in top if _agrees(r, previous)]
            if agreeing:
                return agreeing[0]
        if ranked[0].tag.category in _DETERMINING:
            nouns = [n for n in after if n.pos in ("NOUN", "ADJ")]
            agreeing = [r for r in top if any(_agrees(r, n) for n in nouns)]
            if agreeing:
                return agreeing[0]
    return ranked[0]


def _guess_pos(text: str, sentence_start: bool) -> str:
    """The part of speech of a word the lexicon does not know."""
    if any(ch.isdigit() for ch in text):
        return "NUM"
    if text[:1].isupper() and not sentence_start:
        return "PROPN"
    if text.lower().endswith("mente"):
        return "ADV"
    return "NOUN"


class Morphologizer:
    """The spaCy component: POS, TAG, MORPH and LEMMA of every token from the language's lexicon."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        # reading -> its (POS, TAG, MORPH, LEMMA) ids in this pipeline's vocabulary
        self._columns: dict[Reading, tuple[int, int, int, int]] = {}

    def _prefer_lemmatizer(self, word: str, reading: Reading, lemmatized: str) -> Reading:
        """Between readings that differ only in lemma, the one the lemmatizer gave (a frequency prior).

        Morph-it! lists rare and archaic lemmas beside the usual one («capiamo»: capere and capire);
        the lemmatizer before this component (simplemma) knows which one people write.
        """
        if reading.lemma == lemmatized:
            return reading
        for other in self.analyser.readings(word):
            if other.lemma == lemmatized and other.tag == reading.tag:
                return other
        return reading

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        strings = doc.vocab.strings
        morphology = doc.vocab.morphology
        rows = doc.to_array([ORTH, LOWER, IS_SPACE, IS_PUNCT, LEMMA, SENT_START]).tolist()
        words: list[str] = []
        starts: list[bool] = []
        positions: list[int] = []
        for position, (orth, _lower, is_space, is_punct, _lemma, start) in enumerate(rows):
            if is_space or is_punct:
                continue
            words.append(strings[orth])
            starts.append(start == 1 or not positions)
            positions.append(position)
        chosen = self.analyser.choose(words, starts)
        pos_column = [IDS["SPACE"] if row[2] else IDS["PUNCT"] if row[3] else 0 for row in rows]
        tag_column = [0] * len(rows)
        morph_column = [0] * len(rows)
        lemma_column = [row[4] for row in rows]
        columns = self._columns
        for position, word, start, reading in zip(positions, words, starts, chosen, strict=True):
            if reading is None:
                pos_column[position] = IDS[_guess_pos(word, start)]
                continue
            reading = self._prefer_lemmatizer(word, reading, strings[rows[position][4]])
            ids = columns.get(reading)
            if ids is None:
                features = reading.tag.features()
                lemma = reading.lemma if reading.pos == "PROPN" else reading.lemma.lower()
                ids = (
                    IDS[reading.pos],
                    strings.add(reading.tag.text),
                    morphology.add(features) if features else 0,
                    strings.add(lemma),
                )
                if len(columns) < 200_000:
                    columns[reading] = ids
            pos_column[position], tag_column[position], morph_column[position], lemma_column[position] = ids
        array: Any = numpy.array([pos_column, tag_column, morph_column, lemma_column], dtype="uint64").T
        doc.from_array([POS, TAG, MORPH, LEMMA], array)
        return doc


@Language.factory(
    "scusa_morphology",
    assigns=["token.pos", "token.tag", "token.morph", "token.lemma"],
    default_config={"lexicon": ""},
)
def make_morphology(nlp: Language, name: str, lexicon: str) -> Morphologizer:
    """spaCy factory: the morphology of ``lexicon`` (a path; default: the pipeline language's lexicon.tsv.gz)."""
    return Morphologizer(analyser_for(lexicon or str(default_lexicon(str(nlp.lang)))))


def default_lexicon(language: str) -> Path:
    """Where language ``language`` keeps its lexicon (it may not exist)."""
    from scusa_lint import lang

    return lang.get(language).data_file(LEXICON_FILE)


LEXICON_FILE = "lexicon.tsv.gz"
_ANALYSERS: dict[str, Analyser] = {}


def analyser_for(path: str) -> Analyser:
    """One shared :class:`Analyser` per lexicon file (the component and the grammar checker use the same)."""
    found = _ANALYSERS.get(path)
    if found is None:
        found = _ANALYSERS[path] = Analyser(lexicon_module.load(path))
    return found
