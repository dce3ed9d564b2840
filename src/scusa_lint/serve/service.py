"""Linting for the server: long-lived linters in a bounded pool of worker threads, with a time limit.

The packs, the spaCy pipelines, the dictionaries and the compiled rules are built once per worker
when the server starts (:meth:`LintService.warm`), so a request pays only for its own text
(about 5-10 ms for a 120-word draft). Each worker thread owns its Linter: nothing mutable is
shared between threads. The pool is bounded twice: `workers` threads lint, at most `queue` more
requests wait, and any further request is refused at once (Busy, a 503) rather than piling up.

Batches of a CLI run (POST /scusa/v1/outcomes, remote.py) are linted in the same pool, under the
same bounds and time limit, with the settings the client sends: each worker keeps the Linters of
the last few distinct settings (BATCH_LINTERS), so the packs and rules of a repository's config are
built once, not per request. A Linter is kept under the run key computed when it was built: after
a pack is edited, the key differs and a new Linter is built, never an old one reused.

A request that runs past its time limit is answered with TimedOut (a 503) while its worker
finishes in the background (a thread cannot be stopped; the pack regexes have their own time
limit, so it does finish); it keeps its place in the bound until then, so a flood of slow texts
cannot grow the pool.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from scusa_lint.serve.detect import Detected, detect

if TYPE_CHECKING:
    from scusa_lint.finding import LanguageInfo, MessageResult, Outcome
    from scusa_lint.lang import Language
    from scusa_lint.linter import Linter
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source

T = TypeVar("T")
# Linters kept per worker for the distinct settings of batch requests (each holds its compiled rules).
BATCH_LINTERS = 4

# Short texts in each language, linted by every worker at start-up so that nothing is built on a request.
_WARM_UP = {
    "it": "Gentile cliente, ci scusiamo per il ritardo della consegna.",
    "en": "Dear customer, we are sorry that your parcel arrived late.",
}


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """Linting took longer than the per-request limit."""


class BadBatch(Exception):
    """A batch request that does not decode to a run key, settings and sources: a 400."""


class OtherRules(Exception):
    """A batch's client would get results of other rules (its run key or working folder differ): a 409."""


