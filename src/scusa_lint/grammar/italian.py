"""Italian grammar checks: agreement in the noun phrase, after «essere» and with the subject; homophones.

Checks (the ``check`` names rules use, README "Italian grammar"):

- ``noun-phrase``: article, determiner, possessive and adjective against their noun («questi
  interruzione», «la sua ordine», «i prodotti giusta»); a noun with several readings («le città»,
  «il problema») agrees when any reading does;
- ``article-form``: the article's shape before the next word («il ordine» → «l'ordine», «il sconto»
  → «lo sconto», «i errori» → «gli errori», «un'errore» → «un errore», «un offerta» → «un'offerta»);
- ``participle``: a participle or adjective after «essere» against the subject noun phrase just
  before it («la consegna è stato rimandato» → «è stata rimandata»);
- ``subject-verb``: a third-person verb right after its subject noun phrase («i clienti ha
  ricevuto», «il pacco sono partiti»), and «c'è/c'era» before a plural («c'era dei problemi»);
- ``e-è``, ``o-ho``, ``a-ha``, ``anno-hanno``: the homophone before a past participle («il servizio
  e tornato», «non o ricevuto», «il tecnico a sostituito», «i corrieri anno consegnato»), and «e'»
  written for «è»;
- ``apostrophe``: «qual'è», «pò»;
- ``ha-a``: «ha» before an infinitive, which «avere» never takes («costretti ha sospendere» → «a»);
- ``split-adverb``: «tutt'ora», and «di fatti»/«in fatti» between a verb and a determiner («non c'è di fatti un
  blocco» → «difatti»), where the noun «fatti» cannot stand;
- ``dangling-che``: «ma che» + «si/ci», a finite verb and its own subject, in a sentence with no «che» clause
  before it to coordinate with («il servizio è sospeso, ma che si verificheranno ritardi»);
- ``su-si``: «su» before a word that can only be a third-person finite verb («in negozio su accettano» →
  «si»): no preposition stands there;
- ``subject-comma``: one comma between a clause-opening subject and its finite verb («la richiesta inviata
  dal cliente, è stata accolta»), not a pair around an inserted clause.

What keeps them quiet: only words the lexicon knows are judged (names, placeholders, English
words it lacks are skipped); a subject counts only when the noun phrase opens a clause (not after
a preposition, «e», «o» or another noun: «il ritardo della consegna è stato...», «il pacco e la
lettera sono partiti»); time phrases («la settimana scorsa sono arrivati») and postposed subjects
(«sono arrivati i pacchi») are not subjects; «la/le/lo» before a verb are pronouns («La
informiamo», «Le invio»); quoted text and masked template ranges are skipped. Constructions, not word
lists: a pronoun then an adverb or interrogative is two phrases («a questi cosa...?»); «uno/una» counted
by a partitive «ne» is the pronoun; a loan or compound in «-e» with one form for both numbers takes the
gender of what it names («la executive»); «una» + plural of its gender names a thing («una quattro
formaggi»); a sentence mostly unknown to the lexicon is in another language and is not judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scusa_lint.analysis.morphology import Analyser, Reading
from scusa_lint.grammar import CHECKERS, Issue

CHECKS = CHECKERS["it"][1]

_DETERMINERS = frozenset({"ART", "ARTPRE", "DET-POSS", "DET-DEMO", "DET-INDEF", "DET-WH", "TALE"})
# Words that open a clause: a noun phrase right after them can be a subject.
_OPENERS = frozenset(
    {
        *(",", ";", ":", "(", "-", "–", "—", "!", "?", "."),
        *("ma", "però", "perché", "poiché", "quando", "se", "che", "mentre", "anche", "purtroppo", "infatti"),
        *("inoltre", "quindi", "ora", "oggi", "ieri", "finalmente", "già", "ancora", "intanto", "dunque"),
    }
)
# Nouns that make a time phrase («la settimana scorsa»): not subjects.
_TIME = frozenset(
    {
        *("giorno", "settimana", "mese", "anno", "volta", "mattina", "mattinata", "sera", "serata", "notte"),
        *("ora", "minuto", "momento", "periodo", "weekend", "fine", "estate", "inverno", "autunno", "primavera"),
        *("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "pomeriggio", "data"),
        *("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre"),
        *("ottobre", "novembre", "dicembre", "secolo", "stagione", "trimestre", "semestre", "ultimo"),
    }
)
_SKIPPABLE = frozenset({"non", "già", "ancora", "sempre", "mai", "appena", "finalmente", "ora", "subito", "anche"})
_OBJECT_CLITICS = frozenset({"lo", "la", "li", "le", "l'", "ne", "gli", "glielo", "gliela", "glieli", "gliele"})
# Irregular third-person forms: singular <-> plural (the prefix search cannot find them).
_THIRD = {
    **{"è": "sono", "era": "erano", "sarà": "saranno", "sia": "siano", "fosse": "fossero", "fu": "furono"},
    **{"sarebbe": "sarebbero", "ha": "hanno", "aveva": "avevano", "avrà": "avranno", "abbia": "abbiano"},
    **{"avrebbe": "avrebbero", "ebbe": "ebbero", "può": "possono", "vuole": "vogliono", "deve": "devono"},
    **{"va": "vanno", "fa": "fanno", "dà": "danno", "sta": "stanno", "viene": "vengono", "esce": "escono"},
    **{"tiene": "tengono", "rimane": "rimangono", "sa": "sanno", "dice": "dicono", "pone": "pongono"},
}
_THIRD.update({plural: singular for singular, plural in list(_THIRD.items())})
_THIRD["sono"] = "è"
_VOWELS = tuple("aeiouàèéìòùAEIOUÀÈÉÌÒÙhH")
# Preposition stems of the articulated prepositions (del, nello, all', sulle, dai).
_PREPOSITIONS = ("de", "a", "da", "ne", "su", "co")
_ARTICLE_ENDINGS = {"l": "il", "llo": "lo", "ll'": "l'", "lla": "la", "i": "i", "gli": "gli", "lle": "le"}


Features = tuple[str | None, str | None]  # (gender, number)
# A form's readings as the checks ask for them: nouns, determiners, participles, and the distinct (gender,
# number) of the readings that agree with a noun (determiners, adjectives, numerals, participles; _agrees).
Split = tuple[list[Reading], list[Reading], list[Reading], tuple[Features, ...]]
# A noun phrase's agreement (ItalianGrammar._disagreeing): the noun's features, and which of the words before it
# disagree (None: no phrase, a pronoun before a verb).
Disagreement = tuple[tuple[Features, ...], tuple[int, ...] | None]


@dataclass(slots=True)
class _Word:
    """One token as the checks see it (slots: the checks read its fields hundreds of thousands of times a run)."""

    index: int  # the token's index in the Doc
    position: int  # its index among the words
    text: str
    lower: str
    start: int
    end: int
    pos: str
    readings: tuple[Reading, ...]
    skip: bool  # masked or quoted: never judged

    def categories(self) -> set[str]:
        return {r.tag.category for r in self.readings}

    # The reading lists each check asks for, split once per form (ItalianGrammar.words).
    split: Split = ([], [], [], ())
    article: tuple[str, str] | None = None  # _article_kind, worked out once per form

    def nouns(self) -> list[Reading]:
        return self.split[0]

    def determiners(self) -> list[Reading]:
        return self.split[1]

    def participles(self) -> list[Reading]:
        return self.split[2]

    def verbal(self) -> bool:
        return any(r.tag.category in ("VER", "AUX", "MOD", "CAU", "ASP") for r in self.readings)


# The words the homophone checks look at (every other word is passed at once).
_HOMOPHONES = frozenset({"e'", "e", "o", "a", "anno", "qual'", "pò", "ha", "su", "di", "in", "tutt'", "ma"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})
# The words «c'è/c'era» and «ci sono» start with (_existential).
_EXISTENTIAL = frozenset({"c'", "ci"})
# A sentence is in another language when at least this share of its lower-case words (names excluded), and
# at least FOREIGN_MIN of them, are unknown to the Italian lexicon.
FOREIGN_SHARE = 0.5
FOREIGN_MIN = 3


def _mark_foreign(sentence: Sequence[_Word]) -> None:
    """Skip every word of ``sentence`` when it is not Italian: an English line in an Italian message («you will
    receive a separate...» is not «a» for «ha») is judged by no Italian check. Lower-case words only, because a
    capitalised one may be a name the lexicon has no reason to know."""
    unknown = sum(1 for w in sentence if not w.readings and w.text[:1].islower() and w.text.isalpha())
    if unknown < FOREIGN_MIN:  # the common case, decided without counting the known words
        return
    common = sum(1 for w in sentence if w.text[:1].islower() and w.text.isalpha())
    if unknown >= FOREIGN_SHARE * common:
        for word in sentence:
            word.skip = True


def _borrowed(lower: str, nouns: Sequence[Reading]) -> bool:
    """Whether a noun is a loan or a verb-noun compound, whose gender follows what it names: a noun in an
    unstressed «-e» that the lexicon gives the same form in the singular and the plural («la executive», «il
    single», «la portavoce»). An Italian noun in «-e» changes in the plural («il cliente», «i clienti»), except
    those in «-ie» («la serie»); so such a noun is not an Italian one, and its lexicon gender (the lexicon
    lists one) says nothing about the person or thing it names."""
    if not lower.endswith("e") or lower.endswith("ie"):
        return False
    singular = {r.lemma for r in nouns if r.tag.number == "Sing"}
    return bool(singular & {r.lemma for r in nouns if r.tag.number == "Plur"}) and lower in singular


def _fits(reading: Reading, features: Features) -> bool:
    gender, number = features
    tag = reading.tag
    return (tag.gender is None or gender is None or tag.gender == gender) and (
        tag.number is None or number is None or tag.number == number
    )


def _features_fit(own: Features, features: Features) -> bool:
    """_fits on a reading's (gender, number)."""
    gender, number = features
    return (own[0] is None or gender is None or own[0] == gender) and (
        own[1] is None or number is None or own[1] == number
    )


