"""YAML for files people write by hand (rule packs, word classes): mappings that remember their lines.

Every error in such a file must name the file and the line, so mappings are built as LineDicts
that know their own line and each key's line. A duplicate key is an error (PyYAML would keep
the last one silently), and so is a value YAML parses but Python cannot build (a date 2026-13-45).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from scusa_lint import limits, yamlguard
from scusa_lint.errors import PackError

# libyaml's parser when PyYAML has it (about 5x faster on packs; marks carry the same lines).
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A dict from YAML that knows its own line and its keys' lines (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of a key, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """A SafeLoader whose mappings are LineDicts."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value YAML parses but Python cannot build (a date 2026-13-45, `!!int x`) is a YAML error with a line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, f"bad value: {exc}", node.start_mark) from exc


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise PackError(f"duplicate key {key!r}", None, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _yaml_line(exc: yaml.YAMLError, text: str) -> int | None:
    """The 1-based line of a YAML error: its problem or context mark, or the reader's character position."""
    for attribute in ("problem_mark", "context_mark"):
        mark = getattr(exc, attribute, None)
        if mark is not None:
            return int(mark.line) + 1
    position = getattr(exc, "position", None)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


def load(text: str, path: str) -> Any:
    """Parse YAML text whose mappings are LineDicts; every problem is a PackError naming `path` and the line."""
    try:
        yamlguard.check(text, _BaseLoader)  # an alias bomb or deep nesting, refused before it is built
        return yaml.load(text, Loader=_LineLoader)
    except yamlguard.YamlRefused as exc:
        raise PackError(f"YAML refused: {exc.message}", path, exc.line) from exc
    except PackError as exc:
        raise PackError(exc.message, path, exc.line) from exc
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or exc
        raise PackError(f"invalid YAML: {problem}", path, _yaml_line(exc, text)) from exc
    except RecursionError as exc:
        raise PackError("invalid YAML: nested too deeply", path) from exc


def read(path: str, what: str = "file", parsed: ParseCache | None = None) -> Any:
    """Read and parse a hand-written YAML file (see :func:`load`); `what` names it in errors ("rule pack").

    parsed: where a parse of the same bytes may be kept (the result cache's folder), or None.
    """
    limit = limits.PACK_BYTES
    raw = limits.read_regular(path, limit.value, lambda m: PackError(m, path), what, limit.variable)
    if parsed is not None:
        found = parsed.get(raw)
        if found is not None:
            return found
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(f"cannot read {what}: {exc}", path, raw.count(b"\n", 0, exc.start) + 1) from exc
    data = load(text, path)
    if parsed is not None:
        parsed.put(raw, data)
    return data


@dataclass(frozen=True)
class ParseCache:
    """Parses of hand-written YAML files kept as JSON, by the files' bytes, in the result cache's folder.

    Why: parsing the shipped packs with PyYAML is about 0.1 s of every run, a sixth of a warm run that
    finds every result in the cache; reading the same tree back from JSON takes a few milliseconds.
    Only successful parses are kept, keyed by the SHA-256 of the bytes, PyYAML's version and this
    format's, so an edited file, another PyYAML or a change here is parsed again; a tree JSON cannot
    hold as it is (a date, a key that is not a string) is not kept. A folder that cannot be read or
    written is no error: the file is parsed, as without a cache.
    """

    folder: Path
    FORMAT: ClassVar[str] = "yamllines-1"
    MAX_FILES: ClassVar[int] = 64

    def _file(self, raw: bytes) -> Path:
        digest = hashlib.sha256(f"{self.FORMAT}\0{yaml.__version__}\0".encode() + raw).hexdigest()
        return self.folder / f"{digest}.json"

    def get(self, raw: bytes) -> Any:
        """The tree parsed from these bytes before, or None."""
        try:
            return json.loads(self._file(raw).read_text(encoding="utf-8"), object_hook=_line_dict)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, raw: bytes, data: Any) -> None:
        """Keep a parse (atomically: a concurrent run reads a whole file or none)."""
        try:
            text = json.dumps(_plain(data), ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # not JSON as it is
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, self._file(raw))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._prune()

    def _prune(self) -> None:
        """Keep the MAX_FILES most recent parses: each edit of a pack leaves the parse of its old bytes."""
        kept = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in kept[self.MAX_FILES :]:
            old.unlink(missing_ok=True)


def _plain(value: Any) -> Any:
    """A tree of LineDicts as JSON-ready values; TypeError for anything JSON would not give back as it is."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is LineDict:
        if not all(type(key) is str for key in value):
            raise TypeError("a key that is not a string")
        # Only LineDicts become JSON objects (their keys and lines as lists), so the object hook sees no other.
        items = [[key, _plain(item)] for key, item in value.items()]
        return {"$": [value.line, [[key, line] for key, line in value.key_lines.items()], items]}
    raise TypeError(f"cannot keep {kind.__name__}")


def _line_dict(data: dict[str, Any]) -> Any:
    """JSON's object hook: the LineDicts written by _plain."""
    line, key_lines, items = data["$"]
    mapping = LineDict((key, item) for key, item in items)
    mapping.line = line
    mapping.key_lines = {key: number for key, number in key_lines}
    return mapping


def version(path: Path) -> int:
    """The file's modification time in ns (0 when it cannot be read): the per-file caches' key part.

    Word classes, constructions and role signs are parsed once per version of their file
    (functools.lru_cache on path and version), since a run builds a linter per group of settings.
    """
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def examples(body: LineDict, owner: str, path: str, required: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The `examples: {match: [...], no_match: [...]}` of a named entry (a word class, a construction).

    owner: how errors name the entry ("class 'third_party'"); required: both lists must be non-empty.
    """
    found = body.get("examples", {})
    if not isinstance(found, Mapping):
        raise PackError(f"`examples` of {owner} must be a mapping with match and no_match", path, body.line)
    if required and not (found.get("match") and found.get("no_match")):
        raise PackError(f"{owner} needs `examples` with match and no_match sentences", path, body.line)
    result: dict[str, tuple[str, ...]] = {}
    for which in ("match", "no_match"):
        items = found.get(which, [])
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise PackError(f"`examples.{which}` of {owner} must be a list of sentences", path, body.line)
        result[which] = tuple(items)
    unknown = sorted(set(map(str, found)) - {"match", "no_match"})
    if unknown:
        raise PackError(f"unknown key {unknown[0]!r} in the examples of {owner}", path, body.line)
    return result["match"], result["no_match"]
