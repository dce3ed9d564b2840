"""Issue 17's "Done when", through the CLI and offline: GRAMMAR findings with the lexicon's fix, on every role.

Sentences written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from scusa_lint.grammar.italian import _join, definite, indefinite


def _lint(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "messaggio.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", str(path), "--isolated", "--no-cache", "--output-format", "json", "--exit-zero")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["files"][0]


def _grammar(entry: dict) -> list[tuple[str, str, list[str | None]]]:
    return [
        (f["code"], f["match"], [s["replacement"] for s in f["suggestions"] if s["replacement"]])
        for f in entry["findings"]
        if f["category"] == "GRAMMAR"
    ]


def test_done_when_sentences(tmp_path: Path) -> None:
    entry = _lint(
        tmp_path,
        "Gentile cliente,\n\nci scusiamo per questi interruzione: il servizio e tornato attivo alle 13.\n"
        "Le scriviamo per il problema del sistema, che abbiamo risolto.\n",
    )
    found = _grammar(entry)
    assert ("SC961", "questi interruzione", ["questa interruzione"]) in found
    assert ("SC965", "e", ["è"]) in found
    assert not [f for f in found if "problema" in f[1] or "Le" in f[1]]


def test_grammar_runs_on_routine_messages_and_fragments(tmp_path: Path) -> None:
    routine = _lint(tmp_path, "Il Suo ordine è stato spedito oggi. I pacchi è arrivato al magazzino di Bologna.\n")
    assert routine["role"] == "routine"
    assert ("SC964", "è arrivato", ["sono arrivati"]) in _grammar(routine)
    fragment = _lint(tmp_path, "La sua ordine\n")
    assert fragment["role"] == "fragment"
    assert [code for code, _, _ in _grammar(fragment)] == ["SC961"]


def test_placeholders_and_quotes_are_not_judged(tmp_path: Path) -> None:
    entry = _lint(tmp_path, "Gentile {{ nome }}, il cliente ha scritto «la sua ordine è stato perso».\n")
    assert _grammar(entry) == []


def test_article_shapes() -> None:
    assert [definite("Masc", "Sing", w) for w in ("ordine", "sconto", "pacco", "zaino")] == ["l'", "lo", "il", "lo"]
    assert [definite("Masc", "Plur", w) for w in ("errori", "sconti", "pacchi")] == ["gli", "gli", "i"]
    assert [definite("Fem", "Sing", w) for w in ("offerta", "consegna")] == ["l'", "la"]
    assert [indefinite("Masc", w) for w in ("errore", "sconto", "pacco")] == ["un", "uno", "un"]
    assert [indefinite("Fem", w) for w in ("offerta", "consegna")] == ["un'", "una"]
    assert _join(["l'", "ordine"]) == "l'ordine" and _join(["il", "pacco"]) == "il pacco"


def test_a_generated_form_keeps_the_case_of_each_word() -> None:
    from scusa_lint.analysis.morphology import analyser_for, default_lexicon
    from scusa_lint.grammar.italian import ItalianGrammar

    analyser = analyser_for(str(default_lexicon("it")))
    grammar = ItalianGrammar(analyser)
    reading = next(r for r in analyser.readings("suo") if r.tag.category == "DET-POSS")
    assert grammar.inflect("Suo", reading, ("Masc", "Plur")) == "Suoi"
    assert grammar.inflect("suo", reading, ("Masc", "Plur")) == "suoi"  # the cached entry is not capitalised


def test_loans_and_compounds_take_the_gender_of_what_they_name() -> None:
    from scusa_lint.analysis.morphology import analyser_for, default_lexicon
    from scusa_lint.grammar.italian import _borrowed

    analyser = analyser_for(str(default_lexicon("it")))

    def nouns(word: str) -> list:
        return [r for r in analyser.readings(word) if r.tag.category == "NOUN"]

    assert _borrowed("executive", nouns("executive")) and _borrowed("portavoce", nouns("portavoce"))
    assert not _borrowed("cliente", nouns("cliente")) and not _borrowed("serie", nouns("serie"))


def test_english_lines_in_an_italian_message_are_not_judged(tmp_path: Path) -> None:
    entry = _lint(
        tmp_path,
        "Gentile cliente, il servizio e tornato attivo.\nYour parcel has shipped: you will receive a separate email.\n",
    )
    assert [code for code, _, _ in _grammar(entry)] == ["SC965"]


def test_preposition_slips_and_the_comma_before_the_verb(tmp_path: Path) -> None:
    entry = _lint(
        tmp_path,
        "Il guasto ci ha costretti ha sospendere il servizio. In negozio su accettano solo carte.\n"
        "La richiesta inviata dal cliente, è stata accolta. Il pacco, ci dice il corriere, arriverà domani.\n",
    )
    found = _grammar(entry)
    assert ("SC970", "ha", ["a"]) in found
    assert ("SC971", "su", ["si"]) in found
    assert ("SC972", "cliente, è", ["cliente è"]) in found
    assert not [f for f in found if f[0] == "SC972" and "pacco" in f[1]]


def test_a_checker_judges_a_text_alike_whatever_it_checked_before() -> None:
    # The checker remembers per form and per article-and-noun pair and noun phrase what depends on the words
    # alone (ItalianGrammar._by_orth, _article_fix, _disagreeing); the same phrases in other places (after a
    # preposition, as a subject, before a verb, in a time phrase) must still be judged by their place.
    from helpers import analysed
    from scusa_lint.analysis.morphology import analyser_for, default_lexicon
    from scusa_lint.grammar.italian import checker

    texts = [
        "Ci scusiamo per questi interruzione. Le invio il ordine domani.",
        "Questi interruzione è stato risolto e il ordine è partito.",
        "La invio subito: la consegna è stato rimandato alla settimana prossima.",
        "La settimana scorsa la consegna sono arrivati, ma il nostra cliente ha atteso.",
        "Il nostra cliente e il suo ordine sono partiti. I prodotti giusta arrivano.",
        "Abbiamo visto i prodotti giusta e una quattro formaggi, e un'errore nel conto.",
    ]
    docs = [analysed("it", text)[1] for text in texts]
    lexicon = str(default_lexicon("it"))
    alone = [checker(analyser_for(lexicon)).check(doc) for doc in docs]
    assert any(alone)
    shared = checker(analyser_for(lexicon))
    for order in (list(range(len(docs))), list(range(len(docs)))[::-1]):
        after_others = {i: shared.check(docs[i]) for i in order}
        assert [after_others[i] for i in range(len(docs))] == alone
