"""`scusa-lint tokens TEXT`: show how the pipeline analyses a text (for rule authors).

Lemmatisers make mistakes ("riscontro" -> "riscontrare"); a rule author checks here which
attribute (LOWER, LEMMA, CLASS) a pattern should use, which words are negated or supposed, and
why a message got its role.
"""

from __future__ import annotations

import click

from scusa_lint.cli.common import language_codes


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("text")
@click.option("--language", "-l", type=click.Choice(language_codes()), default="it", show_default=True)
@click.option("--pipeline", default="default", show_default=True, metavar="NAME|PATH")
def tokens(text: str, language: str, pipeline: str) -> None:
    """Print how TEXT is analysed: tokens, lemmas, POS/MORPH/DEP (when the pipeline has them), word
    classes, negation/hypothesis/question/quotation scope, and the message role."""
    from rich.table import Table

    from scusa_lint.cli.common import fail
    from scusa_lint.console import make_console
    from scusa_lint.errors import ScusaError
    from scusa_lint.linter import Linter
    from scusa_lint.roles import decide
    from scusa_lint.settings import Settings
    from scusa_lint.source import Source

    try:
        linter = Linter(Settings(language=language, pipeline=pipeline))
        ruleset = linter.ruleset(language)
    except ScusaError as error:
        fail(error)
    source = Source.from_text(text, path="<text>", language=language)
    (doc,) = linter.analyse(language, [source])
    analysis, classes, scopes = ruleset.pipeline, ruleset.classes, ruleset.scopes
    console = make_console()
    console.print(f"pipeline: {analysis.description}; capabilities: {', '.join(sorted(analysis.capabilities))}")
    role = decide(doc, source, classes, scopes)
    console.print(f"role: {role.name} ({role.shown(source)})")
    table = Table(box=None, header_style="bold")
    for column in ("sent", "i", "text", "lower", "lemma", "pos", "morph", "dep", "head", "classes", "scope"):
        table.add_column(column)
    columns = scopes.columns(doc) if scopes is not None else None
    masks = classes.column(doc) if classes is not None else [0] * len(doc)
    for sentence_number, sentence in enumerate(doc.sents, start=1):
        for token in sentence:
            names = [n for n in (classes.names if classes else []) if masks[token.i] & classes.bits[n]]  # type: ignore[union-attr]
            marks = []
            if columns is not None:
                for mark, values in (("cue", columns.cue), ("neg", columns.negated), ("if", columns.hypothetical),
                                     ("ask", columns.asked), ("quote", columns.quoted)):  # fmt: skip
                    if values[token.i]:
                        marks.append(mark)
            table.add_row(
                str(sentence_number),
                str(token.i),
                repr(token.text)[1:-1],
                token.lower_,
                token.lemma_,
                token.pos_,
                str(token.morph),
                token.dep_,
                str(token.head.i) if token.dep_ else "",
                " ".join(names),
                " ".join(marks),
            )
    console.print(table)
