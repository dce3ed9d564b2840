"""Word classes: named sets of words, written once per language and referenced by rules as {CLASS: name}.

Why: a rule that lists "corriere, fornitore, vettore, spedizioniere, banca, ..." in every pattern
recognises the sin only in the words it was written with, and the lists drift apart. A class
names the idea once (third parties that get blamed, problem nouns, apology forms, ...), in the
language's folder (``lang/<code>/wordclasses.yaml``), and every rule refers to it:

    third_party:
      description: Others a message can blame: couriers, suppliers, banks, "the system".
      lemmas: [corriere, fornitore, vettore, banca, sistema]   # any inflected form: corrieri, banche
      forms: [ups, dhl]                                        # exact lower-case forms
      examples:
        match: ["Il ritardo è colpa del corriere."]           # a member occurs: the class is found
        no_match: ["Il ritardo è colpa nostra."]

A token belongs to a class when its lemma is one of the class's lemmas, or its lower-case
form is one of its forms or an inflected form of one of its lemmas (from the language's
morphological lexicon, when it has one). Classes are single words; constructions are patterns.
Loading validates names, members and examples with file and line; the test suite runs every
class's examples and checks its lemmas against the language's dictionary.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scusa_lint import lang, yamllines
from scusa_lint.errors import PackError
from scusa_lint.yamllines import LineDict

if TYPE_CHECKING:
    from spacy.tokens import Doc

CLASS_KEYS = frozenset({"description", "lemmas", "forms", "examples"})
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_MEMBER = re.compile(r"^[^\s]+$")
_CLASS_KEY = "scusa_lint.classes"

# A lemma -> its inflected forms (from a morphological lexicon); the identity when there is none.
Inflector = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class WordClass:
    """One class as written: its lemmas, its exact forms, and sentences that show where it stops."""

    name: str
    description: str
    lemmas: tuple[str, ...]
    forms: tuple[str, ...]
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    path: str = ""
    line: int = 0


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime: int) -> dict[str, WordClass]:
    data = yamllines.read(path, "word-class file")
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        raise PackError("a word-class file is a mapping of class names to classes", path, 1)
    classes: dict[str, WordClass] = {}
    for name, body in data.items():
        line = data.line_of(name)
        if not isinstance(name, str) or not NAME.match(name):
            raise PackError(f"class name {name!r} must be snake_case (like third_party)", path, line)
        if not isinstance(body, LineDict):
            raise PackError(f"class {name!r} must be a mapping with lemmas and/or forms", path, line)
        for key in body:
            if key not in CLASS_KEYS:
                allowed = ", ".join(sorted(CLASS_KEYS))
                raise PackError(f"unknown key {key!r} in class {name!r} (allowed: {allowed})", path, body.line_of(key))
        members = {key: _members(body, key, name, path) for key in ("lemmas", "forms")}
        if not members["lemmas"] and not members["forms"]:
            raise PackError(f"class {name!r} has no members (lemmas or forms)", path, line)
        description = body.get("description", "")
        if not isinstance(description, str) or not description.strip():
            raise PackError(f"class {name!r} needs a `description` that says what it holds", path, line)
        match, no_match = yamllines.examples(body, f"class {name!r}", path)
        classes[name] = WordClass(
            name, description.strip(), members["lemmas"], members["forms"], match, no_match, path, line
        )
    return classes


def _members(body: LineDict, key: str, name: str, path: str) -> tuple[str, ...]:
    values = body.get(key, [])
    line = body.line_of(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PackError(f"`{key}` of class {name!r} must be a list of words", path, line)
    seen: set[str] = set()
    for value in values:
        if not _MEMBER.match(value) or value != value.lower():
            raise PackError(f"{value!r} in class {name!r}: members are single lower-case words", path, line)
        if value in seen:
            raise PackError(f"{value!r} is listed twice in class {name!r}", path, line)
        seen.add(value)
    return tuple(values)


def classes_of(language: str) -> dict[str, WordClass]:
    """The word classes of a language (none when its folder has no wordclasses.yaml)."""
    path = lang.get(language).wordclasses
    if path is None:
        return {}
    return dict(_load(str(path), yamllines.version(path)))


class ClassIndex:
    """The classes of one language compiled for matching: string id -> bit mask of the classes it is in.

    Built once per rule set. ``mask(name)`` is the bit of a class; ``column(doc)`` gives every
    token's mask (computed once per document), which the token matcher tests with ``&``.
    """

    def __init__(self, classes: Mapping[str, WordClass], inflect: Inflector | None = None) -> None:
        from spacy.strings import get_string_id

        self.names = sorted(classes)
        self.bits = {name: 1 << index for index, name in enumerate(self.names)}
        self.by_lemma: dict[int, int] = {}
        self.by_form: dict[int, int] = {}
        for name, word_class in classes.items():
            bit = self.bits[name]
            for lemma in word_class.lemmas:
                key = get_string_id(lemma)
                self.by_lemma[key] = self.by_lemma.get(key, 0) | bit
                for form in {lemma, *(inflect(lemma) if inflect else ())}:
                    key = get_string_id(form.lower())
                    self.by_form[key] = self.by_form.get(key, 0) | bit
            for form in word_class.forms:
                key = get_string_id(form)
                self.by_form[key] = self.by_form.get(key, 0) | bit
        self.key = f"{_CLASS_KEY}.{id(self)}"

    def mask(self, names: Iterable[str]) -> int:
        """The bits of the named classes (a KeyError names an unknown class)."""
        result = 0
        for name in names:
            result |= self.bits[name]
        return result

    def column(self, doc: Doc) -> list[int]:
        """Each token's class bits, in token order (cached on the document)."""
        cached: list[int] | None = doc.user_data.get(self.key)
        if cached is None:
            from scusa_lint.engine.columns import doc_columns

            columns = doc_columns(doc)
            by_lemma, by_form = self.by_lemma, self.by_form
            cached = [
                by_lemma.get(lemma, 0) | by_form.get(lower, 0)
                for lower, lemma in zip(columns["LOWER"], columns["LEMMA"], strict=True)
            ]
            doc.user_data[self.key] = cached
        return cached

    def has(self, doc: Doc, index: int, name: str) -> bool:
        """Whether token `index` of the document belongs to the class."""
        return bool(self.column(doc)[index] & self.bits[name])