def _starts_like(word: str) -> str:
    """How a word starts, for the article before it: "vowel", "s+consonant" (lo, gli, uno) or "consonant"."""
    lower = word.lower()
    if lower.startswith(_VOWELS) and not lower.startswith(("ia", "ie", "io", "iu")):
        return "vowel"
    if (lower[:1] == "s" and lower[1:2] and lower[1:2] not in "aeiouàèéìòù") or lower.startswith(
        ("z", "gn", "ps", "pn", "x", "y", "ia", "ie", "io", "iu")
    ):
        return "s+consonant"
    return "consonant"


def definite(gender: str | None, number: str | None, before: str) -> str:
    """The definite article for a word of this gender and number, shaped by how ``before`` starts."""
    start = _starts_like(before)
    if number == "Plur":
        if gender == "Fem":
            return "le"
        return "gli" if start != "consonant" else "i"
    if gender == "Fem":
        return "l'" if start == "vowel" else "la"
    return {"vowel": "l'", "s+consonant": "lo"}.get(start, "il")


def indefinite(gender: str | None, before: str) -> str:
    """The indefinite article for a singular word of this gender before ``before``."""
    start = _starts_like(before)
    if gender == "Fem":
        return "un'" if start == "vowel" else "una"
    return "uno" if start == "s+consonant" else "un"


def _article_kind(word: _Word) -> tuple[str, str] | None:
    """("def" | "ind", preposition stem or "") for an article or articulated preposition, else None.

    Worked out once per form (_kind_of_article, in ItalianGrammar.words): the checks ask it of the same words
    again and again."""
    return word.article


def _kind_of_article(lower: str, readings: Sequence[Reading]) -> tuple[str, str] | None:
    """_article_kind of a form, from its lower case and readings."""
    lower = lower.replace("’", "'")
    if lower in ("il", "lo", "l'", "la", "i", "gli", "le"):
        return ("def", "")
    if lower in ("un", "uno", "una", "un'"):
        return ("ind", "")
    for stem in _PREPOSITIONS:
        ending = lower[len(stem) :]
        if lower.startswith(stem) and ending in _ARTICLE_ENDINGS and any(r.tag.category == "ARTPRE" for r in readings):
            return ("def", stem)
    return None


def _article(kind: tuple[str, str], features: Features, before: str, like: str) -> str:
    """The article of ``kind`` for ``features`` before the word ``before``, in the case of ``like``."""
    gender, number = features
    if kind[0] == "ind":
        form = indefinite(gender, before)
    else:
        article = definite(gender, number, before)
        form = article
        if kind[1]:
            ending = next(e for e, a in _ARTICLE_ENDINGS.items() if a == article)
            form = kind[1] + ending
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


