"""The regex prefilter never skips a pattern that would have matched (it is only a necessary condition)."""

from __future__ import annotations

from pathlib import Path

import regex

from scusa_lint.engine.regexfilter import literal_prefixes, may_match
from scusa_lint.registry import Registry

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


def test_no_shipped_pattern_is_skipped_where_it_matches() -> None:
    specs = Registry.load().all_rules()
    patterns = {(p, not block.case_sensitive) for spec in specs for block in spec.blocks() for p in block.regex}
    texts = [example.text for spec in specs for example in (*spec.bad, *spec.good)]
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
