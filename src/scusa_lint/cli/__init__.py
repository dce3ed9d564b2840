"""The Click group: `scusa-lint FILE...` runs `check`; `rules`, `explain` are subcommands.

Heavy imports (spaCy) happen inside command bodies, so `--help`, `rules` and `explain`
start fast.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from scusa_lint import __version__
from scusa_lint.cli.check import check
from scusa_lint.cli.clean import clean
from scusa_lint.cli.config import config
from scusa_lint.cli.doctor import doctor
from scusa_lint.cli.explain import explain
from scusa_lint.cli.rules import rules
from scusa_lint.cli.serve import serve
from scusa_lint.cli.tokens import tokens


class DefaultCommandGroup(click.Group):
    """A group that runs `check` when the first argument is not a subcommand (ruff-like `scusa-lint x.txt`).

    A file that happens to be called like a subcommand can be linted as `scusa-lint check rules`
    or `scusa-lint ./rules`.
    """

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=DefaultCommandGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=False,
)
@click.version_option(__version__, "--version", prog_name="scusa-lint")
def cli() -> None:
    """Lint customer apology messages: blame-shifting, non-apologies, demands for a reply,
    coupons with deadlines, missing ownership or prevention plan, cold tone, typos.

    \b
    Examples:
      scusa-lint draft.txt                 lint one draft (same as `scusa-lint check draft.txt`)
      scusa-lint templates/ --output-format json
      cat draft.txt | scusa-lint -
      scusa-lint rules                     list the rules
      scusa-lint explain SC101             why a rule exists, with examples
      scusa-lint doctor                    which pipelines, spellers and LanguageTool work here
      scusa-lint config templates/sms      the settings that apply there, and their file
      scusa-lint clean                     remove the result cache
      scusa-lint serve                     LanguageTool's API and a page for agents, on 127.0.0.1:8081

    Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, config or input error.
    """


cli.add_command(check)
cli.add_command(rules)
cli.add_command(explain)
cli.add_command(tokens)
cli.add_command(doctor)
cli.add_command(config)
cli.add_command(clean)
cli.add_command(serve)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="scusa-lint")
