"""How one run's messages get linted: from the result cache, in this process, or in worker processes.

    sources -> cache hits (no spaCy) + misses -> lint misses (here or --jobs workers) -> store -> results

Results always come back in the order of the sources, whatever the mix of hits and
misses and whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scusa_lint.batch import LanguageInfo, language_info
from scusa_lint.cache import ResultCache, default_cache_dir
from scusa_lint.errors import InputError, ScusaError
from scusa_lint.linter import FileResult, Linter
from scusa_lint.parallel import lint_parallel
from scusa_lint.settings import Settings
from scusa_lint.source import Source

# spaCy's own default limit (Language.max_length): one message this long is a book, not an apology.
MAX_MESSAGE_CHARS = 1_000_000


@dataclass(frozen=True)
class RunOptions:
    """How to run, not what to find: none of these changes a result.

    cache: use the result cache (the CLI's default; off with --no-cache).
    cache_dir: where (default: see cache.default_cache_dir).
    jobs: worker processes (1: this process; 0: one per CPU).
    """

    cache: bool = False
    cache_dir: str | None = None
    jobs: int = 1


@dataclass
class Outcome:
    """Results in source order, what ran per language, and notices about the run itself."""

    results: list[FileResult]
    infos: dict[str, LanguageInfo]
    notices: list[str]
    errors: list[InputError] = field(default_factory=list)


def lint_sources(sources: Sequence[Source], settings: Settings, options: RunOptions) -> Outcome:
    """Lint every source, taking what it can from the cache and storing what it had to compute.

    A message longer than MAX_MESSAGE_CHARS is an input error, not a crash or a memory blow-up.
    """
    with relaxed_gc():
        return _lint_sources(sources, settings, options)


@contextlib.contextmanager
def relaxed_gc() -> Iterator[None]:
    """Collect cycles less often while a batch builds many long-lived small objects (results, cache entries).

    With the default thresholds, Python's full collections walk every live object again and again
    as results pile up: on 10,000 messages that tripled the time to encode and decode the cache.
    Nothing in a run depends on prompt cycle collection; the thresholds are restored afterwards.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], 50_000), max(previous[1], 20), max(previous[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _lint_sources(sources: Sequence[Source], settings: Settings, options: RunOptions) -> Outcome:
    errors = [too_long(s) for s in sources if len(s.text) > MAX_MESSAGE_CHARS]
    if errors:
        sources = [s for s in sources if len(s.text) <= MAX_MESSAGE_CHARS]
    cache: ResultCache | None = None
    if options.cache and sources:
        folder = Path(options.cache_dir) if options.cache_dir else default_cache_dir(settings)
        cache = ResultCache.open(folder, settings)
    results: list[FileResult | None] = [None] * len(sources)
    keys: list[str] = []
    if cache is not None:
        keys = [cache.key(source) for source in sources]
        for index, key in enumerate(keys):
            results[index] = cache.get(key)
    misses = [index for index, result in enumerate(results) if result is None]
    infos: dict[str, LanguageInfo] = {}
    if misses:
        fresh: Sequence[FileResult | None]
        try:
            fresh, infos = lint_parallel([sources[i] for i in misses], settings, options.jobs)
        except ScusaError:
            raise
        except Exception:  # a bug on some message: find it, report it, lint the others
            fresh, infos = lint_one_by_one([sources[i] for i in misses], settings, errors)
        # A language whose rules reported a notice (a backend down, a fallback taken) ran degraded:
        # its results are not stored, so that the next run tries again.
        degraded = {language for language, info in infos.items() if info.notices}
        for index, result in zip(misses, fresh, strict=True):
            results[index] = result
            if cache is not None and result is not None and result.language not in degraded:
                cache.put(keys[index], result)
        if cache is not None:
            for info in infos.values():
                if info.language not in degraded:
                    cache.put_info(info)
    done = [r for r in results if r is not None]
    linter: Linter | None = None
    for language in sorted({r.language for r in done} - set(infos)):
        stored = cache.get_info(language) if cache is not None else None
        if stored is None:  # an entry lost since the results were stored: build the rules to know
            linter = linter or Linter(settings)
            stored = language_info(linter, language)
            if cache is not None:
                cache.put_info(stored)
        infos[language] = stored
    if cache is not None:
        cache.save()
    notices = list(cache.notices) if cache is not None else []
    for result in done:
        notices.extend(n for n in result.notices if n not in notices)
    return Outcome(done, dict(sorted(infos.items())), notices, errors)


def lint_one_by_one(
    sources: Sequence[Source], settings: Settings, errors: list[InputError]
) -> tuple[list[FileResult | None], dict[str, LanguageInfo]]:
    """Lint each message alone, so that one that breaks a rule becomes an error of its own (None) and the
    others are still linted. Only used after a batch failed: it is slower."""
    linter = Linter(settings)
    results: list[FileResult | None] = []
    for source in sources:
        try:
            results.append(linter.lint([source])[0])
        except ScusaError:
            raise
        except Exception as exc:
            results.append(None)
            errors.append(
                InputError(f"internal error while linting ({type(exc).__name__}: {exc}); please report it", source.path)
            )
    languages = sorted({r.language for r in results if r is not None})
    return results, {language: language_info(linter, language) for language in languages}


def too_long(source: Source) -> InputError:
    return InputError(
        f"too long to lint as one message ({len(source.text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}): "
        "split it into messages",
        source.path,
    )
