"""The rule registry: load and validate rule packs, index their rules, and answer selection.

A pack is one YAML file:

    pack: {name, language, title, source, description?}
    rules: [ {code, name, category, level, kind, message, description, source, examples, ...} ]

Validation is complete, eager and needs no spaCy: an unknown key, a wrong type, a bad regular
expression or token pattern, an unknown kind, level, category or channel, an option out of range,
a duplicate code or name: each is a PackError naming the file and line. Every command goes
through here (`check`, `rules`, `explain`, the server), so they accept and reject the same packs.

Selection follows ruff: --select / --extend-select / --ignore by code, code prefix, name or
category, and the most specific selector wins (`--select SC101 --ignore SC1` keeps SC101).
Specificity: a full code or a name beats a code prefix (longer beats shorter), which beats a
category, which beats ALL. On a tie, ignore wins. Selectors are case-insensitive.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from scusa_lint import lang, yamllines
from scusa_lint.errors import ConfigError, PackError
from scusa_lint.finding import FixSafety, Suggestion
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import Example, RuleSpec, replace_blocks
from scusa_lint.message_settings import CHANNELS
from scusa_lint.taxonomy import EVERY_ROLE_CATEGORIES, Category, Level
from scusa_lint.yamllines import LineDict

if TYPE_CHECKING:
    from scusa_lint.engine.blocks import PatternBlock
    from scusa_lint.settings import Settings

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
        "skip_channels",
        "skip_kinds",  # the old spelling of skip_channels, still read (with a deprecation notice)
        "roles",
        "problem_sign",
    }
)
RULE_REQUIRED = ("code", "name", "category", "level", "kind", "message", "description", "source", "examples")
CODE_RE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Packs for every language (rules/lint.yaml: template syntax, suppressions) say `language: "*"`.
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Pack:
    """One loaded pack: its metadata and rules, in file order; `notices` are deprecations met while reading."""

    name: str
    language: str
    title: str
    source: str
    path: str
    rules: tuple[RuleSpec, ...]
    notices: tuple[str, ...] = ()


class Named(Protocol):
    """What a selector is matched against: a rule spec, or a finding (for suppressions)."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def category(self) -> Category: ...


class Registry:
    """Every pack scusa-lint knows for a run: the shipped packs of every language, then the extra ones.

    Build it with :meth:`load` (parsed packs are shared, so this is cheap after the first call).
    """

    def __init__(self, packs: Sequence[Pack]) -> None:
        self.packs = tuple(packs)
        check_unique([rule for pack in self.packs for rule in pack.rules])
        for rule in self.all_rules():
            check_classes(rule)
        self._by_language: dict[str, list[RuleSpec]] = {}

    @classmethod
    def load(cls, extra_packs: Iterable[str] = (), parsed: yamllines.ParseCache | None = None) -> Registry:
        """The shipped packs of every language and the language-neutral ones, plus `extra_packs`.

        parsed: where parses of pack files may be kept and found again (yamllines.ParseCache), or None.
        """
        paths = [p for language in lang.languages().values() for p in language.packs]
        paths += lang.common_packs()
        packs = [load_pack(path, parsed) for path in paths]
        for path in extra_packs:
            pack = load_pack(path, parsed)
            if pack.language != ANY_LANGUAGE and pack.language not in lang.languages():
                known = ", ".join(lang.codes())
                raise PackError(f"pack language {pack.language!r} is not a language here (known: {known})", pack.path)
            packs.append(pack)
        return cls(packs)

    @property
    def notices(self) -> list[str]:
        """Deprecations met in the packs (old key spellings), once each."""
        return list(dict.fromkeys(n for pack in self.packs for n in pack.notices))

    def rules(self, language: str) -> list[RuleSpec]:
        """The rules that lint messages in `language`: its packs and the language-neutral ones, in pack order."""
        if language not in self._by_language:
            self._by_language[language] = [
                rule for pack in self.packs if pack.language in (language, ANY_LANGUAGE) for rule in pack.rules
            ]
        return list(self._by_language[language])

    def all_rules(self) -> list[RuleSpec]:
        """Every rule of every language, each once, in pack order."""
        return [rule for pack in self.packs for rule in pack.rules]

    def find(self, code_or_name: str) -> RuleSpec | None:
        """A rule by code or name (case-insensitive)."""
        wanted = code_or_name.strip()
        for rule in self.all_rules():
            if wanted.upper() == rule.code or wanted.lower() == rule.name:
                return rule
        return None

    def by_category(self, category: str) -> list[RuleSpec]:
        """The rules of a category (case-insensitive); a ConfigError for a category that does not exist."""
        wanted = category.strip().upper()
        if wanted not in {c.value for c in Category}:
            raise ConfigError(f"unknown category {category!r} (known: {', '.join(c.value for c in Category)})")
        return [rule for rule in self.all_rules() if rule.category.value == wanted]

    def check_selectors(self, selectors: Iterable[str], option: str, path: str | None = None) -> None:
        """An unknown selector is a usage error (a typo must not silently select nothing).

        A selector is valid if it names a rule of any language: one config serves Italian and English files.
        """
        rules = self.all_rules()
        categories = {c.value for c in Category}
        for selector in selectors:
            if selector.upper() == "ALL" or selector.upper() in categories:
                continue
            if not any(specificity(selector, r) is not None for r in rules):
                raise ConfigError(
                    f"{option}: unknown rule selector {selector!r} (a code, prefix, name or category)", path
                )

    def select(self, language: str, settings: Settings) -> list[RuleSpec]:
        """The rules of `language` that `settings` enable, after checking every selector they contain."""
        for option, selectors in (
            ("select", settings.select or ()),
            ("extend-select", settings.extend_select),
            ("ignore", settings.ignore),
        ):
            self.check_selectors(selectors, option)
        # Scoping selectors come from the config file (per-file-ignores, [channels.*] ignore): errors name it.
        scoped = [(f"per-file-ignores {glob!r}", sels) for glob, sels in settings.per_file_ignores]
        scoped += [(f"channels.{name}.ignore", c.ignore) for name, c in settings.channels.items()]
        for option, selectors in scoped:
            self.check_selectors(selectors, option, settings.config_path)
        return select_rules(self.rules(language), settings.select, settings.extend_select, settings.ignore)


