"""`language=auto`: which of scusa-lint's languages a draft is written in.

simplemma (already the lemmatizer's dependency) scores a text against the dictionaries of the
candidate languages: the share of its words each one knows. Only scusa-lint's own languages are
candidates, since a draft is linted with one of them or not at all. A tie or an undecidable text
(a greeting, a placeholder, nothing) goes to the server's default language, as LanguageTool
falls back to its own default; the confidence says how sure the guess was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Detected:
    """The language chosen for a text, and the share of its words that language knows (0-1)."""

    code: str
    confidence: float


def detect(text: str, candidates: Sequence[str], default: str) -> Detected:
    """The candidate language the text is most likely in (``default`` on a tie or an empty text)."""
    from simplemma import langdetect

    if not candidates:
        return Detected(default, 0.0)
    scores = {code: score for code, score in langdetect(text, lang=tuple(candidates)) if code in candidates}
    if not scores:
        return Detected(default, 0.0)
    best = max(scores.values())
    if best <= 0:
        return Detected(default, 0.0)
    leaders = [code for code, score in scores.items() if score == best]
    code = default if default in leaders else leaders[0]
    return Detected(code, round(float(best), 3))
