"""Parses of rule packs kept beside the result cache (yamllines.ParseCache): the same tree, lines included."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from conftest import run_cli
from scusa_lint import lang, yamllines
from scusa_lint.cache import parsed_files
from scusa_lint.errors import PackError

PACK = """pack: {name: mine, language: it, title: Mine, source: "the team's own rules"}
rules:
- code: XX101
  name: excuse-opening
  category: BLAME_SHIFT
  level: warning
  kind: phrase
  attr: lower
  phrases: ["purtroppo il corriere"]
  message: "«{match}» apre una giustificazione."
  description: A sentence opened by «purtroppo il corriere» excuses before it owns.
  source: the team's style guide
  examples:
    bad: ["Purtroppo il corriere ha tardato."]
    good: ["Abbiamo sbagliato noi a spedire tardi."]
"""


def same_tree(a: Any, b: Any) -> bool:
    """Equal values, and equal lines for every mapping and key (what PackErrors are located by)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, yamllines.LineDict):
        return (
            a.line == b.line
            and a.key_lines == b.key_lines
            and list(a) == list(b)
            and all(same_tree(a[k], b[k]) for k in a)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same_tree(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_a_kept_parse_is_the_tree_parsing_gives_with_its_lines(tmp_path: Path) -> None:
    cache = yamllines.ParseCache(tmp_path / "parsed")
    packs = [str(p) for language in lang.languages().values() for p in language.packs]
    fresh = [yamllines.read(path, "rule pack") for path in packs]
    stored = [yamllines.read(path, "rule pack", cache) for path in packs]  # parsed, then kept
    kept = [yamllines.read(path, "rule pack", cache) for path in packs]  # read back from JSON
    assert len(list((tmp_path / "parsed").glob("*.json"))) == len(packs)
    assert all(same_tree(a, b) and same_tree(a, c) for a, b, c in zip(fresh, stored, kept, strict=True))


def test_edited_bytes_are_parsed_again_and_a_broken_file_is_never_kept(tmp_path: Path) -> None:
    cache = yamllines.ParseCache(tmp_path / "parsed")
    path = tmp_path / "pack.yaml"
    path.write_text("a: 1\nb: [x, y]\n", encoding="utf-8")
    assert yamllines.read(str(path), parsed=cache) == {"a": 1, "b": ["x", "y"]}
    path.write_text("a: 2\n", encoding="utf-8")
    assert yamllines.read(str(path), parsed=cache) == {"a": 2}
    path.write_text("a: 2\na: 3\n", encoding="utf-8")
    for _ in range(2):  # the second read must not find a kept parse either
        try:
            yamllines.read(str(path), parsed=cache)
        except PackError as exc:
            assert exc.line == 2 and "duplicate key" in exc.message
        else:
            raise AssertionError("a duplicate key must stay an error")
    assert len(list((tmp_path / "parsed").glob("*.json"))) == 2


def test_what_json_cannot_give_back_is_not_kept_and_a_corrupt_parse_is_parsed_again(tmp_path: Path) -> None:
    cache = yamllines.ParseCache(tmp_path / "parsed")
    path = tmp_path / "dated.yaml"
    path.write_text("when: 2026-12-04\n1: one\n", encoding="utf-8")
    assert yamllines.read(str(path), parsed=cache) == {"when": datetime.date(2026, 12, 4), 1: "one"}
    assert not (tmp_path / "parsed").exists() or not list((tmp_path / "parsed").glob("*.json"))
    plain = tmp_path / "plain.yaml"
    plain.write_text("k: v\n", encoding="utf-8")
    yamllines.read(str(plain), parsed=cache)
    (kept,) = (tmp_path / "parsed").glob("*.json")
    kept.write_text('{"$": [1, [], [["k", "tampered"]]', encoding="utf-8")  # truncated JSON
    assert yamllines.read(str(plain), parsed=cache) == {"k": "v"}


def test_an_unwritable_folder_only_means_parsing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    path = tmp_path / "pack.yaml"
    path.write_text("k: v\n", encoding="utf-8")
    assert yamllines.read(str(path), parsed=yamllines.ParseCache(blocker / "parsed")) == {"k": "v"}


def test_a_run_with_the_cache_keeps_the_packs_parses_and_finds_the_same(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Purtroppo il corriere è partito tardi. Ci scusiamo.\n", encoding="utf-8")
    args = ["draft.txt", "--isolated", "--pack", "mine.yaml", "--output-format", "json", "--exit-zero"]
    cold = run_cli(*args, "--cache-dir", "cache", cwd=tmp_path)
    parsed = parsed_files(tmp_path / "cache").folder
    assert len(list(parsed.glob("*.json"))) >= len(lang.common_packs()) + 1  # the shipped ones and mine
    warm = run_cli(*args, "--cache-dir", "cache", cwd=tmp_path)
    bare = run_cli(*args, "--no-cache", cwd=tmp_path)
    assert "XX101" in cold.stdout
    assert cold.stdout == warm.stdout == bare.stdout
