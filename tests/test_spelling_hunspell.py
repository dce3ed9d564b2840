"""The offline speller against the real bundled Hunspell dictionaries: spans, suggestions, what is never flagged."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import run_cli
from scusa_lint import lang
from scusa_lint.finding import Finding
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings, load_settings
from scusa_lint.source import Source
from scusa_lint.spelling.hunspell import HunspellChecker, dictionary_info
from scusa_lint.spelling.vocabulary import Vocabulary, load_vocabulary
from scusa_lint.spelling.words import edit_distance, skipped_ranges

SEED_EXAMPLE = "Egreggio Cliento, le chiediamo scusa per il ritardo."


def typos(text: str, settings: Settings | None = None, language: str = "it", source: Source | None = None) -> list:
    """The spelling findings (SC901 / SC951) of one text, linted through the real engine."""
    code = "SC901" if language == "it" else "SC951"
    settings = replace(settings or Settings(), select=(code,))
    source = source or Source.from_text(text, path="t.txt", language=language)
    [result] = Linter(settings).lint([source])
    return list(result.findings)


def matches(findings: list[Finding]) -> list[str | None]:
    return [f.match for f in findings]


def test_seed_example_gives_two_typos_with_spans_and_suggestions() -> None:
    first, second = typos(SEED_EXAMPLE)
    assert (first.start, first.end, first.match) == (0, 8, "Egreggio")
    assert (second.start, second.end, second.match) == (9, 16, "Cliento")
    assert {first.category.value, second.category.value} == {"TYPO"}
    assert first.suggestions[0].replacement == "Egregio"  # ranked first, and it clearly wins: fixable
    # «Cliente» and «Clienti» are as likely: both offered as advice, neither applied by a fix.
    assert any("«Cliente»" in s.text for s in second.suggestions)
    assert all(s.replacement is None for s in second.suggestions)


def test_bundled_dictionaries_are_real_and_complete() -> None:
    spelling = [language.spelling for language in lang.languages().values()]
    names = {name for data in spelling for name in (data.dictionary, *data.also_accept) if name}
    assert names >= {"it_IT", "en_US", "en_GB"}
    main = {data.dictionary for data in spelling if data.dictionary}
    for name in names:
        info = dictionary_info(name)
        assert info.aff.is_file() and info.dic.is_file()
        if name in main or name.endswith("_GB"):
            assert info.words > 50_000, f"{info.name} has only {info.words} stems"
        else:  # a supplement of words the full dictionaries lack (en_service): small, documented, not empty
            assert info.words > 0 and (info.dic.parent / f"{name}.COPYRIGHT").is_file()


@pytest.mark.parametrize(
    "text",
    [
        "Gentile {{ nome_cliente }}, ci scusiamo per il ritardo.",
        "Gentile {{nome_cliente}}, il Suo ordine {{ order.id }} è partito.",
        "Ciao {nome}, ti abbiamo scritto a %s e a %(email)s, con ${codice}.",
        "Segua la spedizione su https://www.esempio.it/tracciamento?id=AB-12345 oppure su negozio.it.",
        "Ci scriva a assistenza.clienti@esempio.it quando vuole.",
        "Il Suo ordine AB-12345 da 49,90 euro è stato rimborsato il 12/03/2026 alle 10:30.",
        "Abbiamo aperto la pratica n. 4821X2 e la chiuderemo entro il 3° giorno.",
        "Gentile Sig.ra Rossi, Gent.mo Cliente, Dott.ssa Bianchi e Spett.le ditta: ci scusiamo.",
    ],
)
def test_template_syntax_urls_emails_numbers_and_codes_are_never_flagged(text: str) -> None:
    assert typos(text) == []


def test_placeholder_glued_to_a_word_is_not_checked() -> None:
    # "{{ nome }}ino" composes a word at render time: the visible "ino" is not a word to judge.
    assert typos("Caro {{ nome }}ino, ci scusiamo.") == []


def test_masked_ranges_and_words_touching_them_are_skipped() -> None:
    text = "Gentile xqzt, ci scusiamo per il ritrado."
    masked_start = text.index("xqzt")
    source = Source(
        path="t.txt",
        text=text,
        analysis_text=text,
        file_text=text,
        language="it",
        masked=((masked_start, masked_start + 4),),
    )
    assert matches(typos(text, source=source)) == ["ritrado"]
    # A masked range that ends in whitespace does not swallow the next word.
    text = "{{ saluto }} Cliento, ci scusiamo."
    source = Source(path="t.txt", text=text, analysis_text=" " * 13 + text[13:], file_text=text, masked=((0, 13),))
    assert matches(typos(text, source=source)) == ["Cliento"]


def test_front_matter_is_not_spell_checked() -> None:
    text = "---\ntitle: ritrado-xqz\nnote: conssegna\n---\nCi scusiamo per il ritardo.\n"
    assert typos(text) == []
    # The first word after the front matter is prose, and is checked.
    text = "---\ntitle: ritardo\n---\nPurtropo il pacco è in ritardo.\n"
    assert matches(typos(text)) == ["Purtropo"]


def test_proper_names_versus_misspelt_capitalised_words() -> None:
    # Names the dictionary does not know are not typos, even when one edit from a common word
    # (Ferragamo/ferravamo, Miseno/misero); a misspelt courtesy capital is.
    assert typos("Abbiamo parlato con la signora Brambilla, con Ferragamo e con l'hotel Miseno.") == []
    assert matches(typos("Abbiamo scritto al Cliento ieri sera.")) == ["Cliento"]
    assert matches(typos("Le scriviamo, Gentilissma signora, per scusarci.")) == ["Gentilissma"]
    # At the start of a sentence a capital says nothing: a misspelt word is flagged, a name is not.
    assert matches(typos("Purtropo il pacco è in ritardo. Esselunga ci ha avvisati.")) == ["Purtropo"]
    # ... unless the message uses the same capitalised word mid-sentence: names recur.
    assert typos("Alitalia si scusa. Il volo Alitalia partirà alle nove.") == []
    assert matches(typos("Alitalia si scusa per il ritardo.")) == ["Alitalia"]  # known limit: use the vocabulary


def test_an_omission_mark_inside_a_sentence_does_not_start_one() -> None:
    # A quotation cut with «[…]» goes on after the mark: the capital there is a name's (Ferrovita, one edit
    # from «ferrovia»), unless a sentence end comes before the mark.
    assert typos("Lo sciopero di lunedì […] Ferrovita ha cancellato due treni.") == []
    assert typos("Lo sciopero di lunedì (...) Ferrovita ha cancellato due treni.") == []
    assert matches(typos("Ci scusiamo. […] Purtropo il treno è stato cancellato.")) == ["Purtropo"]


def test_acronyms_in_lower_case_are_words_but_unaccented_words_are_not() -> None:
    # Italian writes acronyms used as nouns in lower case («un sms», «il pdf»); «cio» (beside «CIO») is «ciò».
    assert typos("Le abbiamo mandato un sms e il pdf della fattura.") == []
    assert matches(typos("Le abbiamo mandato cio che serve.")) == ["cio"]
    assert matches(typos("Le abbiamo mandato un smx.")) == ["smx"]


def test_known_word_behind_a_prefix_is_a_word() -> None:
    assert typos("Può inviare l'autolettura: la telegestione del contatore è attiva.") == []
    assert typos("La nostra ultratrentennale esperienza ci dice che la consegna ultrarapida arriverà.") == []
    assert matches(typos("Può inviare l'autoletura entro lunedì.")) == ["autoletura"]
    # Acronyms and brand spellings with inner capitals are left alone.
    assert typos("Ricontrolli l'IBAN e lo SPID, o paghi con PayPal.") == []


def test_elided_word_is_flagged_on_the_misspelt_part() -> None:
    [finding] = typos("Abbiamo verificato lo stato dell'ordinne oggi.")
    assert finding.match == "ordinne"
    assert any("«ordine»" in s.text for s in finding.suggestions)


def test_typographic_apostrophes_are_understood() -> None:
    assert typos("C’è stato un po’ di ritardo nell’invio dell’ordine.") == []


def test_english_loanwords_in_italian_and_british_spelling_in_english() -> None:
    assert typos("Abbiamo letto il Suo feedback sui social e l'abbiamo girato al team executive.") == []
    assert typos("We apologise for the delay; from Monday onwards the colour is correct.", language="en") == []


def test_english_dictionary() -> None:
    [finding] = typos("We will recieve the parcel back at no cost to you.", language="en")
    assert finding.code == "SC951" and finding.match == "recieve"
    assert "receive" in [s.replacement for s in finding.suggestions]
    assert typos("Zalando's courier in Denver didn't deliver on time.", language="en") == []


def test_vocabulary_accepts_brands_and_rejects_wrong_spellings(tmp_path: Path) -> None:
    vocabulary = tmp_path / "vocabolario.txt"
    vocabulary.write_text("# marchi\nScusaPay\nfastweb   # any case\n!Paypal\n", encoding="utf-8")
    settings = Settings(vocabulary=str(vocabulary), accept=("Zuppix",))
    text = "Il rimborso arriva via ScusaPay, Fastweb o Zuppix; non con Paypal."
    findings = typos(text, settings)
    assert matches(findings) == ["Paypal"]
    assert "PayPal" not in [s.replacement for s in findings[0].suggestions]  # not in the vocabulary
    # Case matters for a term written with capitals: "Scusapay" is not the brand.
    assert matches(typos("Paghi con Scusapay.", settings)) == ["Scusapay"]
    without = typos(text)
    assert "ScusaPay" not in matches(without)  # inner capitals: a brand spelling even without vocabulary


def test_rejected_term_suggests_the_accepted_spelling() -> None:
    settings = Settings(accept=("PayPal",), reject=("Paypal",))
    [finding] = typos("Può pagare con Paypal.", settings)
    assert finding.suggestions[0].replacement == "PayPal"


def test_rejected_term_is_flagged_even_when_the_dictionary_knows_it() -> None:
    assert matches(typos("Le chiediamo scusa per il disguido.", Settings(reject=("disguido",)))) == ["disguido"]


def test_vocabulary_file_is_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "vocab.txt").write_text("Zuppix\n", encoding="utf-8")
    config = tmp_path / ".scusa-lint.toml"
    config.write_text('vocabulary = "styles/vocab.txt"\nreject = ["Paypal"]\nstrict = true\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.vocabulary == str((tmp_path / "styles" / "vocab.txt").resolve())
    assert settings.reject == ("Paypal",) and settings.strict is True
    assert load_vocabulary(settings.vocabulary).accepts("Zuppix")


def test_bad_vocabulary_entry_is_a_config_error_with_line(tmp_path: Path) -> None:
    vocabulary = tmp_path / "vocab.txt"
    vocabulary.write_text("ScusaPay\nservizio clienti\n", encoding="utf-8")
    message = tmp_path / "m.txt"
    message.write_text("Ci scusiamo.\n", encoding="utf-8")
    result = run_cli(str(message), "--vocabulary", str(vocabulary))
    assert result.returncode == 2
    assert f"{vocabulary}:2:" in result.stderr and "one word" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_spelling_config_value_names_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / ".scusa-lint.toml"
    config.write_text('language = "it"\nspelling = "aspell"\n', encoding="utf-8")
    message = tmp_path / "m.txt"
    message.write_text("Ci scusiamo.\n", encoding="utf-8")
    result = run_cli(str(message), "--config", str(config))
    assert result.returncode == 2
    assert f"{config}:2:" in result.stderr and "hunspell, languagetool, off" in result.stderr


def test_vocabulary_matching_rules() -> None:
    vocabulary = Vocabulary(accepted=("ScusaPay", "coupon"), rejected=("paypal",))
    assert vocabulary.accepts("ScusaPay") and not vocabulary.accepts("Scusapay")
    assert vocabulary.accepts("Coupon") and vocabulary.accepts("COUPON")
    assert vocabulary.rejects("PayPal") and vocabulary.rejects("paypal")  # a lowercase term matches any case


def test_checker_computes_suggestions_only_for_flagged_words() -> None:
    checker = HunspellChecker("it")
    calls: list[str] = []
    original = checker.suggest

    def counting(word: str) -> tuple[str, ...]:
        calls.append(word)
        return original(word)

    checker.suggest = counting  # type: ignore[method-assign]
    text = "Ci scusiamo per il ritrado nella consegna del Suo ordine a Milano."
    result = checker.check(text, (), frozenset({0}))
    assert [m.word for m in result.misspellings] == ["ritrado"]
    assert calls == ["ritrado"]


def test_never_checked_ranges_cover_codes_and_placeholders() -> None:
    text = "Ordine AB-12345 per {{ nome }} (mario.rossi@esempio.it)"
    covered = {text[a:b] for a, b in skipped_ranges(text)}
    assert {"AB-12345", "{{ nome }}", "mario.rossi@esempio.it"} <= covered


def test_edit_distance() -> None:
    assert edit_distance("cliento", "cliente") == 1
    assert edit_distance("ritrado", "ritardo") == 1  # a transposition is one edit
    assert edit_distance("brambilla", "brembilla") == 1
    assert edit_distance("abc", "xyz") == 3


def test_cli_finds_the_seed_typos_offline(tmp_path: Path) -> None:
    message = tmp_path / "bozza.txt"
    message.write_text(SEED_EXAMPLE + "\n", encoding="utf-8")
    result = run_cli(str(message), "--select", "SC901", "--output-format", "json", "--isolated")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    findings = document["files"][0]["findings"]
    assert [(f["code"], f["match"], f["column"], f["category"]) for f in findings] == [
        ("SC901", "Egreggio", 1, "TYPO"),
        ("SC901", "Cliento", 10, "TYPO"),
    ]
    assert "Egregio" in [s["replacement"] for s in findings[0]["suggestions"]]


def test_cli_spelling_off_lists_the_rules_as_skipped(tmp_path: Path) -> None:
    message = tmp_path / "bozza.txt"
    message.write_text(SEED_EXAMPLE + "\n", encoding="utf-8")
    result = run_cli(str(message), "--select", "SC9", "--spelling", "off", "--output-format", "json", "--isolated")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["files"][0]["findings"] == []
    assert {s["code"] for s in document["skipped_rules"]} == {"SC901", "SC902"}


def test_without_suggestions_the_same_words_are_flagged_with_no_corrections() -> None:
    """Settings.suggestions off (formats that never show corrections): the same findings, no speller corrections."""
    with_them = typos(SEED_EXAMPLE)
    without = typos(SEED_EXAMPLE, Settings(suggestions=False))
    assert [(f.start, f.end, f.message) for f in without] == [(f.start, f.end, f.message) for f in with_them]
    assert all(any(s.replacement for s in f.suggestions) or len(f.suggestions) > 1 for f in with_them)
    rule_own = {s.text for f in without for s in f.suggestions}
    assert all("Forse intendeva" not in text for text in rule_own)


def test_a_cached_concise_run_does_not_take_corrections_from_a_json_run(tmp_path: Path) -> None:
    """The two kinds of run are keyed apart in the result cache: JSON after concise still has the corrections."""
    message = tmp_path / "m.txt"
    message.write_text(SEED_EXAMPLE + "\n", encoding="utf-8")
    common = (str(message), "--select", "SC901", "--isolated", "--exit-zero", "--cache-dir", str(tmp_path / "c"))
    concise = run_cli(*common, "--output-format", "concise")
    assert "Egreggio" in concise.stdout
    result = run_cli(*common, "--output-format", "json")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert any("Egregio" in s["text"] for f in findings for s in f["suggestions"])


def test_an_apostrophe_written_for_a_final_accent_is_flagged_with_the_accented_word() -> None:
    found = typos("Il servizio riprende in virtu' dell'accordo, perche' ci teniamo.")
    assert [(f.match, f.suggestions[0].replacement) for f in found] == [("virtu'", "virtù"), ("perche'", "perché")]
    # Truncations, elisions and single quotes are not accents.
    assert typos("Ci vuole un po' di pazienza: di' pure al collega che il cosiddetto 'papa' è arrivato.") == []


def test_a_capitalised_word_that_is_a_whole_list_item_is_a_name() -> None:
    # Lists of the places or branches affected: each item's capital is a name's (Cotogno, one edit from
    # «cotogno»), not a sentence start; a misspelt courtesy word and a lower-case item are still typos.
    assert typos("Filiali chiuse:\n- Cotogno;\n- Vigevano;\n- Salerno.") == []
    assert matches(typos("Filiali chiuse:\n- Cotogno;\n- rimborzo;\n- Gentilissma")) == ["rimborzo", "Gentilissma"]


def test_a_checker_judges_a_text_alike_whatever_it_checked_before() -> None:
    # The checker remembers per word what does not depend on the word's place (_fine, _verdict, the one-edit
    # search): the same words at other places (a sentence start, mid-sentence, after an apostrophe, in a
    # list, before a period) must still be judged by their place here.
    texts = [
        "Purtropo il pacco è in ritardo.",
        "Purtropo il pacco è in ritardo. Ieri Purtropo ha chiamato.",
        "Il corriere Purtropo è passato. Purtropo non c'era nessuno.",
        "Ferrovita si scusa. Il treno Ferrovita partirà alle nove.",
        "Ferrovita si scusa per il guasto di dell'ordinne.",
        "Abbiamo controllato l'ordinne. Ordinne e fatture sono pronti.",
        "Filiali chiuse:\n- Ferrovita;\n- Purtropo;\n- rimborzo.",
        "Gent. cliente, il Sig. Rossi e la Sig. Verdi: Gent ci ha scritto.",
        "Il servizio riprende in virtu' dell'accordo; 'virtu' è tra apici, e virtu' anche.",
        "Ci scusiamo con Zalando's team e con Pagalesto. Pagalesto risponde.",
    ]
    fresh = [HunspellChecker("it", suggestions=False) for _ in texts]
    alone = [checker.check(text, (), frozenset({0})).misspellings for checker, text in zip(fresh, texts, strict=True)]
    shared = HunspellChecker("it", suggestions=False)
    for order in (texts, texts[::-1]):
        after_others = {text: shared.check(text, (), frozenset({0})).misspellings for text in order}
        assert [after_others[text] for text in texts] == alone