_EXACT = 100
_CATEGORY = 1
_ALL = 0


def specificity(selector: str, rule: Named) -> int | None:
    """How specifically `selector` names `rule` (case-insensitive), or None if it does not name it."""
    upper = selector.upper()
    if upper == "ALL":
        return _ALL
    if upper == rule.code or selector.lower() == rule.name:
        return _EXACT
    if upper == rule.category.value:
        return _CATEGORY
    if rule.code.startswith(upper) and upper[:1].isalpha() and re.fullmatch(r"[A-Z]{1,4}[0-9]{0,3}", upper):
        return 1 + len(upper)
    return None


def select_rules(
    rules: Sequence[RuleSpec],
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[RuleSpec]:
    """The rules enabled by the selectors, in their original order."""
    chosen = list(select if select is not None else ["ALL"]) + list(extend_select)
    enabled = []
    for rule in rules:
        best_select = max((s for s in (specificity(x, rule) for x in chosen) if s is not None), default=None)
        if best_select is None:
            continue
        best_ignore = max((s for s in (specificity(x, rule) for x in ignore) if s is not None), default=None)
        if best_ignore is None or best_select > best_ignore:
            enabled.append(rule)
    return enabled


def load_pack(path: Path | str, parsed: yamllines.ParseCache | None = None) -> Pack:
    """Read and validate one pack file; parsed once per file version (path, modification time, size).

    parsed: where the file's parse may be kept and found again across runs (see yamllines.ParseCache).
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return _load_pack(str(path), 0, -1, parsed)
    return _load_pack(str(path), stat.st_mtime_ns, stat.st_size, parsed)


@functools.lru_cache(maxsize=64)
def _load_pack(shown: str, mtime: int, size: int, parsed: yamllines.ParseCache | None) -> Pack:
    data = yamllines.read(shown, "rule pack", parsed)
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
        raise PackError("`rules` must be a non-empty list", shown, data.line_of("rules"))
    notices: list[str] = []
    rules = tuple(_load_rule(r, meta, shown, data.line_of("rules"), notices) for r in rules_data)
    check_unique(rules)
    return Pack(meta["name"], meta["language"], meta["title"], meta["source"], shown, rules, tuple(notices))


def check_classes(rule: RuleSpec) -> None:
    """Every word class a rule's patterns name exists in its language (in every language, for `*` packs)."""
    from scusa_lint.engine.patterns import class_names
    from scusa_lint.wordclasses import classes_of

    languages = lang.codes() if rule.language == ANY_LANGUAGE else [rule.language]
    for block in rule.blocks():
        for name in sorted(class_names(block.patterns)):
            for language in languages:
                if name not in classes_of(language):
                    known = ", ".join(sorted(classes_of(language))) or "none"
                    raise PackError(
                        f"unknown word class {name!r} for language {language!r} (known: {known})", rule.path, block.line
                    )


def with_constructions(options: Any, language: str, path: str) -> Any:
    """A kind's options with every block's `use` resolved: the named constructions' patterns join its own.

    Done once, when the pack loads, so that a block that uses a construction is an ordinary block
    afterwards (matching, scopes, the capabilities it needs). An unknown name, or `use` in a pack
    for every language (`*`), is an error at the block's line.
    """
    from scusa_lint.constructions import resolve_uses

    def resolved(block: PatternBlock) -> PatternBlock:
        if block.use and language == ANY_LANGUAGE:
            raise PackError("`use` needs a pack of one language: constructions are per language", path, block.line)
        return resolve_uses(block, language, path)

    return replace_blocks(options, resolved)


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


def _load_rule(data: Any, meta: LineDict, path: str, list_line: int, notices: list[str]) -> RuleSpec:
    if not isinstance(data, LineDict):
        raise PackError("each rule must be a mapping", path, list_line)
    kind_name = data.get("kind")
    if kind_name not in KINDS:
        raise PackError(
            f"unknown rule kind {kind_name!r} (known: {', '.join(sorted(KINDS))})", path, data.line_of("kind")
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
            f"rule code {code!r} must be 2-4 capital letters and 3 digits (like SC101)", path, data.line_of("code")
        )
    if not NAME_RE.match(name) or name.startswith(("no-", "avoid-")):
        raise PackError(
            f"rule name {name!r} must be kebab-case and name what is flagged (not no-/avoid-)",
            path,
            data.line_of("name"),
        )
    category = _enum(Category, data, "category", path)
    level = _enum(Level, data, "level", path)
    options = with_constructions(kind.parse(data, path), meta["language"], path)
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
        options=options,
        link=data.get("link"),
        suggestions=_load_suggestions(data, path),
        bad=bad,
        good=good,
        skip_channels=_skip_channels(data, path, notices),
        roles=_roles(data, category, path),
        problem_sign=_problem_sign(data, category, path),
    )


