"""Languages: one folder each, discovered at run time, so that adding a language is adding one folder.

A language folder holds everything scusa-lint needs to lint messages in that language:

    lang/it/
      language.toml      code, names, spaCy code, lemmatizer, abbreviations, speller data, LanguageTool code
      rules/*.yaml       its rule packs
      dictionaries/      Hunspell .aff/.dic files (and their COPYRIGHT)
      wordclasses.yaml   named word classes its packs reference (optional)
      roles.yaml         constructions that make a message a reply about a problem (optional)
      lexicon.*          its morphological lexicon (optional)

The built-in languages are the folders of this package. More come from the folders named in
``$SCUSA_LINT_LANGUAGES`` (separated by ``os.pathsep``): each is either a language folder itself or
holds language folders. A language found there replaces a built-in one with the same code.
Language-neutral packs (template syntax, suppressions) are in ``scusa_lint/rules/``.

Reading the descriptors needs no spaCy: `--help`, `rules` and `explain` use this module too.
Descriptors are validated here, with the file and line of a bad key, like any config.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scusa_lint.errors import ConfigError

DESCRIPTOR = "language.toml"
ENV_LANGUAGES = "SCUSA_LINT_LANGUAGES"
LEMMATIZERS = ("simplemma", "none")
_BUILTIN = Path(__file__).parent


@dataclass(frozen=True)
class SpellingData:
    """What the offline speller needs for a language (see spelling/hunspell.py).

    dictionary: the Hunspell dictionary (its .aff/.dic in some language's dictionaries/) that suggests.
    also_accept: dictionaries whose words are accepted too (borrowed English words, British spellings).
    alphabet: letters tried when looking for a known word one edit away.
    prefixes: word-forming prefixes ("auto" + "lettura").
    courtesy: words that letters capitalise out of courtesy ("Cliente"): one edit from them is a typo.
    probe: a word the dictionary must know and a misspelling it must reject (for `doctor`).
    """

    dictionary: str | None = None
    also_accept: tuple[str, ...] = ()
    alphabet: str = "abcdefghijklmnopqrstuvwxyz'"
    prefixes: tuple[str, ...] = ()
    courtesy: frozenset[str] = frozenset()
    probe: tuple[str, str] | None = None


@dataclass(frozen=True)
class Language:
    """One language as its folder describes it.

    code: the code messages and options use (it, en).
    spacy: the code of spaCy's blank language class for it.
    lemmatizer: "simplemma" (lemmas from simplemma's dictionary for this code) or "none" (lower case).
    languagetool: the LanguageTool code to send (it-IT, en-US), or None.
    languagetool_variants: other LanguageTool codes users may choose (en-GB).
    elision_marks: characters written for the apostrophe of an elision besides ' and ’ («l‘immagine»),
        which the tokenizer splits after like an apostrophe and the lexicon reads as one.
    """

    code: str
    name: str
    english_name: str
    folder: Path
    spacy: str
    lemmatizer: str
    abbreviations: tuple[str, ...]
    spelling: SpellingData
    languagetool: str | None
    languagetool_variants: tuple[str, ...] = ()
    elision_marks: tuple[str, ...] = ()

    @property
    def packs(self) -> list[Path]:
        """The language's rule packs, in name order."""
        folder = self.folder / "rules"
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

    @property
    def wordclasses(self) -> Path | None:
        """The language's word-class file, if it has one."""
        path = self.folder / "wordclasses.yaml"
        return path if path.is_file() else None

    @property
    def constructions(self) -> Path | None:
        """The language's construction file (named token patterns that blocks `use`), if it has one."""
        path = self.folder / "constructions.yaml"
        return path if path.is_file() else None

    @property
    def role_signs(self) -> Path | None:
        """The language's role-sign file (constructions that show a reply about a problem), if it has one."""
        path = self.folder / "roles.yaml"
        return path if path.is_file() else None

    def data_file(self, name: str) -> Path:
        """A data file of the language folder (lexicon, ...), whether or not it exists."""
        return self.folder / name


def common_packs() -> list[Path]:
    """The language-neutral packs (checks of the file itself: template syntax, suppressions)."""
    folder = _BUILTIN.parent / "rules"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def languages() -> dict[str, Language]:
    """Every language scusa-lint can lint here, by code, in code order."""
    return _discover(os.environ.get(ENV_LANGUAGES, ""))


def codes() -> list[str]:
    """The codes of the languages found (for option choices and validation)."""
    return list(languages())


def get(code: str) -> Language:
    """The language with this code; a ConfigError naming the known ones otherwise."""
    found = languages()
    if code not in found:
        raise ConfigError(f"unknown language {code!r} (known: {', '.join(found) or 'none'})")
    return found[code]


def dictionary_folder(name: str) -> Path | None:
    """The folder holding the Hunspell dictionary `name` (.aff and .dic), in any language folder."""
    for language in languages().values():
        folder = language.folder / "dictionaries"
        if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
            return folder
    return None


@functools.lru_cache(maxsize=8)
def _discover(extra: str) -> dict[str, Language]:
    folders = [p for p in sorted(_BUILTIN.iterdir()) if (p / DESCRIPTOR).is_file()]
    for entry in (e for e in extra.split(os.pathsep) if e):
        root = Path(entry).expanduser()
        if (root / DESCRIPTOR).is_file():
            folders.append(root)
        elif root.is_dir():
            folders.extend(p for p in sorted(root.iterdir()) if (p / DESCRIPTOR).is_file())
        else:
            raise ConfigError(f"${ENV_LANGUAGES}: {entry} is not a folder")
    found: dict[str, Language] = {}
    for folder in folders:
        language = load_language(folder)
        found[language.code] = language
    return dict(sorted(found.items()))


def load_language(folder: Path) -> Language:
    """Read and validate a language folder's descriptor."""
    path = folder / DESCRIPTOR
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read language descriptor: {exc}", shown) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", shown) from exc
    reader = _Reader(data, shown, text)
    reader.only(
        {"code", "name", "english_name", "spacy", "lemmatizer", "abbreviations", "elision_marks", "spelling"}
        | {"languagetool"}
    )
    code = reader.string("code")
    if code != folder.name:
        raise ConfigError(f"`code` is {code!r} but the folder is {folder.name!r}: they must agree", shown)
    lemmatizer = reader.string("lemmatizer", "simplemma")
    if lemmatizer not in LEMMATIZERS:
        raise ConfigError(f"`lemmatizer` must be one of {', '.join(LEMMATIZERS)}", shown, reader.line("lemmatizer"))
    spelling = reader.table("spelling")
    spelling.only({"dictionary", "also_accept", "alphabet", "prefixes", "courtesy", "probe"})
    probe = spelling.strings("probe")
    if probe and len(probe) != 2:
        raise ConfigError("`spelling.probe` must be [known word, misspelling]", shown, spelling.line("probe"))
    languagetool = reader.table("languagetool")
    languagetool.only({"code", "variants"})
    return Language(
        code=code,
        name=reader.string("name", code),
        english_name=reader.string("english_name", code),
        folder=folder,
        spacy=reader.string("spacy", code),
        lemmatizer=lemmatizer,
        abbreviations=reader.strings("abbreviations"),
        spelling=SpellingData(
            dictionary=spelling.string("dictionary", "") or None,
            also_accept=spelling.strings("also_accept"),
            alphabet=spelling.string("alphabet", SpellingData.alphabet),
            prefixes=spelling.strings("prefixes"),
            courtesy=frozenset(spelling.strings("courtesy")),
            probe=(probe[0], probe[1]) if probe else None,
        ),
        languagetool=languagetool.string("code", "") or None,
        languagetool_variants=languagetool.strings("variants"),
        elision_marks=reader.strings("elision_marks"),
    )


class _Reader:
    """Typed access to one TOML table, with errors that name the file and the key's line."""

    def __init__(self, data: Mapping[str, Any], path: str, text: str, prefix: str = "") -> None:
        self.data, self.path, self.text, self.prefix = data, path, text, prefix

    def line(self, key: str) -> int | None:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if line.strip().startswith(f"{key} ") or line.strip().startswith(f"{key}="):
                return number
        return None

    def only(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise ConfigError(f"unknown key '{self.prefix}{key}' (known: {known})", self.path, self.line(key))

    def string(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (default is None and not value):
            raise ConfigError(f"`{self.prefix}{key}` must be a non-empty string", self.path, self.line(key))
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"`{self.prefix}{key}` must be a list of strings", self.path, self.line(key))
        return tuple(value)

    def table(self, key: str) -> _Reader:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise ConfigError(f"`{self.prefix}{key}` must be a table", self.path, self.line(key))
        return _Reader(value, self.path, self.text, f"{self.prefix}{key}.")
