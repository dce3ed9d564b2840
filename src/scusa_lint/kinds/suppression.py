"""Kind suppression: the rule SC002 (unused-suppression), whose findings come from suppressions.apply.

A suppression is unused only once every other rule has run, so this kind finds nothing
in a document on its own: linter.check_document hands the rule to suppressions.apply
after all rules (as ruff checks RUF100 last). The rule object carries what that step
needs: every rule scusa-lint knows, to tell an unknown code from a rule that did not run.
No keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.kinds.matchers import Hit
    from scusa_lint.source import Source


class SuppressionRule:
    """Marks SC002 as selected and knows the full rule list; see suppressions.apply for the check."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext | None = None) -> None:
        from scusa_lint.linter import rule_specs_for
        from scusa_lint.packs import available_languages

        self.spec = spec
        packs = context.settings.packs if context is not None else ()
        self.known: list[RuleSpec] = rule_specs_for(available_languages(), packs)

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        return []  # findings are produced after all rules, in suppressions.apply
