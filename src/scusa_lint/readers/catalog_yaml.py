"""YAML message catalogs: every string value is its own message, with its key path and exact position.

PyYAML's composer gives each scalar node its start and end in the file; the value's characters
are aligned to the file between them (``textmap.align``), which is exact for plain, quoted and
literal block scalars, and follows escapes (``\\u00e8`` maps to its backslash), doubled single
quotes and folded line breaks. Key paths join mapping keys with dots and list indices as [0]:
``apology.delivery_late.body``, ``faq[2].answer``. Top-level ``language``/``channel``/``incident``/
``sent`` keys are settings for every message of the catalog, not messages.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Any

import yaml

from scusa_lint import yamlguard
from scusa_lint.errors import InputError
from scusa_lint.message_settings import normalise_settings
from scusa_lint.readers.catalog_values import add_value
from scusa_lint.readers.textmap import TextBuilder, comment
from scusa_lint.source import FRONT_MATTER_KEYS, Comment, Source, line_starts, may_hold_directive

_STR_TAG = "tag:yaml.org,2002:str"
# libyaml's composer when PyYAML has it: about 5x faster on large catalogs, with the same marks
# (character offsets, lines, styles), so positions do not change.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str, text: str, language: str | None) -> list[Source]:
    """One Source per string value of a YAML catalog (all documents of the file)."""
    try:
        yamlguard.check(text)  # an alias bomb or deep nesting, refused before anything walks it
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yamlguard.YamlRefused as exc:
        raise InputError(f"YAML refused: {exc.message}", path, exc.line) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"invalid YAML: {problem}", path, mark.line + 1 if mark else None) from exc
    starts = line_starts(text)
    scalars = [node for document in documents if document is not None for _, node in _walk(document, "")]
    comments = _comments(text, [(n.start_mark.index, n.end_mark.index) for n in scalars], starts)
    sources: list[Source] = []
    for document in documents:
        if document is None:
            continue
        meta = _catalog_settings(document)
        notices = tuple(normalise_settings(meta, path, _setting_lines(document)))
        for key, node in _walk(document, ""):
            if key in FRONT_MATTER_KEYS:
                continue
            builder = TextBuilder(text)
            _add_scalar(builder, node)
            built = builder.build(path, language, dict(meta), comments, key=key, line_starts=starts, notices=notices)
            sources.append(built)
    return sources


def _walk(node: yaml.Node, prefix: str) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """(key path, string scalar) for every string value under ``node``, in file order."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            yield from _walk(value_node, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{prefix}[{index}]")
    elif isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG and node.value.strip():
        yield prefix or "(document)", node


def _catalog_settings(document: yaml.Node) -> dict[str, Any]:
    """Top-level settings keys (language, kind, ...) of a catalog mapping."""
    settings: dict[str, Any] = {}
    if isinstance(document, yaml.MappingNode):
        for key_node, value_node in document.value:
            if key_node.value in FRONT_MATTER_KEYS and isinstance(value_node, yaml.ScalarNode):
                settings[key_node.value] = value_node.value
    return settings


def _setting_lines(document: yaml.Node) -> dict[str, int]:
    if not isinstance(document, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in document.value if k.value in FRONT_MATTER_KEYS}


def _add_scalar(builder: TextBuilder, node: yaml.ScalarNode) -> None:
    text = builder.file_text
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        # The value starts on the line after the block indicator (|, >, |-, >2 ...).
        newline = text.find("\n", start, end)
        start = newline + 1 if newline >= 0 else start
    elif node.style in ("'", '"'):
        start += 1
    add_value(builder, node.value, start, end)


_COMMENT = re.compile(r"(?:(?<=\s)|^)#([^\r\n]*)", re.M)


def _comments(text: str, scalars: list[tuple[int, int]], starts: tuple[int, ...]) -> tuple[Comment, ...]:
    """`# ...` comments that may hold a suppression: a # at a line start or after a space, outside every scalar.

    One sorted tuple for the file, shared by all its messages; scalars are looked up by bisection,
    so the cost does not grow with comments x values.
    """
    spans = sorted(scalars)
    begins = [s for s, _ in spans]
    ends = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end up to each scalar
    found = set()
    for match in _COMMENT.finditer(text):
        if not may_hold_directive(match.group(1)):
            continue
        at = match.start()
        index = bisect.bisect_right(begins, at) - 1
        if index >= 0 and at < ends[index]:
            continue
        found.add(comment(match.group(1), at, match.end(), starts))
    return tuple(sorted(found, key=lambda c: (c.line, c.end_line, c.body)))
