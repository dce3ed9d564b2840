"""JSON message catalogs: every string value is its own message, with its key path and exact position.

The json module gives no positions, so a small scanner walks the document: structure by hand,
strings through ``json.decoder.scanstring`` (the decoder's own string parser), then each
decoded character is aligned to the file, escapes included (``\\u00e8`` maps to its backslash).
The file is first parsed with ``json.loads`` so that malformed JSON gets the standard message
with its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from json import decoder

from scusa_lint import limits
from scusa_lint.errors import InputError
from scusa_lint.message_settings import normalise_settings
from scusa_lint.readers.catalog_values import add_value
from scusa_lint.readers.textmap import TextBuilder
from scusa_lint.source import FRONT_MATTER_KEYS, Source, line_starts

# The decoder's own string scanner: (decoded string, index after the closing quote).
scanstring: Callable[[str, int], tuple[str, int]] = decoder.scanstring  # type: ignore[attr-defined]
_SPACE = re.compile(r"[ \t\r\n]*")
_LITERAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def read_json(path: str, text: str, language: str | None) -> list[Source]:
    """One Source per string value of a JSON catalog; top-level language/channel/... are settings."""
    deep = _too_deep(text, limits.NESTING.value)
    if deep is not None:
        raise InputError(f"JSON refused: nested more than {limits.NESTING.value} levels deep", path, deep)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from exc
    except RecursionError as exc:
        raise InputError("JSON refused: nested too deeply", path) from exc
    meta = {}
    if isinstance(data, dict):
        meta = {k: v for k, v in data.items() if k in FRONT_MATTER_KEYS and isinstance(v, str)}
    starts = line_starts(text)
    lines = {key: text.count("\n", 0, text.find(f'"{key}"')) + 1 for key in meta}
    notices = tuple(normalise_settings(meta, path, lines))
    sources = []
    for key, value, start, end in _strings(text):
        if key in FRONT_MATTER_KEYS or not value.strip():
            continue
        builder = TextBuilder(text)
        add_value(builder, value, start + 1, end)
        sources.append(builder.build(path, language, dict(meta), key=key, line_starts=starts, notices=notices))
    return sources


_STRUCTURE = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\[\]{}\n]')


def _too_deep(text: str, limit: int) -> int | None:
    """The 1-based line where arrays and objects nest deeper than `limit`, or None (one linear scan).

    The scanner below and json.loads both recurse: nesting thousands deep would overflow the
    stack, and each level re-scans what it holds. Catalogs nest a few levels.
    """
    depth, line = 0, 1
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > limit:
                return line
        elif token in "]}":
            depth -= 1
    return None


def _strings(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(key path, value, start, end) of every string value; start/end span the quoted token."""
    yield from _value(text, _skip(text, 0), "")


def _skip(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    return match.end() if match else index


def _value(text: str, index: int, path: str) -> Iterator[tuple[str, str, int, int]]:
    ch = text[index]
    if ch == '"':
        value, end = scanstring(text, index + 1)
        yield path or "(document)", value, index, end
    elif ch == "{":
        index = _skip(text, index + 1)
        while text[index] != "}":
            key, index = scanstring(text, index + 1)
            index = _skip(text, _skip(text, index) + 1)  # past ':'
            child = f"{path}.{key}" if path else key
            yield from _value(text, index, child)
            index = _skip(text, _end_of(text, index))
            if text[index] == ",":
                index = _skip(text, index + 1)
    elif ch == "[":
        index = _skip(text, index + 1)
        position = 0
        while text[index] != "]":
            yield from _value(text, index, f"{path}[{position}]")
            position += 1
            index = _skip(text, _end_of(text, index))
            if text[index] == ",":
                index = _skip(text, index + 1)


def _end_of(text: str, index: int) -> int:
    """The index just after the JSON value starting at ``index`` (the text is known to be valid)."""
    ch = text[index]
    if ch == '"':
        return scanstring(text, index + 1)[1]
    if ch in "{[":
        closing = "}" if ch == "{" else "]"
        index = _skip(text, index + 1)
        while text[index] != closing:
            if ch == "{":
                index = _skip(text, _skip(text, scanstring(text, index + 1)[1]) + 1)
            index = _skip(text, _end_of(text, index))
            if text[index] == ",":
                index = _skip(text, index + 1)
        return index + 1
    match = _LITERAL.match(text, index)
    return match.end() if match else index + 1
