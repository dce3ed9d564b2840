"""One lint run, from the paths on the command line to a Report: read, cache, lint (here or in workers), fix.

    paths -> collect and read (readers) -> batches of Sources that share settings
          -> per batch: cache hits (no spaCy) + misses linted here or in --jobs workers -> store
          -> place findings in their files, apply suppressions -> Report
          -> with --fix: write the fixes, then the same run again, until nothing is left to fix

This module owns the run; the Linter owns linting. Results always come back in input order,
whatever the mix of hits and misses and whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scusa_lint import errors, keys, languages
from scusa_lint.cache import ResultCache, default_cache_dir, parsed_files
from scusa_lint.cache import run_key as cache_run_key
from scusa_lint.catalogs import SkippedFile
from scusa_lint.errors import InputError, ScusaError
from scusa_lint.finding import LanguageInfo, MessageResult, Outcome
from scusa_lint.inputs import STDIN, InputFile, collect, read_sources
from scusa_lint.linter import Linter
from scusa_lint.report import Report
from scusa_lint.resolver import SettingsResolver
from scusa_lint.settings import Settings
from scusa_lint.source import Source

if TYPE_CHECKING:
    from scusa_lint.remote import Remote

# Below this many messages per worker, a worker's start-up (spaCy import, simplemma's dictionary,
# the pipeline: about 1 s of CPU) costs more than it saves: linting takes about 0.4 ms a message.
MIN_PER_WORKER = 2500
MAX_FIX_PASSES = 10
# Messages placed at a time (see _whole_files).
PLACE_CHUNK = 1000
# Catalogs whose keys name their values (messages or metadata): `messages` and `ignore-keys` apply.
KEYED_SUFFIXES = frozenset({".yaml", ".yml", ".json"})


@dataclass(frozen=True)
class RunOptions:
    """How to run. Only `fix` and `unsafe_fixes` change anything on disk; none changes what is found.

    cache: use the result cache (the CLI's default; off with --no-cache).
    cache_dir: where (default: see cache.default_cache_dir).
    jobs: worker processes (1: this process; 0: one per CPU).
    server: the URL of a running `scusa-lint serve` that lints the cache misses (remote.py); whatever
        it does not lint is linted here, and the report says so.
    fix: apply the safe fixes (and with unsafe_fixes the unsafe ones too), then lint again.
    """

    cache: bool = False
    cache_dir: str | None = None
    jobs: int = 1
    server: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False


def run(
    paths: Sequence[str],
    settings: Settings | SettingsResolver,
    stdin_filename: str | None = None,
    options: RunOptions | None = None,
) -> Report:
    """Lint `paths` (and fix them with options.fix). Per-file problems go into report.errors; config errors raise.

    settings: one Settings for every file, or a SettingsResolver (the nearest config per file).
    """
    options = options or RunOptions()
    resolver = SettingsResolver.of(settings)
    fixed = _Fixed()
    for _ in range(MAX_FIX_PASSES + 1):
        report = Report()
        remote = _remote(options.server)
        places: list[MessageResult | None] = []
        with relaxed_gc():
            for batch in _batches(paths, resolver, stdin_filename, report, places):
                folder = _cache_folder(batch.settings, options)
                linter = Linter(batch.settings, parsed=parsed_files(folder) if folder is not None else None)
                lookup = _Lookup.open(linter, batch.sources, folder, report)
                missed = lookup.missed()
                if missed:
                    lookup.store(*_lint(linter, missed, options, report, remote, lookup))
                for index, result in zip(batch.places, lookup.results(), strict=True):
                    places[index] = result
                _add_infos(report, linter, lookup.infos)
        report.results = [r for r in places if r is not None]
        report.notices.extend(n for r in report.results for n in r.notices if n not in report.notices)
        report.notices.extend(remote.notices() if remote is not None else ())
        if not options.fix or not fixed.apply(report, options):
            break
    fixed.report(report, options)
    return report


@dataclass
class _Batch:
    """Messages that share one Settings, and their places in the run's results."""

    settings: Settings
    places: list[int]
    sources: list[Source]


class _Lookup:
    """One batch's way through the cache: what was found there, what had to be linted, what to store."""

    def __init__(self, linter: Linter, sources: list[Source], cache: ResultCache | None, report: Report) -> None:
        self.linter, self.sources, self.cache, self.report = linter, sources, cache, report
        self.keys = [cache.key(source) for source in sources] if cache is not None else []
        self.outcomes: list[Outcome | None] = (
            [cache.get(key) for key in self.keys] if cache is not None else [None] * len(sources)
        )
        self.misses = [index for index, outcome in enumerate(self.outcomes) if outcome is None]
        self.infos: dict[str, LanguageInfo] = {}

    @classmethod
    def open(cls, linter: Linter, sources: list[Source], folder: Path | None, report: Report) -> _Lookup:
        """The lookup of a batch in the cache at `folder` (None: no cache)."""
        cache = ResultCache.open(folder, linter.settings) if folder is not None and sources else None
        return cls(linter, sources, cache, report)

    def missed(self) -> list[Source]:
        """The messages the cache did not have."""
        return [self.sources[i] for i in self.misses]

    def store(self, fresh: Sequence[Outcome | None], infos: dict[str, LanguageInfo]) -> None:
        """Take what was linted; keep it in the cache unless its language ran degraded.

        A language whose rules reported a notice (a backend down, a fallback taken) ran degraded:
        its results are not stored, so that the next run tries again. Saying which backend ran
        ("spelling via LanguageTool 6.8 at ...") is not a degradation.
        """
        from scusa_lint.spelling import degrades

        self.infos.update(infos)
        degraded = {language for language, info in infos.items() if any(degrades(n) for n in info.notices)}
        for index, outcome in zip(self.misses, fresh, strict=True):
            self.outcomes[index] = outcome
            if self.cache is not None and outcome is not None and outcome.language not in degraded:
                self.cache.put(self.keys[index], outcome)
        if self.cache is not None:
            for info in infos.values():
                if info.language not in degraded:
                    self.cache.put_info(info)

    def results(self) -> list[MessageResult | None]:
        """The batch's results in order, placed in their files with suppressions applied (None: no outcome).

        A message that broke a rule has no outcome and no result (its error is in the report).
        """
        for language in sorted({o.language for o in self.outcomes if o is not None} - set(self.infos)):
            stored = self.cache.get_info(language) if self.cache is not None else None
            if stored is None:  # an entry lost since the results were stored: build the rules to know
                stored = self.linter.ruleset(language).info()
                if self.cache is not None:
                    self.cache.put_info(stored)
            self.infos[language] = stored
        if self.cache is not None:
            self.cache.save()
            self.report.notices.extend(n for n in self.cache.notices if n not in self.report.notices)
            self.cache = None  # its entries (the JSON of every result) are not needed while placing
        results: list[MessageResult | None] = [None] * len(self.sources)
        for chunk in _whole_files(self.sources, [i for i, o in enumerate(self.outcomes) if o is not None]):
            outcomes = [outcome for i in chunk if (outcome := self.outcomes[i]) is not None]
            placed = self.linter.place([self.sources[i] for i in chunk], outcomes, self.infos)
            for index, result in zip(chunk, placed, strict=True):
                results[index] = result
                self.outcomes[index] = None  # placed: the result holds what the output needs
        return results


def _whole_files(sources: Sequence[Source], indices: list[int]) -> Iterator[list[int]]:
    """`indices` in chunks of about PLACE_CHUNK messages, each holding all of its files' messages.

    Placing applies a file's suppressions over all of its messages, so a file is never split; placed
    chunk by chunk, a large run holds the outcomes and the placed results of one chunk at a time,
    not of every message at once.
    """
    by_file: dict[str, list[int]] = {}
    for index in indices:
        by_file.setdefault(sources[index].path, []).append(index)
    chunk: list[int] = []
    for file_indices in by_file.values():
        chunk.extend(file_indices)
        if len(chunk) >= PLACE_CHUNK:
            yield sorted(chunk)
            chunk = []
    if chunk:
        yield sorted(chunk)


def _cache_folder(settings: Settings, options: RunOptions) -> Path | None:
    """The result cache's folder for a batch, or None when the run has no cache."""
    if not options.cache:
        return None
    return Path(options.cache_dir) if options.cache_dir else default_cache_dir(settings)


def _remote(url: str | None) -> Remote | None:
    """The run's server, if one is configured (its client, with urllib, is imported only then)."""
    if not url:
        return None
    from scusa_lint.remote import Remote

    return Remote.at(url)


def _lint(
    linter: Linter, missed: list[Source], options: RunOptions, report: Report, remote: Remote | None, lookup: _Lookup
) -> tuple[list[Outcome | None], dict[str, LanguageInfo]]:
    """The outcomes of a batch's cache misses, in order: from the server when one is configured, and here
    (in this process or in --jobs workers) for those it did not lint."""
    fresh: list[Outcome | None] = []
    infos: dict[str, LanguageInfo] = {}
    if remote is not None:
        key = lookup.cache.run_key if lookup.cache is not None else cache_run_key(linter.settings)
        served, infos = remote.outcomes(linter.settings, key, missed)
        fresh.extend(served)
        missed = missed[len(served) :]
    if not missed:
        return fresh, infos
    if effective_jobs(options.jobs, len(missed)) <= 1:
        try:
            here = list(linter.outcomes(missed))
            local: tuple[list[Outcome | None], dict[str, LanguageInfo]] = (
                list(here),
                linter.infos(sorted({o.language for o in here})),
            )
        except ScusaError:
            raise
        except Exception:  # a bug on some message: find it, report it, lint the others
            local = _lint_one_by_one(linter, missed, report)
    else:
        local = _lint_in_workers(linter.settings, missed, options.jobs)
    return [*fresh, *local[0]], {**local[1], **infos}


def _add_infos(report: Report, linter: Linter, infos: dict[str, LanguageInfo]) -> None:
    """What ran for each language of a batch: pipelines, skipped rules, notices, and the rules themselves."""
    known = {spec.code for spec in report.rules}
    for language, info in sorted(infos.items()):
        report.pipelines[language] = info.pipeline
        report.skipped.extend(s for s in info.skipped if s not in report.skipped)
        report.notices.extend(n for n in info.notices if n not in report.notices)
        skipped = {s.code for s in info.skipped}
        for spec in linter.registry.select(language, linter.settings):
            if spec.code not in skipped and spec.code not in known:
                report.rules.append(spec)
                known.add(spec.code)
    report.rules_run = len(report.rules)


def _batches(
    paths: Sequence[str],
    resolver: SettingsResolver,
    stdin_filename: str | None,
    report: Report,
    results: list[MessageResult | None],
) -> Iterator[_Batch]:
    """Read every input; yield the messages that share one Settings, with their places in `results`.

    A file that cannot be read is an error of its own (the others are still linted); so is a
    message too long to lint, which keeps no place.
    """
    files, collect_errors = collect(paths, stdin_filename, resolver, report.skipped_files)
    report.errors.extend(collect_errors)
    groups: dict[int, _Batch] = {}
    for item in files:
        item_settings = resolver.for_path(_settings_path(item))
        try:
            read = read_sources(item, None, item_settings.file_limit)
        except ScusaError as error:
            report.errors.append(error)
            continue
        except Exception as exc:  # a reader bug must not stop the other files: report it as this file's error
            report.errors.append(
                InputError(f"cannot read ({type(exc).__name__}: {exc}); please report this", item.shown)
            )
            continue
        group = groups.setdefault(id(item_settings), _Batch(item_settings, [], []))
        if Path(item.shown).suffix.lower() in KEYED_SUFFIXES:
            ignored = (*item_settings.ignore_keys, *item_settings.extend_ignore_keys)
            messages = [s for s in read if keys.is_message(s.key, item_settings.messages, ignored)]
            report.ignored_keys += len(read) - len(messages)
            read = messages
        read = languages.assign(read, item.shown, item_settings)
        unknown = [s for s in read if s.language is not None and s.language not in languages.known()]
        if unknown:
            first = unknown[0]
            report.skipped_files.append(
                SkippedFile(
                    item.shown,
                    f"language {first.language} ({first.language_from}): scusa-lint has no rules for it"
                    + (f" ({len(unknown)} of {len(read)} messages)" if len(unknown) < len(read) else ""),
                )
            )
            dropped = {id(s) for s in unknown}
            read = [s for s in read if id(s) not in dropped]
        for source in read:
            report.notices.extend(n for n in source.notices if n not in report.notices)
            if len(source.text) > item_settings.message_limit:
                report.errors.append(_too_long(source, item_settings.message_limit))
                continue
            group.places.append(len(results))
            group.sources.append(source)
            results.append(None)
    yield from groups.values()


def _settings_path(item: InputFile) -> str:
    """Where to look for the config of an input: stdin uses --stdin-filename's folder when given."""
    return item.shown if item.path == STDIN and item.shown != STDIN else item.path


def _lint_in_workers(
    settings: Settings, sources: list[Source], jobs: int
) -> tuple[list[Outcome | None], dict[str, LanguageInfo]]:
    """Lint a large batch in worker processes: the same outcomes, in the same order, as in this process.

    Each worker builds its own pipeline and rules (spaCy objects do not cross processes), so a
    worker costs a spaCy import and a pipeline build before it lints anything: it pays off only
    for large batches (see MIN_PER_WORKER). Workers are started with "spawn", which is safe on
    every platform and with threads. The sources are cut into contiguous chunks of about the same
    amount of text, so putting the outcomes back in order is a concatenation.
    """
    parts = chunks(sources, effective_jobs(jobs, len(sources)))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(parts), mp_context=context) as pool:
        answers = list(pool.map(_lint_chunk, parts, [settings] * len(parts)))
    results: list[Outcome | None] = []
    infos: dict[str, LanguageInfo] = {}
    for answer in answers:
        if answer[0] == "error":
            raise _rebuild_error(answer[1])
        chunk_outcomes, chunk_infos = answer[1]
        results.extend(chunk_outcomes)
        for language, info in chunk_infos.items():
            infos.setdefault(language, info)
    return results, infos


