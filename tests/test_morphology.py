"""The default Italian pipeline's lexicon analysis: POS, MORPH and LEMMA in context, seen by token patterns.

Sentences written for this test, in the register of customer messages.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from scusa_lint.analysis.pipeline import MORPH, POS, load_pipeline
from scusa_lint.engine.tokenmatch import FastTokenMatcher


@functools.cache
def nlp() -> Any:
    return load_pipeline("it").nlp


def analysis(text: str) -> dict[str, tuple[str, str, str]]:
    """word -> (POS, lemma, MORPH) for the first occurrence of each word."""
    found: dict[str, tuple[str, str, str]] = {}
    for token in nlp()(text):
        found.setdefault(token.text, (token.pos_, token.lemma_, str(token.morph)))
    return found


def test_default_pipeline_gives_pos_and_morph() -> None:
    pipeline = load_pipeline("it")
    assert {POS, MORPH} <= pipeline.capabilities
    assert "lexicon" in pipeline.description


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        ("La informiamo che il rimborso è partito.", "La", "PRON"),  # courtesy pronoun before a verb
        ("Le scriviamo per il problema del sistema.", "Le", "PRON"),
        ("La consegna è prevista per domani.", "La", "DET"),
        ("Abbiamo controllato le città servite.", "le", "DET"),
        ("Il pacco? L'abbiamo spedito ieri.", "L'", "PRON"),
        ("L'ordine è partito ieri.", "L'", "DET"),
        ("Lo stato della pratica è cambiato.", "stato", "NOUN"),
        ("Il pacco è stato consegnato.", "stato", "AUX"),
        ("Il servizio è tornato attivo.", "è", "AUX"),
        ("Ho ricevuto la sua segnalazione.", "Ho", "AUX"),
        ("Il tecnico ha un appuntamento alle nove.", "ha", "VERB"),
        ("Vi consegna il pacco un nostro corriere.", "consegna", "VERB"),
        ("La consegna del pacco è in ritardo.", "consegna", "NOUN"),
        ("Questi ritardi ci dispiacciono.", "Questi", "DET"),
        ("Possiamo rimborsarla entro venerdì.", "Possiamo", "AUX"),
        ("Il pacco e la lettera sono partiti.", "e", "CCONJ"),
        ("Ci scriva quando vuole.", "quando", "SCONJ"),
        ("Gentile Xxxxx, grazie.", "Xxxxx", "PROPN"),  # a placeholder, masked as a name
    ],
)
def test_context_picks_the_reading(text: str, word: str, pos: str) -> None:
    assert analysis(text)[word][0] == pos


def test_features_and_lemmas_come_from_the_lexicon() -> None:
    found = analysis("Le interruzioni sono state risolte: vogliamo scusarci con tutti i clienti.")
    assert found["interruzioni"] == ("NOUN", "interruzione", "Gender=Fem|Number=Plur")
    assert found["sono"][:2] == ("AUX", "essere") and "Person=3" in found["sono"][2]
    assert found["risolte"] == ("VERB", "risolvere", "Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part")
    assert found["scusarci"][:2] == ("VERB", "scusare") and "VerbForm=Inf" in found["scusarci"][2]
    assert found["vogliamo"][0] == "AUX"
    futuro = analysis("Rimborseremo l'importo.")["Rimborseremo"]
    assert futuro[1] == "rimborsare" and "Tense=Fut" in futuro[2] and "Person=1" in futuro[2]


def test_invariable_nouns_take_the_number_of_their_article() -> None:
    assert "Number=Plur" in analysis("Le città servite.")["città"][2]
    assert "Number=Sing" in analysis("La città servita.")["città"][2]


@pytest.mark.parametrize("mark", ["‘", "´"])
def test_an_elision_typed_with_another_mark_is_split_and_read_like_an_apostrophe(mark: str) -> None:
    doc = nlp()(f"Il ritardo lede l{mark}immagine dell{mark}azienda.")
    words = [(token.text, token.pos_, token.lemma_) for token in doc]
    assert (f"l{mark}", "DET", "il") in words
    assert ("immagine", "NOUN", "immagine") in words
    assert ("azienda", "NOUN", "azienda") in words


def test_a_single_quotation_mark_after_a_space_stays_punctuation() -> None:
    words = [token.text for token in nlp()("Ha scritto ‘grazie’ nel modulo.")]
    assert words[2:5] == ["‘", "grazie", "’"]


def test_unknown_words_keep_the_lemmatizer_lemma() -> None:
    import simplemma

    found = analysis("Il bonifico è stato stornicchiato dalla banca.")
    assert found["stornicchiato"][1] == simplemma.lemmatize("stornicchiato", lang="it").lower()


def test_clitics_the_lexicon_does_not_list_are_split_off() -> None:
    found = analysis("Possiamo rimborsarla entro venerdì, inviandovela subito.")
    assert found["rimborsarla"][:2] == ("VERB", "rimborsare") and "VerbForm=Inf" in found["rimborsarla"][2]
    assert found["inviandovela"][:2] == ("VERB", "inviare") and "VerbForm=Ger" in found["inviandovela"][2]


def _spacy_spans(patterns: list[list[dict[str, Any]]], doc: Any) -> list[tuple[int, int]]:
    from spacy.matcher import Matcher

    matcher = Matcher(nlp().vocab, validate=True)
    matcher.add("p", patterns)
    return sorted({(start, end) for _, start, end in matcher(doc)})


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (
            [{"LEMMA": "essere", "POS": "AUX"}, {"MORPH": {"IS_SUPERSET": ["VerbForm=Part", "Gender=Fem"]}}],
            "La fattura è stata emessa ieri.",
            ["è stata", "stata emessa"],
        ),
        (
            [{"POS": "PRON", "LOWER": "la"}, {"POS": "VERB", "MORPH": {"IS_SUPERSET": ["Person=1", "Number=Plur"]}}],
            "Gentile cliente, la informiamo che la consegna è partita.",
            ["la informiamo"],
        ),
        (
            [{"POS": "DET"}, {"POS": "NOUN", "MORPH": {"IS_SUPERSET": ["Number=Plur"]}}],
            "Ci scusiamo per le interruzioni di ieri.",
            ["le interruzioni"],
        ),
        (
            [{"MORPH": {"IS_SUPERSET": ["Tense=Fut", "Person=1"]}}],
            "Domani rimborseremo tutto.",
            ["rimborseremo"],
        ),
    ],
)
def test_token_patterns_see_the_lexicon_analysis(pattern: list[dict[str, Any]], text: str, expected: list[str]) -> None:
    fast = FastTokenMatcher.compile([pattern])
    assert fast is not None
    doc = nlp()(text)
    spans = fast(doc)
    assert spans == _spacy_spans([pattern], doc)
    assert [doc[start:end].text for start, end in spans] == expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # an ellipsis that a lower-case word continues trails off inside the sentence
        ("Ci dispiace per l'attesa… ma il pacco è partito.", 1),
        ("Ci dispiace per l'attesa […] ma il pacco è partito.", 1),
        ("Ci dispiace per l'attesa... ma il pacco è partito.", 1),
        # one followed by a capital, or a full stop followed by a lower-case word, ends it as before
        ("Ci dispiace per l'attesa… Il pacco è partito.", 2),
        ("Il pacco è partito. ci scusiamo.", 2),
    ],
)
def test_an_ellipsis_before_a_lower_case_word_does_not_end_the_sentence(text: str, sentences: int) -> None:
    assert len(list(nlp()(text).sents)) == sentences