class LintService:
    """Lints one text at a time per worker with Linters built once; awaited from the event loop.

    settings: the settings every request is linted with (the config found where the server starts).
    workers: threads that lint; queue: requests allowed to wait for one; timeout: seconds per request.
    """

    def __init__(self, settings: Settings, workers: int = 1, queue: int = 16, timeout: float = 10.0) -> None:
        from scusa_lint import lang

        self.settings = settings
        self.workers = max(1, workers)
        self.queue = max(0, queue)
        self.timeout = timeout
        self.languages: dict[str, Language] = lang.languages()
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="scusa-lint-worker")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._running = 0
        self.run_key = _run_key(settings)

    def default_language(self) -> str:
        """The language of texts whose language cannot be told (the settings' `language`)."""
        return self.settings.language if self.settings.language in self.languages else next(iter(self.languages))

    def warm(self) -> None:
        """Build every worker's linter and rules for every language, and load language detection."""
        barrier = threading.Barrier(self.workers)

        def build() -> None:
            barrier.wait(timeout=600)  # one warm-up per thread: each waits until all threads hold one
            for code in self.languages:
                self._lint(_WARM_UP.get(code, "Test."), code, None)
            self._detect(_WARM_UP["it"])

        for future in [self._pool.submit(build) for _ in range(self.workers)]:
            future.result()

    def _linter(self) -> Linter:
        linter: Linter | None = getattr(self._local, "linter", None)
        if linter is None:
            from scusa_lint.linter import Linter

            linter = Linter(self.settings)
            self._local.linter = linter
        return linter

    def _detect(self, text: str) -> Detected:
        return detect(text, list(self.languages), self.default_language())

    def _lint(self, text: str, language: str | None, channel: str | None) -> tuple[MessageResult, Detected]:
        """In a worker: detect the language if asked (None), then lint the text as one message."""
        from scusa_lint.source import Source

        detected = self._detect(text) if language is None else Detected(language, 1.0)
        source = Source.from_text(text, path="<request>", language=detected.code)
        if channel is not None:
            source = replace(source, channel=channel, meta={**source.meta, "channel": channel})
        return self._linter().lint([source])[0], detected

    async def lint(self, text: str, language: str | None, channel: str | None = None) -> tuple[MessageResult, Detected]:
        """The result for one text in `language` (None: detect it), and the language used.

        Raises Busy when the pool and its queue are full, TimedOut past the time limit; errors of
        the text itself (a malformed front matter) come through as ScusaError.
        """
        return await self._submit(self._lint, text, language, channel)

    async def batch(self, body: bytes) -> bytes:
        """The answer to a CLI run's batch (remote.py's request body): its messages' Outcomes and the infos of
        their languages, as `Linter(settings).outcomes(sources)` and `.infos` compute them in that run.

        Decoding, linting and encoding all happen in a worker (a batch of 500 messages is megabytes of
        JSON: not for the event loop). Raises BadBatch for a body that is no such request, OtherRules
        when this server would lint with other rules than the client's run; Busy and TimedOut as :meth:`lint`.
        """
        return await self._submit(self._batch, body)

    def _batch(self, body: bytes) -> bytes:
        import json

        from scusa_lint import remote

        try:
            run_key, cwd, settings, sources = remote.decode_request(json.loads(body))
        except (ValueError, RecursionError) as exc:
            raise BadBatch(f"not a batch request: {exc}") from exc
        found, infos = self._outcomes(run_key, cwd, settings, sources)
        return remote.encode_answer(found, infos)

    def _outcomes(
        self, run_key: str, cwd: str, settings: Settings, sources: Sequence[Source]
    ) -> tuple[list[Outcome], dict[str, LanguageInfo]]:
        """Check that the client's run key is this server's for the same settings, then lint.

        The key is computed here for every batch (it reads the packs: about 10 ms), so a pack edited
        since the server started is seen; a working folder other than the server's is refused, since
        relative paths and globs in the settings would name other files.
        """
        if os.path.realpath(cwd) != os.path.realpath(os.getcwd()):
            raise OtherRules(f"the server runs in {os.getcwd()}, this run in {cwd}: start it where you run checks")
        current = _run_key(settings)
        if current is None or current != run_key:
            from scusa_lint import __version__

            raise OtherRules(
                f"the server (scusa-lint {__version__} in {sys.prefix}) would lint with other rules than this run: "
                "its install, Python, backends, packs or dictionaries differ; start it from the install that checks"
            )
        linter = self._batch_linter(current, settings)
        found = linter.outcomes(sources)
        return found, linter.infos(sorted({o.language for o in found}))

    def _batch_linter(self, run_key: str, settings: Settings) -> Linter:
        """This worker's Linter for a run key: the warmed one for the server's own settings, else one of the
        last BATCH_LINTERS built."""
        if run_key == self.run_key:
            return self._linter()
        kept: OrderedDict[str, Linter] | None = getattr(self._local, "batch", None)
        if kept is None:
            kept = self._local.batch = OrderedDict()
        linter = kept.get(run_key)
        if linter is None:
            from scusa_lint.linter import Linter

            linter = kept[run_key] = Linter(settings)
            while len(kept) > BATCH_LINTERS:
                kept.popitem(last=False)
        kept.move_to_end(run_key)
        return linter

    async def _submit(self, work: Callable[..., T], *args: Any) -> T:
        """Run `work` in the pool, within the bounds and the time limit."""
        with self._lock:
            if self._running >= self.workers + self.queue:
                raise Busy(f"{self._running} requests are being checked or waiting")
            self._running += 1
        try:
            future = self._pool.submit(work, *args)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.timeout)
        except TimeoutError as exc:
            raise TimedOut(f"checking took longer than the limit of {self.timeout:g} s") from exc

    def _release(self, _future: Future[Any] | None) -> None:
        with self._lock:
            self._running -= 1

    def close(self) -> None:
        """Stop taking work; running requests finish."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _run_key(settings: Settings) -> str | None:
    from scusa_lint.cache import run_key

    return run_key(settings)
