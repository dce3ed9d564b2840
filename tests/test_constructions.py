"""Named constructions are data with their own examples, and a block's `use` resolves them at load.

For every language with a constructions.yaml, every construction's `match` sentences must match
(as the linter analyses them, negated and quoted hits excluded like any block's) and its
`no_match` sentences must not. A pack that uses an unknown construction, or a broken
construction file, is an error naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import analysed
from scusa_lint import lang
from scusa_lint.constructions import Construction, constructions_of
from scusa_lint.engine.blocks import Matcher, PatternBlock
from scusa_lint.engine.phrases import PhraseIndex
from scusa_lint.errors import PackError
from scusa_lint.linter import Linter
from scusa_lint.registry import load_pack
from scusa_lint.settings import Settings
from scusa_lint.source import Source

CASES = [(code, item) for code in lang.codes() for item in constructions_of(code).values()]


def _found(code: str, construction: Construction, text: str) -> list[str]:
    ruleset, doc = analysed(code, text)
    nlp = ruleset.pipeline.nlp
    block = PatternBlock(patterns=construction.patterns, path=construction.path, line=construction.line)
    matcher = Matcher(nlp, block, PhraseIndex(nlp.vocab), ruleset.classes, ruleset.scopes)
    return [text[hit.start : hit.end] for hit in matcher.find(doc)]


def test_the_shipped_languages_have_constructions() -> None:
    assert constructions_of("it"), "Italian ships constructions.yaml"


@pytest.mark.parametrize(("code", "construction"), CASES, ids=[f"{c}-{k.name}" for c, k in CASES])
def test_construction_examples(code: str, construction: Construction) -> None:
    for text in construction.match:
        assert _found(code, construction, text), f"{construction.name}: no match in {text!r}"
    for text in construction.no_match:
        found = _found(code, construction, text)
        assert not found, f"{construction.name}: matched {found} in {text!r}"


def test_a_block_that_uses_a_construction_gets_its_patterns_at_load() -> None:
    pack = load_pack(str(lang.get("it").packs[0].parent / "scuse-vere.yaml"))
    rule = next(r for r in pack.rules if r.code == "SC304")
    owned = constructions_of("it")["fault_owned"].patterns
    (unless,) = [block for block in rule.blocks() if block.scope == "sentence"]
    assert unless.use == () and all(pattern in unless.patterns for pattern in owned)


def _pack(tmp_path: Path, use: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(
        "pack: {name: prova, language: it, title: Prova, source: test}\n"
        "rules:\n"
        "- code: ZZ101\n"
        "  name: courier-blamed\n"
        "  category: BLAME_SHIFT\n"
        "  level: warning\n"
        "  kind: pattern\n"
        "  patterns: [[{LEMMA: corriere}]]\n"
        "  unless:\n"
        "    scope: sentence\n"
        f"    use: [{use}]\n"
        "  message: Colpa al corriere.\n"
        "  description: Prova.\n"
        "  source: test\n"
        "  examples:\n"
        "    bad: [Il corriere è in ritardo.]\n"
        "    good: [Il corriere è in ritardo per un nostro errore.]\n",
        encoding="utf-8",
    )
    return path


def test_an_unknown_construction_names_the_pack_and_line(tmp_path: Path) -> None:
    path = _pack(tmp_path, "fault_owed")
    with pytest.raises(PackError) as caught:
        load_pack(str(path))
    assert caught.value.path == str(path) and caught.value.line == 9  # the block that uses it
    assert "unknown construction 'fault_owed'" in caught.value.message and "fault_owned" in caught.value.message


def test_a_known_construction_works_as_an_exception(tmp_path: Path) -> None:
    pack = load_pack(str(_pack(tmp_path, "fault_owned")))
    (rule,) = pack.rules
    linter = Linter(Settings(language="it", packs=(str(tmp_path / "pack.yaml"),), select=("ZZ101",)))
    blamed = linter.lint([Source.from_text("Il corriere è in ritardo.", language="it")])
    owned = linter.lint([Source.from_text("Il corriere è in ritardo per un nostro errore.", language="it")])
    assert rule.code == "ZZ101"
    assert [f.code for r in blamed for f in r.findings] == ["ZZ101"]
    assert [f.code for r in owned for f in r.findings] == []


def test_a_broken_construction_file_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "zz"
    (folder / "rules").mkdir(parents=True)
    (folder / "language.toml").write_text('code = "zz"\nspacy = "xx"\nlemmatizer = "none"\n', encoding="utf-8")
    (folder / "constructions.yaml").write_text(
        "owned:\n  description: ours\n  pattern: [[{LOWER: ours}]]\n", encoding="utf-8"
    )
    monkeypatch.setenv(lang.ENV_LANGUAGES, str(tmp_path))
    with pytest.raises(PackError) as caught:
        constructions_of("zz")
    assert caught.value.path == str(folder / "constructions.yaml") and caught.value.line == 3
    assert "unknown key 'pattern'" in caught.value.message
