"""Where the time of a cold run goes: each phase of `scusa-lint DIR` timed on its own, in one process.

    python benchmarks/phases.py benchmarks/out/corpus-1000

The phases follow the run, through the Linter's own stages: CLI imports, finding and reading
the files, importing spaCy, loading simplemma's Italian dictionary, building the pipeline,
loading packs and compiling rules, nlp.pipe, running the rules, placing findings in their
files, encoding and writing the cache, and printing the findings in the concise and full
formats. The first four are the same for one draft and for ten thousand; the others grow with
the number of messages.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    phases: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def done(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases.append((name, now - clock))
        clock = now

    import scusa_lint.cli  # noqa: F401  (click, rich, the commands)

    done("CLI imports (click, rich, scusa_lint)")
    from scusa_lint.inputs import collect, read_sources
    from scusa_lint.run import relaxed_gc

    files, _ = collect([str(args.folder)])
    sources = [source for item in files for source in read_sources(item, None)]
    done(f"find and read {len(sources)} files")
    import spacy  # noqa: F401

    done("import spaCy")
    import simplemma

    simplemma.lemmatize("scusiamo", lang="it")
    done("load simplemma's Italian dictionary")
    from scusa_lint.analysis.pipeline import load_pipeline

    pipeline = load_pipeline("it", "default")
    done("build the blank Italian pipeline")
    from scusa_lint.finding import Outcome
    from scusa_lint.linter import Linter, find, structure_of
    from scusa_lint.settings import Settings

    linter = Linter(Settings())
    ruleset = linter.ruleset("it")
    done(f"load packs, compile {len(ruleset.rules)} rules")
    with relaxed_gc():
        docs = list(linter.analyse("it", sources))  # the Linter's own stages, one at a time
        done("nlp.pipe (tokenizer, sentences, lemmas)")
        outcomes = []
        for doc, source in zip(docs, sources, strict=True):
            findings, notices = find(ruleset.rules, doc, source, linter.scope)
            structure = structure_of(ruleset.rules, doc, source, findings, linter.scope)
            outcomes.append(Outcome("it", pipeline.description, findings, structure, notices))
        done("run the rules")
        results = linter.place(sources, outcomes, {"it": ruleset.info()})
        done("place findings in their files, apply suppressions")
        from scusa_lint.cache import ResultCache

        with tempfile.TemporaryDirectory() as folder:
            cache = ResultCache.open(Path(folder), Settings())
            assert cache is not None
            for source, outcome in zip(sources, outcomes, strict=True):
                cache.put(cache.key(source), outcome)
            cache.save()
        done("encode and write the cache")
    from scusa_lint.console import make_console
    from scusa_lint.output import EMITTERS, EmitOptions
    from scusa_lint.report import Report

    report = Report(results=results, pipelines={"it": pipeline.description}, rules_run=len(ruleset.rules))
    for output_format in ("concise", "full"):
        console = make_console("never")
        console.file = io.StringIO()
        EMITTERS[output_format](report, console, EmitOptions(fail_on=Settings().fail_on, statistics=False,
                                                             verbose=False, quiet=False))  # fmt: skip
        done(f"print findings ({output_format})")
    total = sum(seconds for _, seconds in phases)
    width = max(len(name) for name, _ in phases)
    for name, seconds in phases:
        print(f"{name:<{width}}  {seconds:6.3f} s  {100 * seconds / total:5.1f}%")
    print(f"{'total':<{width}}  {total:6.3f} s", file=sys.stdout)


if __name__ == "__main__":
    main()
