"""The regex prefilter never skips a pattern that would have matched (it is only a necessary condition)."""

from __future__ import annotations

from pathlib import Path

import regex

from scusa_lint.kinds.regexfilter import literal_prefixes, may_match
from scusa_lint.linter import all_rule_specs

ROOT = Path(__file__).resolve().parents[1]


def test_prefixes_of_common_shapes() -> None:
    assert literal_prefixes(r"\b(?:Valid[oia]|scade)\s+entro", True) == ("scade", "valid")
    assert literal_prefixes(r"(?<!non\s)\b(?:abbiamo|ho)\s+", True) == ("abbiamo", "ho")
    assert literal_prefixes(r"(?<!non\s)\b(?:abbiamo|ho)\s+sbagliato", True) == ("sbagliato",)  # the most selective
    assert literal_prefixes(r"(?<=[.!?]\s)Tuttavia", False) == ("Tuttavia",)
    # A literal later in the pattern is a condition too: every match contains it.
    assert literal_prefixes(r"\b\w{3,}eremo\b", True) == ("eremo",)
    assert literal_prefixes(r"a\s+causa", True) == ("causa",)  # one letter is no filter: the longer text is
    assert literal_prefixes(r"(?:x|\d+)abc", True) == ("abc",)
    assert literal_prefixes(r"(?:la|il)\s+(?:\w+\s+)?(?:colpa|responsabilità)", True) == ("colpa", "responsabilità")
    # Nothing certain: no filter, the pattern always runs.
    assert literal_prefixes(r"\b\w+\b", True) is None
    assert literal_prefixes(r"(?:\d+)?x", True) is None
    assert literal_prefixes(r"(?i:\bniente\s+panico)", False) is None  # inline flags: no guessing


def _block_regexes(block: object) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    if isinstance(block, dict):
        found += [(p, not block.get("case_sensitive")) for p in block.get("regex") or []]
        for value in block.values():
            found += _block_regexes(value)
    return found


def test_no_shipped_pattern_is_skipped_where_it_matches() -> None:
    patterns = {p for lang in ("it", "en") for spec in all_rule_specs(lang) for p in _block_regexes(dict(spec.body))}
    texts = [
        example.text for lang in ("it", "en") for spec in all_rule_specs(lang) for example in (*spec.bad, *spec.good)
    ]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").rglob("*.txt"))]
    filtered = 0
    for expression, ignore_case in patterns:
        prefixes = literal_prefixes(expression, ignore_case)
        compiled = regex.compile(expression, regex.IGNORECASE if ignore_case else 0)
        filtered += prefixes is not None
        for text in texts:
            if compiled.search(text):
                assert may_match(prefixes, text.lower() if ignore_case else text), (expression, text)
    assert filtered > len(patterns) // 2  # most pack patterns open with words: the filter is worth having
