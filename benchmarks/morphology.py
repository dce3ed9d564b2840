"""What the lexicon analysis (and the Italian grammar checker) cost: the same messages, with and without.

    python benchmarks/morphology.py                 # 1,000 benchmark messages, median of 3
    python benchmarks/morphology.py --messages 200 --repeat 5

Times, in one process after a warm-up: loading the lexicon file; ``nlp.pipe`` of the default
Italian pipeline without the ``scusa_morphology`` component (what the pipeline was before it) and
with it; and the grammar checker alone on the analysed documents. Messages come from
benchmarks/corpus.py (about 110 words each, written for the benchmark, seeded).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _median(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from corpus import make_message
    from scusa_lint.analysis import lexicon
    from scusa_lint.analysis.morphology import default_lexicon
    from scusa_lint.analysis.pipeline import load_pipeline

    rng = random.Random(args.seed)
    texts = [make_message(rng) for _ in range(args.messages)]
    words = sum(len(text.split()) for text in texts)
    path = default_lexicon("it")
    load = _median(args.repeat, lambda: lexicon.Lexicon(path.read_bytes()))
    nlp = load_pipeline("it").nlp
    list(nlp.pipe(texts[:50]))
    with_lexicon = _median(args.repeat, lambda: list(nlp.pipe(texts)))
    with nlp.select_pipes(disable=["scusa_morphology"]):
        list(nlp.pipe(texts[:50]))
        without = _median(args.repeat, lambda: list(nlp.pipe(texts)))
    print(f"{args.messages} messages, {words:,} words; median of {args.repeat}")
    print(f"lexicon load ({path.name}, {path.stat().st_size / 1e6:.2f} MB): {load * 1000:.0f} ms")
    print(f"nlp.pipe without the lexicon analysis: {without:.2f} s ({without / args.messages * 1000:.2f} ms/message)")
    print(
        f"nlp.pipe with the lexicon analysis:    {with_lexicon:.2f} s "
        f"({with_lexicon / args.messages * 1000:.2f} ms/message, +{(with_lexicon / without - 1) * 100:.0f}%)"
    )
    from scusa_lint.analysis.morphology import analyser_for
    from scusa_lint.grammar.italian import ItalianGrammar

    docs = list(nlp.pipe(texts))
    checker = ItalianGrammar(analyser_for(str(path)))
    grammar = _median(args.repeat, lambda: [checker.check(doc) for doc in docs])
    per = grammar / args.messages * 1000
    print(f"grammar checker on the analysed documents: {grammar:.2f} s ({per:.2f} ms/message)")


if __name__ == "__main__":
    main()
