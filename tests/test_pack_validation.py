"""Loading validates the whole pack: every mistake is an error naming file and line (exit code 2)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import run_cli
from scusa_lint.errors import PackError
from scusa_lint.registry import Registry, load_pack

VALID_RULE = """\
- code: XX101
  name: test-rule
  category: BLAME_SHIFT
  level: error
  kind: phrase
  phrases: ["colpa del corriere"]
  message: "Colpa del corriere"
  description: "Per i test."
  source: "001, consiglio 7"
  examples:
    bad: ["È colpa del corriere."]
    good: ["È colpa nostra."]
"""

HEADER = """\
pack:
  name: test-pack
  language: it
  title: Test
  source: test
rules:
"""


def write_pack(tmp_path: Path, rules: str, header: str = HEADER) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(header + textwrap.dedent(rules), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if needle in line)


def test_valid_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path, VALID_RULE))
    assert [r.code for r in pack.rules] == ["XX101"]
    assert pack.rules[0].problem_sign  # a blame presupposes a problem (roles.py, step 7)
    quiet = load_pack(
        write_pack(tmp_path, VALID_RULE.replace("  kind: phrase\n", "  kind: phrase\n  problem_sign: false\n"))
    )
    assert not quiet.rules[0].problem_sign


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (("  kind: phrase\n", "  kind: phrase\n  colour: red\n"), "colour:", "unknown key 'colour'"),
        (("category: BLAME_SHIFT", "category: BLAME_SHIFTING"), "category:", "unknown category"),
        (("level: error", "level: fatal"), "level:", "unknown level"),
        (("kind: phrase", "kind: magic"), "kind:", "unknown rule kind"),
        (("code: XX101", "code: xx-1"), "code: xx-1", "rule code"),
        (("name: test-rule", "name: no-test"), "name: no-test", "kebab-case"),
        (('    good: ["È colpa nostra."]\n', ""), "examples:", "good"),
        (("  kind: phrase\n", "  kind: phrase\n  problem_sign: maybe\n"), "problem_sign:", "true or false"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, change: tuple[str, str], needle: str, message: str) -> None:
    path = write_pack(tmp_path, VALID_RULE.replace(*change))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert message in caught.value.message
    assert caught.value.path == str(path)
    assert caught.value.line == line_of(path, needle)


def test_bad_regex_names_its_line(tmp_path: Path) -> None:
    rule = VALID_RULE.replace("  kind: phrase\n", "  kind: regex\n").replace(
        '  phrases: ["colpa del corriere"]\n', '  regex: ["colpa (del"]\n'
    )
    path = write_pack(tmp_path, rule)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert "invalid regular expression" in caught.value.message and caught.value.line is not None


def test_duplicate_code_across_packs(tmp_path: Path) -> None:
    first = write_pack(tmp_path, VALID_RULE)
    second = tmp_path / "second.yaml"
    second.write_text(first.read_text().replace("name: test-rule", "name: other-rule"), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        Registry([load_pack(first), load_pack(second)])
    assert "duplicate rule code 'XX101'" in caught.value.message
    assert caught.value.path == str(second)


def test_duplicate_yaml_key_and_syntax_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, VALID_RULE.replace("  level: error\n", "  level: error\n  level: warning\n"))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert "duplicate key 'level'" in caught.value.message and caught.value.line == line_of(path, "level: warning")
    path.write_text(HEADER + "- code: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert "invalid YAML" in caught.value.message and caught.value.line is not None


def test_example_span_must_be_in_the_text(tmp_path: Path) -> None:
    rule = VALID_RULE.replace(
        'bad: ["È colpa del corriere."]', 'bad: [{text: "È colpa del corriere.", span: "vettore"}]'
    )
    with pytest.raises(PackError, match="not part of the example"):
        load_pack(write_pack(tmp_path, rule))


def test_broken_pack_on_the_command_line_gives_file_line_and_exit_2(tmp_path: Path) -> None:
    path = write_pack(tmp_path, VALID_RULE.replace("category: BLAME_SHIFT", "category: NOPE"))
    draft = tmp_path / "bozza.txt"
    draft.write_text("Ci scusiamo per il ritardo.", encoding="utf-8")
    result = run_cli(str(draft), "--pack", str(path))
    assert result.returncode == 2
    assert f"{path}:{line_of(path, 'category:')}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_spacy_pattern_is_reported_with_file_and_line(tmp_path: Path) -> None:
    rule = VALID_RULE.replace("  kind: phrase\n", "  kind: pattern\n").replace(
        '  phrases: ["colpa del corriere"]\n', '  patterns: [[{LOWERX: "colpa"}]]\n'
    )
    path = write_pack(tmp_path, rule)
    draft = tmp_path / "bozza.txt"
    draft.write_text("È colpa del corriere.", encoding="utf-8")
    result = run_cli(str(draft), "--pack", str(path))
    assert result.returncode == 2
    assert f"{path}:{line_of(path, 'patterns:')}:" in result.stderr and "invalid spaCy pattern" in result.stderr


def test_extra_pack_rules_run(tmp_path: Path) -> None:
    path = write_pack(tmp_path, VALID_RULE)
    draft = tmp_path / "bozza.txt"
    draft.write_text("Il ritardo è colpa del corriere.", encoding="utf-8")
    result = run_cli(str(draft), "--pack", str(path), "--select", "XX101", "--output-format", "concise")
    assert result.returncode == 1 and "XX101" in result.stdout


def test_shipped_packs_are_valid_and_codes_unique() -> None:
    registry = Registry.load()
    assert {"it", "en"} <= {rule.language for rule in registry.all_rules()}


def test_rules_explain_and_check_reject_the_same_pack(tmp_path: Path) -> None:
    """A mistake only a kind's own options reveal (a delay rule's max_days) fails every command alike."""
    rule = (
        VALID_RULE.replace("  kind: phrase\n", "  kind: delay\n  from: incident\n  to: sent\n  max_days: sette\n")
        .replace('  phrases: ["colpa del corriere"]\n', "")
        .replace("category: BLAME_SHIFT", "category: SLOW_RESPONSE")
    )
    path = write_pack(tmp_path, rule)
    draft = tmp_path / "bozza.txt"
    draft.write_text("Ci scusiamo per il ritardo.", encoding="utf-8")
    where = f"{path}:{line_of(path, 'max_days:')}: `max_days` must be a whole number"
    for command in (
        ("rules", "--pack", str(path)),
        ("explain", "XX101", "--pack", str(path)),
        (str(draft), "--pack", str(path)),
    ):
        result = run_cli(*command)
        assert result.returncode == 2, (command, result.stdout)
        assert where in result.stderr, (command, result.stderr)


def test_every_regular_expression_of_the_shipped_packs_compiles() -> None:
    """Shipped packs skip the compile at load (rules compile them when built): this test is their validation,
    also for rules that cannot be built here (a trained pipeline, LanguageTool)."""
    import regex
    import yaml

    from scusa_lint import lang

    def blocks(node: object) -> list[dict[str, object]]:
        if isinstance(node, dict):
            found = [node] if isinstance(node.get("regex"), list) else []
            return found + [b for value in node.values() for b in blocks(value)]
        if isinstance(node, list):
            return [b for item in node for b in blocks(item)]
        return []

    paths = [p for language in lang.languages().values() for p in language.packs] + list(lang.common_packs())
    compiled = 0
    for path in paths:
        for block in blocks(yaml.safe_load(Path(path).read_text(encoding="utf-8"))):
            flags = 0 if block.get("case_sensitive") else regex.IGNORECASE
            for expression in block["regex"]:  # type: ignore[union-attr]
                regex.compile(expression, flags)
                compiled += 1
    assert compiled > 100
