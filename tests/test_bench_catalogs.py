"""benchmarks/catalogs.py's table: a noisy start-up must not crash the report (it did with ZeroDivisionError)."""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT


def _catalogs():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("bench_catalogs", ROOT / "benchmarks" / "catalogs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(entries: int, cold_ms: float, warm_ms: float) -> dict[str, object]:
    return {"format": ".yml", "entries": entries, "cold_s": 1.0, "warm_s": 1.0, "cold_ms": cold_ms,
            "warm_ms": warm_ms, "startup_cold_s": 1.0, "startup_warm_s": 0.5}  # fmt: skip


def test_a_start_up_slower_than_the_small_catalog_gives_no_ratio_instead_of_crashing() -> None:
    table = _catalogs().markdown([_row(100, 0.0, 0.0), _row(3000, 1.87, 0.69)])
    assert "not measured: start-up varied" in table


def test_the_ratio_and_verdict_when_both_are_measured() -> None:
    table = _catalogs().markdown([_row(100, 1.0, 0.5), _row(10_000, 1.2, 0.6)])
    assert "1.20x | 1.20x | <= 1.5x: met" in table
