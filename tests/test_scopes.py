"""Negation scope (engine/scopes.py): which words a negation denies, read through a language's word classes."""

from __future__ import annotations

import pytest

from helpers import analysed


def _negated(code: str, text: str) -> set[str]:
    """The words of `text` that stand under a negation."""
    ruleset, doc = analysed(code, text)
    assert ruleset.scopes is not None
    columns = ruleset.scopes.columns(doc)
    return {token.lower_ for token in doc if columns.negated[token.i]}


@pytest.mark.parametrize(
    ("text", "denied", "affirmed"),
    [
        # a relative clause after a definite noun phrase is taken for granted, not denied
        ("It was not the service we are proud of.", {"service"}, {"we", "proud"}),
        ("This was not the standard that our team sets itself.", {"standard"}, {"team", "sets"}),
        ("We have not received the payment you sent on Monday.", {"received", "payment"}, {"you", "sent"}),
        # an indefinite one is denied with it: the fix is denied
        ("This is not a problem we can fix today.", {"problem", "we", "fix"}, set()),
        # no determiner: "not that we forgot" denies the forgetting
        ("It was not that we forgot your order.", {"we", "forgot"}, set()),
    ],
)
def test_english_negation_stops_at_a_relative_clause_after_a_definite_noun(
    text: str, denied: set[str], affirmed: set[str]
) -> None:
    negated = _negated("en", text)
    assert denied <= negated, (text, negated)
    assert not affirmed & negated, (text, negated)
