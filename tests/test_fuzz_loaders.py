"""Fuzzing the pack and config loaders: a broken file is a PackError/ConfigError naming file and line, never a crash."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scusa_lint import lang
from scusa_lint.engine.phrases import PhraseIndex
from scusa_lint.errors import ConfigError, PackError
from scusa_lint.kinds import KINDS
from scusa_lint.kinds.base import BuildContext, RuleUnavailable
from scusa_lint.registry import load_pack
from scusa_lint.settings import Settings, load_settings

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PACK_TEXTS = [path.read_text(encoding="utf-8") for path in lang.get("it").packs]
CONFIG_TEXT = """\
[tool.scusa-lint]
select = ["ALL"]
ignore = ["GOOD_TIMES", "SC1"]
fail-on = "warning"
language = "it"
pipeline = "default"
packs = []
"""
# Fragments that YAML, TOML and spaCy patterns find meaningful.
FRAGMENTS = st.sampled_from(
    [":", "- ", "  ", "\t", "[", "]", "{", "}", '"', "'", "#", "&a", "*a", "!!python/object", "---", "...", "|", ">",
     "\n", "=", "[[", "]]", "OP: '+'", "{IN: 3}", "{REGEX: '('}", "LOWER", "kind: regex", "regex: ['(']", "\\",
     "null", "~", "2026-13-45", "1e400", "\x00", "\ufeff", "é", "scope: nowhere", "attr: pos", "within: -1"]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    """A valid file with a few random edits: delete, duplicate or swap lines, insert or cut text."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "indent", "replace"]))
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif edit == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[at].lstrip()
        text = "\n".join(lines)
        position = draw(st.integers(0, len(text)))
        if edit == "insert":
            text = text[:position] + draw(st.one_of(FRAGMENTS, st.text(max_size=4))) + text[position:]
        elif edit == "truncate":
            text = text[:position]
        elif edit == "replace" and text:
            text = text[:position] + draw(FRAGMENTS) + text[position + 1 :]
    return text


@functools.cache
def nlp():  # type: ignore[no-untyped-def]
    from scusa_lint.analysis.pipeline import load_pipeline

    return load_pipeline("it").nlp


@FUZZ
@given(mutated(PACK_TEXTS))
def test_a_mutated_pack_loads_and_compiles_or_is_a_pack_error_with_file_and_line(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            pack = load_pack(path)
            context = BuildContext(Settings(), "it", PhraseIndex(nlp().vocab))
            for spec in pack.rules:  # compiling validates spaCy patterns: errors must still name file and line
                try:
                    KINDS[spec.kind].build(spec, nlp(), context)
                except RuleUnavailable:  # a backend this machine lacks (grammar without LanguageTool): skipped
                    continue
        except PackError as error:
            assert error.path == str(path), error
            assert error.line is not None and error.line >= 1, error
            assert str(error).startswith(f"{path}:{error.line}: ")


@FUZZ
@given(mutated([CONFIG_TEXT, CONFIG_TEXT.replace("[tool.scusa-lint]\n", "")]))
def test_a_mutated_config_loads_or_is_a_config_error_with_file_and_line(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        name = "pyproject.toml" if text.lstrip().startswith("[tool.") else ".scusa-lint.toml"
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_settings(path)
        except ConfigError as error:
            assert error.path == str(path), error
            if "invalid TOML" in error.message or "unknown key" in error.message:
                assert error.line is not None and error.line >= 1, error


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_as_pack_or_config_are_loader_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "pack.yaml"
        pack.write_bytes(data)
        try:
            load_pack(pack)
        except PackError as error:
            assert error.path == str(pack)
        config = Path(folder) / ".scusa-lint.toml"
        config.write_bytes(data)
        try:
            load_settings(config)
        except ConfigError as error:
            assert error.path == str(config)


def test_deeply_nested_yaml_is_a_pack_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("rules: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    try:
        load_pack(path)
    except PackError as error:
        assert error.path == str(path)
    else:
        raise AssertionError("a pack of nested lists loaded")
