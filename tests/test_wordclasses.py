"""Word classes are data with their own examples: each class finds a member where it says, and not where not.

For every language with a wordclasses.yaml, every class's `match` sentences must contain a word
of the class (as the linter analyses them: lemma or form) and its `no_match` sentences none; every
member must be a word the language's dictionary knows, so a typo in a class cannot hide.
"""

from __future__ import annotations

import functools

import pytest

from helpers import analysed
from scusa_lint import lang
from scusa_lint.errors import PackError
from scusa_lint.wordclasses import WordClass, classes_of

CASES = [(code, word_class) for code in lang.codes() for word_class in classes_of(code).values()]


def _members_found(code: str, text: str, name: str) -> list[str]:
    ruleset, doc = analysed(code, text)
    assert ruleset.classes is not None
    return [token.text for token in doc if ruleset.classes.has(doc, token.i, name)]


@pytest.mark.parametrize(("code", "word_class"), CASES, ids=[f"{c}-{w.name}" for c, w in CASES])
def test_class_examples(code: str, word_class: WordClass) -> None:
    assert word_class.match, f"{word_class.path}:{word_class.line}: class {word_class.name} has no match examples"
    for text in word_class.match:
        assert _members_found(code, text, word_class.name), f"{word_class.name}: nothing found in {text!r}"
    for text in word_class.no_match:
        found = _members_found(code, text, word_class.name)
        assert not found, f"{word_class.name}: found {found} in {text!r}"


@pytest.mark.parametrize(("code", "word_class"), CASES, ids=[f"{c}-{w.name}" for c, w in CASES])
def test_class_members_are_words(code: str, word_class: WordClass) -> None:
    from scusa_lint.spelling.hunspell import HunspellChecker

    checker = _checker(code)
    if checker is None:
        pytest.skip(f"{code} has no Hunspell dictionary")
    unknown = [w for w in (*word_class.lemmas, *word_class.forms) if w.isalpha() and not checker.known(w)]
    assert not unknown, f"{word_class.path}:{word_class.line}: {word_class.name}: not words: {unknown}"
    assert isinstance(checker, HunspellChecker)


@functools.cache
def _checker(code: str):  # type: ignore[no-untyped-def]
    from scusa_lint.spelling.base import BackendUnavailable
    from scusa_lint.spelling.hunspell import HunspellChecker

    try:
        return HunspellChecker(code)
    except BackendUnavailable:
        return None


def test_a_broken_class_file_names_file_and_line(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "zz"
    (folder / "rules").mkdir(parents=True)
    (folder / "language.toml").write_text('code = "zz"\nspacy = "xx"\nlemmatizer = "none"\n', encoding="utf-8")
    (folder / "wordclasses.yaml").write_text(
        "courier:\n  description: couriers\n  lemmas: [Corriere]\n", encoding="utf-8"
    )
    monkeypatch.setenv(lang.ENV_LANGUAGES, str(tmp_path))
    with pytest.raises(PackError) as caught:
        classes_of("zz")
    assert caught.value.path == str(folder / "wordclasses.yaml") and caught.value.line == 3
    assert "lower-case" in caught.value.message
