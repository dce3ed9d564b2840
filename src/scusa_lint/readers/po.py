"""gettext .po catalogs: each translated string is its own message, at its exact line and column.

polib parses the entries (msgctxt, msgid, msgstr, plural forms, fuzzy and obsolete flags); the
positions come from the file itself: from the entry's first line, the ``msgstr`` (or
``msgstr[n]``) keyword and its continuation lines are found and the decoded value is aligned
to them, C escapes included.

What is linted: the msgstr of every translated, non-fuzzy entry, in the catalog's language
(the header's ``Language:`` when scusa-lint has packs for it). Untranslated and fuzzy entries
are skipped: their msgid is the source text, in another language, and gettext does not use a
fuzzy msgstr. A catalog whose msgids are the Italian messages themselves (no translations
yet) is linted through its msgids. The key is the entry's msgctxt (catalogs keyed like
``apology.delivery_late.body``) or else its msgid, with ``[n]`` for plural forms.
"""

from __future__ import annotations

import functools
import re

import polib

from scusa_lint.errors import InputError
from scusa_lint.readers.catalog_values import add_value
from scusa_lint.readers.textmap import TextBuilder, comment
from scusa_lint.source import Comment, Source, line_starts, may_hold_directive


def _known_languages() -> set[str]:
    from scusa_lint import lang

    return set(lang.codes())


def read_po(path: str, text: str, language: str | None) -> list[Source]:
    """One Source per translated string of a .po file (or per msgid when nothing is translated)."""
    try:
        # polib takes a string for a file name unless it holds a line break.
        catalog = polib.pofile(text if "\n" in text else text + "\n")
    except (OSError, ValueError) as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise InputError(f"invalid .po file: {exc}", path, int(line.group(1)) if line else None) from exc
    header_language = (catalog.metadata.get("Language") or "").split("_")[0].split("-")[0].lower()
    catalog_language = header_language if header_language in _known_languages() else language
    starts = line_starts(text)
    lines = [line + "\n" for line in text.split("\n")]  # the same lines as `starts` (only \n breaks)
    # One sorted tuple for the whole file, shared by every message (never copied per message), of the
    # comments that can hold a suppression: not the translator notes and references of every entry.
    comments = tuple(
        sorted(
            {
                comment(line.lstrip("#").lstrip(".:,|~"), starts[i], starts[i] + len(line), starts)
                for i, line in enumerate(lines)
                if line.startswith("#") and may_hold_directive(line)
            },
            key=lambda c: (c.line, c.end_line, c.body),
        )
    )
    entries = [e for e in catalog if not e.obsolete and e.msgid]
    translated = [e for e in entries if not e.fuzzy and (e.msgstr or any(e.msgstr_plural.values()))]
    sources: list[Source] = []
    if translated:
        for entry in translated:
            forms = {f"msgstr[{n}]": v for n, v in sorted(entry.msgstr_plural.items())} or {"msgstr": entry.msgstr}
            for keyword, value in forms.items():
                suffix = keyword[6:] if keyword != "msgstr" else ""
                sources.append(
                    _source(path, text, starts, lines, entry, keyword, value, suffix, comments, catalog_language)
                )
    else:
        for entry in entries:
            sources.append(_source(path, text, starts, lines, entry, "msgid", entry.msgid, "", comments, language))
    return sources


def _source(
    path: str,
    text: str,
    starts: tuple[int, ...],
    lines: list[str],
    entry: polib.POEntry,
    keyword: str,
    value: str,
    suffix: str,
    comments: tuple[Comment, ...],
    language: str | None,
) -> Source:
    key = (entry.msgctxt or entry.msgid) + suffix
    builder = TextBuilder(text)
    start, end = _value_region(lines, starts, (entry.linenum or 1) - 1, keyword)
    if start >= 0:
        add_value(builder, value, start, end)
    else:  # not found (unusual layout): every character at the entry's first line
        builder.add(value, [starts[min((entry.linenum or 1) - 1, len(starts) - 1)]] * len(value))
    return builder.build(path, language, key=key, comments=comments, line_starts=starts)


@functools.lru_cache(maxsize=16)
def _keyword_opening(keyword: str) -> re.Pattern[str]:
    """A line opening a keyword's strings (``msgstr "``): compiled once per keyword, not once per entry."""
    return re.compile(rf"^\s*{re.escape(keyword)}\s*\"")


def _value_region(lines: list[str], starts: tuple[int, ...], first: int, keyword: str) -> tuple[int, int]:
    """The file span of a keyword's strings: from its first quote to the end of its last continuation line."""
    pattern = _keyword_opening(keyword)
    for index in range(max(first, 0), len(lines)):
        found = pattern.match(lines[index])
        if found:
            start = starts[index] + found.end()
            last = index
            while last + 1 < len(lines) and lines[last + 1].lstrip().startswith('"'):
                last += 1
            return start, min(starts[last] + len(lines[last]), starts[-1] + len(lines[-1]) - 1)
    return -1, -1
