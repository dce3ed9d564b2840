"""--jobs: worker processes give the same results, in the same order, as linting in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from scusa_lint import run as runs
from scusa_lint.errors import PackError
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source

TEXTS = [
    "Il ritardo è colpa del corriere. Ci scusiamo per eventuali disagi.",
    "Ci scusiamo per il ritardo: abbiamo sbagliato noi. Da oggi controlliamo ogni pacco.",
    "---\nlanguage: it\nchannel: sms\n---\nCi scusiamo, ma il sistema era lento.",
    "La preghiamo di rispondere entro venerdì. Buono valido fino al 31 marzo.",
    "",
]


def sources(count: int) -> list[Source]:
    return [Source.from_text(TEXTS[i % len(TEXTS)] * (1 + i % 3), path=f"m{i:03d}.txt") for i in range(count)]


def test_workers_give_the_same_results_in_the_same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "MIN_PER_WORKER", 1)
    batch = sources(40)
    linter = Linter(Settings())
    expected = linter.outcomes(batch)
    results, infos = runs._lint_in_workers(Settings(), batch, jobs=3)
    assert results == expected
    assert infos == linter.infos({o.language for o in expected})


def test_a_user_error_in_a_worker_keeps_its_file_and_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(runs, "MIN_PER_WORKER", 1)
    pack = tmp_path / "rotto.yaml"
    pack.write_text(
        "pack: {name: rotto, language: it, title: t, source: s}\nrules:\n- code: XX100\n  name: bad-pattern\n"
        "  category: COLD_TONE\n  level: info\n  kind: pattern\n  patterns: [[{NONSENSE: 1}]]\n  message: m\n"
        "  description: d\n  source: s\n  examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as caught:
        runs._lint_in_workers(Settings(packs=(str(pack),)), sources(4), jobs=2)
    assert caught.value.path == str(pack) and caught.value.line is not None


def test_small_batches_stay_in_this_process() -> None:
    assert runs.effective_jobs(2, 100) == 1
    assert runs.effective_jobs(2, 2 * runs.MIN_PER_WORKER) == 2
    assert runs.effective_jobs(8, 3 * runs.MIN_PER_WORKER) == 3
    chunks = runs.chunks(sources(10), 3)
    assert [s.path for chunk in chunks for s in chunk] == [s.path for s in sources(10)]