class ItalianGrammar:
    """The checks above over one analysed document, with forms generated from the lexicon."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        self._forms: dict[tuple[str, str, str, Features, str], str | None] = {}
        self._split: dict[tuple[Reading, ...], Split] = {}
        self._by_orth: dict[int, tuple[str, str, tuple[Reading, ...], Split, tuple[str, str] | None]] = {}
        self._article_fixes: dict[tuple[str, str, bool], str | None] = {}
        self._disagreements: dict[tuple[str, ...], Disagreement] = {}

    # -- generating forms -------------------------------------------------------------------------

    def inflect(self, word: str, reading: Reading, features: Features, person: str | None = None) -> str | None:
        """``word`` (read as ``reading``) in the gender and number of ``features``: same lemma, category,
        mood, tense and person; None when the lexicon has no such form."""
        lower = word.lower()
        key = (lower, reading.lemma, reading.tag.text, features, person or "")
        if key in self._forms:
            return _cased(self._forms[key], word)
        found: str | None = None
        tag = reading.tag
        gender, number = features
        irregular = _THIRD.get(lower)
        candidates: Iterable[tuple[str, tuple[object, ...]]]
        if tag.verbform == "Fin" and irregular is not None:
            candidates = [(irregular, ())]
        else:
            prefix = lower[:-1] if len(lower) > 3 else lower[:2]
            if tag.verbform == "Fin":
                common = 0
                for a, b in zip(lower, reading.lemma, strict=False):
                    if a != b:
                        break
                    common += 1
                prefix = lower[: max(common, 3)]
            candidates = self.analyser.lexicon.with_prefix(prefix)
        # «questa» before «quest'», «dovevano» before the poetic «dovevan»
        ordered = sorted(candidates, key=lambda item: (item[0].endswith("'"), item[0][-1:] not in "aeiouàèéìòù"))
        for form, _ in ordered:
            if form == lower:
                continue
            for other in self.analyser.readings(form):
                o = other.tag
                if other.lemma != reading.lemma or o.category != tag.category or o.verbform != tag.verbform:
                    continue
                if o.tense != tag.tense or o.mood != tag.mood or o.degree != tag.degree or o.clitic != tag.clitic:
                    continue
                if (person or tag.person) != o.person:
                    continue
                if number is not None and o.number != number:
                    continue
                if gender is not None and o.gender not in (gender, None):
                    continue
                found = form
                break
            if found:
                break
        if len(self._forms) < 50_000:
            self._forms[key] = found  # in lower case: «Suo» and «suo» share the entry
        return _cased(found, word)

    # -- the document ---------------------------------------------------------------------------

    def words(self, doc: object, skipped: Sequence[bool]) -> list[_Word]:
        """The document's non-space tokens with their readings (``skipped``: per token, masked or quoted)."""
        from spacy.parts_of_speech import NAMES

        from scusa_lint.engine.columns import doc_columns

        words: list[_Word] = []
        sentence: list[_Word] = []  # the words of the sentence being read
        # The document's columns (cached on it, shared with the token matcher) instead of a Token per word.
        # (A token's trailing whitespace is one space or nothing in spaCy: a line break is a space token.)
        columns = doc_columns(doc)  # type: ignore[arg-type]
        strings = doc.vocab.strings  # type: ignore[attr-defined]
        readings_of = self.analyser.readings
        forms = self._by_orth
        n_skipped = len(skipped)
        for i, (orth, idx, is_space, is_punct, pos) in enumerate(
            zip(columns["ORTH"], columns["IDX"], columns["IS_SPACE"], columns["IS_PUNCT"], columns["POS"], strict=True)
        ):
            if is_space:
                if "\n" in strings[orth]:
                    _mark_foreign(sentence)
                    sentence = []
                continue
            # What a token's form gives (its text, readings and their split) is worked out once per form
            # (bounded): a message repeats its words, and messages share most of theirs. IS_PUNCT is the form's too.
            form = forms.get(orth)
            if form is None:
                text = strings[orth]
                readings = () if is_punct else readings_of(text)
                lower = text.lower().replace("’", "'")
                form = (text, lower, readings, self._split_of(readings), _kind_of_article(lower, readings))
                if len(forms) < 50_000:
                    forms[orth] = form
            text, lower, readings, split, article = form
            word = _Word(
                i,
                len(words),
                text,
                lower,
                idx,
                idx + len(text),
                NAMES[pos],
                readings,
                skipped[i] if i < n_skipped else False,
                split,
                article,
            )
            words.append(word)
            sentence.append(word)
            if text in _SENTENCE_ENDS:
                _mark_foreign(sentence)
                sentence = []
        _mark_foreign(sentence)
        return words

    def _split_of(self, readings: tuple[Reading, ...]) -> Split:
        """The readings each check asks for (Split), worked out once per set of readings (bounded)."""
        split = self._split.get(readings)
        if split is None:
            participles = [r for r in readings if r.tag.is_participle]
            agreeing = [r for r in readings if r.tag.category in _DETERMINERS or r.pos in ("ADJ", "NUM")]
            split = (
                [r for r in readings if r.tag.category == "NOUN"],
                [r for r in readings if r.tag.category in _DETERMINERS],
                participles,
                tuple(dict.fromkeys((r.tag.gender, r.tag.number) for r in [*agreeing, *participles])),
            )
            if len(self._split) < 50_000:
                self._split[readings] = split
        return split

    def check(self, doc: object, skipped: Sequence[bool] = ()) -> list[Issue]:
        """Every issue in the document, in text order, at most one per span."""
        words = self.words(doc, skipped)
        issues: list[Issue] = []
        issues += self._noun_phrases(words)
        issues += self._clauses(words)
        issues += self._homophones(words)
        seen: set[tuple[int, int]] = set()
        unique = []
        for issue in sorted(issues, key=lambda i: (i.start, -i.end)):
            if any(s < issue.end and issue.start < e for s, e in seen):
                continue
            seen.add((issue.start, issue.end))
            unique.append(issue)
        return unique

    def _issue(self, check: str, words: Sequence[_Word], replacement: str | None) -> Issue:
        return Issue(check, words[0].start, words[-1].end, words[0].index, words[-1].index + 1, replacement)

    # -- noun phrases -----------------------------------------------------------------------------

    def _phrase_at(self, words: Sequence[_Word], i: int) -> tuple[list[_Word], _Word, int] | None:
        """(determiners and adjectives, head noun, index after it) for a noun phrase starting at ``i``."""
        if i >= len(words) or not words[i].split[1]:
            return None  # most words: no determiner reading, no phrase starts here
        members: list[_Word] = []
        j = i
        while j < len(words) and len(members) < 3:
            word = words[j]
            if word.skip or not word.readings:
                return None
            if word.determiners() and word.pos in ("DET", "ADP", "NUM"):
                if members and word.pos == "ADP":
                    return None  # «uno dei nostri tecnici»: a preposition opens another phrase
                members.append(word)
                j += 1
                continue
            break
        if not members:
            return None
        if j < len(words) and self._adjective_slot(members, words[j]) and j + 1 < len(words):
            following = words[j + 1]
            if self._noun_slot(members, following):
                following.pos = "NOUN"
                # «I nostri tecnici anno...»: a word that can be the noun itself, agreeing with the
                # determiners while the next noun does not, is the head («tecnici»), not an adjective.
                features = self._noun_features(following)
                if not words[j].nouns() or all(self._agrees(m, features) for m in members):
                    members.append(words[j])
                    j += 1
                else:
                    words[j].pos = "NOUN"
        if j >= len(words):
            return None
        head = words[j]
        if head.skip or head.pos != "NOUN" or not head.nouns():
            return None
        # «devono tutti essere percentuali»: an infinitive after a quantifier with no article is the verb (a
        # floating «tutti»), not the noun «l'essere».
        if any(r.tag.verbform == "Inf" for r in head.readings) and all(_article_kind(m) is None for m in members):
            return None
        if j + 1 < len(words) and self._adjective_before_noun(members, head, words[j + 1]):
            # «le sole utenza»: «sole» is «solo» agreeing with «le», not the noun «sole»; the noun is «utenza».
            members.append(head)
            j += 1
            head = words[j]
        # Loans end in a consonant and are invariable («gli standard», «la executive»); a capital mid-phrase
        # is a name («dal Corona»), capitals throughout an abbreviation or a shout; «i quali» is a pronoun.
        if head.lower[-1:] not in "aeiouàèéìòù" or (head.text[:1].isupper() and j > i) or head.text.isupper():
            return None
        if any(m.lower in ("quale", "quali") or (m.text.isupper() and len(m.text) > 1) for m in members):
            return None
        return members, head, j + 1

    def _adjective_slot(self, members: Sequence[_Word], word: _Word) -> bool:
        """Whether ``word``, after the determiners, is an adjective before the noun: tagged so, or tagged a
        preposition right after an article, where no preposition can stand («le lungo attese»: «lungo»)."""
        if word.skip:
            return False
        if word.pos == "ADJ":
            return True
        return (
            word.pos == "ADP"
            and _article_kind(members[-1]) is not None
            and any(r.pos == "ADJ" for r in word.readings)
            and not any(r.tag.category == "ARTPRE" for r in word.readings)
        )

    def _noun_slot(self, members: Sequence[_Word], word: _Word) -> bool:
        """Whether ``word``, after determiners and an adjective, is the noun: tagged so, or tagged an adjective
        while a noun reading of it agrees with every determiner («le nuovi credenziali»: the tagger read
        «credenziali» as an adjective agreeing with «nuovi»; the article says it is the noun)."""
        if word.skip or not word.nouns():
            return False
        if word.pos == "NOUN":
            return True
        return word.pos == "ADJ" and any(
            all(self._agrees(m, [(r.tag.gender, r.tag.number)]) for m in members) for r in word.nouns()
        )

    def _adjective_before_noun(self, members: Sequence[_Word], word: _Word, nxt: _Word) -> bool:
        """Whether ``word``, read as a noun, disagrees with the determiners while its adjective reading agrees with
        them, and a noun follows: then ``word`` is that adjective and the noun after it is the head."""
        if nxt.skip or nxt.pos != "NOUN" or not nxt.nouns() or nxt.lower[-1:] not in "aeiouàèéìòù":
            return False
        adjectives = [(r.tag.gender, r.tag.number) for r in word.readings if r.pos == "ADJ"]
        if not adjectives or all(self._agrees(m, self._noun_features(word)) for m in members):
            return False
        return any(all(self._agrees(m, [f]) for m in members) for f in adjectives)

    def _noun_features(self, head: _Word) -> list[Features]:
        nouns = head.nouns()
        if _borrowed(head.lower, nouns):
            return list(dict.fromkeys((None, r.tag.number) for r in nouns))
        return list(dict.fromkeys((r.tag.gender, r.tag.number) for r in nouns))

    def _noun_phrases(self, words: Sequence[_Word]) -> list[Issue]:
        issues: list[Issue] = []
        i = 0
        count = len(words)
        while i < count:
            if not words[i].split[1]:  # _phrase_at's own first test, without the call: most words open no phrase
                i += 1
                continue
            found = self._phrase_at(words, i)
            if found is None:
                i += 1
                continue
            members, head, after = found
            issues += self._agreement(words, members, head, after)
            issues += self._article_forms(words, members, head)
            i = after
        return issues

    def _agrees(self, word: _Word, features: Sequence[Features]) -> bool:
        """Whether a reading of ``word`` that agrees with a noun (Split) fits one of ``features``; True when it
        has none. Only the readings' gender and number count, so their distinct pairs are compared."""
        agreeing = word.split[3]
        if not agreeing:
            return True
        return any(_features_fit(own, f) for own in agreeing for f in features)

    def _disagreeing(self, members: Sequence[_Word], head: _Word) -> Disagreement:
        """The noun's features and the positions among ``members`` of the words that disagree with it, or None
        for a pronoun before a verb («Le invio», «La contatteremo»: a verb reading of the "noun" and a pronoun
        reading of the "article"). It depends on the phrase's forms alone (their text and readings), so it is
        worked out once per phrase (bounded): «il Suo ordine», «la consegna» recur in message after message."""
        key = (*(m.text for m in members), head.text)
        known = self._disagreements.get(key)
        if known is not None:
            return known
        features = self._noun_features(head)
        wrong: tuple[int, ...] | None = None
        if not (len(members) == 1 and head.verbal() and any(r.tag.is_clitic for r in members[0].readings)):
            wrong = tuple(i for i, m in enumerate(members) if not self._agrees(m, features))
            if not wrong and len(members) > 1 and not any(all(self._agrees(m, [f]) for m in members) for f in features):
                # «il nostra cliente»: each word fits one reading of a noun of both genders, but not the same one
                target = self._target(members, features)
                wrong = tuple(i for i, m in enumerate(members) if not self._agrees(m, [target]))
        found = (tuple(features), wrong)
        if len(self._disagreements) < 50_000:
            self._disagreements[key] = found
        return found

    def _agreement(self, words: Sequence[_Word], members: list[_Word], head: _Word, after: int) -> list[Issue]:
        features, disagreeing = self._disagreeing(members, head)
        if disagreeing is None:
            return []
        wrong = [members[i] for i in disagreeing]
        if wrong and self._modifier_not_head(words, members, head, after):
            return []
        if wrong and (self._pronoun_then_other(members, head) or self._named_by_plural(members, head)):
            return []
        if wrong and self._not_one_phrase(words, members, head):
            return []
        issues: list[Issue] = []
        if wrong:
            target = self._target(members, features)
            span = [*members[members.index(wrong[0]) :], head]
            issues.append(self._issue("noun-phrase", span, self._rewrite(span, head, target)))
        # An adjective or participle right after the noun: «i prodotti giusta».
        if after < len(words) and not wrong:
            adjective = words[after]
            before = words[members[0].position - 1] if members[0].position > 0 else None
            after_preposition = members[0].pos == "ADP" or (before is not None and before.pos in ("ADP", "NOUN"))
            if (
                adjective.pos in ("ADJ", "VERB")
                and not adjective.skip
                and adjective.readings
                and all(r.pos == "ADJ" or r.tag.is_participle for r in adjective.readings)
                and not any(w.lower in ("e", "ed", "o", ",") for w in words[max(0, after - 6) : after])  # coordinated
                and (not after_preposition or self._agrees_with_nothing_before(words, members[0], adjective))
                and not self._agrees(adjective, features)
                and (after + 1 >= len(words) or words[after + 1].lower not in ("e", "ed", "o"))
            ):
                target = self._target(members, features)
                reading = next(r for r in adjective.readings)
                fixed = self.inflect(adjective.text, reading, target)
                # No agreeing form in the lexicon: its entry for the adjective is incomplete («triste» only as a
                # feminine plural), not the text. An adjective before a noun it agrees with is that noun's («suo
                # papà diverse volte»).
                following = words[after + 1] if after + 1 < len(words) else None
                before_its_noun = (
                    following is not None
                    and not following.skip
                    and any(
                        _fits(r, (a.tag.gender, a.tag.number)) for r in following.nouns() for a in adjective.readings
                    )
                )
                if fixed and not before_its_noun:
                    issues.append(self._issue("noun-phrase", [head, adjective], f"{head.text} {fixed}"))
        return issues

    def _not_one_phrase(self, words: Sequence[_Word], members: Sequence[_Word], head: _Word) -> bool:
        """Whether the words are two phrases, not one that disagrees: a determiner other than «tutto» or
        «entrambi» before an article («di quante la cucina potesse»: «quante» is a pronoun); «tutto» right before
        the noun, which as a determiner takes an article («tutti i clienti»), so is a pronoun («a tutti giusto?»);
        a pronoun before a third-person verb of its number («capiamo quanto fosse atteso», «che tutto funzioni»,
        «questo imposta la data»: a verb where the tagger says so, or the word is interrogative, or an article
        follows as its object);
        or a noun that is also an adjective agreeing with every determiner, used as a noun («al corrente»)."""
        for word, nxt in zip(members, [*members[1:], head], strict=True):
            predeterminer = any(r.lemma in ("tutto", "entrambi", "ambedue") for r in word.readings)
            if _article_kind(nxt) is not None and _article_kind(word) is None and not predeterminer:
                return True
        last = members[-1]
        if any(r.lemma == "tutto" for r in last.determiners()) and _article_kind(last) is None:
            return True
        numbers = {r.tag.number for r in last.readings if r.tag.category.startswith("PRO-")}
        verbs = [r for r in head.readings if r.tag.is_finite and r.tag.person == "3" and r.tag.number in numbers]
        interrogative = any("WH" in r.tag.category for r in last.readings)  # «quanto fosse», «quanti siano»
        after = words[head.position + 1] if head.position + 1 < len(words) else None
        object_next = after is not None and (_article_kind(after) or ("", "x"))[1] == ""
        if verbs and (last.pos == "PRON" or head.pos in ("VERB", "AUX") or interrogative or object_next):
            return True
        adjectives = [(r.tag.gender, r.tag.number) for r in head.readings if r.pos == "ADJ"]
        return any(all(self._agrees(m, [f]) for m in members) for f in adjectives)

    def _agrees_with_nothing_before(self, words: Sequence[_Word], first: _Word, adjective: _Word) -> bool:
        """Whether no word of the sentence before the phrase that opens with ``first`` could be what
        ``adjective`` qualifies: a noun, a pronoun, an adjective or participle of its gender and number, or a
        verb of the first or second person of its number (the writer or the reader: «siamo tornati dalle ferie
        riposati»). After a prepositional phrase an adjective may agree with a noun before it («la consegna dei
        pacchi prevista»); when nothing there fits, it is a slip on the noun just before («ci dispiace per i
        disagi causata»)."""
        if adjective.skip or not adjective.readings:
            return False
        forms = [(r.tag.gender, r.tag.number) for r in adjective.readings if r.pos == "ADJ" or r.tag.is_participle]
        start = self._sentence_start(words, first.position, max(0, first.position - 30))
        if start == max(0, first.position - 30) and start > 0:
            return False  # a sentence too long to read back: not judged
        for word in words[start : first.position]:
            for r in word.readings:
                tag = r.tag
                if tag.person in ("1", "2") and tag.is_finite:
                    if any(tag.number in (None, f[1]) for f in forms):
                        return False
                    continue
                nominal = r.pos in ("NOUN", "ADJ") or tag.is_participle or (r.pos == "PRON" and bool(tag.number))
                if nominal and any(_fits(r, f) for f in forms):
                    return False
        return True

    def _pronoun_then_other(self, members: Sequence[_Word], head: _Word) -> bool:
        """Whether the phrase is a pronoun followed by a word of another class that opens what comes next: «a
        questi cosa possiamo dire?» (to these people, what...), «ne chiede un'altra solo trascorso un mese»
        (another one, only after...). Where the words up to a pronoun agree among themselves and the next
        word can be an adverb or an interrogative, the disagreement is the boundary between two phrases."""
        chain = [*members, head]
        for cut in range(1, len(chain)):
            pronouns = [r for r in chain[cut - 1].readings if r.tag.category.startswith("PRO-")]
            opener = chain[cut]
            if not pronouns or not any(r.tag.category in ("ADV", "WH", "PRO-WH") for r in opener.readings):
                continue
            features = [(r.tag.gender, r.tag.number) for r in pronouns]
            if all(self._agrees(m, features) for m in chain[: cut - 1]):
                return True
        return False

    def _named_by_plural(self, members: Sequence[_Word], head: _Word) -> bool:
        """Whether a singular indefinite article before a plural noun of its gender names a thing by what it is
        made of or has («una quattro formaggi», «una patate e salsiccia»: a pizza): «una» + plural is no
        phrase of Italian grammar, so it is an ellipsis, not a slip of number."""
        if len(members) != 1 or (_article_kind(members[0]) or ("", ""))[0] != "ind":
            return False
        nouns = head.nouns()
        if not nouns or any(r.tag.number != "Plur" for r in nouns):
            return False
        return self._agrees(members[0], [(r.tag.gender, "Sing") for r in nouns])

    def _modifier_not_head(self, words: Sequence[_Word], members: list[_Word], head: _Word, after: int) -> bool:
        """Whether the "noun" is more likely a modifier than the head: the next word is a noun agreeing with the
        determiners («della perdurante impossibilità»), or an adjective agrees with them while the noun does
        not («il caro benzina», a noun used as an adjective or a compound)."""
        shared = [
            (r.tag.gender, r.tag.number)
            for r in members[0].determiners() or members[0].readings
            if all(self._agrees(m, [(r.tag.gender, r.tag.number)]) for m in members)
        ]
        if not shared:
            return False
        nxt = words[after] if after < len(words) else None
        if (
            nxt is not None
            and nxt.pos == "NOUN"
            and not nxt.skip
            and any(_fits(r, f) for r in nxt.nouns() for f in shared)
        ):
            return True
        return any(m.pos == "ADJ" for m in members)

    def _target(self, members: Sequence[_Word], features: Sequence[Features]) -> Features:
        """The noun's gender and number that most of the phrase's other words already have."""

        def votes(f: Features) -> int:
            return sum(1 for m in members if any(_fits(r, f) for r in m.determiners() or m.readings))

        return max(features, key=votes)

    def _rewrite(self, span: Sequence[_Word], head: _Word, target: Features) -> str | None:
        """The words of ``span`` (ending with the noun) in the noun's gender and number."""
        out: list[str] = []
        for position, word in enumerate(span):
            if word is head:
                out.append(word.text)
                continue
            following = span[position + 1].text
            kind = _article_kind(word)
            if kind is not None and kind[0] == "ind" and target[1] == "Plur":
                return None
            if kind is not None:
                form = _article(kind, target, following, word.text)
            elif self._agrees(word, [target]):
                form = word.text
            else:
                adjectives = [r for r in word.readings if r.pos == "ADJ"]
                reading = next(iter(word.determiners() or adjectives or word.readings))
                inflected = self.inflect(word.text, reading, target)
                if inflected is None:
                    return None
                form = inflected
            out.append(form)
        return _join(out)

    def _partitive_pronoun(self, words: Sequence[_Word], word: _Word) -> bool:
        """Whether «uno/una» is the pronoun that the partitive clitic «ne» counts («ne abbiamo uno simile», «può
        chiederne una nuova»): «ne» (alone or attached to the verb) a few words before, in the same sentence,
        and a pronoun reading of the word. The pronoun keeps its full form before any sound."""
        if not any(r.tag.category.startswith("PRO-") for r in word.readings):
            return False
        start = self._sentence_start(words, word.position, max(0, word.position - 5))
        return any(
            r.tag.category == "NE" or r.tag.clitic.endswith("ne")
            for w in words[start : word.position]
            for r in w.readings
        )

    @staticmethod
    def _pronoun_with_adjective(words: Sequence[_Word], word: _Word, following: _Word) -> bool:
        """Whether «uno/una» is the pronoun before an adjective used alone («un cliente arrabbiato vuole fare in
        fretta, uno confuso vuole aiuto»): a pronoun reading, an adjective reading of the next word, and a finite
        verb after that one, whose subject the pair is («uno grande sconto», «uno buono da 10 euro» keep the
        article)."""
        if word.lower not in ("uno", "una") or not any(r.tag.category.startswith("PRO-") for r in word.readings):
            return False
        if not any(r.pos == "ADJ" for r in following.readings):
            return False
        nxt = words[following.position + 1] if following.position + 1 < len(words) else None
        return nxt is not None and not nxt.skip and _verb_of(nxt, {"Sing"})

    def _article_forms(self, words: Sequence[_Word], members: Sequence[_Word], head: _Word) -> list[Issue]:
        """An article whose shape does not fit the next word («il ordine», «i errori», «un'errore»)."""
        issues: list[Issue] = []
        for position, word in enumerate(members):
            kind = _article_kind(word)
            if kind is None:
                continue
            if kind[0] == "ind" and self._partitive_pronoun(words, word):
                continue
            following = members[position + 1] if position + 1 < len(members) else head
            if kind[0] == "ind" and self._pronoun_with_adjective(words, word, following):
                continue
            if following.start != word.end and word.lower.endswith("'"):
                continue
            replacement = self._article_fix(kind, word, following, following is head)
            if replacement is not None:
                issues.append(self._issue("article-form", [word, following], _join([replacement, following.text])))
        return issues

    def _article_fix(self, kind: tuple[str, str], word: _Word, following: _Word, before_head: bool) -> str | None:
        """The article of ``kind`` to write for ``word`` before ``following``, or None when ``word`` fits (or
        fits no reading of the noun: an agreement error, reported by noun-phrase). It depends on the two
        forms alone (their text and readings), so it is worked out once per pair (bounded): the same
        article-and-noun pairs recur in message after message."""
        key = (word.text, following.text, before_head)
        if key in self._article_fixes:
            return self._article_fixes[key]
        replacement: str | None = None
        candidates = [(r.tag.gender, r.tag.number) for r in word.determiners() if r.tag.category in ("ART", "ARTPRE")]
        fitting = [f for f in candidates if self._agrees(following, [f]) or not before_head]
        if fitting:
            expected = {_article(kind, f, following.text, word.text).lower() for f in fitting}
            # «la email», «una offerta», «nella e-mail»: the feminine elision is optional
            optional = word.lower.endswith(("la", "una")) and any(e.endswith(("l'", "un'")) for e in expected)
            if word.lower not in expected and not optional:
                replacement = _article(kind, fitting[0], following.text, word.text)
        if len(self._article_fixes) < 50_000:
            self._article_fixes[key] = replacement
        return replacement

    # -- clauses: subject, verb, participle ---------------------------------------------------------

    def _subject_at(self, words: Sequence[_Word], i: int) -> tuple[_Word, list[Features], int] | None:
        """A noun phrase at ``i`` that opens a clause, its features, and the index after it."""
        if i > 0:
            before = words[i - 1]
            if before.lower not in _OPENERS and before.pos not in ("ADV", "INTJ", "SCONJ"):
                return None
            if before.lower == "non":
                return None
        found = self._phrase_at(words, i)
        if found is None:
            return None
        members, head, after = found
        if members[0].pos == "ADP":  # «Nei prossimi giorni vi verrà...»: a complement, not a subject
            return None
        if head.lower in _TIME or any(r.lemma in _TIME for r in head.nouns()):
            return None
        if any(m.lower in ("ogni", "qualche") for m in members):
            return None
        features = [f for f in self._noun_features(head) if all(self._agrees(m, [f]) for m in members)]
        if not features:
            return None
        return head, features, after

    def _clauses(self, words: Sequence[_Word]) -> list[Issue]:
        issues: list[Issue] = []
        for i, word in enumerate(words):
            # A noun phrase (so a subject) starts only at a word with a determiner reading (_phrase_at's own
            # first test): at the others neither _subject_at nor _subject_comma can find anything.
            if word.split[1]:
                if i == 0 or words[i - 1].lower in _OPENERS or words[i - 1].pos in ("ADV", "SCONJ", "INTJ"):
                    found = self._subject_at(words, i)
                    if found is not None:
                        issues += self._after_subject(words, *found)
                        issues += self._across_complements(words, *found)
                if self._opens_sentence_or_clause(words, i):
                    issues += self._subject_comma(words, i)
            if word.lower in _EXISTENTIAL:  # _existential's own first test, without the call
                issues += self._existential(words, i)
        return issues

    def _opens_sentence_or_clause(self, words: Sequence[_Word], i: int) -> bool:
        """Whether word ``i`` opens a sentence, a subordinate clause («quando», «se», «che»...), or what follows
        the sentence's first comma when no verb comes before it (a greeting or a frame: «Ciao, la pratica...»,
        «Per questo motivo, il pacco...»). A noun phrase after a later comma is anything but a subject."""
        if i == 0:
            return True
        before = words[i - 1].lower
        if before in _SENTENCE_ENDS or before == ":" or before in _SUBORDINATORS:
            return True
        if before != ",":
            return False
        start = self._sentence_start(words, i - 1, max(0, i - 9))
        if start == max(0, i - 9) and start > 0 and words[start - 1].lower not in _SENTENCE_ENDS:
            return False  # a long stretch before the comma: not a greeting or a frame
        return not any(w.lower == "," or _finite_verb(w) for w in words[start : i - 1])

    def _after_subject(self, words: Sequence[_Word], head: _Word, features: list[Features], j: int) -> list[Issue]:
        clitic = False
        while j < len(words) and words[j].lower in _SKIPPABLE | _OBJECT_CLITICS | {"si", "ci", "vi", "mi", "ti"}:
            clitic = clitic or words[j].lower in _OBJECT_CLITICS
            j += 1
        if j >= len(words):
            return []
        verb = words[j]
        if verb.skip or not verb.readings:
            return []
        finite = [r for r in verb.readings if r.tag.is_finite]
        if not finite or not all(r.tag.is_finite for r in verb.readings if r.pos in ("VERB", "AUX")):
            return []
        numbers = {f[1] for f in features}
        if any(r.tag.person == "3" and r.tag.number in numbers for r in finite):
            return self._participles(words, head, features, verb, j + 1)
        if not all(r.tag.person == "3" for r in finite):
            # «Il mese scorso abbiamo...»: a first or second person is not this subject's verb; but «sono»
            # (1st singular and 3rd plural) followed by a plural participle is the 3rd plural.
            nxt = words[j + 1] if j + 1 < len(words) else None
            participles = nxt.participles() if nxt is not None else []
            plural = bool(participles) and all(r.tag.number == "Plur" for r in participles)
            singular = nxt is not None and bool(participles) and self._agrees(nxt, features)
            if not (verb.lower == "sono" and "Sing" in numbers and (plural or singular)):
                return []
            finite = [r for r in finite if r.tag.person == "3"]
        avere = any(r.lemma == "avere" for r in finite)
        if (clitic or not avere) and self._postposed_subject(words, j + 1, finite):
            return []
        reading = finite[0]
        fixed = self.inflect(verb.text, reading, (None, features[0][1]), person="3")
        span, out = [verb], [fixed or verb.text]
        if reading.lemma == "essere":  # «il pacco sono partiti» -> «è partito»: the participles follow the subject
            k = j + 1
            while k < len(words) and words[k].participles() and not words[k].skip:
                participle = words[k]
                if not self._agrees(participle, features):
                    out.append(self.inflect(participle.text, participle.participles()[0], features[0]) or "")
                else:
                    out.append(participle.text)
                span.append(participle)
                k += 1
        replacement = _join(out) if fixed and all(out) else None
        return [self._issue("subject-verb", span, replacement)]

    def _subject_comma(self, words: Sequence[_Word], i: int) -> list[Issue]:
        """A single comma between a subject noun phrase that opens a clause and its verb («la situazione creata
        dal guasto, ha comportato ritardi»). The subject is an article or determiner with its noun (and what
        modifies it: adjectives, participles, prepositional phrases) or with a name or a quotation; it holds
        no verb and no relative or coordinating word, and the verb right after the comma is finite, of the third
        person and of the subject's number. A second comma before another such verb closes an inserted clause
        («il pacco, ha detto il corriere, arriverà»): not judged."""
        article = words[i]
        if article.skip or article.pos != "DET" or (_article_kind(article) or ("", ""))[1]:
            return []
        found = self._phrase_at(words, i)
        if found is not None:
            members, head, j = found
            if head.lower in _TIME or any(r.lemma in _TIME for r in head.nouns()):
                return []
            features = [f for f in self._noun_features(head) if all(self._agrees(m, [f]) for m in members)]
            numbers = {f[1] for f in features}
        elif i + 1 < len(words) and _is_name_or_quote(words[i + 1]):
            numbers = {r.tag.number for r in article.determiners()}
            j = i + 1
        else:
            return []
        k = j
        while k < len(words) and k < j + 12 and words[k].lower != ",":
            word = words[k]
            if word.lower in _SUBJECT_ENDS or (not word.skip and _finite_verb(word)):
                return []
            k += 1
        if k >= len(words) or k == j + 12 or k == i:
            return []
        v = k + 1
        while v < len(words) and words[v].lower in ("non", "si"):
            v += 1
        if v >= len(words) or not _verb_of(words[v], numbers):
            return []
        m = v + 1
        while m < min(len(words), v + 40) and words[m].lower not in _SENTENCE_ENDS and words[m].lower != ":":
            if words[m].lower == ",":
                n = m + 1
                while n < len(words) and words[n].lower in ("non", "si"):
                    n += 1
                if n < len(words) and _verb_of(words[n], numbers):
                    return []  # the first comma opened an inserted clause that this one closes
            m += 1
        comma, verb = words[k], words[v]
        before = words[k - 1]
        return [self._issue("subject-comma", [before, comma, verb], f"{before.text} {_between(words, k + 1, v)}")]

    def _complement_end(self, words: Sequence[_Word], j: int) -> int:
        """The index after the prepositional phrases that start at ``j`` («di consegna di ciascuna copia presso
        il Suo indirizzo»), or ``j`` when none does. Each is a preposition with its noun phrase, a bare noun
        with an adjective, or a name; a verb, a comma or a conjunction ends the stretch."""
        k, phrases = j, 0
        while k < len(words) and words[k].pos == "ADP" and not words[k].skip and phrases < 4:
            found = self._phrase_at(words, k)  # «dalla nostra azienda»: the articulated preposition is a member
            if found is None and k + 1 < len(words):
                found = self._phrase_at(words, k + 1)  # «presso il rispettivo indirizzo»
                if found is None:
                    noun = words[k + 1]
                    if noun.skip or not (noun.pos == "PROPN" or (noun.pos == "NOUN" and noun.nouns())):
                        return j
                    found = ([], noun, k + 2)
            if found is None:
                return j
            k = found[2]
            while k < len(words) and words[k].pos == "ADJ" and not _finite_verb(words[k]):
                k += 1
            phrases += 1
        return k

    @staticmethod
    def _impersonal(words: Sequence[_Word], j: int) -> bool:
        """Whether an adjective and an infinitive follow (after «stato» or an adverb): «è possibile modificarli»,
        whose subject is the infinitive; the noun phrase before is a topic («i dati, è possibile...»)."""
        k = j
        while k < len(words) and k < j + 2 and (words[k].pos == "ADV" or words[k].lower in ("stato", "stata")):
            k += 1
        return (
            k + 1 < len(words) and words[k].pos == "ADJ" and any(r.tag.verbform == "Inf" for r in words[k + 1].readings)
        )

    def _across_complements(self, words: Sequence[_Word], head: _Word, features: list[Features], j: int) -> list[Issue]:
        """A plural subject whose verb, after the subject's prepositional phrases, is singular, attracted by the
        nearest noun («i tempi di consegna di ciascuna copia è variabile» → «sono»). Only this direction: a
        singular collective followed by a plural («una parte dei pacchi sono») is agreement by sense."""
        if not features or any(f[1] != "Plur" for f in features):
            return []
        k = self._complement_end(words, j)
        if k == j or k >= len(words):
            return []
        verb = words[k]
        if not _verb_of(verb, {"Sing"}) or verb.nouns():
            return []
        if any(r.tag.number == "Plur" for r in verb.readings if r.tag.is_finite):
            return []
        finite = [r for r in verb.readings if r.tag.is_finite]
        if self._postposed_subject(words, k + 1, finite) or self._impersonal(words, k + 1):
            return []
        fixed = self.inflect(verb.text, finite[0], (None, "Plur"), person="3")
        return [self._issue("subject-verb", [verb], fixed)]

    def _postposed_subject(self, words: Sequence[_Word], j: int, finite: Sequence[Reading]) -> bool:
        """Whether a noun phrase agreeing with the verb follows it («...sono arrivati i pacchi»)."""
        numbers = {r.tag.number for r in finite}
        k = j
        while k < len(words) and (words[k].participles() or words[k].pos == "ADV") and k < j + 4:
            k += 1
        found = self._phrase_at(words, k)
        if found is None or found[0][0].pos == "ADP":  # «è arrivato al magazzino»: a complement
            return False
        return any(f[1] in numbers for f in self._noun_features(found[1]))

    def _participles(
        self, words: Sequence[_Word], head: _Word, features: list[Features], verb: _Word, j: int
    ) -> list[Issue]:
        """Participles and adjectives after a form of «essere» that agrees with the subject."""
        if not any(r.lemma == "essere" and r.tag.is_finite for r in verb.readings):
            return []
        issues: list[Issue] = []
        after_stato = False  # «sono stati spedite»: after «stato» a participle comes, not «voi spedite»
        while j < len(words):
            word = words[j]
            if word.lower in _SKIPPABLE or word.lower in ("più", "molto", "così", "tutto", "tutti", "tutte"):
                j += 1
                continue
            if word.skip or not word.readings:
                break
            essere = [r for r in word.participles() if r.lemma == "essere"]  # «state»: not «you stay» here
            others = [r for r in word.readings if r.pos != "NOUN" and not (after_stato and r.tag.is_finite)]
            if not essere and not all(r.pos == "ADJ" or r.tag.is_participle for r in others):
                break
            after_stato = bool(essere)
            if word.nouns() and word.pos == "NOUN":
                break
            if word.lower.startswith("stat") and j + 1 < len(words) and words[j + 1].pos in ("DET", "NOUN", "NUM"):
                break  # «il problema è stata una svista»: the copula may agree with the predicate
            if not self._agrees(word, features):
                reading = next(iter(word.participles() or word.readings))
                fixed = self.inflect(word.text, reading, features[0])
                issues.append(self._issue("participle", [word], fixed))
            if not word.participles():
                break
            j += 1
        return issues

    def _existential(self, words: Sequence[_Word], i: int) -> list[Issue]:
        """«c'è/c'era/c'è stato» before a plural noun phrase, and «ci sono» before a singular one."""
        word = words[i]
        if word.lower not in _EXISTENTIAL or i + 2 >= len(words):
            return []
        verb = words[i + 1]
        if verb.skip or not any(r.lemma == "essere" and r.tag.is_finite for r in verb.readings):
            return []
        j = i + 2
        participle: _Word | None = None
        while j < len(words) - 1 and words[j].lower in _SKIPPABLE:  # «c'è ancora dei pacchi»
            j += 1
        if words[j].lower in ("stato", "stata", "stati", "state"):
            if j > i + 2:
                return []  # «c'è già stato»: the fix would drop the adverb from the span
            participle = words[j]
            j += 1
        found = self._phrase_at(words, j)
        if found is None:
            return []
        members, head, _ = found
        if any(m.lower in ("ogni", "qualche") for m in members):
            return []
        features = [f for f in self._noun_features(head) if all(self._agrees(m, [f]) for m in members)]
        numbers = {f[1] for f in features}
        verb_numbers = {r.tag.number for r in verb.readings if r.tag.is_finite and r.tag.person == "3"}
        if not features or numbers & verb_numbers:
            return []
        target = features[0]
        reading = next(r for r in verb.readings if r.tag.is_finite)
        fixed_verb = self.inflect(verb.text, reading, (None, target[1]), person="3")
        if fixed_verb is None:
            return []
        parts = [word, verb] if participle is None else [word, verb, participle]
        pronoun = "c'" if fixed_verb.lower().startswith(("è", "e")) else "ci"
        if word.text[:1].isupper():
            pronoun = pronoun.capitalize()
        out = [pronoun, fixed_verb]
        if participle is not None:
            fixed_participle = self.inflect(participle.text, participle.participles()[0], target)
            if fixed_participle is None:
                return []
            out.append(fixed_participle)
        return [self._issue("subject-verb", parts, _join(out))]

    # -- homophones ----------------------------------------------------------------------------

    def _sentence_start(self, words: Sequence[_Word], i: int, floor: int = 0) -> int:
        """The position of the first word of the sentence holding word ``i`` (at least ``floor``).

        ``floor`` bounds the backward scan: a caller that looks only at the words after it need not
        walk a sentence of thousands of words from each of them (quadratic).
        """
        for j in range(i - 1, floor - 1, -1):
            if words[j].lower in (".", "!", "?", "…", ":", ";"):
                return j + 1
        return floor

    def _homophones(self, words: Sequence[_Word]) -> list[Issue]:
        issues: list[Issue] = []
        for i, word in enumerate(words):
            if word.skip or word.lower not in _HOMOPHONES:  # _homophone's own first test, without the call
                continue
            before = words[i - 1] if i > 0 else None
            nxt = words[i + 1] if i + 1 < len(words) else None
            issue = self._homophone(words, i, word, before, nxt)
            if issue is not None:
                issues.append(issue)
        return issues

    def _past_participle_next(self, words: Sequence[_Word], i: int, noun: Features | bool | None = None) -> bool:
        """A past participle comes next (after «già», «appena», «sempre»), not also a noun or a preposition."""
        j = i + 1
        while j < len(words) and words[j].lower in ("già", "appena", "sempre", "mai", "ancora", "anche", "non"):
            j += 1
        if j >= len(words) or words[j].skip:
            return False
        following = words[j]
        readings = following.readings
        if not following.participles() or any(r.pos == "ADP" for r in readings):
            return False
        if following.text[:1].isupper() and not following.text.isupper():
            return False  # a capital mid-sentence: a title or a name («Rimborsi e Resi»), not a participle
        # Also a noun («partito», «inviato»): a participle only where a noun cannot be (``noun`` True), or
        # when it agrees with the subject noun just before (``noun``: that noun's gender and number).
        if (
            following.nouns()
            and noun is not True
            and (not isinstance(noun, tuple) or not any(_fits(r, noun) for r in following.participles()))
        ):
            return False
        if any(r.pos == "ADV" for r in readings):  # «subito»: a participle only before an object
            return j + 1 < len(words) and bool(words[j + 1].determiners())
        return True

    def _homophone(
        self, words: Sequence[_Word], i: int, word: _Word, before: _Word | None, nxt: _Word | None
    ) -> Issue | None:
        lower = word.lower
        if lower not in _HOMOPHONES:
            return None
        if lower == "e'":
            return self._issue("e-è", [word], "È" if word.text[:1].isupper() else "è")
        if lower == "e" and nxt is not None and nxt.text in ("'", "’") and nxt.start == word.end:
            return self._issue("e-è", [word, nxt], "È" if word.text[:1].isupper() else "è")
        # Only «e» and «a» ask whether a subject comes before (and «e» its features and an auxiliary before it):
        # for the other homophones («di», «in», «ma», «su» are most of them) none of this is worked out.
        subject = False
        subject_features: Features | None = None
        auxiliary = False
        if lower in ("e", "a"):
            # A noun right after a determiner is one whatever the tagger chose, and so is a participle there, a
            # nominalised one the lexicon lists only as a verb form («il Suo reso e stato...»: «reso», from
            # «rendere»).
            after_determiner = (
                before is not None
                and bool(before.nouns() or before.participles())
                and i >= 2
                and bool(words[i - 2].determiners())
            )
            # A noun right after a bare preposition is inside a phrase, not a subject: «i prodotti in bozza e
            # archiviati» joins two states of the products.
            in_phrase = before is not None and i >= 2 and words[i - 2].pos == "ADP" and not words[i - 2].determiners()
            subject = (
                before is None
                or (before.pos in ("NOUN", "PROPN") and not in_phrase)
                or before.lower in ("non", "che", "chi")
                or after_determiner
            )
            if lower == "e":
                if (
                    before is not None
                    and (before.pos == "NOUN" or after_determiner)
                    and i >= 2
                    and words[i - 2].determiners()
                ):
                    nominal = self._noun_features(before) or [
                        (r.tag.gender, r.tag.number) for r in before.participles()
                    ]
                    subject_features = next(iter(nominal), None)
                # «Abbiamo riattivato il servizio e aggiunto un mese»: after an auxiliary in the same sentence,
                # «e» joins two participles.
                window = max(0, i - 15)
                sentence_start = self._sentence_start(words, i, window)
                auxiliary = any(w.pos == "AUX" for w in words[window:i] if w.position >= sentence_start)
        if lower == "e" and (
            (
                subject
                and not auxiliary
                and before is not None
                and bool(before.readings)
                and self._past_participle_next(words, i, subject_features)
            )
            or (before is not None and before.lower == "non")
            or (before is None and nxt is not None and nxt.lower in ("stato", "stata", "stati", "state"))
        ):
            return self._issue("e-è", [word], "È" if word.text[:1].isupper() else "è")
        clitic_before = before is not None and before.lower in {*_OBJECT_CLITICS, "io", "non", "ci", "vi", "mi", "ti"}
        if (
            lower == "o"
            and (before is None or clitic_before)
            and (self._past_participle_next(words, i, True) or (before is not None and before.lower == "non"))
        ):
            return self._issue("o-ho", [word], "Ho" if word.text[:1].isupper() else "ho")
        if lower == "a" and (subject or clitic_before) and self._past_participle_next(words, i):
            return self._issue("a-ha", [word], "Ha" if word.text[:1].isupper() else "ha")
        if (
            lower == "anno"
            and (before is None or before.pos in ("NOUN", "PROPN", "PRON") or clitic_before)
            and not (before is not None and (before.determiners() or before.pos in ("DET", "NUM", "ADP")))
            and self._past_participle_next(words, i, True)
        ):
            return self._issue("anno-hanno", [word], "Hanno" if word.text[:1].isupper() else "hanno")
        if lower == "qual'" and nxt is not None and nxt.lower in ("è", "era", "erano", "sono"):
            return self._issue("apostrophe", [word, nxt], _join([word.text[:-1], nxt.text], space=True))
        if lower == "pò":
            return self._issue("apostrophe", [word], "po'")
        if lower == "ma" and nxt is not None and nxt.lower == "che":
            return self._dangling_che(words, i)
        if lower in ("di", "in", "tutt'") and nxt is not None:
            return self._split_adverb(words, i, word, before, nxt)
        if lower == "ha" and nxt is not None and self._infinitive(nxt):
            return self._issue("ha-a", [word], "A" if word.text[:1].isupper() else "a")
        if lower == "su" and before is not None and before.lower not in _SENTENCE_ENDS and self._only_finite(nxt):
            return self._issue("su-si", [word], "si")
        return None

    def _split_adverb(
        self, words: Sequence[_Word], i: int, word: _Word, before: _Word | None, nxt: _Word
    ) -> Issue | None:
        """An adverb written as two words: «tutt'ora» (tuttora), and «di fatti»/«in fatti» (difatti, infatti)
        where they cannot be a preposition with the noun «fatti»: after a verb and before a determiner that
        opens the clause's next phrase («non c'è di fatti un blocco»), not before «cui» («di fatti i cui...»)."""
        if nxt.skip:
            return None
        if word.lower == "tutt'":
            if nxt.lower == "ora" and nxt.start == word.end:
                return self._issue("split-adverb", [word, nxt], _cased("tuttora", word.text))
            return None
        if nxt.lower != "fatti" or before is None or not _finite_verb(before) or i + 2 >= len(words):
            return None
        following = words[i + 2]
        after = words[i + 3] if i + 3 < len(words) else None
        if following.skip or not following.determiners() or after is None or after.lower in ("cui", "quali"):
            return None
        if following.pos != "DET" and after.pos not in ("NOUN", "ADJ"):  # «alcuno sciopero», tagged as a noun
            return None
        return self._issue("split-adverb", [word, nxt], _cased(word.lower + "fatti", word.text))

    def _dangling_che(self, words: Sequence[_Word], i: int) -> Issue | None:
        """«ma che» opening a clause with its own subject, coordinating a «che» clause that the sentence never
        opened: «il servizio non sarà garantito, ma che si potranno verificare ritardi» (the writer had
        «comunichiamo che... ma che» in mind). «che» can be a relative («un'area idonea, ma che è predisposta
        per...»), so only a clause whose every role is taken is judged: «si» or «ci», a finite verb and,
        after it, the verb's own subject, a noun phrase of its number. Not after a «che» (or «perché»...)
        earlier in the sentence, nor in a question or an exclamation («ma che ci possiamo fare?»)."""
        start = self._sentence_start(words, i, max(0, i - 40))
        if start == max(0, i - 40) and start > 0:
            return None
        before = words[start:i]
        if not any(_finite_verb(w) for w in before) or any(w.lower.endswith(("che", "ché")) for w in before):
            return None
        j = i + 2
        if j < len(words) and words[j].lower == "non":
            j += 1
        if j + 1 >= len(words) or words[j].lower not in ("si", "ci"):
            return None
        verb = words[j + 1]
        if verb.skip or not _verb_of(verb, {"Sing", "Plur"}):
            return None
        numbers = {r.tag.number for r in verb.readings if r.tag.is_finite and r.tag.person == "3"}
        k = j + 2
        while (
            k < len(words)
            and k < j + 5
            and (
                words[k].pos == "ADV" or any(r.tag.verbform == "Inf" or r.tag.is_participle for r in words[k].readings)
            )
        ):
            k += 1
        found = self._phrase_at(words, k)
        if found is not None:
            subject = self._noun_features(found[1])
        elif k < len(words) and words[k].pos == "NOUN" and not words[k].skip:
            subject = self._noun_features(words[k])
        else:
            return None
        if not any(f[1] in numbers for f in subject):
            return None
        m = k  # up to the sentence end, bounded: a question or an exclamation is not judged
        while m < min(len(words), k + 40) and words[m].lower not in _SENTENCE_ENDS:
            m += 1
        if m < len(words) and words[m].lower in ("?", "!"):
            return None
        return self._issue("dangling-che", words[i : i + 2], None)

    @staticmethod
    def _infinitive(word: _Word) -> bool:
        """Whether ``word`` can only be an infinitive (no noun reading: «ha dovere» is not judged). «ha» is never
        followed by one: «costretto i corrieri ha indire» is the preposition «a»."""
        return (
            not word.skip
            and bool(word.readings)
            and word.text[:1].islower()
            and all(r.tag.verbform == "Inf" for r in word.readings)
        )

    @staticmethod
    def _only_finite(word: _Word | None) -> bool:
        """Whether ``word`` can only be a finite verb, one reading of the third person: no preposition stands
        before one, so «su» there is «si» written with the next vowel on the keyboard («a casa su mangia»).
        After a sentence end «su» may be the exhortation («Su, proviamo»), so the caller asks for a word before."""
        return (
            word is not None
            and not word.skip
            and bool(word.readings)
            and word.text[:1].islower()
            and all(r.tag.is_finite for r in word.readings)
            and any(r.tag.person == "3" for r in word.readings)
        )


