"""Template placeholders: find them, mask them for analysis, and report malformed template syntax.

The syntax itself is defined once, in textsyntax.py; this module applies it to a message.

Message templates mix prose with placeholders of several syntaxes:

    Jinja2/Django   {{ nome }}  {% if x %}...{% endif %}  {# comment #}
    Mustache/Hbs    {{nome}}  {{{nome}}}  {{#sec}}...{{/sec}}  {{^sec}}  {{! comment }}  {{> partial}}
    Python          {nome}  {0}  {}  {ordine.id}  {importo:.2f}   %s  %d  %(nome)s
    Shell/JS        ${nome}
    Wiki-style      [[nome]]

Rules must not see them as words, yet every offset must stay an offset into the text, so
each placeholder is replaced by neutral text of the same length: value placeholders by a
name-like word ("Gentile {{ nome }}," analyses as "Gentile Xxxxx     ,"), control tags and
comments by spaces. Unbalanced syntax (an unclosed ``{{``, a stray ``}}``, an ``{% if %}``
without ``{% endif %}``) is reported as a TemplateError for the ``template`` rule kind; its
characters are not masked, so the finding can point at them.

Prose stays prose: a single ``{`` or ``}`` is a literal brace, and a percent sign followed by
a space or a digit ("10% di sconto") is a percentage, never a placeholder.

Long runs of punctuation ("%%%%…", a Markdown line of backticks, "[[[[…") are cut to their first
MAX_MARK_RUN characters for analysis, the rest blanked: spaCy's tokenizer strips affixes one at a
time and searches the rest of the token each time, so a run of N marks costs O(N²) (20,000 of
them took minutes). What is left still shows "!!!" or "..." to the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from scusa_lint.textsyntax import TEMPLATE_TOKEN, TEMPLATE_TOKEN_NO_COMMENT, address_spans

_OPEN_WORD = re.compile(r"[-+~]?[ \t]*(?:\w+(?:\.\w+)*)?")
_BRACE_OR_BREAK = re.compile(r"[{}\n]")

# Jinja/Django tags that open a block closed by `end<name>`.
_BLOCK_TAGS = frozenset(
    {"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans", "blocktrans",
     "blocktranslate", "spaceless", "raw", "verbatim", "comment", "ifchanged", "unless", "capture"}
)  # fmt: skip
_MIDDLE_TAGS = frozenset({"elif", "else", "empty", "plural", "elsif", "when"})
_TAG_NAME = re.compile(r"[-+~]?\s*(\w+)")


@dataclass(frozen=True)
class TemplateError:
    """Malformed template syntax at text[start:end]; message says what is wrong (in English)."""

    start: int
    end: int
    message: str


@dataclass(frozen=True)
class Placeholder:
    """One template construct at text[start:end]: a value ("value") or a tag/comment ("control")."""

    start: int
    end: int
    role: str


@dataclass(frozen=True)
class MaskResult:
    """The masked analysis text (same length as the input) and what was found in it.

    comments: (start, end, body) of template comments ({# #}, {{! }}), for inline suppressions.
    """

    analysis: str
    placeholders: tuple[Placeholder, ...]
    errors: tuple[TemplateError, ...]
    comments: tuple[tuple[int, int, str], ...]

    @property
    def ranges(self) -> tuple[tuple[int, int], ...]:
        return tuple((p.start, p.end) for p in self.placeholders)


def neutral_word(length: int) -> str:
    """A name-like word padded with spaces to ``length``: "Xxxxx     " (never longer than ``length``)."""
    if length <= 0:
        return ""
    word = ("X" + "x" * 4)[: max(1, min(length, 5))]
    return word + " " * (length - len(word))


def blank(text: str) -> str:
    """Spaces for every character but line breaks (so line structure and length are kept)."""
    return re.sub(r"[^\r\n]", " ", text)


def find_placeholders(text: str) -> tuple[list[Placeholder], list[TemplateError], list[tuple[int, int, str]]]:
    """Scan ``text`` once: placeholders, malformed syntax, and template comments, in text order."""
    placeholders: list[Placeholder] = []
    errors: list[TemplateError] = []
    comments: list[tuple[int, int, str]] = []
    blocks: list[tuple[str, int, int, str]] = []  # (name, start, end, closer syntax) of open blocks
    depth = 0  # literal single braces still open in the prose (ICU messages nest them: {n, plural, one {…}})
    previous = 0
    for match in _tokens(text):
        group = match.lastgroup
        start, end = match.span()
        value = match.group()
        gap = text[previous:start]
        depth = max(0, depth + gap.count("{") - gap.count("}"))
        previous = end
        if group == "escape":
            continue
        if group == "open" and value == "{#" and _icu_pound(text, end):
            depth += 1
            continue
        if group == "close" and value == "}}" and depth:
            depth = max(0, depth - 2)
            continue
        if group == "open":
            word = _OPEN_WORD.match(text, end)
            stop = word.end() if word else end
            errors.append(TemplateError(start, stop, f"unclosed `{value}`"))
            continue
        if group == "close":
            errors.append(TemplateError(start, end, f"`{value}` closes nothing"))
            continue
        if group == "comment":
            placeholders.append(Placeholder(start, end, "control"))
            comments.append((start, end, value[2:-2].strip("-+~ \t\r\n")))
            continue
        if group == "stmt":
            placeholders.append(Placeholder(start, end, "control"))
            _track_block(value[2:-2], start, end, "{% end… %}", blocks, errors)
            continue
        if group == "expr":
            inner = value[2:-2].strip("-~ \t\r\n")
            if inner[:1] in ("#", "^", "/", ">", "!", "&") or inner in ("else", "^"):
                placeholders.append(Placeholder(start, end, "control"))
                if inner[:1] == "!":
                    comments.append((start, end, inner[1:].strip("- \t\r\n")))
                elif inner[:1] in ("#", "^"):
                    blocks.append((_first_word(inner[1:]), start, end, "{{/…}}"))
                elif inner[:1] == "/":
                    _close_block(_first_word(inner[1:]), start, end, "{{/…}}", blocks, errors)
                continue
        placeholders.append(Placeholder(start, end, "value"))
    for name, start, end, closer in blocks:
        errors.append(TemplateError(start, end, f"block `{name}` is never closed ({closer})"))
    errors.sort(key=lambda e: (e.start, e.end))
    return placeholders, errors, comments


def _tokens(text: str) -> Iterator[re.Match[str]]:
    """The template tokens of `text`, in order (as TEMPLATE_TOKEN.finditer), in linear time.

    A `{#` with no `#}` after it makes the lazy comment pattern scan to the end of the text. Past
    the last `#}` no comment can close, so from there the scan goes on without that pattern; the
    one search that crosses that point meets at most one such `{#` (`open` matches it).
    """
    last_close = text.rfind("#}")
    position = 0
    while True:
        pattern = TEMPLATE_TOKEN if position <= last_close else TEMPLATE_TOKEN_NO_COMMENT
        match = pattern.search(text, position)
        if match is None:
            return
        yield match
        position = match.end()


def _icu_pound(text: str, end: int) -> bool:
    """`{# articoli}` inside an ICU plural ({n, plural, other {# articoli}}) is not a Jinja comment.

    It is when a `}` comes before any `{` or line break: one search that stops at the first of them.
    """
    found = _BRACE_OR_BREAK.search(text, end)
    return found is not None and found.group() == "}"


def _first_word(text: str) -> str:
    found = _TAG_NAME.match(text.strip())
    return found.group(1) if found else ""


def _track_block(
    inner: str, start: int, end: int, closer: str, blocks: list[tuple[str, int, int, str]], errors: list[TemplateError]
) -> None:
    name = _first_word(inner)
    if name in _BLOCK_TAGS or (name == "set" and "=" not in inner):
        blocks.append((name, start, end, "{% end" + name + " %}"))
    elif name.startswith("end") and name[3:]:
        _close_block(name[3:], start, end, closer, blocks, errors)
    elif name in _MIDDLE_TAGS and not any(b[3].startswith("{%") for b in blocks):
        errors.append(TemplateError(start, end, f"`{name}` outside any block"))


def _close_block(
    name: str, start: int, end: int, closer: str, blocks: list[tuple[str, int, int, str]], errors: list[TemplateError]
) -> None:
    syntax = "{%" if closer.startswith("{%") else "{{"
    for index in range(len(blocks) - 1, -1, -1):
        if blocks[index][3].startswith(syntax):
            opened = blocks[index][0]
            if opened == name or (syntax == "{{" and not name):
                del blocks[index]
                return
            errors.append(TemplateError(start, end, f"`end{name}` closes `{opened}`"))
            del blocks[index]
            return
    errors.append(TemplateError(start, end, f"`{name}` block closed but never opened"))


def mask_templates(text: str, skip: tuple[tuple[int, int], ...] = ()) -> MaskResult:
    """Mask every placeholder of ``text`` (same length) and collect errors and template comments.

    skip: regions already handled by the reader (code spans, front matter); nothing there is read.
    """
    scanned = blank_regions(text, skip)
    icu = find_icu_arguments(scanned)
    scanned = blank_regions(scanned, [(item.start, item.end) for item in icu])
    placeholders, errors, comments = find_placeholders(scanned)
    placeholders = sorted([*placeholders, *icu], key=lambda p: p.start)
    if not placeholders and not errors:  # most messages: nothing to mask
        return MaskResult(text, (), (), tuple(comments))
    chars = list(text)
    for item in placeholders:
        piece = scanned[item.start : item.end]
        replacement = neutral_word(item.end - item.start) if item.role == "value" else blank(piece)
        if item.role == "value" and ("\n" in piece or "\r" in piece):
            replacement = blank(piece)
        chars[item.start : item.end] = replacement
    for error in errors:
        # The opener/closer itself is not prose; the words after an unclosed `{{` stay analysed.
        opener = re.match(r"[{}%#$]+", scanned[error.start : error.end])
        if opener:
            chars[error.start : error.start + opener.end()] = " " * opener.end()
    return MaskResult("".join(chars), tuple(placeholders), tuple(errors), tuple(comments))


def blank_regions(text: str, regions: Iterable[tuple[int, int]]) -> str:
    """``text`` with each region blanked (see ``blank``), in one pass whatever the number of regions."""
    chars: list[str] | None = None
    for start, end in regions:
        if end > start:
            chars = chars if chars is not None else list(text)
            chars[start:end] = blank(text[start:end])
    return text if chars is None else "".join(chars)


_ICU_START = re.compile(r"\{\s*[A-Za-z_]\w*\s*,\s*(?:plural|select|selectordinal|number|date|time|spellout)\s*[,}]")


def find_icu_arguments(text: str) -> list[Placeholder]:
    """ICU MessageFormat arguments ({n, plural, one {# articolo} other {# articoli}}): one value each.

    Their branches nest braces and use `{#` for the number, which no other syntax here reads right.
    """
    found: list[Placeholder] = []
    position = 0
    closing: dict[int, int] | None = None
    while (match := _ICU_START.search(text, position)) is not None:
        closing = closing if closing is not None else _matching_braces(text)
        close = closing.get(match.start())
        if close is not None:
            found.append(Placeholder(match.start(), close + 1, "value"))
            position = close + 1
        else:
            position = match.end()  # unbalanced: left to the other checks
    return found


def _matching_braces(text: str) -> dict[int, int]:
    """Offset of each `{` -> offset of the `}` that closes it, in one pass (unclosed ones are absent).

    Scanning forward from every argument to find its end was quadratic on unbalanced text.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACE.finditer(text):
        if match.group() == "{":
            stack.append(match.start())
        elif stack:
            pairs[stack.pop()] = match.start()
    return pairs


_BRACE = re.compile(r"[{}]")


def find_urls(text: str) -> list[tuple[int, int]]:
    """Web addresses and e-mail addresses (textsyntax.ADDRESS): not prose, never spell-checked."""
    return address_spans(text)


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """The spans of every placeholder, tag and template comment of `text` (what masking masks)."""
    return [(p.start, p.end) for p in mask_templates(text).placeholders]


@dataclass(frozen=True)
class Masking:
    """Everything masking adds to a Source: analysis text, masked ranges, template errors and comments."""

    analysis: str
    masked: tuple[tuple[int, int], ...]
    errors: tuple[TemplateError, ...]
    comments: tuple[tuple[int, int, str], ...]


# The longest run of punctuation, symbols and underscores the tokenizer is given (see the module's docstring).
MAX_MARK_RUN = 16
_MARK_RUN = re.compile(r"(?:[^\w\s]|_){" + str(MAX_MARK_RUN + 1) + ",}")


def cap_mark_runs(text: str) -> str:
    """``text`` (same length) with every run of marks longer than MAX_MARK_RUN blanked after its start."""
    return _MARK_RUN.sub(lambda m: m.group()[:MAX_MARK_RUN] + " " * (m.end() - m.start() - MAX_MARK_RUN), text)


def mask_all(analysis: str, premasked: tuple[tuple[int, int], ...] = ()) -> Masking:
    """Mask placeholders, then web and e-mail addresses, in a text whose ``premasked`` regions are done."""
    result = mask_templates(analysis, premasked)
    addresses = find_urls(result.analysis)
    if not addresses and not result.placeholders and not premasked:  # most messages: nothing to mask
        return Masking(cap_mark_runs(result.analysis), (), result.errors, result.comments)
    chars = list(result.analysis)
    urls = []
    for start, end in addresses:
        # An address with a placeholder inside (https://x.it/{{ id }}) is masked as one word.
        for t_start, t_end in result.ranges:
            if start < t_end and t_start < end:
                start, end = min(start, t_start), max(end, t_end)
        if not any(start < t_end and t_start < end for t_start, t_end in premasked):
            chars[start:end] = neutral_word(end - start)
            urls.append((start, end))
    # A tag that is itself the error (an `{% if %}` never closed) stays blanked but unmasked: it is reported.
    errors = {(e.start, e.end) for e in result.errors}
    ranges = [r for r in result.ranges if r not in errors]
    masked = tuple(sorted({*premasked, *ranges, *urls}))
    return Masking(cap_mark_runs("".join(chars)), masked, result.errors, result.comments)
