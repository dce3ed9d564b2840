"""The pieces of `scusa-lint serve` that need no server: markup offsets, UTF-16, parameters, the upstream merge."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scusa_lint.serve.annotated import AnnotationError, Document, Utf16, utf16_len
from scusa_lint.serve.protocol import BadRequest, Span, parse_check, whole_message_anchor
from scusa_lint.serve.upstream import forwarded, merge


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a😀b😀c"
    utf16 = Utf16(text)
    for index in range(len(text) + 1):
        assert utf16.offset(index) == utf16_len(text[:index])
    assert utf16.length(1, 2) == 2


def test_markup_spans_map_back_to_the_original_document() -> None:
    parts = [{"markup": "<p>", "interpretAs": "\n\n"}, {"text": "Ciao "}, {"markup": "<b>"}, {"text": "Mario"}]
    document = Document.from_data(json.dumps({"annotation": parts}))
    assert document.plain == "\n\nCiao Mario"
    assert document.original == "<p>Ciao <b>Mario"
    start = document.plain.index("Mario")
    first, last = document.original_span(start, start + len("Mario"))
    assert document.original[first:last] == "Mario"
    first, last = document.original_span(0, len(document.plain))  # a span over markup covers it whole
    assert document.original[first:last] == document.original


@pytest.mark.parametrize(
    "data",
    ["[]", '{"annotation": [1]}', '{"annotation": [{"text": "a", "markup": "b"}]}', '{"annotation": [{"text": 3}]}'],
)
def test_malformed_annotations_are_refused(data: str) -> None:
    with pytest.raises(AnnotationError):
        Document.from_data(data)


def test_rule_selection_follows_languagetools_parameters() -> None:
    with pytest.raises(BadRequest, match="disabled rules"):
        parse_check(
            {"text": "x", "language": "it", "enabledOnly": "true", "enabledRules": "SC101", "disabledRules": "SC1"}, 100
        )
    check = parse_check({"text": "x", "language": "it", "disabledCategories": "BLAME_SHIFT", "level": "picky"}, 100)
    assert check.disabled_categories == {"BLAME_SHIFT"} and check.picky


def test_a_whole_message_finding_is_anchored_on_the_first_word() -> None:
    text = "\n  Gentile cliente, ..."
    start, end = whole_message_anchor(text)
    assert text[start:end] == "Gentile"


def test_forwarded_leaves_out_what_only_scusa_lint_knows() -> None:
    params = {"text": "x", "language": "it", "channel": "sms", "disabledRules": "SC101,WHITESPACE_RULE"}
    assert forwarded(params, {"SC101"}, {"BLAME_SHIFT"}) == {
        "text": "x",
        "language": "it",
        "disabledRules": "WHITESPACE_RULE",
    }
    only_ours = {"text": "x", "language": "it", "enabledOnly": "true", "enabledRules": "SC101"}
    assert forwarded(only_ours, {"SC101"}, set()) is None


def _match(rule: str, category: str, offset: int, length: int) -> dict[str, Any]:
    return {"offset": offset, "length": length, "rule": {"id": rule, "category": {"id": category}}}


def test_merge_orders_by_offset_and_drops_a_typo_said_twice() -> None:
    ours = [
        (Span(0, 5, 0, 5), _match("SC202", "COLD_TONE", 0, 5)),
        (Span(9, 14, 9, 5), _match("SC901", "TYPO", 9, 5)),
    ]
    theirs = [_match("MORFOLOGIK_RULE_IT_IT", "TYPOS", 9, 5), _match("COMMA", "PUNCTUATION", 3, 1)]
    merged = merge(ours, [*theirs, theirs[1]])
    assert [m["rule"]["id"] for m in merged] == ["SC202", "COMMA", "MORFOLOGIK_RULE_IT_IT"]
