"""Kind suppression: the rule SC002 (unused-suppression), whose findings come from suppressions.apply.

A suppression is unused only once every other rule has run, so this kind finds nothing
in a document on its own: Linter.place runs suppressions.apply after all rules (as ruff
checks RUF100 last), with every rule the registry knows, to tell an unknown code from a
rule that did not run.
No keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.engine.blocks import Hit
    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source


class SuppressionRule:
    """Marks SC002 as selected; see suppressions.apply for the check."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        self.spec = spec

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        return []  # findings are produced after all rules, in suppressions.apply
