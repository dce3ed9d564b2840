"""Configuration: the nearest config per file, the keys for template repositories, errors with file and line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from helpers import BAD, FIX_PACK, GOOD, TEST_CONFIG, TEST_RULES, codes_by_file, with_channel, write
from scusa_lint.settings import _line_of, load_settings


def test_each_file_uses_the_nearest_config(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": TEST_CONFIG + 'select = ["SCX"]\nignore = ["SCX120"]\n',
            "letters/late.txt": BAD,
            "sms/pyproject.toml": f'[project]\nname = "x"\n\n[tool.scusa-lint]\n{TEST_CONFIG}select = ["SCX101"]\n',
            "sms/late.txt": BAD,
        },
    )
    codes = codes_by_file(run_cli("letters", "sms", "--output-format", "json", cwd=tmp_path))
    assert codes == {"letters/late.txt": ["SCX101", "SCX310"], "sms/late.txt": ["SCX101"]}


def test_pyproject_without_our_table_is_skipped_on_the_way_up(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": TEST_CONFIG + 'select = ["SCX310"]\n',
            "sub/pyproject.toml": '[project]\nname = "x"\n',
            "sub/late.txt": BAD,
        },
    )
    assert codes_by_file(run_cli("sub", "--output-format", "json", cwd=tmp_path)) == {"sub/late.txt": ["SCX310"]}


def test_command_line_overrides_the_config(tmp_path: Path) -> None:
    write(tmp_path, {".scusa-lint.toml": TEST_CONFIG + 'select = ["SCX310"]\n', "late.txt": BAD})
    codes = codes_by_file(run_cli("late.txt", "--select", "SCX101", "--output-format", "json", cwd=tmp_path))
    assert codes == {"late.txt": ["SCX101"]}
    # extend-select and ignore add to the config's lists
    codes = codes_by_file(
        run_cli("late.txt", "--extend-select", "SCX120", "--ignore", "SCX310", "--output-format", "json", cwd=tmp_path)
    )
    assert codes == {"late.txt": ["SCX120"]}


def test_isolated_ignores_config_and_config_option_applies_to_all(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": TEST_CONFIG + 'select = ["SCX310"]\n',
            "other.toml": TEST_CONFIG + 'select = ["SCX101"]\n',
            "a.txt": BAD,
        },
    )
    isolated = codes_by_file(run_cli("a.txt", *TEST_RULES, "--output-format", "json", cwd=tmp_path))
    assert isolated == {"a.txt": ["SCX101", "SCX120", "SCX310"]}
    chosen = codes_by_file(run_cli("a.txt", "--config", "other.toml", "--output-format", "json", cwd=tmp_path))
    assert chosen == {"a.txt": ["SCX101"]}


def test_per_file_ignores_by_path_and_by_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": TEST_CONFIG
            + 'select = ["SCX"]\n[per-file-ignores]\n'
            + '"sms/*.txt" = ["SCX120", "SCX310"]\n"*.legacy.txt" = ["BLAME_SHIFT"]\n',
            "sms/a.txt": BAD,
            "old/b.legacy.txt": BAD,
            "c.txt": BAD,
        },
    )
    codes = codes_by_file(
        run_cli(".", "--output-format", "json", cwd=tmp_path / "sms")
    )  # globs are relative to the config
    assert codes == {"a.txt": ["SCX101"]}
    codes = codes_by_file(run_cli(".", "--output-format", "json", cwd=tmp_path))
    assert codes == {
        "c.txt": ["SCX101", "SCX120", "SCX310"],
        "old/b.legacy.txt": ["SCX120", "SCX310"],
        "sms/a.txt": ["SCX101"],
    }


def test_channels_required_and_ignore(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": TEST_CONFIG
            + 'select = ["SCX"]\n[channels.sms]\nrequired = []\n\n'
            + "[channels.chat]\nrequired = ['MISSING_PREVENTION']\nignore = ['SCX101']\n",
            "sms.txt": with_channel("sms", BAD),
            "chat.txt": with_channel("chat", BAD),
            "email.txt": with_channel("email", BAD),
        },
    )
    codes = codes_by_file(run_cli(".", "--output-format", "json", cwd=tmp_path))
    assert codes == {
        "chat.txt": ["SCX120"],  # only the listed whole-message check; SCX101 ignored for chats
        "email.txt": ["SCX101", "SCX120", "SCX310"],  # no [channels.email]: the packs' defaults
        "sms.txt": ["SCX101"],  # an SMS needs none of the MISSING_* parts
    }


def test_channel_required_overrides_the_packs_skip_channels(tmp_path: Path) -> None:
    # SCX120 skips channel `sms` in its pack; a template repository may still require a prevention plan in SMS.
    write(tmp_path, {".scusa-lint.toml": TEST_CONFIG + 'select = ["SCX"]\n', "sms.txt": with_channel("sms", BAD)})
    assert codes_by_file(run_cli("sms.txt", "--output-format", "json", cwd=tmp_path))["sms.txt"] == ["SCX101", "SCX310"]
    config = TEST_CONFIG + 'select = ["SCX"]\n[channels.sms]\nrequired = ["MISSING_PREVENTION"]\n'
    write(tmp_path, {".scusa-lint.toml": config})
    assert codes_by_file(run_cli("sms.txt", "--output-format", "json", cwd=tmp_path))["sms.txt"] == ["SCX101", "SCX120"]


def test_include_and_exclude_when_walking(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": 'include = ["*.txt", "*.tmpl"]\nexclude = ["drafts", "**/*.bak.txt"]\n',
            "a.tmpl": BAD,
            "b.txt": GOOD,
            "c.md.orig": BAD,
            "drafts/d.txt": BAD,
            "deep/e.bak.txt": BAD,
        },
    )
    files = set(codes_by_file(run_cli(".", "--output-format", "json", cwd=tmp_path)))
    assert files == {"a.tmpl", "b.txt"}
    # a file named on the command line is linted unless --force-exclude (pre-commit passes file names)
    assert set(codes_by_file(run_cli("drafts/d.txt", "--output-format", "json", cwd=tmp_path))) == {"drafts/d.txt"}
    forced = run_cli("drafts/d.txt", "b.txt", "--force-exclude", "--output-format", "json", cwd=tmp_path)
    assert set(codes_by_file(forced)) == {"b.txt"}


def test_pack_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    pack = Path(FIX_PACK)
    write(
        tmp_path,
        {
            "project/.scusa-lint.toml": 'packs = ["rules/extra.yaml"]\nselect = ["SCX"]\n',
            "project/rules/extra.yaml": pack.read_text(encoding="utf-8"),
            "project/msg.txt": "Ci scusiamo per il disguido.\n",
        },
    )
    codes = codes_by_file(run_cli("project", "--output-format", "json", cwd=tmp_path))
    assert codes == {"project/msg.txt": ["SCX901"]}


def test_unknown_top_level_key_names_file_line_and_key(tmp_path: Path) -> None:
    write(
        tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.scusa-lint]\nlanguage = "it"\nselekt = ["SC1"]\n'}
    )
    write(tmp_path, {"a.txt": GOOD})
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml:6: unknown key 'tool.scusa-lint.selekt'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_nested_key_and_bad_values_have_their_line(tmp_path: Path) -> None:
    cases = {
        "[channels.sms]\nignore = []\nrequird = ['MISSING_APOLOGY']\n": (3, "channels.sms.requird: unknown key"),
        "[channels.sms]\nrequired = ['BLAME_SHIFT']\n": (2, "'BLAME_SHIFT' is not a whole-message category"),
        'language = "it"\n[per-file-ignores]\n"sms/*" = "SC120"\n': (3, 'per-file-ignores."sms/*": expected a list'),
        'fail-on = "fatal"\n': (1, "fail-on: expected one of error, warning, info"),
        "force-exclude = 1\n": (1, "force-exclude: expected true or false"),
        "channels = { sms = { ignore = 3 } }\n": (1, "channels.sms.ignore: expected a list of strings"),
        "[channels.letter]\nignore = []\n": (1, "channels.letter: unknown message channel (known: email, sms, chat"),
    }
    write(tmp_path, {"a.txt": GOOD})
    for text, (line, message) in cases.items():
        (tmp_path / ".scusa-lint.toml").write_text(text, encoding="utf-8")
        result = run_cli("a.txt", cwd=tmp_path)
        assert result.returncode == 2, text
        assert f".scusa-lint.toml:{line}: " in result.stderr, (text, result.stderr)
        assert message in result.stderr, (text, result.stderr)


def test_unknown_selector_in_per_file_ignores_names_the_config(tmp_path: Path) -> None:
    write(tmp_path, {".scusa-lint.toml": '[per-file-ignores]\n"*.txt" = ["SC9999"]\n', "a.txt": GOOD})
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert ".scusa-lint.toml" in result.stderr and "'SC9999'" in result.stderr


def test_invalid_toml_is_exit_2_with_line(tmp_path: Path) -> None:
    write(tmp_path, {".scusa-lint.toml": 'language = "it"\nselect = [\n', "a.txt": GOOD})
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert ".scusa-lint.toml:" in result.stderr and "invalid TOML" in result.stderr


def test_config_command_shows_resolved_settings_and_their_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": 'ignore = ["SC120"]\n[channels.sms]\nrequired = ["missing_apology"]\n',
            "sms/pyproject.toml": (
                '[tool.scusa-lint]\nfail-on = "error"\n[tool.scusa-lint.per-file-ignores]\n"x.txt" = ["SC1"]\n'
            ),
        },
    )
    top = run_cli("config", cwd=tmp_path)
    assert top.returncode == 0, top.stderr
    assert f"# from: {tmp_path / '.scusa-lint.toml'}" in top.stdout
    assert 'ignore = ["SC120"]' in top.stdout and "[channels.sms]" in top.stdout
    assert 'required = ["MISSING_APOLOGY"]' in top.stdout
    sms = run_cli("config", "sms", "--output-format", "json", cwd=tmp_path)
    data = json.loads(sms.stdout)
    assert data["config"] == str(tmp_path / "sms" / "pyproject.toml")
    assert data["settings"]["fail-on"] == "error"
    assert data["settings"]["per-file-ignores"] == {"x.txt": ["SC1"]}
    assert data["settings"]["ignore"] == []  # the nearest file wins; configs are not merged
    none = run_cli("config", "--isolated", cwd=tmp_path)
    assert "# from: defaults" in none.stdout


def test_toml_output_of_config_command_reads_back_as_the_same_settings(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".scusa-lint.toml": (
                'select = ["SC1", "SC3"]\nexclude = ["drafts"]\n[per-file-ignores]\n"sms/*.txt" = ["SC120"]\n'
                "[channels.sms]\nignore = ['SC111']\nrequired = ['MISSING_APOLOGY']\n"
            )
        },
    )
    printed = run_cli("config", cwd=tmp_path).stdout
    assert "# config = (not set)" not in printed  # the source file is named in the header instead
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / ".scusa-lint.toml").write_text(printed, encoding="utf-8")
    first = load_settings(tmp_path / ".scusa-lint.toml")
    second = load_settings(tmp_path / "again" / ".scusa-lint.toml")
    assert first.to_json() | {"config": None} == second.to_json() | {"config": None}


def test_line_of_follows_tables_and_dotted_keys() -> None:
    text = (
        '[project]\nname = "x"\n\n[tool.scusa-lint]\nlanguage = "it"\n'
        '[tool.scusa-lint.channels.sms]\nignore = []\n[tool.scusa-lint.per-file-ignores]\n"a.b/*" = ["SC1"]\n'
        "[other]\nignore = 1\n"
    )
    assert _line_of(text, ("tool", "scusa-lint", "language")) == 5
    assert _line_of(text, ("tool", "scusa-lint", "channels", "sms", "ignore")) == 7
    assert _line_of(text, ("tool", "scusa-lint", "per-file-ignores", "a.b/*")) == 9
    assert _line_of(text, ("tool", "scusa-lint", "channels", "sms", "required")) == 6  # nearest written ancestor
    assert _line_of('channels.sms.ignore = ["x"]\n', ("channels", "sms", "ignore")) == 1


def test_force_exclude_from_the_config_applies_to_named_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        {".scusa-lint.toml": 'force-exclude = true\nexclude = ["drafts"]\n', "drafts/a.txt": BAD, "b.txt": BAD},
    )
    assert set(codes_by_file(run_cli("drafts/a.txt", "b.txt", "--output-format", "json", cwd=tmp_path))) == {"b.txt"}


def test_config_errors_without_traceback(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool]\nscusa-lint = 3\n", "a.txt": GOOD})
    result = run_cli("a.txt", "--config", "pyproject.toml", cwd=tmp_path)
    assert result.returncode == 2 and "[tool.scusa-lint] must be a table" in result.stderr
    missing = run_cli("config", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere: no such file or directory" in missing.stderr
    assert "Traceback" not in result.stderr + missing.stderr


def test_overrides_carry_other_fields_and_keep_none_as_not_given() -> None:
    from scusa_lint.resolver import Overrides
    from scusa_lint.settings import Settings

    base = Settings(language="en", ignore=("SC120",))
    applied = Overrides(ignore=("SC310",), other={"pipeline": "it_core_news_sm", "language": None}).apply(base)
    assert (applied.pipeline, applied.language, applied.ignore) == ("it_core_news_sm", "en", ("SC120", "SC310"))


def test_to_toml_shows_unset_values_as_comments_and_reads_back() -> None:
    import tomllib

    from scusa_lint.cli.config import to_toml

    data = {"url": None, "strict": False, "timeout": 10.0, "words": ["è", 'a"b'], "kinds": {"sms": {"ignore": []}}}
    text = to_toml(data)
    assert "# url = (not set)" in text
    assert tomllib.loads(text) == {k: v for k, v in data.items() if v is not None}
