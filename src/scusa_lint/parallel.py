"""`--jobs N`: lint large batches in worker processes, with results in input order whatever N is.

Each worker builds its own pipeline and rules (spaCy objects do not cross processes), so a
worker costs a spaCy import and a pipeline build (about a second) before it lints anything:
it pays off only for large batches. Small batches, or N = 1, are linted in this process.
Workers are started with "spawn", which is safe on every platform and with threads.
The sources are cut into N contiguous chunks of about the same amount of text, so putting
the results back in order is a concatenation.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from scusa_lint import errors
from scusa_lint.batch import LanguageInfo, lint_here
from scusa_lint.errors import ScusaError
from scusa_lint.linter import FileResult
from scusa_lint.settings import Settings
from scusa_lint.source import Source

# Below this many messages per worker, a worker's start-up (spaCy import, simplemma's dictionary,
# the pipeline: about 1 s of CPU) costs more than it saves: linting takes about 0.4 ms a message.
MIN_PER_WORKER = 2500

Outcome = tuple[list[FileResult], dict[str, LanguageInfo]]


def effective_jobs(requested: int, count: int) -> int:
    """How many workers to use for `count` messages (0 or less: one per CPU)."""
    jobs = requested if requested > 0 else (os.cpu_count() or 1)
    return max(1, min(jobs, count // MIN_PER_WORKER))


def chunks(sources: Sequence[Source], parts: int) -> list[list[Source]]:
    """Cut sources into `parts` contiguous chunks of about equal text length (none empty)."""
    total = sum(len(s.text) for s in sources) or 1
    result: list[list[Source]] = [[] for _ in range(parts)]
    done = 0
    for source in sources:
        index = min(parts - 1, done * parts // total)
        result[index].append(source)
        done += len(source.text)
    return [chunk for chunk in result if chunk]


def lint_parallel(sources: Sequence[Source], settings: Settings, jobs: int) -> Outcome:
    """Lint `sources` with up to `jobs` worker processes; same results, same order as lint_here."""
    workers = effective_jobs(jobs, len(sources))
    if workers <= 1:
        return lint_here(sources, settings)
    parts = chunks(sources, workers)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(parts), mp_context=context) as pool:
        outcomes = list(pool.map(_lint_chunk, parts, [settings] * len(parts)))
    results: list[FileResult] = []
    infos: dict[str, LanguageInfo] = {}
    for outcome in outcomes:
        if outcome[0] == "error":
            raise _rebuild_error(outcome[1])
        chunk_results, chunk_infos = outcome[1]
        results.extend(chunk_results)
        for language, info in chunk_infos.items():
            infos.setdefault(language, info)
    return results, dict(sorted(infos.items()))


def _lint_chunk(chunk: list[Source], settings: Settings) -> tuple[str, Any]:
    """Worker body. A user error comes back as data: exceptions with extra fields do not unpickle."""
    from scusa_lint.execution import relaxed_gc

    try:
        with relaxed_gc():
            return "ok", lint_here(chunk, settings)
    except ScusaError as error:
        return "error", (type(error).__name__, error.message, error.path, error.line)


def _rebuild_error(data: tuple[str, str, str | None, int | None]) -> ScusaError:
    name, message, path, line = data
    cls = getattr(errors, name, ScusaError)
    if not (isinstance(cls, type) and issubclass(cls, ScusaError)):
        cls = ScusaError
    return cls(message, path, line)
