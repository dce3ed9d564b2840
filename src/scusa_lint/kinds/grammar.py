"""Kind grammar: one check of the language's offline grammar checker (scusa_lint/grammar/), as a rule.

Keys:

    check: str    the check this rule reports, one of the language's checks (grammar.CHECKERS):
                  for Italian noun-phrase, article-form, participle, subject-verb, e-è, o-ho, a-ha,
                  anno-hanno, apostrophe (grammar/italian.py says what each finds)

Message parameters: {match} and {replacement} (the corrected text, generated from the lexicon; a
finding whose correction the lexicon cannot spell has no replacement and says "—").
The checker runs once per document for all the rules of a rule set (BuildContext.services), on
the lexicon's readings and the pipeline's POS; masked template ranges and quoted words are skipped.
Its corrections are unsafe fixes: agreement can be repaired on either side, and a person reads it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scusa_lint.engine.blocks import DetailedHit, Hit
from scusa_lint.errors import PackError
from scusa_lint.finding import FixSafety, Suggestion
from scusa_lint.grammar import CHECKERS
from scusa_lint.kinds.base import RuleUnavailable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from scusa_lint.grammar import Issue
    from scusa_lint.kinds.base import BuildContext, RuleSpec
    from scusa_lint.source import Source

_ISSUES_KEY = "scusa_lint.grammar"


@dataclass(frozen=True)
class GrammarOptions:
    """Which check the rule reports."""

    check: str

    @classmethod
    def parse(cls, data: Mapping[str, Any], path: str) -> GrammarOptions:
        lines: Mapping[str, int] = getattr(data, "key_lines", {})
        check = data.get("check")
        known = sorted({name for _, names in CHECKERS.values() for name in names})
        if not isinstance(check, str) or check not in known:
            raise PackError(f"`check` must be one of {', '.join(known)}", path, lines.get("check"))
        return cls(check)


class GrammarRule:
    """Report the issues of one check of the language's grammar checker."""

    def __init__(self, spec: RuleSpec, nlp: Language, context: BuildContext) -> None:
        options: GrammarOptions = spec.options
        self.spec = spec
        self.check_name = options.check
        if context.language not in CHECKERS or options.check not in CHECKERS[context.language][1]:
            raise RuleUnavailable(f"no {options.check!r} grammar check for language {context.language!r}")
        if not ({"scusa_morphology", "tagger", "morphologizer"} & set(nlp.pipe_names)):
            raise RuleUnavailable("the pipeline gives no parts of speech (the language has no lexicon)")
        self.checker = _checker(context)
        self.scopes = context.scopes

    def check(self, doc: Doc, source: Source) -> list[Hit | None]:
        issues: list[Issue] | None = doc.user_data.get(_ISSUES_KEY)
        if issues is None:
            issues = doc.user_data[_ISSUES_KEY] = self.checker.check(doc, self._skipped(doc, source))
        hits: list[Hit | None] = []
        for issue in issues:
            if issue.check != self.check_name:
                continue
            replacement = issue.replacement
            suggestions = (
                (Suggestion(f"«{replacement}»", replacement=replacement, safety=FixSafety.UNSAFE),)
                if replacement
                else ()
            )
            params = (("replacement", replacement or "—"),)
            hits.append(DetailedHit(issue.start, issue.end, issue.first_token, issue.last_token, suggestions, params))
        return hits

    def _skipped(self, doc: Doc, source: Source) -> list[bool]:
        """Per token: inside a masked range (template syntax, front matter), or quoted."""
        quoted = list(self.scopes.columns(doc).quoted) if self.scopes is not None else [False] * len(doc)
        if source.masked:
            for token in doc:
                start, end = token.idx, token.idx + len(token.text)
                if any(s < end and start < e for s, e in source.masked):
                    quoted[token.i] = True
        return quoted


def _checker(context: BuildContext) -> Any:
    """The language's grammar checker, shared by the rules of the rule set."""
    key = f"grammar:{context.language}"
    if key not in context.services:
        from scusa_lint.analysis.morphology import analyser_for, default_lexicon

        lexicon = default_lexicon(context.language)
        if not lexicon.is_file():
            raise RuleUnavailable(f"language {context.language!r} has no lexicon ({lexicon.name})")
        module = importlib.import_module(f"scusa_lint.grammar.{CHECKERS[context.language][0]}")
        context.services[key] = module.checker(analyser_for(str(lexicon)))
    return context.services[key]