# Words that end a subject noun phrase before its verb: a relative, a conjunction, a clause of its own.
_SUBJECT_ENDS = frozenset(
    {
        *_SENTENCE_ENDS,
        *(":", "(", ")", "che", "cui", "quale", "quali", "dove", "quando", "se", "perché", "come", "mentre"),
        *("e", "ed", "o", "od", "né", "ma", "oppure", "nonché", "sia"),
    }
)


_SUBORDINATORS = frozenset({"quando", "se", "perché", "poiché", "finché", "mentre", "che", "affinché", "benché"})


def _is_name_or_quote(word: _Word) -> bool:
    """An opening quotation mark, or a capitalised word that is no verb: the head of «il “Consorzio”», «la Rossi»."""
    if word.text in ("“", '"', "«", "‘", "'"):
        return True
    return word.text[:1].isupper() and not word.text.isupper() and not _finite_verb(word)


def _finite_verb(word: _Word) -> bool:
    return word.pos in ("VERB", "AUX") and any(r.tag.is_finite for r in word.readings)


def _verb_of(word: _Word, numbers: set[str | None]) -> bool:
    """Whether ``word`` is only a finite verb (no noun, pronoun or participle reading), with a third-person
    reading of one of ``numbers``."""
    return (
        not word.skip
        and bool(word.readings)
        and word.pos in ("VERB", "AUX")
        and all(r.tag.is_finite for r in word.readings)
        and any(r.tag.person == "3" and r.tag.number in numbers for r in word.readings)
    )


def _between(words: Sequence[_Word], start: int, end: int) -> str:
    """The words from ``start`` to ``end`` (inclusive) as written, one space apart."""
    return " ".join(w.text for w in words[start : end + 1])


def _cased(form: str | None, like: str) -> str | None:
    """``form`` with a capital when ``like`` has one («Suo» -> «Suoi»)."""
    if form is None or not like[:1].isupper():
        return form
    return form[:1].upper() + form[1:]


def _join(parts: Sequence[str], space: bool = False) -> str:
    """Words joined as written: no space after an elided article («l'ordine»), unless ``space``."""
    out = ""
    for part in parts:
        if out and (space or not out.endswith(("'", "’"))):
            out += " "
        out += part
    return out


def checker(analyser: Analyser) -> ItalianGrammar:
    """The Italian checker over ``analyser`` (what kinds/grammar.py builds for language "it")."""
    return ItalianGrammar(analyser)
