#!/usr/bin/env python3
"""Measure the offline Italian grammar checker: recall on error sentences, false alarms on correct ones.

    python scripts/grammar_accuracy.py                          # benchmarks/grammar_it.yaml
    python scripts/grammar_accuracy.py --show                   # also every miss and every false alarm
    python scripts/grammar_accuracy.py --texts DIR              # also count findings on real text files

The sentences (written for this script, in the register of customer messages) are in
benchmarks/grammar_it.yaml: ``errors`` by check, each with one error; ``correct`` with none. An
error sentence is caught when the checker reports an issue of its check; a correct sentence is a
false alarm when the checker reports anything. Each sentence is analysed by the default Italian
pipeline, as scusa-lint analyses a message (placeholders masked the same way).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=Path, default=ROOT / "benchmarks" / "grammar_it.yaml")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--texts", type=Path, help="a folder of .txt messages: print every finding to read")
    args = parser.parse_args(argv)

    from scusa_lint.analysis.morphology import analyser_for, default_lexicon
    from scusa_lint.analysis.pipeline import load_pipeline
    from scusa_lint.grammar.italian import ItalianGrammar
    from scusa_lint.masking import mask_all

    nlp = load_pipeline("it").nlp
    checker = ItalianGrammar(analyser_for(str(default_lexicon("it"))))

    def issues(text: str) -> list[tuple[str, str, str | None]]:
        masking = mask_all(text)
        doc = nlp(masking.analysis)
        skipped = [any(s < t.idx + len(t) and t.idx < e for s, e in masking.masked) for t in doc]
        return [(i.check, text[i.start : i.end], i.replacement) for i in checker.check(doc, skipped)]

    data = yaml.safe_load(args.sentences.read_text(encoding="utf-8"))
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for check, sentences in data["errors"].items():
        for sentence in sentences:
            total[check] += 1
            found = issues(sentence)
            if any(c == check for c, _, _ in found):
                caught[check] += 1
            elif args.show:
                print(f"MISS  [{check}] {sentence}  -> {found}")
    alarms = 0
    for sentence in data["correct"]:
        found = issues(sentence)
        if found:
            alarms += 1
            if args.show:
                print(f"FALSE {sentence}  -> {found}")
    print(f"{'check':14} recall")
    for check in total:
        print(f"{check:14} {caught[check] / total[check]:.2f}  ({caught[check]}/{total[check]})")
    all_caught, all_total = sum(caught.values()), sum(total.values())
    print(f"{'all':14} {all_caught / all_total:.2f}  ({all_caught}/{all_total})")
    correct = len(data["correct"])
    print(f"false alarms: {alarms}/{correct} correct sentences ({alarms / correct * 100:.1f} per 100)")
    if args.texts:
        files = sorted(args.texts.rglob("*.txt"))
        count = 0
        for path in files:
            for check, match, replacement in issues(path.read_text(encoding="utf-8")):
                count += 1
                print(f"{path}: [{check}] «{match}» -> «{replacement}»")
        print(f"{count} grammar findings in {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
