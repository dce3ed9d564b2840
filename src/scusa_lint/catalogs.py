"""Which YAML and JSON files found by walking a folder are message catalogs, and why the others are not.

A template repository holds catalogs (``locales/it.yml``, ``mails.json``) next to configuration
(CI workflows, ``package.json``, ``.pre-commit-config.yaml``, rule packs). Linting every string of
a workflow as an apology buries real findings; skipping catalogs lets a folder of bad messages
pass. So each walked YAML/JSON file is judged here, and a file that is not linted is reported
with the reason (``-v`` and the summary list them), never skipped silently:

1. a known configuration file name or folder (CI, package managers, editors) is configuration;
2. a file whose top-level keys are those of a configuration format (``jobs`` and ``on`` of a
   GitHub workflow, ``repos`` of pre-commit, ``pack`` and ``rules`` of a scusa-lint pack,
   ``dependencies``, ``compilerOptions``, ``apiVersion``) is configuration;
3. a file at a catalog's place is a catalog when it holds any text: its name is a locale
   (``it.yml``, ``messages.it.json``, ``en-GB.yaml``), a folder on its path is a locale or a
   catalog folder (``locales/``, ``i18n/``, ``it/LC_MESSAGES/``, ``templates/``, ``mails/``), or its
   only top-level keys are locales (``it:`` in Rails-style YAML);
4. elsewhere, a file is a catalog when its strings read as messages: at least one sentence
   (MIN_WORDS words of letters) and such sentences are at least PROSE_SHARE of its strings.

Files named on the command line are always linted (pre-commit names them), and the config key
``catalogs`` (globs) makes matching files catalogs whatever they look like.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CATALOG_SUFFIXES = frozenset({".yaml", ".yml", ".json"})

# Configuration files met in template repositories (exact names, lower case).
CONFIG_NAMES = frozenset(
    {
        "package.json", "package-lock.json", "composer.json", "tsconfig.json", "jsconfig.json", "deno.json",
        ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".gitlab-ci.yml", ".travis.yml", "appveyor.yml",
        "azure-pipelines.yml", "bitbucket-pipelines.yml", "cloudbuild.yaml", "codecov.yml", ".codecov.yml",
        "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "mkdocs.yml",
        "pnpm-lock.yaml", "pnpm-workspace.yaml", "renovate.json", "lerna.json", "nx.json", "turbo.json",
        "angular.json", "vercel.json", "firebase.json", "app.json", "manifest.json", "action.yml",
        "action.yaml", "dependabot.yml", ".readthedocs.yaml", ".readthedocs.yml", "environment.yml",
        "environment.yaml", "chart.yaml", "values.yaml", "pubspec.yaml", "openapi.yaml", "openapi.json",
        "swagger.yaml", "swagger.json", "serverless.yml", ".golangci.yml", ".yamllint.yml", ".markdownlint.json",
        "citation.cff", "pipfile.lock", "wordclasses.yaml", "language.toml",
    }
)  # fmt: skip
CONFIG_NAME_PATTERNS = re.compile(
    r"^(?:tsconfig\..*\.json|.*\.schema\.json|\.eslintrc.*|\.prettierrc.*|\.stylelintrc.*|\.babelrc.*|"
    r"docker-compose\..*\.ya?ml|.*\.lock\.json)$"
)
# Folders whose YAML/JSON is configuration (CI, editors); dot-folders are not walked at all.
CONFIG_FOLDERS = frozenset({"workflows", ".github", ".gitlab", ".circleci", ".vscode", ".idea", "node_modules"})
# Top-level keys that mark a configuration format: any one set present in full makes configuration.
CONFIG_KEYS = (
    ("jobs",),  # GitHub workflows, CircleCI
    ("stages",),  # GitLab CI
    ("steps",),  # Azure Pipelines, Cloud Build
    ("repos",),  # pre-commit
    ("pack", "rules"),  # scusa-lint rule packs
    ("dependencies",),
    ("devDependencies",),
    ("scripts",),
    ("compilerOptions",),
    ("apiVersion", "kind"),  # Kubernetes
    ("services",),  # docker compose
    ("$schema",),
)
# Folders that hold messages.
CATALOG_FOLDERS = frozenset(
    {
        "locales", "locale", "i18n", "l10n", "lang", "langs", "languages", "translations", "messages",
        "lc_messages", "templates", "mails", "emails", "mailers", "notifications", "copy", "strings", "catalogs",
        "responses", "macros", "replies",
    }
)  # fmt: skip
# A locale as a name: an ISO 639-1 language code and an optional region (it, it_IT, en-GB, pt-BR).
LOCALE = re.compile(r"^([a-zA-Z]{2})(?:[-_]([A-Za-z]{2}|\d{3}))?$")
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee "
    "el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms "
    "mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu"
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
# How many folders up from a file its place is read (a folder high up an absolute path says nothing).
NEAR_FOLDERS = 3
MIN_WORDS = 4
PROSE_SHARE = 0.2
_WORD = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{[^{}]*\}|%\(\w+\)s|\$\{[^}]*\}|<[^<>]*>|&#?\w+;")


@dataclass(frozen=True)
class SkippedFile:
    """A file a folder walk found and did not lint, and why (reported in -v, the summary and JSON)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    """Whether a file is a message catalog, and why (the reason is shown for files not linted)."""

    catalog: bool
    reason: str


