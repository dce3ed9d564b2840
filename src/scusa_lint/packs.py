"""Load rule packs from YAML, validate every key, and index rules by code, name and category.

A pack is one YAML file:

    pack: {name, language, title, source, description?}
    rules: [ {code, name, category, level, kind, message, description, source, examples, ...} ]

Validation is complete and eager: an unknown key, a wrong type, a bad regular expression,
an unknown kind, level or category, or a duplicate code is a PackError naming file and line.
Token patterns are validated by spaCy when the rules are compiled (still with file:line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scusa_lint.errors import PackError
from scusa_lint.finding import FixSafety, Suggestion
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import Example, RuleSpec
from scusa_lint.kinds.matchers import MATCHER_KEYS, PHRASE_ATTRS, needs_of, validate_regexes
from scusa_lint.message_settings import MESSAGE_KINDS
from scusa_lint.taxonomy import Category, Level

PACK_KEYS = frozenset({"pack", "rules"})
PACK_META_KEYS = frozenset({"name", "language", "title", "source", "description"})
RULE_KEYS = frozenset(
    {
        "code",
        "name",
        "category",
        "level",
        "kind",
        "message",
        "description",
        "source",
        "link",
        "suggestions",
        "examples",
        "skip_kinds",
    }
)
RULE_REQUIRED = ("code", "name", "category", "level", "kind", "message", "description", "source", "examples")
UNLESS_SCOPES = ("overlap", "sentence", "message")
CODE_RE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# libyaml's parser when PyYAML has it (about 5x faster on packs; marks carry the same lines).
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """A SafeLoader whose mappings remember the line of each key."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value YAML parses but Python cannot build (a date 2026-13-45, `!!int x`) is a YAML error with a line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, f"bad value: {exc}", node.start_mark) from exc


def _yaml_line(exc: yaml.YAMLError, text: str) -> int | None:
    """The 1-based line of a YAML error: its problem or context mark, or the reader's character position."""
    for attribute in ("problem_mark", "context_mark"):
        mark = getattr(exc, attribute, None)
        if mark is not None:
            return int(mark.line) + 1
    position = getattr(exc, "position", None)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


class LineDict(dict[str, Any]):
    """A dict from YAML that knows its own line and its keys' lines (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


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


@dataclass(frozen=True)
class Pack:
    """One loaded pack: its metadata and rules, in file order."""

    name: str
    language: str
    title: str
    source: str
    path: str
    rules: tuple[RuleSpec, ...]


def builtin_rules_dir() -> Path:
    """Where the shipped packs are: inside the wheel, or the repository's top-level rules/."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


# Packs in rules/common/ declare `language: "*"` and apply to every language (template syntax,
# suppressions): checks about the file, not the prose.
COMMON = "common"
ANY_LANGUAGE = "*"


def builtin_pack_paths(language: str) -> list[Path]:
    """The shipped packs of a language, then the language-neutral ones."""
    paths: list[Path] = []
    for folder in (builtin_rules_dir() / language, builtin_rules_dir() / COMMON):
        if folder.is_dir():
            paths.extend(sorted(folder.glob("*.yaml")))
    return paths


def available_languages() -> list[str]:
    root = builtin_rules_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != COMMON and any(p.glob("*.yaml")))


# Parsed packs by (path, modification time, size): a run reads each pack once, however many
# languages, config folders or commands ask for it. Packs are frozen, so sharing them is safe.
_PARSED: dict[tuple[str, int, int], Pack] = {}


