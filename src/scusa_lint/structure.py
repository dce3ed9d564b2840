"""The anatomy of an apology: which required parts a message has, and a 0-100 score.

Parts and the MISSING_* category whose required-part rule checks each one:
apology, ownership, what happened, fix, prevention, empathy (seeds 000, 001 tips 1-2-7, 002, 003, 004).

Each part is one of:
- present:      its rule ran on the message and found the part;
- missing:      its rule ran and reported the MISSING_* finding;
- not required: the rule does not apply to this message's channel (`skip_channels`, e.g. an SMS);
- not checked:  no such rule ran (deselected, or no rule in the language's packs).

Score (documented in README, "Structure and score"):
    structure = 60 * present / (present + missing)        (60 when no part was checked)
    tone      = max(0, 40 - 10 * errors - 5 * warnings)   (span findings only; info does not count)
    score     = round(structure + tone)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from scusa_lint.taxonomy import Category, Level


class Scored(Protocol):
    """What the score needs of a finding (a Finding, or a TextFinding before it is placed)."""

    @property
    def category(self) -> Category: ...

    @property
    def level(self) -> Level: ...

    @property
    def whole_message(self) -> bool: ...


PARTS: dict[str, Category] = {
    "apology": Category.MISSING_APOLOGY,
    "ownership": Category.MISSING_OWNERSHIP,
    "what_happened": Category.MISSING_WHAT_HAPPENED,
    "fix": Category.MISSING_FIX,
    "prevention": Category.MISSING_PREVENTION,
    "empathy": Category.MISSING_EMPATHY,
}
PRESENT, MISSING, NOT_REQUIRED, NOT_CHECKED = "present", "missing", "not required", "not checked"
FORMULA = "60 * present/(present+missing) + max(0, 40 - 10*errors - 5*warnings)"


@dataclass(frozen=True)
class Structure:
    """The checklist of one message and its score."""

    parts: dict[str, str]
    score: int

    def to_json(self) -> dict[str, object]:
        return {"score": self.score, "parts": dict(self.parts), "formula": FORMULA}


def assess(checked: Iterable[Category], relaxed: Iterable[Category], findings: Iterable[Scored]) -> Structure:
    """Build the checklist from what ran and what was found.

    checked: MISSING_* categories whose required-part rule ran on this message.
    relaxed: MISSING_* categories whose rule exists but does not apply to this message's kind.
    findings: the message's findings (after suppressions).
    """
    findings = list(findings)
    checked_set, relaxed_set = set(checked), set(relaxed)
    found = {f.category for f in findings}
    parts: dict[str, str] = {}
    for part, category in PARTS.items():
        if category in checked_set:
            parts[part] = MISSING if category in found else PRESENT
        elif category in relaxed_set:
            parts[part] = NOT_REQUIRED
        else:
            parts[part] = NOT_CHECKED
    present = sum(1 for state in parts.values() if state == PRESENT)
    missing = sum(1 for state in parts.values() if state == MISSING)
    structure = 60.0 * present / (present + missing) if present + missing else 60.0
    spans = [f for f in findings if not f.whole_message]
    errors = sum(1 for f in spans if f.level is Level.ERROR)
    warnings = sum(1 for f in spans if f.level is Level.WARNING)
    tone = max(0, 40 - 10 * errors - 5 * warnings)
    return Structure(parts=parts, score=round(structure + tone))
