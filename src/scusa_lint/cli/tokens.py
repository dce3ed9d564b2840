"""`scusa-lint tokens TEXT`: show how the pipeline analyses a text (for rule authors).

Lemmatisers make mistakes ("riscontro" -> "riscontrare"); a rule author checks here
which attribute (LOWER or LEMMA) a pattern should use.
"""

from __future__ import annotations

import click

from scusa_lint.cli.common import language_codes


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("text")
@click.option("--language", "-l", type=click.Choice(language_codes()), default="it", show_default=True)
@click.option("--pipeline", default="default", show_default=True, metavar="NAME|PATH")
def tokens(text: str, language: str, pipeline: str) -> None:
    """Print the tokens, lemmas, sentences (and POS/DEP, if the pipeline has them) of TEXT."""
    from rich.table import Table

    from scusa_lint.analysis.pipeline import load_pipeline
    from scusa_lint.cli.common import fail
    from scusa_lint.console import make_console
    from scusa_lint.errors import ScusaError
    from scusa_lint.linter import unwrap

    try:
        analysis = load_pipeline(language, pipeline)
    except ScusaError as error:
        fail(error)
    doc = analysis.nlp(unwrap(text))
    console = make_console()
    console.print(f"pipeline: {analysis.description}; capabilities: {', '.join(sorted(analysis.capabilities))}")
    table = Table(box=None, header_style="bold")
    for column in ("sent", "i", "text", "lower", "lemma", "pos", "dep", "head"):
        table.add_column(column)
    for sentence_number, sentence in enumerate(doc.sents, start=1):
        for token in sentence:
            table.add_row(
                str(sentence_number),
                str(token.i),
                repr(token.text)[1:-1],
                token.lower_,
                token.lemma_,
                token.pos_,
                token.dep_,
                str(token.head.i) if token.dep_ else "",
            )
    console.print(table)
