"""The finding categories and levels: the fixed vocabulary every rule and report shares.

The category ids mirror ``shared/design/taxonomy.md``; they appear in JSON output
as ``category`` and are stable. Levels say how sure and how serious a finding is.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """How sure and how serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]

    def __str__(self) -> str:
        return self.value


_LEVEL_RANK = {Level.INFO: 0, Level.WARNING: 1, Level.ERROR: 2}


class Category(StrEnum):
    """A finding category from the taxonomy; every rule declares exactly one."""

    BLAME_SHIFT = "BLAME_SHIFT"
    BLAME_EMPLOYEE = "BLAME_EMPLOYEE"
    BLAME_CUSTOMER = "BLAME_CUSTOMER"
    DENIAL = "DENIAL"
    SELF_PITY = "SELF_PITY"
    NON_APOLOGY = "NON_APOLOGY"
    PASSIVE_EVASION = "PASSIVE_EVASION"
    MINIMIZING = "MINIMIZING"
    BUT_APOLOGY = "BUT_APOLOGY"
    DEMAND_REPLY = "DEMAND_REPLY"
    COUPON_DEADLINE = "COUPON_DEADLINE"
    CHARGE_CUSTOMER = "CHARGE_CUSTOMER"
    OVERCOMPENSATION = "OVERCOMPENSATION"
    MISSING_APOLOGY = "MISSING_APOLOGY"
    MISSING_OWNERSHIP = "MISSING_OWNERSHIP"
    MISSING_WHAT_HAPPENED = "MISSING_WHAT_HAPPENED"
    MISSING_FIX = "MISSING_FIX"
    MISSING_PREVENTION = "MISSING_PREVENTION"
    MISSING_EMPATHY = "MISSING_EMPATHY"
    COLD_TONE = "COLD_TONE"
    TYPO = "TYPO"
    # Grammar, agreement and punctuation (LanguageTool's grammar rules, and offline grammar checks).
    GRAMMAR = "GRAMMAR"
    SLOW_RESPONSE = "SLOW_RESPONSE"
    HUMOR_RISK = "HUMOR_RISK"
    GOOD_TIMES = "GOOD_TIMES"
    # Not a reviewer's category but the tool's own: broken template syntax, unused suppressions.
    LINT = "LINT"

    def __str__(self) -> str:
        return self.value


CATEGORY_SUMMARIES: dict[Category, str] = {
    Category.BLAME_SHIFT: "blaming others or things (courier, supplier, the system, fate)",
    Category.BLAME_EMPLOYEE: "blaming a specific employee, colleague or department",
    Category.BLAME_CUSTOMER: "implying the customer caused it",
    Category.DENIAL: "denying that a mistake happened",
    Category.SELF_PITY: "talking about how the business suffers",
    Category.NON_APOLOGY: "conditional or hedged apology",
    Category.PASSIVE_EVASION: "agentless passive or impersonal form hiding who erred",
    Category.MINIMIZING: "shrinking the problem",
    Category.BUT_APOLOGY: "an apology undone by a justification right after it",
    Category.DEMAND_REPLY: "demanding or pressing for a reply or an action from the customer",
    Category.COUPON_DEADLINE: "compensation with a deadline, conditions or urgency",
    Category.CHARGE_CUSTOMER: "making the customer pay to fix our mistake",
    Category.OVERCOMPENSATION: "compensation out of proportion, or promises that cannot be kept",
    Category.MISSING_APOLOGY: "no explicit apology at all",
    Category.MISSING_OWNERSHIP: "no admission that we erred",
    Category.MISSING_WHAT_HAPPENED: "no explanation of what happened or why",
    Category.MISSING_FIX: "no statement of what is being done to solve it",
    Category.MISSING_PREVENTION: "no statement of how it will be kept from happening again",
    Category.MISSING_EMPATHY: "no acknowledgement of the customer's inconvenience or feelings",
    Category.COLD_TONE: "bureaucratic formulae and generic greetings",
    Category.TYPO: "spelling errors (unknown or misspelt words)",
    Category.GRAMMAR: "grammar, agreement and punctuation errors (real words in the wrong form or place)",
    Category.SLOW_RESPONSE: "a reply long after the incident, or long delays admitted",
    Category.HUMOR_RISK: "jokes or emoji in a serious incident",
    Category.GOOD_TIMES: "suggestion: recall the good history with the customer",
    Category.LINT: "problems with the message file itself (template syntax, suppressions)",
}

# MISSING_* categories belong to the whole message, not to a span.
WHOLE_MESSAGE_CATEGORIES = frozenset(c for c in Category if c.value.startswith("MISSING_"))

# Categories whose rules check every message, whatever its role (see roles.py): writing, not apologising.
EVERY_ROLE_CATEGORIES = frozenset({Category.TYPO, Category.GRAMMAR, Category.LINT})

# Sins that only a reply about a problem can commit: blaming someone, denying, minimising, pitying
# oneself, hiding the agent, apologising for the customer's feelings or taking it back with «ma».
# A message that commits one is an apology whatever its words (roles.py, step 6): «Il nostro
# magazziniere ha sbagliato» names no problem noun and is still a reply about a problem. Sins that
# routine messages commit as well (a deadline on a promotion, a cold greeting, a reply asked for)
# are not signs.
PROBLEM_SIGN_CATEGORIES = frozenset(
    {
        Category.BLAME_SHIFT,
        Category.BLAME_EMPLOYEE,
        Category.BLAME_CUSTOMER,
        Category.DENIAL,
        Category.SELF_PITY,
        Category.NON_APOLOGY,
        Category.PASSIVE_EVASION,
        Category.MINIMIZING,
        Category.BUT_APOLOGY,
    }
)
