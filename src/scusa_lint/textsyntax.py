"""The text grammar: what in a message is template syntax, an address or a code, never prose.

One module says it, and everything that must tell prose from the rest reads it from here:
masking (placeholders become neutral words for the rules, masking.py), spelling (none of this
is a word to check, spelling/words.py) and suppressions (a template comment can carry a
directive, suppressions.py). So `[[nome]]` or `shop.example.it` is the same thing to the
speller and to every rule.

    template syntax   {{ nome }} {% if %} {# nota #} {{{x}}} {{#s}} ${x} {nome} {0} %s %(nome)s [[nome]]
    addresses         https://… www.… shop.example.it nome@example.it
    handles and tags  @negozio #offerte
    codes             any chunk holding a digit: AB-12345, 3/12, 10:30
    abbreviations     with a raised ending: Sig.ra, Gent.mo, Dott.ssa, Spett.le
    markup tags       <b>, </p> (in a text that is not read as HTML)
"""

from __future__ import annotations

import re

# Template constructs, one alternative per syntax; masking.find_placeholders reads the group names.
# Order matters: comments and tags before expressions, triple braces before double, double before single.
_TEMPLATE_COMMENT_ALTERNATIVE = r"(?P<comment>\{\#.*?\#\})|"
_TEMPLATE_ALTERNATIVES = r"""
     (?P<stmt>\{%(?:(?!\{%|\{\{|%\}).)*%\})
    |(?P<triple>\{\{\{(?:(?!\{\{|\}\}\}).)*\}\}\})
    |(?P<expr>\{\{(?:(?!\{\{|\{%|\}\}).)*\}\})
    |(?P<dollar>\$\{[^{}\n]*\})
    |(?P<python>\{(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\w+\])*|\d+)?(?:![rsa])?(?::[^{}\n]*)?\})
    |(?P<wiki>\[\[[A-Za-z_][\w.\- ]*\]\])
    |(?P<escape>%%)
    |(?P<printf>%\([A-Za-z_]\w*\)[-\#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]
               |%[-\#+]*(?:\.\d+)?[sdifrxXeEgGcou](?![A-Za-z0-9]))
    |(?P<open>\{\{|\{%|\{\#|\$\{)
    |(?P<close>\}\}|%\}|\#\})
    """
# Every alternative opens with one of these characters: the lookahead lets the scan pass any other
# character at once instead of trying eleven alternatives there (a tenth of a millisecond a message
# on prose, which rarely holds any of them). The matches are the same.
_TEMPLATE_OPENING = r"(?=[{}$\[%\#])"
TEMPLATE_TOKEN = re.compile(
    f"{_TEMPLATE_OPENING}(?:{_TEMPLATE_COMMENT_ALTERNATIVE}{_TEMPLATE_ALTERNATIVES})", re.S | re.X
)
# The same without comments, for the text past the last `#}`, where no comment can close: there the
# lazy `{#.*?#}` would scan to the end from every `{#` (quadratic; see masking._tokens).
TEMPLATE_TOKEN_NO_COMMENT = re.compile(f"{_TEMPLATE_OPENING}(?:{_TEMPLATE_ALTERNATIVES})", re.S | re.X)

# A template comment anywhere in a file's text ({# ... #}, with Jinja's whitespace control).
TEMPLATE_COMMENT = re.compile(r"\{#-?(.*?)-?#\}", re.S)

_TOP_LEVEL_DOMAINS = "it|com|org|net|eu|io|info|biz|co|uk|de|fr|es"
# Web addresses (with a scheme, www., or a bare domain of a known top-level domain) and e-mail addresses.
ADDRESS = re.compile(
    # Bounded as the RFCs bound them (a local part of at most 64 characters, labels of at most 63, a
    # few labels): unbounded, the patterns retried a long run of "a.a.a." from each of its words
    # (quadratic: 96,000 characters took 21 s).
    r"""[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b"""
    r"""|(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'«»]+[^\s<>"'«».,;:!?)\]]"""
    rf"""|\b[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{0,8}}\.(?:{_TOP_LEVEL_DOMAINS})\b(?:/[^\s<>"'«»]*[^\s<>"'«».,;:!?)\]])?""",
    re.I,
)
# What any address contains: an `@`, a scheme's `://`, `www.`, or a dot before a top-level domain (each
# alternative of ADDRESS needs one). A text without any has no address, and is not scanned with ADDRESS,
# which tries its three alternatives at every word (a tenth of a millisecond a message).
_ADDRESS_HINT = re.compile(rf"@|://|www\.|\.(?:{_TOP_LEVEL_DOMAINS})\b", re.I)
HANDLE = re.compile(r"(?<!\w)[@#]\w+")
# A whole chunk without spaces that holds a digit. Anchored at the chunk's start: unanchored, a chunk
# without digits was retried from each of its characters, each time to its end.
CODE = re.compile(r"(?<!\S)[^\s\d]*\d\S*")
ABBREVIATION = re.compile(r"\b[^\W\d_]{1,6}\.[a-z]{1,4}\b")
MARKUP_TAG = re.compile(r"<[^<>\n]+>")


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The non-empty (start, end) spans of a pattern's matches in `text`."""
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def address_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the web and e-mail addresses in `text` (ADDRESS), looked for only where one can be."""
    return spans(ADDRESS, text) if _ADDRESS_HINT.search(text) else []
