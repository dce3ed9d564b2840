"""Masking of template placeholders: same length, placeholders covered, prose untouched, errors found."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from scusa_lint.masking import find_placeholders, mask_all, mask_templates
from scusa_lint.source import Source


def test_greeting_with_a_jinja_name_analyses_as_a_name() -> None:
    source = Source.from_text("Gentile {{ nome }}, ci scusiamo.")
    assert source.analysis_text == "Gentile Xxxxx     , ci scusiamo."
    assert source.masked == ((8, 18),)
    assert source.template_errors == ()


def test_every_syntax_is_masked() -> None:
    text = (
        "Gentile {{nome}} {{{ cognome }}} {nome} {0} {} {ordine.id} {importo:.2f} %s %d %(nome)s ${firma}"
        " {% if x %}sì{% endif %}{# nota #}{{#sez}}a{{/sez}}{{! commento }}"
    )
    result = mask_templates(text)
    assert len(result.analysis) == len(text)
    assert not result.errors
    position = 0
    for needle in ("{{nome}}", "{{{ cognome }}}", "{nome}", "{0}", "{}", "{ordine.id}", "{importo:.2f}", "%s", "%d",
                   "%(nome)s", "${firma}", "{% if x %}", "{% endif %}", "{# nota #}", "{{#sez}}", "{{/sez}}",
                   "{{! commento }}"):  # fmt: skip
        start = text.index(needle, position)
        assert (start, start + len(needle)) in result.ranges, needle
        position = start + len(needle)
    assert not any(ch in result.analysis for ch in "{}%$")
    assert [body for _, _, body in result.comments] == ["nota", "commento"]


def test_control_tags_are_blank_and_values_are_words() -> None:
    result = mask_templates("{% if buono %}Sì{% endif %} {{ x }}")
    assert result.analysis == " " * 14 + "Sì" + " " * 11 + " Xxxxx  "


def test_percent_and_single_braces_in_prose_are_prose() -> None:
    for text in ("Le offriamo il 10% di sconto.", "Sconto del 20%, valido sempre.", "Il 100%5 non esiste",
                 "Scriva {come preferisce} e 50%di più", "Tariffa 5%% fissa"):  # fmt: skip
        result = mask_templates(text)
        assert result.analysis == text, text
        assert not result.errors and not result.placeholders, text


def test_malformed_syntax_is_reported_and_not_masked() -> None:
    cases = {
        "Gentile {{ nome, ci scusiamo.": "{{ nome",
        "Gentile cliente }}, ci scusiamo.": "}}",
        "Ci scusiamo {% if x %}molto.": "{% if x %}",
        "Ci scusiamo molto.{% endif %}": "{% endif %}",
        "Ordine ${numero: in arrivo.": "${numero",
        "{{#a}}testo{{/b}}": "{{/b}}",
        "Nota {# mai chiusa": "{# mai",
    }
    for text, span in cases.items():
        source = Source.from_text(text)
        spans = [text[s:e] for s, e, _ in source.template_errors]
        assert span in spans, (text, spans)
        start = text.index(span)
        assert not source.is_masked(start, start + len(span)), text


def test_urls_and_addresses_are_masked() -> None:
    text = "Scriva a assistenza@esempio.it o visiti https://esempio.it/ordini?id={{ id }} oggi."
    source = Source.from_text(text)
    for needle in ("assistenza@esempio.it", "https://esempio.it/ordini?id={{ id }}"):
        start = text.index(needle)
        assert source.is_masked(start, start + 1) and source.is_masked(start + len(needle) - 1, start + len(needle))
    assert source.analysis_text.endswith(" oggi.")


# --- properties -------------------------------------------------------------------------------------------

_PROSE = st.text(alphabet="aeioulnrstcdmpgAEILèàù ,.;:!?'\n0123456789", max_size=30)
_NAME = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=10).filter(lambda s: s[0] != "_")
_PLACEHOLDER = st.one_of(
    _NAME.map(lambda n: "{{ " + n + " }}"),
    _NAME.map(lambda n: "{{" + n + "}}"),
    _NAME.map(lambda n: "{{{" + n + "}}}"),
    _NAME.map(lambda n: "{" + n + "}"),
    _NAME.map(lambda n: "%(" + n + ")s"),
    _NAME.map(lambda n: "${" + n + "}"),
    _NAME.map(lambda n: "{# " + n + " #}"),
    _NAME.map(lambda n: "{" + n + ", plural, one {# ordine} other {# ordini}}"),
    st.sampled_from(["%s", "%d", "{}", "{0}", "{% raw_tag %}"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PROSE, _PLACEHOLDER), max_size=6), _PROSE)
def test_masking_keeps_length_and_covers_every_placeholder(pieces: list[tuple[str, str]], tail: str) -> None:
    text = ""
    spans = []
    for prose, placeholder in pieces:
        # A placeholder right after a digit or a letter is still a placeholder; keep pieces apart by a space.
        text += prose + " "
        spans.append((len(text), len(text) + len(placeholder)))
        text += placeholder + " "
    text += tail
    result = mask_all(text)
    assert len(result.analysis) == len(text)
    assert not result.errors
    for start, end in spans:
        assert any(s <= start and end <= e for s, e in result.masked), (text, text[start:end])
    outside = [i for i in range(len(text)) if not any(s <= i < e for s, e in result.masked)]
    assert all(result.analysis[i] == text[i] for i in outside)
    assert not any(ch in result.analysis for ch in "{}$")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}%#$() abcsd0\n\r.-", max_size=60))
def test_masking_never_breaks_on_arbitrary_text(text: str) -> None:
    result = mask_all(text)
    assert len(result.analysis) == len(text)
    assert [i for i, ch in enumerate(result.analysis) if ch in "\r\n"] == [
        i for i, ch in enumerate(text) if ch in "\r\n"
    ]
    for start, end in result.masked:
        assert 0 <= start < end <= len(text)
    placeholders, errors, _ = find_placeholders(text)
    for error in errors:
        assert 0 <= error.start < error.end <= len(text)
    assert all(0 <= p.start < p.end <= len(text) for p in placeholders)


def test_icu_arguments_are_one_placeholder_and_never_errors() -> None:
    text = "Abbiamo rimborsato {n, plural, one {# articolo} other {# articoli}} il {d, date, short}."
    result = mask_templates(text)
    assert not result.errors
    for needle in ("{n, plural, one {# articolo} other {# articoli}}", "{d, date, short}"):
        start = text.index(needle)
        assert (start, start + len(needle)) in result.ranges
    assert result.analysis.startswith("Abbiamo rimborsato Xxxxx ") and result.analysis.endswith(" il Xxxxx           .")
    assert mask_templates("Nota {# interna").errors
    assert not mask_templates("Stray ICU: {# articoli} e {n, plural, other {# x}").errors


def test_one_grammar_for_rules_and_speller() -> None:
    """What the rules never see as prose, the speller never checks, and the reverse (textsyntax.py)."""
    from scusa_lint.spelling.words import skipped_ranges

    text = "Gentile [[nome]], scriva a aiuto@negozio.example.it o visiti negozio.example.it oggi."
    source = Source.from_text(text)
    for needle in ("[[nome]]", "aiuto@negozio.example.it", "negozio.example.it oggi"):
        start = text.index(needle)
        end = start + len(needle.split(" ")[0])
        assert source.is_masked(start, end), needle
        assert any(s <= start and end <= e for s, e in skipped_ranges(text)), needle
    assert "[[" not in source.analysis_text and "@" not in source.analysis_text
    prose = text.index("scriva")
    assert not source.is_masked(prose, prose + len("scriva"))
    assert not any(s <= prose < e for s, e in skipped_ranges(text))
