"""`scusa-lint check PATH...`: lint files, folders and stdin; print findings; set the exit code."""

from __future__ import annotations

import click

from scusa_lint.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, resolve_settings, split_selectors
from scusa_lint.errors import ScusaError

OUTPUT_FORMATS = ("full", "concise", "json")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rules: codes, code prefixes, names or categories, comma-separated (default ALL).",
)
@click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Remove rules from the selection.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest level that makes the exit code 1 (default: warning).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule produced.")
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="full",
    show_default=True,
    help="How to print findings.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in terminal output (auto honours NO_COLOR and FORCE_COLOR).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary or notices.")
@click.option("-v", "--verbose", is_flag=True, help="Also say which pipeline ran and which rules were skipped.")
@click.option(
    "--language",
    "-l",
    type=click.Choice(["it", "en"]),
    help="Language of messages without a front-matter `language` (default: it).",
)
@click.option(
    "--pipeline",
    metavar="NAME|PATH",
    help="spaCy pipeline: default, an installed package (it_core_news_lg) or a pipeline folder.",
)
@click.option("--pack", "packs", multiple=True, metavar="FILE", help="An extra rule pack (YAML) to load.")
@click.option("--config", metavar="FILE", help="Config file (default: nearest .scusa-lint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", metavar="NAME", help="The name to show for `-` (stdin).")
@click.option("--no-cache", is_flag=True, help="Lint every message again, without reading or writing the cache.")
@click.option(
    "--cache-dir",
    metavar="DIR",
    help="Result cache folder (default: $SCUSA_LINT_CACHE_DIR, or .scusa-lint-cache beside the config or here).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes for large batches (0: one per CPU); output order does not change.",
)
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    output_format: str,
    color: str,
    quiet: bool,
    verbose: bool,
    language: str | None,
    pipeline: str | None,
    packs: tuple[str, ...],
    config: str | None,
    isolated: bool,
    stdin_filename: str | None,
    no_cache: bool,
    cache_dir: str | None,
    jobs: int,
) -> None:
    """Lint apology messages (files, folders, or - for stdin)."""
    # Heavy modules (spaCy via the linter) are imported only when linting.
    from scusa_lint.console import make_console
    from scusa_lint.execution import RunOptions
    from scusa_lint.output import EMITTERS, EmitOptions
    from scusa_lint.run import run
    from scusa_lint.taxonomy import Level

    try:
        settings = resolve_settings(config, isolated)
        extra_ignore = split_selectors(ignore) or ()
        extra_extend = split_selectors(extend_select) or ()
        settings = settings.with_overrides(
            select=split_selectors(select),
            extend_select=settings.extend_select + extra_extend,
            ignore=settings.ignore + extra_ignore,
            fail_on=Level(fail_on) if fail_on else None,
            language=language,
            pipeline=pipeline,
            packs=settings.packs + packs,
        )
        run_options = RunOptions(cache=not no_cache, cache_dir=cache_dir, jobs=jobs)
        report = run(list(paths), settings, stdin_filename, run_options)
    except ScusaError as error:
        fail(error)

    console = make_console(color)
    options = EmitOptions(fail_on=settings.fail_on, statistics=statistics, verbose=verbose, quiet=quiet)
    EMITTERS[output_format](report, console, options)
    if report.errors:
        errors = make_console(color, stderr=True)
        for input_error in report.errors:
            errors.print(f"scusa-lint: {input_error.kind}: {input_error}", style="error")
        raise SystemExit(EXIT_ERROR)
    if report.failing(settings.fail_on) and not exit_zero:
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_OK)
