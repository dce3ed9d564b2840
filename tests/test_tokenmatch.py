"""The array token matcher finds exactly what spaCy's Matcher finds, on generated patterns and texts."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scusa_lint.engine.tokenmatch import FastTokenMatcher
from scusa_lint.registry import Registry

VOCABULARY = ["ci", "scusiamo", "Ci", "colpa", "del", "corriere", "ma", "è", ",", ".", "non", "entro", "attendiamo"]
ATTRIBUTES = ["LOWER", "ORTH", "TEXT", "LEMMA", "lower"]


@functools.cache
def nlp() -> Any:
    from scusa_lint.analysis.pipeline import load_pipeline

    return load_pipeline("it").nlp


def spacy_spans(patterns: list[list[dict[str, Any]]], doc: Any) -> list[tuple[int, int]]:
    from spacy.matcher import Matcher

    matcher = Matcher(nlp().vocab, validate=True)
    matcher.add("p", patterns)
    return sorted({(start, end) for _, start, end in matcher(doc)})


WORD = st.sampled_from(VOCABULARY)
VALUE = st.one_of(
    WORD,
    st.lists(WORD, min_size=1, max_size=4).map(lambda v: {"IN": v}),
    st.lists(WORD, min_size=1, max_size=3).map(lambda v: {"NOT_IN": v}),
    st.sampled_from(["^c", "a$", "^(ci|ma)$", "o"]).map(lambda r: {"REGEX": r}),
)
FLAG = st.fixed_dictionaries({}, optional={"IS_ALPHA": st.booleans(), "IS_PUNCT": st.booleans()})
TOKEN = st.builds(
    lambda attrs, flags, op: {**attrs, **flags, **({"OP": op} if op else {})},
    st.dictionaries(st.sampled_from(ATTRIBUTES), VALUE, min_size=0, max_size=2),
    FLAG,
    st.sampled_from([None, None, "?", "*", "+", "{0,2}", "{1,2}", "{2}", "{1,}"]),
).filter(lambda token: set(token) - {"OP"})
PATTERNS = st.lists(st.lists(TOKEN, min_size=1, max_size=4), min_size=1, max_size=3)
TEXTS = st.lists(WORD, max_size=14).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PATTERNS, TEXTS)
def test_same_spans_as_spacy(patterns: list[list[dict[str, Any]]], text: str) -> None:
    patterns = [[{k.upper(): v for k, v in token.items()} for token in pattern] for pattern in patterns]
    fast = FastTokenMatcher.compile(patterns)
    assert fast is not None
    doc = nlp()(text)
    assert fast(doc) == spacy_spans(patterns, doc)


def test_shipped_token_patterns_match_like_spacy() -> None:
    """Every shipped pattern the array matcher takes gives spaCy's spans; the others stay with spaCy."""
    specs = Registry.load().rules("it")
    texts = [example.text for spec in specs for example in (*spec.bad, *spec.good)]
    handled = 0
    for spec in specs:
        for block in spec.blocks():
            for pattern in block.patterns:
                if spec.needs - {"lemma"}:
                    continue
                fast = FastTokenMatcher.compile([pattern])
                if fast is None:  # IS_ALPHA, {0,3} and the like: spaCy's Matcher runs it
                    continue
                handled += 1
                for doc in nlp().pipe(texts):
                    assert fast(doc) == spacy_spans([pattern], doc), (spec.code, pattern, doc.text)
    assert handled > 0


def test_unsupported_patterns_are_left_to_spacy() -> None:
    assert FastTokenMatcher.compile([[{"DEP": "nsubj"}]]) is None
    assert FastTokenMatcher.compile([[{"LOWER": "ci", "OP": "!"}]]) is None
    assert FastTokenMatcher.compile([[{"LOWER": {"FUZZY": "ciao"}}]]) is None
    fast, rest = FastTokenMatcher.split([[{"LOWER": "ci"}], [{"LENGTH": 3}]])
    assert fast is not None and rest == [[{"LENGTH": 3}]]


