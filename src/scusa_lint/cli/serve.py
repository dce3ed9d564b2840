"""`scusa-lint serve`: LanguageTool's HTTP API with apology findings, and a page for agents (see serve/).

Starlette and uvicorn are imported inside the command (they come with the `serve` extra), so the
other commands start without them and say how to install them when missing.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys

import click

from scusa_lint.cli.common import fail, language_codes, make_resolver
from scusa_lint.errors import ConfigError, ScusaError

API_KEY_ENV = "SCUSA_LINT_API_KEY"


def is_loopback(host: str) -> bool:
    """Whether a bind address only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", default=8081, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--languagetool-url", metavar="URL", help="A LanguageTool server whose matches are merged in.")
@click.option(
    "--languagetool-public-api",
    is_flag=True,
    help="Allow --languagetool-url to be LanguageTool's public API (sends the agents' texts to a third party).",
)
@click.option(
    "--languagetool-timeout", type=click.FloatRange(0.1), default=5.0, show_default=True, help="Seconds for upstream."
)
@click.option(
    "--api-key",
    metavar="KEY",
    help=f"Require 'Authorization: Bearer KEY' (or apiKey=KEY) on /v2 (default: ${API_KEY_ENV}, else none).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Allow browser scripts from this origin (repeatable; '*' for any). Default: none.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Threads that lint.")
@click.option(
    "--queue", type=click.IntRange(0, 10_000), default=32, show_default=True, help="Requests that may wait for one."
)
@click.option(
    "--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True, help="Seconds per request (then 503)."
)
@click.option(
    "--max-request-bytes", type=click.IntRange(1), default=1_000_000, show_default=True, help="Largest request body."
)
@click.option(
    "--max-text-chars", type=click.IntRange(1), default=100_000, show_default=True, help="Longest text (then 413)."
)
@click.option(
    "--max-batch-bytes",
    type=click.IntRange(1),
    default=16_000_000,
    show_default=True,
    help="Largest body of a `check --server` batch (POST /scusa/v1/outcomes; clients send at most ~4 MB).",
)
@click.option("--log-text", is_flag=True, help="Write the checked texts to the log (off: only their length).")
@click.option(
    "--language",
    "-l",
    type=click.Choice(language_codes()),
    help="Language of texts `language=auto` cannot tell (default: the config's, else it).",
)
@click.option("--config", "config_path", metavar="FILE", help="Use this config file (default: the nearest one here).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def serve(
    host: str,
    port: int,
    languagetool_url: str | None,
    languagetool_public_api: bool,
    languagetool_timeout: float,
    api_key: str | None,
    cors_origins: tuple[str, ...],
    workers: int,
    queue: int,
    timeout: float,
    max_request_bytes: int,
    max_text_chars: int,
    max_batch_bytes: int,
    log_text: bool,
    language: str | None,
    config_path: str | None,
    isolated: bool,
) -> None:
    """Answer LanguageTool's HTTP API (POST /v2/check, GET /v2/languages) with apology findings,
    and serve a page for agents at /.

    \b
    Point LanguageTool's browser add-on, LTeX or language-tool-python at http://127.0.0.1:8081
    (README, "scusa-lint serve"). With --languagetool-url, LanguageTool's own grammar and spelling
    matches are merged in. `scusa-lint check --server http://127.0.0.1:8081` (or $SCUSA_LINT_SERVER)
    hands its messages to this server instead of loading spaCy and the rules itself.
    """
    try:
        import uvicorn

        from scusa_lint.serve.app import ServerConfig, create_app
        from scusa_lint.serve.service import LintService
    except ImportError as exc:
        click.echo(
            f"scusa-lint: serve needs the `serve` extra ({exc.name} is missing): pip install 'scusa-lint[serve]'",
            err=True,
        )
        raise SystemExit(2) from exc
    from scusa_lint.spelling.languagetool import is_public_api

    api_key = api_key or os.environ.get(API_KEY_ENV) or None
    try:
        if languagetool_url and is_public_api(languagetool_url) and not languagetool_public_api:
            raise ConfigError(
                "--languagetool-url points at LanguageTool's public API, a third party: "
                "add --languagetool-public-api to send the agents' texts there"
            )
        settings = make_resolver(config_path, isolated).for_cwd().with_overrides(language=language)
        service = LintService(settings, workers=workers, queue=queue, timeout=timeout)
        click.echo(f"scusa-lint serve: loading the packs and pipelines ({', '.join(service.languages)})...", err=True)
        service.warm()
    except ScusaError as error:
        fail(error)
    if not is_loopback(host) and api_key is None:
        click.echo(
            f"scusa-lint serve: warning: listening on {host} without an API key: anyone who can reach this "
            f"machine can send texts (set --api-key or ${API_KEY_ENV})",
            err=True,
        )
    config = ServerConfig(
        max_request_bytes=max_request_bytes,
        max_text_chars=max_text_chars,
        api_key=api_key,
        cors_origins=cors_origins,
        log_text=log_text,
        languagetool_url=languagetool_url,
        languagetool_timeout=languagetool_timeout,
        max_batch_bytes=max_batch_bytes,
        # A batch's settings name files the server reads (packs, a vocabulary): trusted clients only.
        batches=is_loopback(host) or api_key is not None,
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"scusa-lint serve: http://{shown}:{port}/ (API: http://{shown}:{port}/v2/check)", err=True)
    uvicorn.run(
        create_app(service, config),
        host=host,
        port=port,
        access_log=False,  # the access log would show query strings, which may hold texts; ours does not
        log_level="info",
        timeout_keep_alive=30,
        server_header=False,
        limit_concurrency=workers + queue + 64,
    )
    service.close()