def _lint_one_by_one(
    linter: Linter, sources: Sequence[Source], report: Report
) -> tuple[list[Outcome | None], dict[str, LanguageInfo]]:
    """Lint each message alone, so that one that breaks a rule becomes an error of its own (None) and the
    others are still linted. Only used after a batch failed: it is slower."""
    results: list[Outcome | None] = []
    for source in sources:
        try:
            results.append(linter.outcomes([source])[0])
        except ScusaError:
            raise
        except Exception as exc:
            results.append(None)
            report.errors.append(
                InputError(f"internal error while linting ({type(exc).__name__}: {exc}); please report it", source.path)
            )
    return results, linter.infos(sorted({o.language for o in results if o is not None}))


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


def _lint_chunk(chunk: list[Source], settings: Settings) -> tuple[str, Any]:
    """Worker body. A user error comes back as data: exceptions with extra fields do not unpickle."""
    try:
        with relaxed_gc():
            linter = Linter(settings)
            outcomes = linter.outcomes(chunk)
            return "ok", (outcomes, linter.infos(sorted({o.language for o in outcomes})))
    except ScusaError as error:
        return "error", (type(error).__name__, error.message, error.path, error.line)


def _rebuild_error(data: tuple[str, str, str | None, int | None]) -> ScusaError:
    name, message, path, line = data
    cls = getattr(errors, name, ScusaError)
    if not (isinstance(cls, type) and issubclass(cls, ScusaError)):
        cls = ScusaError
    return cls(message, path, line)


