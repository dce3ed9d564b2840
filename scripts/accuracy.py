#!/usr/bin/env python3
"""Precision and recall per category of scusa-lint on labelled corpora.

Usage:
    python scripts/accuracy.py tests/corpus/it tests/corpus/en      # our own corpus
    python scripts/accuracy.py ../shared/corpus --batches 1-71,72-183 --details
                                                                    # the shared corpus, by batch
    python scripts/accuracy.py ../shared/corpus --languagetool-url http://127.0.0.1:8081
                                                                    # with LanguageTool (grammar too)

The corpus's TYPO label covers spelling and grammar: a TYPO or GRAMMAR finding meets it, and
the rows TYPO:spelling and TYPO:grammar score each category alone against the same labels (not
counted in ALL).

For each language it prints the table per category, then one line per batch (ids in the
ranges of --batches, all cases without it): micro precision, recall, and the routine
false-alarm rate, as the shared corpus scores them: a case with `kind: routine` that gets
any finding other than TYPO is a false alarm.

A corpus folder holds `labels.yaml` (schema of shared/corpus: `cases:` with `id`, `file`,
`lang`, `expect: [{category, evidence}]`, `absent: [CATEGORY]`, `borderline: [...]`).
Scoring (the same as shared/corpus): an `expect` category the linter flags is a true
positive, one it misses a false negative; an `absent` category it flags is a false
positive, one it does not flag a true negative; borderline and unlisted categories are
not scored. Only ids are printed, never case texts (third-party writing stays out of logs).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from scusa_lint import lang
from scusa_lint.linter import Linter
from scusa_lint.settings import Settings
from scusa_lint.source import Source
from scusa_lint.taxonomy import Category


def load_cases(folder: Path) -> list[dict[str, Any]]:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    cases = labels["cases"]
    for case in cases:
        case["_path"] = folder / case["file"]
        case["_corpus"] = folder.name
    return cases


def predict(cases: list[dict[str, Any]], pipeline: str, languagetool_url: str | None = None) -> dict[str, set[str]]:
    """Categories flagged per case id, linting each case in its own language (with LanguageTool if a URL is given)."""
    linters: dict[str, Linter] = {}
    predicted: dict[str, set[str]] = {}
    spelling: dict[str, Any] = {}
    if languagetool_url:
        spelling = {"spelling": "languagetool", "languagetool_url": languagetool_url, "strict": True}
    for case in cases:
        language = case.get("lang", "it")
        settings = Settings(language=language, pipeline=pipeline, **spelling)
        linter = linters.setdefault(language, Linter(settings))
        text = case["_path"].read_text(encoding="utf-8")
        source = Source.from_text(text, path=str(case["_path"]), language=language)
        result = linter.lint([source])[0]
        predicted[f"{case['_corpus']}/{case['id']}"] = {f.category.value for f in result.findings}
    return predicted


def score(cases: list[dict[str, Any]], predicted: dict[str, set[str]]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "fn_ids": [], "fp_ids": []}
    )
    for case in cases:
        key = f"{case['_corpus']}/{case['id']}"
        flagged = _as_labelled(predicted[key])
        expected = [item["category"] for item in case.get("expect") or []]
        absent = list(case.get("absent") or [])
        splits = list(SPLIT_TYPO)
        for category in [*expected, *(s for s in splits if "TYPO" in expected)]:
            row = table[category]
            if category in flagged:
                row["tp"] += 1
            else:
                row["fn"] += 1
                row["fn_ids"].append(key)
        for category in [*absent, *(s for s in splits if "TYPO" in absent)]:
            row = table[category]
            if category in flagged:
                row["fp"] += 1
                row["fp_ids"].append(key)
            else:
                row["tn"] += 1
    for row in table.values():
        row["precision"] = row["tp"] / (row["tp"] + row["fp"]) if row["tp"] + row["fp"] else None
        row["recall"] = row["tp"] / (row["tp"] + row["fn"]) if row["tp"] + row["fn"] else None
    return dict(table)


# The corpus's TYPO label covers spelling and grammar (taxonomy.md); scusa-lint reports grammar as
# GRAMMAR. A TYPO label is met by either; the rows TYPO:spelling and TYPO:grammar score each alone.
SPLIT_TYPO = {"TYPO:spelling": "TYPO", "TYPO:grammar": "GRAMMAR"}


def _as_labelled(flagged: set[str]) -> set[str]:
    """The flagged categories in the corpus's terms, plus the split TYPO rows."""
    labelled = set(flagged) - {"GRAMMAR"}
    if flagged & {"TYPO", "GRAMMAR"}:
        labelled.add("TYPO")
    labelled |= {row for row, category in SPLIT_TYPO.items() if category in flagged}
    return labelled


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def _batches(spec: str | None) -> list[tuple[str, int, int]]:
    """`1-71,72-183` -> [("001-071", 1, 71), ("072-183", 72, 183)]; none: one batch of everything."""
    if not spec:
        return [("all", 0, 10**9)]
    found = []
    for part in spec.split(","):
        low, _, high = part.partition("-")
        found.append((f"{int(low):03d}-{int(high or low):03d}", int(low), int(high or low)))
    return found