MORPH_CASES = [
    [{"POS": "AUX"}, {"POS": "VERB"}],
    [{"POS": {"IN": ["NOUN", "PROPN"]}}],
    [{"POS": {"NOT_IN": ["PUNCT"]}, "OP": "+"}, {"LOWER": "."}],
    [{"MORPH": {"IS_SUPERSET": ["Person=1", "Number=Plur"]}}],
    [{"MORPH": {"INTERSECTS": ["Tense=Past", "Tense=Fut"]}}, {"POS": "VERB", "OP": "?"}],
    [{"MORPH": {"IS_SUBSET": ["Gender=Fem", "Number=Sing"]}, "POS": "NOUN"}],
    [{"MORPH": "Number=Sing|Gender=Fem"}],
    [{"MORPH": {"IN": ["Gender=Masc|Number=Sing", "Number=Plur"]}}],
    [{"MORPH": {"NOT_IN": ["Gender=Fem|Number=Sing"]}, "POS": "VERB", "OP": "{1,2}"}, {}],
    [{}, {"TAG": "X"}],
]


def _analysed_doc() -> Any:
    """A document with POS, TAG and MORPH set by hand (the blank pipeline has none)."""
    from spacy.tokens import Doc

    words = ["Abbiamo", "spedito", "la", "merce", "e", "la", "spediremo", "ancora", "."]
    pos = ["AUX", "VERB", "DET", "NOUN", "CCONJ", "PRON", "VERB", "ADV", "PUNCT"]
    tags = ["A", "V", "RD", "S", "CC", "PC", "V", "X", "FS"]
    morphs = [
        "Mood=Ind|Number=Plur|Person=1|Tense=Pres",
        "Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part",
        "Definite=Def|Gender=Fem|Number=Sing",
        "Gender=Fem|Number=Sing",
        "",
        "Gender=Fem|Number=Sing|Person=3",
        "Mood=Ind|Number=Plur|Person=1|Tense=Fut",
        "",
        "",
    ]
    return Doc(nlp().vocab, words=words, pos=pos, tags=tags, morphs=morphs)


def test_pos_tag_and_morph_tests_match_like_spacy() -> None:
    doc = _analysed_doc()
    for pattern in MORPH_CASES:
        fast = FastTokenMatcher.compile([pattern])
        assert fast is not None, pattern
        assert fast(doc) == spacy_spans([pattern], doc), pattern


def test_word_classes_match_by_lemma_and_form() -> None:
    from scusa_lint.wordclasses import ClassIndex, WordClass

    classes = ClassIndex(
        {
            "carrier": WordClass("carrier", "couriers", lemmas=("corriere",), forms=("ups",)),
            "apology": WordClass("apology", "apologies", lemmas=("scusare",), forms=()),
        },
        inflect=lambda lemma: {"corriere": ["corrieri"]}.get(lemma, []),
    )
    doc = nlp()("Ci scusiamo: i corrieri e UPS hanno sbagliato, non il corriere.")
    fast = FastTokenMatcher.compile([[{"CLASS": "carrier"}]], classes)
    assert fast is not None
    assert [doc[s:e].text for s, e in fast(doc)] == ["corrieri", "UPS", "corriere"]
    either = FastTokenMatcher.compile([[{"CLASS": {"IN": ["carrier", "apology"]}}]], classes)
    assert either is not None and len(either(doc)) == 4
    other = FastTokenMatcher.compile([[{"CLASS": {"NOT_IN": ["carrier"]}, "IS_ALPHA": True}]], classes)
    assert other is not None and "corrieri" not in [doc[s:e].text for s, e in other(doc)]


def test_shared_phrase_index_sees_blocks_added_after_a_document_was_matched() -> None:
    from scusa_lint.engine.blocks import Matcher, PatternBlock
    from scusa_lint.engine.phrases import PhraseIndex

    index = PhraseIndex(nlp().vocab)
    first = Matcher(nlp(), PatternBlock(phrases=("colpa del corriere",)), index)
    doc = nlp()("È colpa del corriere, ci scusiamo.")
    assert [(h.start, h.end) for h in first.find(doc)] == [(2, 20)]
    second = Matcher(nlp(), PatternBlock(phrases=("ci scusiamo",), attr="lemma"), index)
    assert [(h.start, h.end) for h in second.find(doc)] == [(22, 33)]
    assert [(h.start, h.end) for h in first.find(doc)] == [(2, 20)]
