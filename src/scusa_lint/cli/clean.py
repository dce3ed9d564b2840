"""`scusa-lint clean`: remove the result cache folder."""

from __future__ import annotations

from pathlib import Path

import click

from scusa_lint.cli.common import fail, resolve_settings
from scusa_lint.errors import ScusaError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--cache-dir", metavar="DIR", help="The cache folder to remove (default: the one `check` uses here).")
@click.option("--config", metavar="FILE", help="Config file whose folder holds the cache.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def clean(cache_dir: str | None, config: str | None, isolated: bool) -> None:
    """Remove the result cache (the next run lints every message again)."""
    from scusa_lint.cache import clean as remove_cache
    from scusa_lint.cache import default_cache_dir

    try:
        folder = Path(cache_dir) if cache_dir else default_cache_dir(resolve_settings(config, isolated))
        removed = remove_cache(folder)
    except ScusaError as error:
        fail(error)
    except OSError as error:
        fail(ScusaError(f"cannot remove the cache: {error}", str(cache_dir or "")))
    click.echo(f"removed {folder}" if removed else f"no cache at {folder}")