def _problem_sign(data: LineDict, category: Category, path: str) -> bool:
    """Whether the rule's findings make a routine message an apology: as written, else by its category."""
    from scusa_lint.taxonomy import PROBLEM_SIGN_CATEGORIES

    if "problem_sign" not in data:
        return category in PROBLEM_SIGN_CATEGORIES
    value = data["problem_sign"]
    if not isinstance(value, bool):
        raise PackError("`problem_sign` must be true or false", path, data.line_of("problem_sign"))
    return value


def _roles(data: LineDict, category: Category, path: str) -> tuple[str, ...]:
    """The message roles a rule applies to: as written, else every role for writing checks, else apologies."""
    from scusa_lint.roles import APOLOGY, ROLES

    if "roles" not in data:
        return ROLES if category in EVERY_ROLE_CATEGORIES else (APOLOGY,)
    roles = data["roles"]
    if not isinstance(roles, list) or not roles or not all(r in ROLES for r in roles):
        raise PackError(f"`roles` must be a list of message roles ({', '.join(ROLES)})", path, data.line_of("roles"))
    return tuple(roles)


def _skip_channels(data: LineDict, path: str, notices: list[str]) -> tuple[str, ...]:
    key = "skip_channels"
    if "skip_kinds" in data:
        if key in data:
            raise PackError(
                "give `skip_channels` only (`skip_kinds` is its old name)", path, data.line_of("skip_kinds")
            )
        key = "skip_kinds"
        notice = f"{path}:{data.line_of(key)}: `skip_kinds` is deprecated: write `skip_channels`"
        if notice not in notices:
            notices.append(notice)
    channels = data.get(key, [])
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise PackError(f"`{key}` must be a list of message channels", path, data.line_of(key))
    unknown = sorted(set(channels) - set(CHANNELS))
    if unknown:
        raise PackError(
            f"unknown message channel {unknown[0]!r} in `{key}` (known: {', '.join(CHANNELS)})", path, data.line_of(key)
        )
    return tuple(channels)


def _load_examples(data: LineDict, path: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = data["examples"]
    line = data.line_of("examples")
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
    line = data.line_of("suggestions")
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
                f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed - {'skip_kinds'}))})",
                path,
                mapping.line_of(str(key)),
            )


def _require_str(mapping: Mapping[str, Any], key: str, path: str) -> None:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        line = mapping.line_of(key) if isinstance(mapping, LineDict) else None
        raise PackError(f"`{key}` must be a non-empty string", path, line)


def _enum(enum: type[Category] | type[Level], data: LineDict, key: str, path: str) -> Any:
    try:
        return enum(data[key])
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise PackError(f"unknown {key} {data[key]!r} (allowed: {allowed})", path, data.line_of(key)) from None
