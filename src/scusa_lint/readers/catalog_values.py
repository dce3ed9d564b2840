"""A catalog value as prose: its visible text when it is HTML, every character mapped back to the file.

Shop e-mails in .po, YAML and JSON catalogs are often HTML (``<p>Gentile {{ nome }},</p>``,
``&egrave;``). Linting the value as it is would flag tags and entities and join the sentences of
different paragraphs. So a value that holds markup is read the way an ``.html`` file is
(readers/html.py): visible text only, entities decoded, blocks as paragraph breaks. Positions go
through two maps: the HTML extractor maps each character of the text to the decoded value, and
``textmap.align`` maps each character of the value to the file (through the format's escapes).
"""

from __future__ import annotations

import re

from scusa_lint.readers.html import extract_html
from scusa_lint.readers.textmap import TextBuilder, align
from scusa_lint.source import line_starts

# A tag (<p>, </b>, <br/>, <a href=...>) or an entity (&egrave;, &#232;, &nbsp;).
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def is_html(value: str) -> bool:
    """Whether a value holds HTML markup (a tag or an entity)."""
    return _MARKUP.search(value) is not None


def add_value(builder: TextBuilder, value: str, start: int, end: int) -> None:
    """Add a decoded catalog value found in builder.file_text[start:end]; HTML is reduced to its text."""
    if not is_html(value):
        builder.add_value(value, start, end)
        return
    in_file, _ = align(value, builder.file_text, start, end)
    visible = TextBuilder(value)
    extract_html(visible, 0, len(value), line_starts(value))
    text = "".join(visible.parts)
    if not text:
        return
    builder.add(text, [in_file[min(o, len(in_file) - 1)] for o in visible.offsets])
