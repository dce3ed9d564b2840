"""The result cache: same output warm as cold, no spaCy on a warm run, invalidation, atomic and concurrent writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from scusa_lint import codec
from scusa_lint.cache import ResultCache, clean
from scusa_lint.finding import Outcome, Suggestion, TextFinding
from scusa_lint.settings import Settings
from scusa_lint.source import Source
from scusa_lint.structure import Structure
from scusa_lint.taxonomy import Category, Level

BAD = "Gentile cliente,\n\nil ritardo è colpa del corriere. Ci scusiamo per eventuali disagi.\n"
GOOD = "Ci scusiamo per il ritardo: abbiamo sbagliato noi. Da oggi controlliamo ogni pacco due volte.\n"

# Runs the CLI in this interpreter and reports whether spaCy got imported.
PROBE = """
import sys
from scusa_lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print("SPACY-IMPORTED" if "spacy" in sys.modules else "SPACY-NOT-IMPORTED", code, file=sys.stderr)
"""


def probe(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "testi"
    folder.mkdir()
    for index in range(6):
        (folder / f"m{index}.txt").write_text(BAD if index % 2 else GOOD, encoding="utf-8")
    return folder


def test_warm_run_prints_the_same_and_never_imports_spacy(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    args = (str(folder), "--output-format", "json", "--cache-dir", str(tmp_path / "cache"), "--isolated")
    cold = probe(*args, cwd=tmp_path)
    assert "SPACY-IMPORTED 1" in cold.stderr, cold.stderr
    warm = probe(*args, cwd=tmp_path)
    assert "SPACY-NOT-IMPORTED 1" in warm.stderr, warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    # Skipped rules and the pipeline are still reported on the warm run.
    report = json.loads(warm.stdout)
    assert report["pipelines"]["it"].startswith("spacy.blank('it')")
    assert report["summary"]["rules_run"] > 0
    full = probe(str(folder), "--cache-dir", str(tmp_path / "cache"), "--isolated", "--verbose", cwd=tmp_path)
    assert "SPACY-NOT-IMPORTED" in full.stderr and "colpa del corriere" in full.stdout


def test_a_changed_file_or_pack_is_linted_again(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    cache = str(tmp_path / "cache")
    first = json.loads(run_cli(str(folder), "--output-format", "json", "--cache-dir", cache).stdout)
    (folder / "m0.txt").write_text(BAD, encoding="utf-8")
    second = json.loads(run_cli(str(folder), "--output-format", "json", "--cache-dir", cache).stdout)
    assert first["files"][0]["findings"] == [] or "SC101" not in str(first["files"][0]["findings"])
    assert "SC101" in str(second["files"][0]["findings"])
    pack = tmp_path / "extra.yaml"
    pack.write_text(EXTRA_PACK.format(phrase="ritardo"), encoding="utf-8")
    lint = ("--output-format", "json", "--cache-dir", cache, "--pack", str(pack))
    with_pack = json.loads(run_cli(str(folder), *lint).stdout)
    assert "XX777" in str(with_pack["files"][1]["findings"])
    pack.write_text(EXTRA_PACK.format(phrase="qualcosa che non c'è"), encoding="utf-8")
    edited = json.loads(run_cli(str(folder), *lint).stdout)
    assert "XX777" not in str(edited["files"][1]["findings"])


EXTRA_PACK = """\
pack: {{name: extra, language: it, title: Extra, source: test}}
rules:
- code: XX777
  name: extra-phrase
  category: COLD_TONE
  level: warning
  kind: phrase
  phrases: ["{phrase}"]
  message: "Trovato"
  description: "Per i test della cache."
  source: test
  examples:
    bad: ["{phrase}"]
    good: ["niente"]