def load_pack(path: Path | str) -> Pack:
    """Read and validate one pack file (once per run: see _PARSED)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return _load_pack(path)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = _load_pack(path)
    return _PARSED[key]


def _load_pack(path: Path) -> Pack:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read rule pack: {exc}", shown) from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except PackError as exc:
        raise PackError(exc.message, shown, exc.line) from exc
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or exc
        raise PackError(f"invalid YAML: {problem}", shown, _yaml_line(exc, text)) from exc
    except RecursionError as exc:
        raise PackError("invalid YAML: nested too deeply", shown) from exc
    if not isinstance(data, LineDict):
        raise PackError("a rule pack must be a mapping with `pack` and `rules`", shown, 1)
    _reject_unknown(data, PACK_KEYS, "pack file", shown)
    meta = data.get("pack")
    if not isinstance(meta, LineDict):
        raise PackError("missing `pack:` metadata (name, language, title, source)", shown, data.line)
    _reject_unknown(meta, PACK_META_KEYS, "pack metadata", shown)
    for key in ("name", "language", "title", "source"):
        _require_str(meta, key, shown)
    rules_data = data.get("rules")
    if not isinstance(rules_data, list) or not rules_data:
        raise PackError("`rules` must be a non-empty list", shown, data.key_lines.get("rules", data.line))
    rules = tuple(_load_rule(r, meta, shown, data.key_lines.get("rules", 1)) for r in rules_data)
    check_unique(rules)
    return Pack(meta["name"], meta["language"], meta["title"], meta["source"], shown, rules)


def load_packs(paths: Iterable[Path | str]) -> list[Pack]:
    """Load several packs and check that codes and names are unique across all of them."""
    packs = [load_pack(p) for p in paths]
    check_unique([rule for pack in packs for rule in pack.rules])
    return packs


def check_unique(rules: Sequence[RuleSpec]) -> None:
    """A code or a name used twice is an error at the second use."""
    seen_codes: dict[str, RuleSpec] = {}
    seen_names: dict[str, RuleSpec] = {}
    for rule in rules:
        for key, seen, value in (("code", seen_codes, rule.code), ("name", seen_names, rule.name)):
            if value in seen and seen[value] is not rule:
                first = seen[value]
                raise PackError(
                    f"duplicate rule {key} {value!r} (first defined at {first.path}:{first.line})", rule.path, rule.line
                )
            seen[value] = rule


def _load_rule(data: Any, meta: LineDict, path: str, list_line: int) -> RuleSpec:
    if not isinstance(data, LineDict):
        raise PackError("each rule must be a mapping", path, list_line)
    kind_name = data.get("kind")
    if kind_name not in KINDS:
        raise PackError(
            f"unknown rule kind {kind_name!r} (known: {', '.join(sorted(KINDS))})",
            path,
            data.key_lines.get("kind", data.line),
        )
    kind = KINDS[kind_name]
    _reject_unknown(data, RULE_KEYS | kind.keys, f"rule of kind {kind_name!r}", path)
    for key in RULE_REQUIRED:
        if key not in data:
            raise PackError(f"rule is missing required key {key!r}", path, data.line)
    for key in kind.required:
        if key not in data:
            raise PackError(f"rule of kind {kind_name!r} is missing {key!r}", path, data.line)
    for key in ("code", "name", "category", "level", "message", "description", "source"):
        _require_str(data, key, path)
    code, name = data["code"], data["name"]
    if not CODE_RE.match(code):
        raise PackError(
            f"rule code {code!r} must be 2-4 capital letters and 3 digits (like SC101)", path, data.key_lines["code"]
        )
    if not NAME_RE.match(name) or name.startswith(("no-", "avoid-")):
        raise PackError(
            f"rule name {name!r} must be kebab-case and name what is flagged (not no-/avoid-)",
            path,
            data.key_lines["name"],
        )
    category = _enum(Category, data, "category", path)
    level = _enum(Level, data, "level", path)
    body = {k: v for k, v in data.items() if k in kind.keys}
    if kind.own_block:
        own = {k: v for k, v in body.items() if k != "unless"}
        _check_block(own, data, path, kind_name, allow_scope=False)
    for key in kind.blocks:
        if key in body:
            block = body[key]
            if not isinstance(block, LineDict):
                raise PackError(f"`{key}` must be a mapping of pattern keys", path, data.key_lines[key])
            _check_block(block, block, path, key, allow_scope=key == "unless")
    _check_kind_extras(kind_name, body, data, path)
    needs: frozenset[str] = needs_of(body) if kind.own_block else frozenset()
    for key in kind.blocks:
        if key in body:
            needs |= needs_of(body[key])
    skip_kinds = data.get("skip_kinds", [])
    if not isinstance(skip_kinds, list) or not all(isinstance(k, str) for k in skip_kinds):
        raise PackError("`skip_kinds` must be a list of message kinds", path, data.key_lines.get("skip_kinds"))
    unknown_kinds = sorted(set(skip_kinds) - set(MESSAGE_KINDS))
    if unknown_kinds:
        raise PackError(
            f"unknown message kind {unknown_kinds[0]!r} in `skip_kinds` (known: {', '.join(MESSAGE_KINDS)})",
            path,
            data.key_lines.get("skip_kinds"),
        )
    bad, good = _load_examples(data, path)
    return RuleSpec(
        code=code,
        name=name,
        category=category,
        level=level,
        kind=kind_name,
        message=data["message"].strip(),
        description=data["description"].strip(),
        source=data["source"],
        pack=meta["name"],
        language=meta["language"],
        path=path,
        line=data.line,
        body=body,
        needs=needs,
        link=data.get("link"),
        suggestions=_load_suggestions(data, path),
        bad=bad,
        good=good,
        skip_kinds=tuple(skip_kinds),
        block_lines=dict(data.key_lines),
    )


def _check_block(block: Mapping[str, Any], where: LineDict, path: str, what: str, allow_scope: bool) -> None:
    line = where.line if where is block else where.key_lines.get(what, where.line)
    allowed = MATCHER_KEYS | ({"scope"} if allow_scope else set())
    unknown = sorted(set(block) - allowed)
    if unknown:
        raise PackError(
            f"unknown key {unknown[0]!r} in `{what}` (allowed: {', '.join(sorted(allowed))})",
            path,
            getattr(block, "key_lines", {}).get(unknown[0], line),
        )
    if not any(block.get(k) for k in ("phrases", "patterns", "dependency", "regex")):
        raise PackError(f"`{what}` needs at least one of phrases, patterns, dependency, regex", path, line)
    if "attr" in block and block["attr"] not in PHRASE_ATTRS:
        raise PackError(f"`attr` must be one of {', '.join(PHRASE_ATTRS)}, not {block['attr']!r}", path, line)
    if "scope" in block and block["scope"] not in UNLESS_SCOPES:
        raise PackError(f"`scope` must be one of {', '.join(UNLESS_SCOPES)}, not {block['scope']!r}", path, line)
    for key in ("phrases", "regex"):
        values = block.get(key)
        if values is not None and (not isinstance(values, list) or not all(isinstance(v, str) for v in values)):
            raise PackError(f"`{key}` must be a list of strings", path, line)
    for key in ("patterns", "dependency"):
        values = block.get(key)
        if values is not None and (not isinstance(values, list) or not all(isinstance(v, list) for v in values)):
            raise PackError(f"`{key}` must be a list of patterns (each a list of token mappings)", path, line)
    validate_regexes(block, path, line)


def _check_kind_extras(kind: str, body: Mapping[str, Any], data: LineDict, path: str) -> None:
    if kind == "sequence" and "within" in body:
        within = body["within"]
        if within != "sentence" and not (isinstance(within, int) and within > 0):
            raise PackError(
                "`within` must be `sentence` or a positive number of tokens", path, data.key_lines["within"]
            )
    if kind == "required" and "min_words" in body and not isinstance(body["min_words"], int):
        raise PackError("`min_words` must be a whole number", path, data.key_lines["min_words"])


def _load_examples(data: LineDict, path: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = data["examples"]
    line = data.key_lines["examples"]
    if not isinstance(examples, LineDict):
        raise PackError("`examples` must be a mapping with `bad` and `good` lists", path, line)
    _reject_unknown(examples, frozenset({"bad", "good"}), "examples", path)
    loaded: dict[str, tuple[Example, ...]] = {}
    for which in ("bad", "good"):
        items = examples.get(which)
        if not isinstance(items, list) or not items:
            raise PackError(f"every rule needs at least one `{which}` example", path, line)
        result = []
        for item in items:
            if isinstance(item, str):
                result.append(Example(item, line=examples.key_lines.get(which)))
            elif isinstance(item, LineDict) and isinstance(item.get("text"), str):
                _reject_unknown(item, frozenset({"text", "span"}), f"{which} example", path)
                span = item.get("span")
                if which == "good" and span is not None:
                    raise PackError("good examples cannot mark a span", path, item.line)
                if span is not None and (not isinstance(span, str) or span not in item["text"]):
                    raise PackError(f"example span {span!r} is not part of the example text", path, item.line)
                result.append(Example(item["text"], span, item.line))
            else:
                raise PackError(
                    f"a {which} example is a string or a mapping with `text` (and `span`)",
                    path,
                    examples.key_lines.get(which, line),
                )
        loaded[which] = tuple(result)
    return loaded["bad"], loaded["good"]


def _load_suggestions(data: LineDict, path: str) -> tuple[Suggestion, ...]:
    items = data.get("suggestions", [])
    line = data.key_lines.get("suggestions", data.line)
    if not isinstance(items, list):
        raise PackError("`suggestions` must be a list", path, line)
    result = []
    for item in items:
        if isinstance(item, str):
            result.append(Suggestion(text=item))
            continue
        if not isinstance(item, LineDict) or not isinstance(item.get("text"), str):
            raise PackError("a suggestion is a string or a mapping with `text`, `replace`, `safety`", path, line)
        _reject_unknown(item, frozenset({"text", "replace", "safety"}), "suggestion", path)
        safety = item.get("safety", "unsafe")
        if safety not in ("safe", "unsafe"):
            raise PackError(f"suggestion `safety` must be safe or unsafe, not {safety!r}", path, item.line)
        replacement = item.get("replace")
        if replacement is not None and not isinstance(replacement, str):
            raise PackError("suggestion `replace` must be a string", path, item.line)
        result.append(Suggestion(text=item["text"], replacement=replacement, safety=FixSafety(safety)))
    return tuple(result)


def _reject_unknown(mapping: LineDict, allowed: frozenset[str], what: str, path: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise PackError(
                f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})",
                path,
                mapping.key_lines.get(str(key), mapping.line),
            )


def _require_str(mapping: LineDict, key: str, path: str) -> None:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(f"`{key}` must be a non-empty string", path, mapping.key_lines.get(key, mapping.line))


def _enum(enum: type[Category] | type[Level], data: LineDict, key: str, path: str) -> Any:
    try:
        return enum(data[key])
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise PackError(f"unknown {key} {data[key]!r} (allowed: {allowed})", path, data.key_lines[key]) from None
