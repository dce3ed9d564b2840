"""The wheel ships the rule packs: build it, install it apart from the source tree, lint a file."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    (found,) = out.glob("scusa_lint-*.whl")
    return found


def test_wheel_contains_packs_licence_and_notice(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    packs = [n for n in names if "/rules/" in n and n.endswith(".yaml")]
    assert any(n.startswith("scusa_lint/lang/it/rules/") for n in packs), names
    assert any(n.startswith("scusa_lint/lang/en/rules/") for n in packs), names
    assert any(n.startswith("scusa_lint/rules/") for n in packs), names  # the language-neutral packs
    assert "scusa_lint/lang/it/language.toml" in names and "scusa_lint/lang/it/dictionaries/it_IT.dic" in names
    assert any(n.endswith("licenses/LICENSE") for n in names) and any(n.endswith("licenses/NOTICE") for n in names)
    for page_file in ("index.html", "page.js", "page.css"):  # `scusa-lint serve` serves its page from the package
        assert f"scusa_lint/serve/static/{page_file}" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "scusa-lint = scusa_lint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_lints_a_file_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    draft = tmp_path / "bozza.txt"
    draft.write_text("Il ritardo è colpa del corriere.", encoding="utf-8")
    # Only the installed copy is importable: the source tree's src/ is not on the path.
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    check = [sys.executable, "-c", "import scusa_lint, sys; print(scusa_lint.__file__)"]
    where = subprocess.run(check, capture_output=True, text=True, cwd=tmp_path, env=env, check=True).stdout
    assert where.startswith(str(target))
    result = subprocess.run(
        [sys.executable, "-m", "scusa_lint", str(draft), "--output-format", "concise"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "SC101" in result.stdout
