"""Cheap per-document facts shared by every rule, and an exact prefilter for token patterns.

Why: a run checks every rule on every message, and spaCy's token Matcher walks every token
(building a Python Token per word for IN/REGEX predicates) even when the message does not
contain a single word the patterns need. Most messages do not contain "colpa" or "corriere",
so a set lookup of the words a pattern cannot do without skips most matcher calls. The
prefilter never changes a result: it only skips a matcher that cannot match.

Per-document facts are computed once and kept in ``doc.user_data``: the text (``Doc.text``
rebuilds it from tokens on every access) and the sets of ORTH, LOWER and LEMMA string ids.
Everything is read with ``Doc.to_array``, which creates no Token objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TEXT_KEY = "scusa_lint.text"
_LOWER_KEY = "scusa_lint.lowered_text"
_IDS_KEY = "scusa_lint.ids"
_COLUMNS_KEY = "scusa_lint.columns"
# Pattern attributes compared with a string id, and the column of the document they compare with.
_COLUMNS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "LEMMA": "LEMMA"}
# Operators under which a token must be present (None: exactly one).
_MANDATORY_OPS = (None, "+")

# A pattern's requirements: for each mandatory token with literal values, (column, allowed ids).
Requirement = tuple[tuple[str, frozenset[int]], ...]


def doc_text(doc: Doc) -> str:
    """The document's text, built once per document from arrays."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        from spacy.attrs import ORTH, SPACY

        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, SPACY]).tolist() if len(doc) else []
        text = "".join(strings[orth] + " " if space else strings[orth] for orth, space in rows)
        doc.user_data[_TEXT_KEY] = text
    return str(text)


def lowered_text(doc: Doc, text: str) -> str:
    """``text.lower()``, computed once per document (for the case-insensitive regex prefilter)."""
    lowered = doc.user_data.get(_LOWER_KEY)
    if lowered is None:
        lowered = doc.user_data[_LOWER_KEY] = text.lower()
    return str(lowered)


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a document was made from (what ``doc_text`` would rebuild), to save rebuilding it."""
    doc.user_data[_TEXT_KEY] = text


def doc_columns(doc: Doc) -> dict[str, list[int]]:
    """Per column, in token order: the string ids (ORTH, LOWER, LEMMA, TAG, MORPH), the character offset
    (IDX), the POS symbol and the boolean flags token patterns test (IS_ALPHA, IS_PUNCT, IS_DIGIT,
    IS_SPACE, IS_SENT_START as 0/1)."""
    columns = doc.user_data.get(_COLUMNS_KEY)
    if columns is None:
        from spacy.attrs import (
            IDX,
            IS_ALPHA,
            IS_DIGIT,
            IS_PUNCT,
            IS_SPACE,
            LEMMA,
            LOWER,
            MORPH,
            ORTH,
            POS,
            SENT_START,
            TAG,
        )

        names = ("ORTH", "LOWER", "LEMMA", "IDX", "IS_ALPHA", "IS_PUNCT", "IS_DIGIT", "IS_SPACE", "POS", "TAG", "MORPH")
        attrs = [ORTH, LOWER, LEMMA, IDX, IS_ALPHA, IS_PUNCT, IS_DIGIT, IS_SPACE, POS, TAG, MORPH, SENT_START]
        rows = doc.to_array(attrs).T.tolist() if len(doc) else [[] for _ in (*names, "SENT_START")]
        columns = dict(zip(names, rows[:-1], strict=True))
        # SENT_START is 1 (starts a sentence), -1 (does not) or 0 (unknown); the first token always starts one.
        columns["IS_SENT_START"] = [int(value == 1 or index == 0) for index, value in enumerate(rows[-1])]
        doc.user_data[_COLUMNS_KEY] = columns
    return dict(columns)


def char_offsets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character offsets of tokens start..end (end exclusive, end > start), as Span gives them."""
    columns = doc_columns(doc)
    last = end - 1
    return columns["IDX"][start], columns["IDX"][last] + len(doc.vocab.strings[columns["ORTH"][last]])


class _IdSets(dict[str, frozenset[int]]):
    """Per column, the set of the document's string ids in it, built when first asked for. It holds the
    columns, not the document: no reference cycle through ``doc.user_data``."""

    def __init__(self, columns: dict[str, list[int]]) -> None:
        super().__init__()
        self._columns = columns

    def __missing__(self, column: str) -> frozenset[int]:
        found = self[column] = frozenset(self._columns[column])
        return found


def _id_sets(doc: Doc) -> _IdSets:
    ids: _IdSets | None = doc.user_data.get(_IDS_KEY)
    if ids is None:
        ids = doc.user_data[_IDS_KEY] = _IdSets(doc_columns(doc))
    return ids


def column_ids(doc: Doc, column: str) -> frozenset[int]:
    """The set of string ids of the document's words in one column (ORTH, LOWER or LEMMA)."""
    return _id_sets(doc)[column]


def requirements(patterns: Iterable[Any]) -> list[Requirement] | None:
    """What each token pattern cannot match without; None when some pattern has no such word
    (then the matcher always runs)."""
    from spacy.strings import get_string_id as hash_string

    result: list[Requirement] = []
    for pattern in patterns:
        needs: list[tuple[str, frozenset[int]]] = []
        for token in pattern if isinstance(pattern, list) else []:
            if not isinstance(token, Mapping) or token.get("OP", token.get("op")) not in _MANDATORY_OPS:
                continue
            for key, value in token.items():
                column = _COLUMNS.get(str(key).upper())
                values = _literal_values(value)
                if column is not None and values is not None:
                    needs.append((column, frozenset(hash_string(v) for v in values)))
        if not needs:
            return None
        result.append(tuple(needs))
    return result


def may_match(requirements: list[Requirement], doc: Doc) -> bool:
    """Whether some pattern has every word it needs in the document."""
    ids = _id_sets(doc)
    for needs in requirements:  # loops, not any(all(...)): this runs for every pattern block on every message
        for column, allowed in needs:
            if allowed.isdisjoint(ids[column]):
                break
        else:
            return True
    return False


def _literal_values(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        allowed = value.get("IN")
        if isinstance(allowed, list) and allowed and all(isinstance(v, str) for v in allowed):
            return list(allowed)
    return None
