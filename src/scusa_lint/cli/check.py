"""`scusa-lint check PATH...`: lint files, folders and stdin; print findings; set the exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from scusa_lint.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    fail,
    language_codes,
    make_resolver,
    split_selectors,
)
from scusa_lint.errors import ScusaError

if TYPE_CHECKING:
    from scusa_lint.report import Report

# remote.ENV_SERVER (tested), here so that --help does not import the run.
ENV_SERVER = "SCUSA_LINT_SERVER"
# Must equal output.EMITTERS (tested); listed here so that `--help` does not import the emitters.
OUTPUT_FORMATS = ("full", "concise", "grouped", "json", "json-lines", "sarif", "github", "gitlab", "junit")


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
@click.option(
    "--statistics", is_flag=True, help="Print only how many findings each rule produced (JSON with machine formats)."
)
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="full",
    show_default=True,
    help="How to print findings (sarif, github, gitlab, junit, json-lines for CI; grouped by file and category).",
)
@click.option(
    "-o", "--output-file", metavar="FILE", help="Write the findings to FILE (atomically) instead of standard output."
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
    type=click.Choice(language_codes()),
    help="Language of messages without a front-matter `language` (default: the file's, else detected, else it).",
)
@click.option(
    "--role",
    type=click.Choice(["auto", "apology", "routine", "fragment"]),
    help='The role of every message (default auto: decided from each text; see README, "Message roles").',
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
# Spelling (README, "Spelling"): these override the config keys of the same name.
@click.option("--spelling", type=click.Choice(["hunspell", "languagetool", "off"]), help="Speller (default: hunspell).")
@click.option(
    "--languagetool-url", metavar="URL", help="A LanguageTool server (self-hosted), e.g. http://localhost:8081."
)
@click.option("--languagetool-path", metavar="DIR", help="A local LanguageTool install (its LanguageTool-X.Y folder).")
@click.option(
    "--languagetool-public-api",
    is_flag=True,
    default=None,
    help="Allow sending messages to api.languagetool.org (a third party). Off by default.",
)
@click.option("--vocabulary", metavar="FILE", help="Vocabulary file: accepted words, one a line; `!word` rejected.")
@click.option(
    "--strict/--no-strict",
    default=None,
    help="A spelling backend failure is exit code 2 instead of a notice and a fallback to Hunspell.",
)
@click.option("--force-exclude", is_flag=True, default=None, help="Apply `exclude` to files named on the command line.")
@click.option(
    "--fix", is_flag=True, help="Apply the safe fixes (suggestions with a replacement), then report the rest."
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply the unsafe fixes.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff without writing; exit 1 if there are any.")
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
@click.option(
    "--server",
    metavar="URL",
    help="A running `scusa-lint serve` that lints the messages (default: $SCUSA_LINT_SERVER; '' for none).",
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
    output_file: str | None,
    color: str,
    quiet: bool,
    verbose: bool,
    language: str | None,
    role: str | None,
    pipeline: str | None,
    packs: tuple[str, ...],
    config: str | None,
    isolated: bool,
    stdin_filename: str | None,
    spelling: str | None,
    languagetool_url: str | None,
    languagetool_path: str | None,
    languagetool_public_api: bool | None,
    vocabulary: str | None,
    strict: bool | None,
    force_exclude: bool | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    no_cache: bool,
    cache_dir: str | None,
    jobs: int,
    server: str | None,
) -> None:
    """Lint apology messages (files, folders, or - for stdin)."""
    # Heavy modules (spaCy via the linter) are imported only when linting.
    import io
    import os

    from scusa_lint.atomic import write_atomic
    from scusa_lint.console import make_console
    from scusa_lint.output import EMITTERS, SHOWS_SUGGESTIONS, EmitOptions
    from scusa_lint.resolver import Overrides
    from scusa_lint.run import RunOptions, run
    from scusa_lint.taxonomy import Level

    overrides = Overrides(
        select=split_selectors(select),
        extend_select=split_selectors(extend_select) or (),
        ignore=split_selectors(ignore) or (),
        fail_on=Level(fail_on) if fail_on else None,
        language=language,
        pipeline=pipeline,
        packs=packs,
        force_exclude=force_exclude,
        other={
            "spelling": spelling,
            "languagetool_url": languagetool_url,
            "languagetool_path": languagetool_path,
            "languagetool_public_api": languagetool_public_api,
            "vocabulary": vocabulary,
            "strict": strict,
            "role": role,
            # Corrections cost ~0.1 s a distinct unknown word: only when shown or applied (None: default, on).
            "suggestions": None if output_format in SHOWS_SUGGESTIONS or fix or diff else False,
        },
    )
    try:
        resolver = make_resolver(config, isolated, overrides)
        settings = resolver.for_cwd()  # run-wide choices (fail-on) come from the current folder's config
        run_options = RunOptions(
            cache=not no_cache,
            cache_dir=cache_dir,
            jobs=jobs,
            server=(server if server is not None else os.environ.get(ENV_SERVER, "")).strip() or None,
            fix=fix and not diff,
            unsafe_fixes=unsafe_fixes,
        )
        report = run(list(paths), resolver, stdin_filename, run_options)
        if diff:
            _show_diff(report, unsafe_fixes, color)
    except ScusaError as error:
        fail(error)

    buffer = io.StringIO() if output_file else None
    console = make_console("never" if buffer is not None else color, file=buffer)
    named = frozenset(s.upper() for s in (*(settings.select or ()), *settings.extend_select))
    options = EmitOptions(
        fail_on=settings.fail_on, statistics=statistics, verbose=verbose, quiet=quiet, named_rules=named
    )
    if statistics:  # the table only, as ruff prints it (JSON for the machine formats)
        from scusa_lint.output import HUMAN_FORMATS
        from scusa_lint.output import statistics as statistics_table

        statistics_table.emit(report, console, machine=output_format not in HUMAN_FORMATS)
    else:
        EMITTERS[output_format](report, console, options)
    if buffer is not None and output_file is not None:
        try:
            write_atomic(output_file, buffer.getvalue().encode("utf-8"))
        except OSError as exc:
            fail(ScusaError(f"cannot write output: {exc.strerror or exc}", output_file))
    if report.errors:
        errors = make_console(color, stderr=True)
        for input_error in report.errors:
            errors.print(f"scusa-lint: {input_error.kind}: {input_error}", style="error")
        raise SystemExit(EXIT_ERROR)
    if report.failing(settings.fail_on) and not exit_zero:
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_OK)


def _show_diff(report: Report, unsafe: bool, color: str) -> None:
    """--diff: print what --fix would change, write nothing; exit 1 when there is something to fix (ruff)."""
    from scusa_lint import fixes
    from scusa_lint.console import make_console

    notices: list[str] = []
    plans = fixes.plan(report, unsafe, notices)
    out = make_console(color)
    for file_plan in plans:
        out.file.write(fixes.unified_diff(file_plan))
    err = make_console(color, stderr=True)
    for notice in notices:
        err.print(f"notice: {notice}", style="warning")
    count = sum(len(p.edits) for p in plans)
    err.print(
        f"Would fix {count} problem{'s' if count != 1 else ''} in {len(plans)} file{'s' if len(plans) != 1 else ''}."
    )
    if report.errors:
        for input_error in report.errors:
            err.print(f"scusa-lint: {input_error.kind}: {input_error}", style="error")
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if plans else EXIT_OK)
