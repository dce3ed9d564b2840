"""Which rules apply to which message: its role, the packs' skip_channels, `[channels.*]`, per-file-ignores.

Selection (--select/--ignore) decides which rules run at all; scoping then narrows them per
message. Order: a rule runs only on messages of the roles it declares (apology rules on
apologies: roles.py), and of an apology with relaxed anatomy only the apology itself and a word
for the customer are asked for (RELAXED_PARTS); a channel's `ignore` and the file's
per-file-ignores remove a rule; a channel's `required` list decides exactly which whole-message
(MISSING_*) rules run, overriding the packs' skip_channels; otherwise a rule skips the channels
its pack lists in skip_channels.

The role a user sets wins over the decided one, the nearest first: the message's own `role:`
(front matter, catalog top-level key), then `per-key-roles`, `per-file-roles`, and `role`
(config or --role).
"""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING

from scusa_lint.globs import matches
from scusa_lint.registry import specificity
from scusa_lint.roles import AUTO, Role, given
from scusa_lint.taxonomy import WHOLE_MESSAGE_CATEGORIES, Category

if TYPE_CHECKING:
    from scusa_lint.kinds.base import RuleSpec
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source

# Bound on the per-path memo of a long-lived linter (a server sees endless paths).
_MAX_PATHS = 10_000


# What a one-sentence problem notice is still asked for: an apology and a word for the customer («ci
# dispiace per l'attesa») cost one clause; ownership, an explanation, a fix and a prevention plan do not
# fit an error banner. Both only as suggestions (linter.text_finding gives them level info).
RELAXED_PARTS = frozenset({Category.MISSING_APOLOGY, Category.MISSING_EMPATHY})


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
        found = self._file_ignores.get(path)
        if found is None:
            found = tuple(
                selector
                for glob, selectors in settings.per_file_ignores
                if matches([glob], path, settings.root)
                for selector in selectors
            )
            if len(self._file_ignores) >= _MAX_PATHS:
                self._file_ignores.clear()
            self._file_ignores[path] = found
        return found

    def given_role(self, source: Source) -> Role | None:
        """The role the user set for this message, if any (the nearest setting wins)."""
        own = source.meta.get("role")
        if isinstance(own, str):
            return given(own, "the message's `role`")
        settings = self.settings
        if settings is None:
            return None
        if source.key is not None:
            for glob, role in settings.per_key_roles:
                if fnmatch.fnmatchcase(source.key, glob):
                    return given(role, f"per-key-roles {glob!r}")
        if source.path != "-":
            for glob, role in settings.per_file_roles:
                if matches([glob], source.path, settings.root):
                    return given(role, f"per-file-roles {glob!r}")
        if settings.role != AUTO:
            return given(settings.role, "the `role` setting")
        return None

    def applies(self, spec: RuleSpec, source: Source, role: Role | None = None) -> bool:
        """Whether a rule runs on a message (of this role, when one is known)."""
        if role is not None:
            if role.name not in spec.roles:
                return False
            if role.relaxed and spec.category in WHOLE_MESSAGE_CATEGORIES and spec.category not in RELAXED_PARTS:
                return False
        channel = source.channel
        settings = self.settings.channels.get(channel) if self.settings is not None and channel else None
        ignored = (*self.file_ignores(source.path), *(settings.ignore if settings else ()))
        if ignored and any(specificity(selector, spec) is not None for selector in ignored):
            return False
        if settings is not None and settings.required is not None and spec.category in WHOLE_MESSAGE_CATEGORIES:
            return spec.category.value in settings.required
        return channel is None or channel not in spec.skip_channels