@contextlib.contextmanager
def relaxed_gc() -> Iterator[None]:
    """Collect cycles less often while a run builds many long-lived small objects (results, cache entries).

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


def _too_long(source: Source, limit: int) -> InputError:
    where = f" (key {source.key})" if source.key else ""
    return InputError(
        f"too long to lint as one message{where} ({len(source.text):,} characters; the limit is {limit:,}, "
        "max-message-length): split it into messages",
        source.path,
        source.position(0).line if source.key else None,
    )


@dataclass
class _Fixed:
    """What --fix has done so far in a run: every pass writes the fixes, and the run lints again."""

    count: int = 0
    files: set[str] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)

    def apply(self, report: Report, options: RunOptions) -> bool:
        """Write the fixes the report offers; whether another pass must lint again (something was written)."""
        from scusa_lint import fixes

        plans = fixes.plan(report, options.unsafe_fixes, self.notices)
        written = fixes.write(plans, self.notices) if plans else []
        self.count += sum(len(p.edits) for p in written)
        self.files.update(p.path for p in written)
        return bool(written)

    def report(self, report: Report, options: RunOptions) -> None:
        """Say what was fixed, and what more could be (ruff's wording)."""
        if not options.fix:
            return
        from scusa_lint import fixes

        report.notices.extend(dict.fromkeys(self.notices))
        if self.count:
            count, files = self.count, len(self.files)
            report.notices.append(
                f"fixed {count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
            )
        if not options.unsafe_fixes and (left := fixes.fixable_count(report, unsafe=True)):
            report.notices.append(f"{left} more fix{'es' if left != 1 else ''} available with --unsafe-fixes")
