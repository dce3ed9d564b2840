"""Offline grammar checks on the lexicon analysis: agreement and homophones that spelling cannot see.

Every word of «questi interruzione» or «il servizio e tornato» exists, so Hunspell is silent, and
LanguageTool's Italian rules miss most of them (issue 17). The checks here read each word's
readings in the language's morphological lexicon (analysis/morphology.py) and the reading the
analysis chose in context, and report only what they are sure of. One checker per language; the
``grammar`` rule kind (kinds/grammar.py) turns its issues into findings, one rule per check.
"""

from __future__ import annotations

from dataclasses import dataclass

# The checks each language's checker runs, by language (the pack loader validates `check:` against these
# without importing spaCy). Their module: scusa_lint.grammar.<CHECKERS[language][0]>.
CHECKERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "it": (
        "italian",
        (
            "noun-phrase",
            "article-form",
            "participle",
            "subject-verb",
            "e-è",
            "o-ho",
            "a-ha",
            "anno-hanno",
            "apostrophe",
            "ha-a",
            "su-si",
            "subject-comma",
            "split-adverb",
            "dangling-che",
        ),
    ),
}


@dataclass(frozen=True)
class Issue:
    """One grammar error: which check found it, where (characters and tokens, end exclusive), and the fix.

    replacement: the corrected text for ``start:end`` (generated from the lexicon), or None when
    the checker knows the text is wrong but not how to write it.
    """

    check: str
    start: int
    end: int
    first_token: int
    last_token: int
    replacement: str | None