def _in(case: dict[str, Any], low: int, high: int) -> bool:
    try:
        return low <= int(case["id"]) <= high
    except (TypeError, ValueError):
        return low == 0


def summary(cases: list[dict[str, Any]], predicted: dict[str, set[str]]) -> str:
    """Micro precision and recall over every scored label, and the routine false-alarm rate."""
    table = score(cases, predicted)
    rows = [row for name, row in table.items() if name not in SPLIT_TYPO]
    tp = sum(row["tp"] for row in rows)
    fn = sum(row["fn"] for row in rows)
    fp = sum(row["fp"] for row in rows)
    routine = [c for c in cases if c.get("kind") == "routine"]
    alarms = sum(1 for c in routine if predicted[f"{c['_corpus']}/{c['id']}"] - {"TYPO", "GRAMMAR"})
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return (
        f"{len(cases)} cases: precision {_fmt(precision)}, recall {_fmt(recall)} "
        f"(TP {tp}, FN {fn}, FP {fp}), routine false alarms {alarms}/{len(routine)}"
    )


def print_table(table: dict[str, dict[str, Any]], details: bool) -> None:
    order = [c.value for c in Category if c.value in table] + sorted(set(table) - {c.value for c in Category})
    print(f"{'category':<24} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4}  {'prec':>5}  {'recall':>6}")
    totals = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for category in order:
        row = table[category]
        for key in totals:
            totals[key] += row[key] if category not in SPLIT_TYPO else 0
        print(
            f"{category:<24} {row['tp']:>4} {row['fn']:>4} {row['fp']:>4} {row['tn']:>4}  "
            f"{_fmt(row['precision']):>5}  {_fmt(row['recall']):>6}"
        )
        if details and row["fn_ids"]:
            print(f"    missed: {' '.join(row['fn_ids'])}")
        if details and row["fp_ids"]:
            print(f"    false alarms: {' '.join(row['fp_ids'])}")
    tp, fn, fp = totals["tp"], totals["fn"], totals["fp"]
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    print(f"{'ALL (micro)':<24} {tp:>4} {fn:>4} {fp:>4} {totals['tn']:>4}  {_fmt(precision):>5}  {_fmt(recall):>6}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="folders with labels.yaml")
    parser.add_argument("--lang", help="only cases in this language")
    parser.add_argument("--batches", help="id ranges scored apart, e.g. 1-71,72-183 (the shared corpus's batches)")
    parser.add_argument("--pipeline", default="default", help="spaCy pipeline (default, package or path)")
    parser.add_argument("--details", action="store_true", help="list the case ids of every miss and false alarm")
    parser.add_argument(
        "--languagetool-url", help="lint with LanguageTool at this URL (spelling merged, grammar added)"
    )
    parser.add_argument("--json", action="store_true", help="print the tables as JSON")
    args = parser.parse_args(argv)
    cases = [case for folder in args.corpora for case in load_cases(folder)]
    if args.lang:
        cases = [c for c in cases if c.get("lang", "it") == args.lang]
    languages = set(lang.codes())
    without = sorted({c.get("lang", "it") for c in cases} - languages)
    if without:
        print(f"note: no rule packs for {', '.join(without)}; those cases are left out")
        cases = [c for c in cases if c.get("lang", "it") in languages]
    predicted = predict(cases, args.pipeline, args.languagetool_url)
    output: dict[str, Any] = {}
    for language in sorted({c.get("lang", "it") for c in cases}):
        mine = [c for c in cases if c.get("lang", "it") == language]
        table = score(mine, predicted)
        lines = {name: summary(part, predicted) for name, low, high in _batches(args.batches)
                 if (part := [c for c in mine if _in(c, low, high)])}  # fmt: skip
        output[language] = {"categories": table, "batches": lines}
        if args.json:
            continue
        print(f"== {language}: {len(mine)} cases from {', '.join(str(c) for c in args.corpora)}")
        print_table(table, args.details)
        for name, line in lines.items():
            print(f"{language} {name}: {line}")
        print()
    if args.json:
        print(json.dumps(output, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
