"""The Starlette application: routes, safety limits, errors in LanguageTool's style, request logs.

    GET  /               the page for agents (static/index.html, with its script and style)
    GET  /v2/languages   the languages scusa-lint lints (and upstream's, with --languagetool-url)
    POST /v2/check       LanguageTool's check (GET with query parameters works too)
    POST /scusa/v1/outcomes  a `scusa-lint check --server` run's cache misses, linted here (remote.py)

Safe by default: the CLI binds to loopback unless --host says otherwise; a request body larger
than `max_request_bytes` or a text longer than `max_text_chars` is a 413; linting has a time limit
and a bounded pool (service.py); with `api_key`, /v2 asks for ``Authorization: Bearer KEY`` or
LanguageTool's `apiKey` parameter; CORS is off unless origins are configured. The batch route takes
settings that name files (packs, a vocabulary) the server then reads, and its bodies are larger
(`max_batch_bytes`): it answers only on loopback or with an API key (`batches`), and only with
``Authorization: Bearer KEY`` when there is one. Every error is a
plain-text answer ("Error: ..."), as LanguageTool gives, and no exception reaches the server loop.
Logs carry method, path, status, time, text length and match count; the text itself only with
`log_text`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
import urllib.parse
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from scusa_lint.errors import ScusaError
from scusa_lint.serve import protocol
from scusa_lint.serve.protocol import AUTO, BadRequest, CheckRequest
from scusa_lint.serve.service import BadBatch, Busy, LintService, OtherRules, TimedOut
from scusa_lint.serve.upstream import Upstream, UpstreamAnswer, UpstreamError, forwarded, merge
from scusa_lint.taxonomy import Category

log = logging.getLogger("scusa_lint.serve")
STATIC = Path(__file__).parent / "static"
MAX_FORM_FIELDS = 100


@dataclass(frozen=True)
class ServerConfig:
    """How the server answers (the CLI's options; see README "scusa-lint serve")."""

    max_request_bytes: int = 1_000_000
    max_text_chars: int = 100_000
    api_key: str | None = None
    cors_origins: tuple[str, ...] = ()
    log_text: bool = False
    languagetool_url: str | None = None
    languagetool_timeout: float = 10.0
    max_batch_bytes: int = 16_000_000
    batches: bool = True


class _Server:
    """The handlers, holding the lint service, the upstream client and the configuration."""

    def __init__(self, service: LintService, config: ServerConfig) -> None:
        self.service = service
        self.config = config
        self.upstream = (
            Upstream(config.languagetool_url, config.languagetool_timeout) if config.languagetool_url else None
        )
        specs = _all_rules(service)
        self.own_rules = frozenset(s.code for s in specs) | frozenset(s.name for s in specs)

    # --- requests ---------------------------------------------------------------------------

    async def params(self, request: Request) -> dict[str, str]:
        """The query and body parameters; the body is read with a size limit, and as a form whatever its type."""
        body = await self.body(request, self.config.max_request_bytes)
        params = dict(request.query_params)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "multipart/form-data":
            params.update(await _multipart(request, body))
        elif body:
            try:
                decoded = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BadRequest("Error: the request body is not UTF-8") from exc
            try:
                pairs = urllib.parse.parse_qsl(decoded, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
            except ValueError as exc:
                raise BadRequest(f"Error: the request body is not a form: {exc}") from exc
            params.update(pairs)
        return params

    async def body(self, request: Request, limit: int) -> bytes:
        """The request body, refused (413) once it passes `limit` bytes, declared or not."""
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise BadRequest(f"Error: the request is larger than the limit of {limit} bytes", status=413)
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise BadRequest(f"Error: the request is larger than the limit of {limit} bytes", status=413)
            chunks.append(chunk)
        return b"".join(chunks)

    def authorise(self, request: Request, params: Mapping[str, str]) -> None:
        key = self.config.api_key
        if key is None:
            return
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header.lower().startswith("bearer ") else params.get("apiKey", "")
        if not hmac.compare_digest(given.encode(), key.encode()):
            raise BadRequest("Error: missing or wrong API key (send 'Authorization: Bearer KEY')", status=401)

    # --- routes -----------------------------------------------------------------------------

    async def check(self, request: Request) -> Response:
        started = time.perf_counter()
        params = await self.params(request)
        self.authorise(request, params)
        check = protocol.parse_check(params, self.config.max_text_chars)
        answer = await self.answer(check)
        self._log(request, 200, started, check, len(answer["matches"]))
        return JSONResponse(answer)

    async def answer(self, check: CheckRequest) -> dict[str, Any]:
        """The /v2/check answer: apology findings, merged with upstream's matches when there is one."""
        service = self.service
        own = _own_language(check.language, service)
        upstream_task = None
        sent = forwarded(check.params or {}, self.own_rules, {c.value for c in Category})
        if self.upstream is not None and sent is not None:
            upstream_task = asyncio.ensure_future(self.upstream.check(sent))
        if own is None and upstream_task is None:
            known = ", ".join(sorted(service.languages))
            raise BadRequest(f"Error: scusa-lint has no rules for language '{check.language}' (it has: {known})")
        result = detected = None
        try:
            if own is not None:
                result, detected = await service.lint(check.document.plain, None if own == AUTO else own, check.channel)
        except BaseException:
            if upstream_task is not None:
                upstream_task.cancel()
            raise
        ours = protocol.matches_of(result, check) if result is not None else []
        summary = protocol.summary_of(result)
        incomplete = False
        if upstream_task is not None:
            upstream = await _settle(upstream_task)
            if isinstance(upstream, UpstreamAnswer):
                matches = merge(ours, upstream.matches)
                summary["upstream"] = {"url": self.config.languagetool_url, "ok": True, "version": upstream.version}
            else:
                matches = [m for _, m in ours]
                incomplete = True
                summary["upstream"] = {"url": self.config.languagetool_url, "ok": False, "error": upstream}
                log.warning("upstream LanguageTool failed: %s", upstream)
        else:
            matches = [m for _, m in ours]
        return {
            "software": protocol.software(),
            "warnings": {"incompleteResults": incomplete},
            "language": self.language_of(check, detected.code if detected else None, detected),
            "matches": matches,
            "scusaLint": summary,
        }

    def language_of(self, check: CheckRequest, code: str | None, detected: Any) -> dict[str, Any]:
        """The answer's `language`: the LanguageTool code and name of the language checked and detected."""
        if code is None:  # a language only upstream checks
            return protocol.language_object(check.language, check.language, check.language, check.language, 0.0)
        language = self.service.languages[code]
        asked = check.language if check.language != AUTO else _variant(language, check.preferred_variants)
        detected_code = _variant(language, check.preferred_variants) if check.language == AUTO else asked
        name = _name(language, asked)
        return protocol.language_object(
            asked, name, detected_code, _name(language, detected_code), float(detected.confidence)
        )

    async def languages(self, request: Request) -> Response:
        started = time.perf_counter()
        listed: list[dict[str, Any]] = []
        for language in self.service.languages.values():
            long_code = language.languagetool or language.code
            listed.append({"name": language.english_name, "code": language.code, "longCode": language.code})
            for variant in dict.fromkeys((long_code, *language.languagetool_variants)):
                if variant != language.code:
                    listed.append({"name": _name(language, variant), "code": language.code, "longCode": variant})
        if self.upstream is not None:
            try:
                theirs = await self.upstream.languages()
            except UpstreamError as exc:
                log.warning("upstream LanguageTool failed: %s", exc)
            else:
                known = {item["longCode"] for item in listed}
                listed.extend(item for item in theirs if item.get("longCode") not in known)
        self._log(request, 200, started, None, None)
        return JSONResponse(listed)

    async def outcomes(self, request: Request) -> Response:
        """A CLI run's cache misses -> their Outcomes and LanguageInfos (remote.py has both sides' formats).

        409 when this server would lint them with other rules than the client's (run keys differ):
        the client then lints them itself.
        """
        started = time.perf_counter()
        if not self.config.batches:
            raise BadRequest("Error: batches are served only on loopback or with an API key", status=403)
        self.authorise(request, {})
        body = await self.body(request, self.config.max_batch_bytes)
        try:
            answer = await self.service.batch(body)
        except BadBatch as exc:
            raise BadRequest(f"Error: {exc}") from exc
        except OtherRules as exc:
            raise BadRequest(f"Error: {exc}", status=409) from exc
        elapsed = (time.perf_counter() - started) * 1000
        log.info(
            "%s %s 200 %.1f ms, %d bytes in, %d out", request.method, request.url.path, elapsed, len(body), len(answer)
        )
        return Response(answer, media_type="application/json")

    async def page(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    # --- logs -------------------------------------------------------------------------------

    def _log(
        self, request: Request, status: int, started: float, check: CheckRequest | None, matches: int | None
    ) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        parts = [request.method, request.url.path, str(status), f"{elapsed:.1f} ms"]
        if check is not None:
            parts.append(f"{len(check.document.original)} chars, language {check.language}, {matches} matches")
            if self.config.log_text:
                parts.append(f"text {check.document.original!r}")
        log.info(" ".join(parts))


def _all_rules(service: LintService) -> list[Any]:
    """Every rule of the packs (their codes and names are scusa-lint's, never forwarded upstream)."""
    from scusa_lint.registry import Registry

    return list(Registry.load(service.settings.packs).all_rules())


def _own_language(asked: str, service: LintService) -> str | None:
    """Which of scusa-lint's languages lints a request's `language` (AUTO: detect), or None."""
    if asked == AUTO:
        return AUTO
    prefix = asked.replace("_", "-").split("-")[0].lower()
    return prefix if prefix in service.languages else None


def _variant(language: Any, preferred: tuple[str, ...]) -> str:
    """The LanguageTool code to report for a detected language: a preferred variant of it, else its own."""
    for variant in preferred:
        if variant.replace("_", "-").split("-")[0].lower() == language.code:
            return str(variant)
    return str(language.languagetool or language.code)


def _name(language: Any, code: str) -> str:
    """LanguageTool's kind of language name: "Italian", "English (GB)"."""
    parts = code.replace("_", "-").split("-")
    if len(parts) < 2 or parts[1].lower() == parts[0].lower():  # it-IT is just "Italian"
        return str(language.english_name)
    return f"{language.english_name} ({parts[1].upper()})"


async def _settle(task: asyncio.Future[UpstreamAnswer]) -> UpstreamAnswer | str:
    """Upstream's answer, or the reason it failed (never an exception: upstream down is not our error)."""
    try:
        return await task
    except UpstreamError as exc:
        return str(exc)
    except Exception as exc:  # a bug in a client library must not cost the agent its apology findings
        return f"{type(exc).__name__}: {exc}"


async def _multipart(request: Request, body: bytes) -> dict[str, str]:
    """The string fields of a multipart/form-data body already read (files are refused)."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    copy = Request(request.scope, receive=replay)
    form = await copy.form(max_files=0, max_fields=MAX_FORM_FIELDS, max_part_size=len(body) + 1)
    fields = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    await form.close()
    return fields


def create_app(service: LintService, config: ServerConfig | None = None) -> Starlette:
    """The ASGI application answering LanguageTool's API and serving the page."""
    config = config or ServerConfig()
    server = _Server(service, config)

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadRequest)
        log.info("%s %s %d %s", request.method, request.url.path, exc.status, exc.message)
        return PlainTextResponse(exc.message, status_code=exc.status)

    async def user_error(request: Request, exc: Exception) -> Response:
        message = exc.message if isinstance(exc, ScusaError) else str(exc)
        log.info("%s %s 400 %s", request.method, request.url.path, message)
        return PlainTextResponse(f"Error: {message}", status_code=400)

    async def unavailable(request: Request, exc: Exception) -> Response:
        log.warning("%s %s 503 %s", request.method, request.url.path, exc)
        return PlainTextResponse(f"Error: {exc}; please try again", status_code=503)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return PlainTextResponse(f"Error: {exc.detail}", status_code=exc.status_code)

    async def disconnected(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Error: the client went away", status_code=400)

    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("%s %s 500: %s", request.method, request.url.path, type(exc).__name__)
        return PlainTextResponse(f"Error: internal error ({type(exc).__name__}); please report it", status_code=500)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if server.upstream is not None:
            await server.upstream.close()

    middleware = []
    if config.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
            )
        )
    return Starlette(
        routes=[
            Route("/", server.page, methods=["GET"]),
            Route("/v2/check", server.check, methods=["GET", "POST"]),
            Route("/v2/languages", server.languages, methods=["GET"]),
            Route("/scusa/v1/outcomes", server.outcomes, methods=["POST"]),
            Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=middleware,
        exception_handlers={
            BadRequest: bad_request,
            ScusaError: user_error,
            Busy: unavailable,
            TimedOut: unavailable,
            HTTPException: http_error,
            ClientDisconnect: disconnected,
            Exception: internal,
        },
        lifespan=lifespan,
    )
