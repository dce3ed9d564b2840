"""What the offline Italian grammar checker costs: a cold run with and without it, and the checker alone.

    python benchmarks/grammar_cost.py                       # 1,000 generated messages, 5 rounds
    python benchmarks/grammar_cost.py --messages 1000 --repeat 3 --texts DIR

Each round runs `scusa-lint check DIR --no-cache --isolated` twice as subprocesses, once as is and
once with `--ignore GRAMMAR` (the grammar rules are not built, so the checker never runs), in
alternating order; the medians of wall and CPU time (user + sys, from wait4) and their ratio are
printed. The CPU ratio is the steadier figure on a shared machine. Then the checker alone: every
message analysed once by the Italian pipeline, and ItalianGrammar.check timed over the analysed
documents (milliseconds per message, and the issues it found).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from processes import SCUSA, timed  # noqa: E402

from corpus import build  # noqa: E402


def checker_alone(paths: list[Path]) -> tuple[float, int]:
    """(ms per message for ItalianGrammar.check on analysed documents, issues found)."""
    from scusa_lint.analysis.morphology import analyser_for, default_lexicon
    from scusa_lint.analysis.pipeline import load_pipeline
    from scusa_lint.grammar.italian import ItalianGrammar
    from scusa_lint.linter import unwrap
    from scusa_lint.masking import mask_all

    nlp = load_pipeline("it").nlp
    checker = ItalianGrammar(analyser_for(str(default_lexicon("it"))))
    maskings = [mask_all(unwrap(p.read_text(encoding="utf-8"))) for p in paths]
    docs = list(nlp.pipe([m.analysis for m in maskings], batch_size=64))
    skips = [
        [any(s < t.idx + len(t) and t.idx < e for s, e in m.masked) for t in doc]
        for m, doc in zip(maskings, docs, strict=True)
    ]
    started = time.perf_counter()
    found = sum(len(checker.check(doc, skip)) for doc, skip in zip(docs, skips, strict=True))
    return (time.perf_counter() - started) * 1000 / max(1, len(docs)), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--texts", type=Path, help="a folder of .txt messages instead of generated ones")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "grammar-cost")
    args = parser.parse_args()
    if args.texts:
        folder = args.texts
        paths = sorted(folder.rglob("*.txt"))
    else:
        folder = args.out
        paths = build(folder, args.messages)
    runs: dict[str, list[tuple[float, float]]] = {"with GRAMMAR": [], "--ignore GRAMMAR": []}
    base = [*SCUSA, "check", str(folder), "--no-cache", "--isolated", "--exit-zero"]
    commands = {"with GRAMMAR": base, "--ignore GRAMMAR": [*base, "--ignore", "GRAMMAR"]}
    for round_ in range(args.repeat):
        order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
        for name in order:
            wall, cpu, _, _ = timed(commands[name], HERE.parent)
            runs[name].append((wall, cpu))
    print(f"{len(paths)} messages, {args.repeat} rounds (medians)")
    medians = {}
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        medians[name] = (wall, cpu)
        spread = ", ".join(f"{v[1]:.2f}" for v in values)
        print(f"{name:18} wall {wall:6.2f} s  cpu {cpu:6.2f} s  (cpu per round: {spread})")
    (wall_on, cpu_on), (wall_off, cpu_off) = medians["with GRAMMAR"], medians["--ignore GRAMMAR"]
    print(f"ratio with/without: wall {wall_on / wall_off:.3f}, cpu {cpu_on / cpu_off:.3f}")
    per_message, found = checker_alone(paths)
    print(f"checker alone: {per_message:.2f} ms per message on analysed documents, {found} issues")


if __name__ == "__main__":
    main()