def locale_code(name: str) -> str | None:
    """The language of a locale-like name («it», «it_IT», «en-GB»), lower case, or None («sub», «ui»)."""
    match = LOCALE.match(name)
    if not match or match.group(1).lower() not in ISO_639_1:
        return None
    return match.group(1).lower()


def known_configuration(path: Path) -> str | None:
    """The reason a file is skipped when its name is a known configuration file's (step 1), or None."""
    name = path.name.lower()
    if name in CONFIG_NAMES or CONFIG_NAME_PATTERNS.match(name):
        return f"known configuration file ({path.name})"
    return None


def judge(path: Path) -> Verdict:
    """Whether a YAML/JSON file found by walking a folder is a message catalog (see the module docstring)."""
    if configuration := known_configuration(path):
        return Verdict(False, configuration)
    folders = [part.lower() for part in path.parent.parts]
    if config_folder := next((f for f in folders if f in CONFIG_FOLDERS), None):
        return Verdict(False, f"configuration folder ({config_folder}/)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Verdict(True, "unreadable: linted so that the error is reported")
    place = catalog_place(path)
    data, problem = _parse(text, path.suffix.lower())
    if problem is not None:
        # A broken file at a catalog's place is a broken catalog: lint it, so the error is reported.
        return Verdict(True, place) if place else Verdict(False, f"not valid {problem}, and not at a catalog's place")
    documents = data if isinstance(data, list) and path.suffix.lower() != ".json" else [data]
    for document in documents:
        if isinstance(document, dict):
            keys = {str(k) for k in document}
            for marks in CONFIG_KEYS:
                if all(m in keys for m in marks):
                    return Verdict(False, f"configuration (top-level {', '.join(marks)})")
    strings = [s for document in documents for s in _strings(document)]
    if not any(s.strip() for s in strings):
        return Verdict(False, "no text values")
    if place:
        return Verdict(True, place)
    locale_keys = _locale_keys(documents)
    if locale_keys:
        return Verdict(True, f"top-level locale key {locale_keys[0]}:")
    prose = sum(1 for s in strings if _reads_as_message(s))
    if prose and prose >= PROSE_SHARE * len(strings):
        return Verdict(True, f"{prose} of {len(strings)} strings read as messages")
    return Verdict(
        False,
        f"{len(strings)} string{'s' if len(strings) != 1 else ''}, {prose} of them sentences: not a message catalog "
        "(name it on the command line, or list it in `catalogs`, to lint it)",
    )


def catalog_place(path: Path) -> str | None:
    """Why the path itself marks a catalog (a locale name or folder, a catalog folder), or None."""
    stem = path.name.rsplit(".", 1)[0]
    parts = stem.split(".")
    if locale_code(parts[-1]) or (len(parts) == 1 and locale_code(stem)):
        return f"file name {path.name} names a locale"
    for folder in reversed(path.parent.parts[-NEAR_FOLDERS:]):
        if folder.lower() in CATALOG_FOLDERS:
            return f"in a catalog folder ({folder}/)"
        if locale_code(folder):
            return f"in a locale folder ({folder}/)"
    return None


def _parse(text: str, suffix: str) -> tuple[Any, str | None]:
    if suffix == ".json":
        try:
            return json.loads(text), None
        except json.JSONDecodeError:
            return None, "JSON"
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return list(yaml.load_all(text, Loader=loader)), None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None, "YAML"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _locale_keys(documents: list[Any]) -> list[str]:
    """The top-level keys, when every one of them is a locale («it:», «en:»)."""
    for document in documents:
        if isinstance(document, dict) and document and all(locale_code(str(k)) for k in document):
            return [str(k) for k in document]
    return []


def _reads_as_message(value: str) -> bool:
    """A string with at least MIN_WORDS words of letters, mostly letters: a sentence, not an id or a command."""
    text = _PLACEHOLDER.sub(" ", value)
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return False
    letters = sum(len(w) for w in words)
    visible = sum(1 for ch in text if not ch.isspace())
    return letters >= 0.7 * visible and not re.search(r"(?:^|\s)(?:--?\w|\./|/\w+/)", text)
