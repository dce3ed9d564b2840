"""Which values of a YAML or JSON catalog are messages: globs on key paths (`messages`, `ignore-keys`).

A catalog mixes messages with metadata: ``channel: email``, ``tags: [ritardo]``, ``sender``, ``id``,
internal notes. Those are not messages and linting them (as fragments, for spelling) only makes
noise. Two config keys decide, and `ignore-keys` wins over `messages`:

    messages = ["mails.*.body", "*.text"]     only these keys are messages (default: every key)
    ignore-keys = ["notes", "*.internal"]     these are not (default: DEFAULT_IGNORE_KEYS)

Key paths are written as scusa-lint reports them: mapping keys joined with dots, list items as
``[n]`` (``faq[2].answer``). In a glob, ``*`` matches within one key, ``**`` across keys, and a
glob may match from any key down (a top-level locale key ``it:`` need not be written):
``mails.*.body`` matches ``it.mails.late.body``. A glob that matches a key matches everything
under it (``tags`` covers ``tags[0]``; ``notes`` covers ``notes.internal``), and list indices may
be left out (``faq.answer`` matches ``faq[2].answer``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# Metadata keys of template catalogs: who sends, where, how it is filed, notes for translators.
DEFAULT_IGNORE_KEYS = (
    "id", "uuid", "slug", "code", "type", "status", "priority", "version", "locale", "lang",
    "channel", "kind", "role", "language", "incident", "sent", "date", "created_at", "updated_at",
    "sender", "from", "reply_to", "to", "cc", "bcc", "email", "phone", "author", "owner", "assignee",
    "tags", "tag", "labels", "category", "categories", "group", "team", "queue",
    "url", "href", "link", "links", "image", "icon", "color", "colour", "layout",
    "notes", "note", "translator_notes", "_*",
)  # fmt: skip


@functools.lru_cache(maxsize=256)
def _compile(glob: str) -> re.Pattern[str]:
    """A key glob as a regular expression over a key path, from any key down, covering what is under it."""
    out: list[str] = []
    i = 0
    glob = glob.strip()
    while i < len(glob):
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append(r"[^.\[\]]*")
            i += 1
        elif glob[i] == "?":
            out.append(r"[^.\[\]]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile(r"(?:^|.*\.)" + "".join(out) + r"(?:$|[.\[].*)", re.S)


def _no_indices(key: str) -> str:
    return re.sub(r"\[\d+\]", "", key)


@functools.lru_cache(maxsize=64)
def _compile_all(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    """All globs as one alternation (one match per key, not one per glob: ~50 default globs)."""
    if not globs:
        return None
    return re.compile("|".join(f"(?:{_compile(glob).pattern})" for glob in globs), re.S)


def key_matches(globs: Iterable[str], key: str) -> bool:
    """Whether any glob matches the key path (or a key above it), with or without list indices."""
    pattern = _compile_all(tuple(globs))
    return pattern is not None and bool(pattern.match(key) or pattern.match(_no_indices(key)))


def is_message(key: str | None, messages: Iterable[str], ignore_keys: Iterable[str]) -> bool:
    """Whether a catalog value with this key path is a message (None: not in a catalog, always a message)."""
    if key is None:
        return True
    messages = tuple(messages)
    if key_matches(ignore_keys, key):
        return False
    return not messages or key_matches(messages, key)
