"""Which rules apply to which message: the packs' skip_kinds, `[kinds.<kind>]` and per-file-ignores.

Selection (--select/--ignore) decides which rules run at all; scoping then narrows them per
message. Order: a kind's `ignore` and the file's per-file-ignores remove a rule; a kind's
`required` list decides exactly which whole-message (MISSING_*) rules run, overriding the
packs' skip_kinds; otherwise a rule skips the kinds its pack lists in skip_kinds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scusa_lint.globs import matches
from scusa_lint.selection import specificity
from scusa_lint.taxonomy import WHOLE_MESSAGE_CATEGORIES

if TYPE_CHECKING:
    from scusa_lint.kinds.base import RuleSpec
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source


class RuleScope:
    """Answers "does this rule apply to this message?" for one Settings (per-file globs cached per path)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings
        self._file_ignores: dict[str, tuple[str, ...]] = {}

    def file_ignores(self, path: str) -> tuple[str, ...]:
        """The per-file-ignores selectors whose glob matches this path."""
        settings = self.settings
        if settings is None or not settings.per_file_ignores or path == "-":
            return ()
        if path not in self._file_ignores:
            self._file_ignores[path] = tuple(
                selector
                for glob, selectors in settings.per_file_ignores
                if matches([glob], path, settings.root)
                for selector in selectors
            )
        return self._file_ignores[path]

    def applies(self, spec: RuleSpec, source: Source) -> bool:
        kind = self.settings.kinds.get(source.kind) if self.settings is not None and source.kind else None
        ignored = (*self.file_ignores(source.path), *(kind.ignore if kind else ()))
        if any(specificity(selector, spec) is not None for selector in ignored):
            return False
        if kind is not None and kind.required is not None and spec.category in WHOLE_MESSAGE_CATEGORIES:
            return spec.category.value in kind.required
        return source.kind is None or source.kind not in spec.skip_kinds