"""


def test_corrupt_entries_are_misses_and_an_unwritable_cache_is_a_notice(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    cache = tmp_path / "cache"
    expected = json.loads(run_cli(str(folder), "--output-format", "json", "--cache-dir", str(cache)).stdout)
    (segment,) = list(cache.rglob("segment-*.json"))
    stored = json.loads(segment.read_text(encoding="utf-8"))
    assert len(stored["entries"]) == 6 and "it" in stored["infos"]
    garbage = ["{", "[]", '{"$c": "os:system", "f": {}}', '{"$c": "scusa_lint.finding:Finding"}', {"$c": ["x"]}, 3]
    stored["entries"] = {key: garbage[n % len(garbage)] for n, key in enumerate(stored["entries"])}
    segment.write_text(json.dumps(stored), encoding="utf-8")
    (segment.parent / "segment-0-broken.json").write_text("{", encoding="utf-8")
    again = json.loads(run_cli(str(folder), "--output-format", "json", "--cache-dir", str(cache)).stdout)
    assert again["files"] == expected["files"]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli(str(folder), "--output-format", "json", "--cache-dir", str(blocker / "cache"))
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == expected["files"]
    assert any("cache disabled" in n for n in report["notices"])


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    cache = str(tmp_path / "cache")
    command = [sys.executable, "-m", "scusa_lint", str(folder), "--output-format", "json", "--cache-dir", cache]
    env = {**os.environ, "NO_COLOR": "1"}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(3)]
    outputs = [run.communicate(timeout=300) for run in runs]
    reports = [json.loads(out) for out, _ in outputs]
    assert all(b"Traceback" not in err for _, err in outputs)
    assert reports[0]["files"] == reports[1]["files"] == reports[2]["files"]
    assert not list(Path(cache).rglob(".tmp-*"))  # no temporary file left behind
    assert 1 <= len(list(Path(cache).rglob("segment-*.json"))) <= 3
    warm = json.loads(run_cli(str(folder), "--output-format", "json", "--cache-dir", cache).stdout)
    assert warm["files"] == reports[0]["files"]


def test_clean_removes_the_cache_and_refuses_other_folders(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    run_cli(str(folder), "--isolated", cwd=tmp_path)
    assert (tmp_path / ".scusa-lint-cache" / "CACHEDIR.TAG").is_file()
    result = run_cli("clean", "--isolated", cwd=tmp_path)
    assert result.returncode == 0 and "removed" in result.stdout
    assert not (tmp_path / ".scusa-lint-cache").exists()
    assert "no cache" in run_cli("clean", "--isolated", cwd=tmp_path).stdout
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("x", encoding="utf-8")
    refused = run_cli("clean", "--cache-dir", str(precious), cwd=tmp_path)
    assert refused.returncode == 2 and (precious / "keep.txt").exists()
    with pytest.raises(OSError):
        clean(precious)


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    run_cli(str(folder), "--no-cache", "--isolated", cwd=tmp_path)
    assert not (tmp_path / ".scusa-lint-cache").exists()


def test_environment_variable_chooses_the_folder(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    run_cli(str(folder), "--isolated", cwd=tmp_path, env={"SCUSA_LINT_CACHE_DIR": str(tmp_path / "altrove")})
    assert (tmp_path / "altrove" / "CACHEDIR.TAG").is_file()


def test_codec_round_trips_a_result_and_refuses_foreign_classes() -> None:
    finding = TextFinding(
        code="SC101",
        name="blame-on-others",
        category=Category.BLAME_SHIFT,
        level=Level.ERROR,
        message="m",
        start=3,
        end=9,
        suggestions=(Suggestion("s", "r"),),
        pack="p",
        context=("la colpa", 3, 8),
    )
    result = Outcome("it", "p", (finding,), Structure({"apology": "present"}, 70), ("n",))
    encoded = json.loads(json.dumps(codec.encode(result)))
    assert codec.decode(encoded) == result
    assert codec.decode(encoded).findings[0].context == ("la colpa", 3, 8)
    for hostile in ({"$c": "os:system", "f": {}}, {"$e": "subprocess:Popen", "v": 1}, {"$x": 1}):
        with pytest.raises(codec.CodecError):
            codec.decode(hostile)


def test_keys_change_with_the_message_and_the_settings(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path, Settings())
    other = ResultCache.open(tmp_path, Settings(ignore=("SC101",)))
    assert cache is not None and other is not None
    one = Source.from_text("Ci scusiamo.", path="a.txt")
    assert cache.key(one) == cache.key(Source.from_text("Ci scusiamo.", path="a.txt"))
    assert cache.key(one) != cache.key(Source.from_text("Ci scusiamo!", path="a.txt"))
    assert cache.key(one) != cache.key(Source.from_text("Ci scusiamo.", path="b.txt"))
    assert cache.key(one) != other.key(one)
    assert ResultCache.open(tmp_path, Settings(packs=(str(tmp_path / "missing.yaml"),))) is None


def test_files_named_in_settings_and_registered_parts_are_part_of_the_key(tmp_path: Path) -> None:
    from scusa_lint import cache as cache_module

    words = tmp_path / "vocabolario.txt"
    words.write_text("Rossi\n", encoding="utf-8")
    settings = Settings(vocabulary=str(words))
    source = Source.from_text("Ci scusiamo.", path="a.txt")
    before = ResultCache.open(tmp_path, settings)
    words.write_text("Rossi\nBianchi\n", encoding="utf-8")
    after = ResultCache.open(tmp_path, settings)
    assert before is not None and after is not None and before.key(source) != after.key(source)
    versions = iter(["LanguageTool 6.4", "LanguageTool 6.5"])
    cache_module.register_key_part("test-backend", lambda _settings: next(versions))
    try:
        first, second = ResultCache.open(tmp_path, settings), ResultCache.open(tmp_path, settings)
    finally:
        cache_module.KEY_PARTS.pop("test-backend")
    assert first is not None and second is not None and first.key(source) != second.key(source)


def test_results_of_a_run_with_rule_notices_are_not_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice from building the rules (a backend unreachable, a fallback) means degraded results: not cached."""
    from dataclasses import replace

    from scusa_lint.linter import RuleSet
    from scusa_lint.run import RunOptions, run

    real = RuleSet.info
    monkeypatch.setattr(
        RuleSet,
        "info",
        lambda self: replace(real(self), notices=("spelling via LanguageTool skipped: server unreachable",)),
    )
    draft = tmp_path / "a.txt"
    draft.write_text(BAD, encoding="utf-8")
    options = RunOptions(cache=True, cache_dir=str(tmp_path / "cache"))
    report = run([str(draft)], Settings(), options=options)
    assert any("server unreachable" in notice for notice in report.notices)
    assert not list((tmp_path / "cache").rglob("segment-*.json"))
    monkeypatch.setattr(RuleSet, "info", real)
    run([str(draft)], Settings(), options=options)
    assert len(list((tmp_path / "cache").rglob("segment-*.json"))) == 1
