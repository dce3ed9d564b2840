"""Message role: is this an apology, a routine message, or a fragment? Decided before the apology rules run.

    apology   it apologises, or it answers a problem, a complaint or an incident (a delay, an
              outage, a refused payment, a wrong item, an error page, a reply to a bad review)
    routine   a customer message about no problem (order confirmation, shipping notice,
              reminder, invitation, newsletter, password reset, help text)
    fragment  a UI string, not a message (a button, a label, a subject line, a salutation alone)

Apology rules (sins and anatomy) run only on apologies; spelling and the checks of the file
itself run on everything. The decision reads the analysed text through the language's word
classes (lang/<code>/wordclasses.yaml) and the scopes of engine/scopes.py:

1. a role given by the user wins (front matter or catalog key `role:`, `per-file-roles` and
   `per-key-roles` in config, `--role`);
2. an apology word («ci scusiamo», "we're sorry") said as a fact — not negated, supposed,
   asked or quoted — makes an apology;
3. so does a word of the class ``problem`` said as a fact («ritardo», «disservizio», "outage";
   a problem denied is still a reply about a problem: «nessun errore nel sistema»), since a
   message about a problem that does not apologise is exactly what MISSING_APOLOGY is for;
   — except in a label: a text of at most LABEL_WORDS words that does not end a sentence
   («Retry delay», «Errore») is a fragment whatever its words;
4. so do two different words (not of one family) of the weaker classes ``trouble`` («attesa», «sciopero», "issue"),
   ``problem_verb`` («annullato», "cancelled") and ``complaint`` («segnalazione», "patience"):
   one of them alone is as common in help texts and notices as in apologies; such a word does
   not count when it is the customer's own doing («annullato dal cliente», "cancelled by you")
   or a status framed by two prepositions («in attesa di conferma», "on hold for");
4b. so does a construction of the language's role signs (rolesigns.py, lang/<code>/roles.yaml):
   a prevention promise, a service said to come back, the customer's complaint answered;
5. a catalog entry whose key names a line of a message, not a message («mails.late.subject»,
   «button.label», «page.title»: FRAGMENT_KEYS), is a fragment: it is linted for spelling only;
6. otherwise a message of at most FRAGMENT_WORDS words is a fragment, and anything longer is
   routine: help texts suppose problems («se non ricevi l'e-mail») and ask about them
   («Password dimenticata?»), they do not report them;
7. but a routine message or fragment that commits a sin only a reply about a problem can commit
   (taxonomy.PROBLEM_SIGN_CATEGORIES: blame, denial, minimising, self-pity, ...) is an apology:
   «Il collega ha sbagliato l'indirizzo, non è la prima volta» names no problem noun and is one.
   The linter runs those rules first and calls `confirm` with what they found.

An apology of at most SHORT_WORDS words in one sentence (an error banner: «Si è verificato un
errore, riprova») has *relaxed* anatomy: only the apology itself and a word for the customer
(empathy) are asked for, not ownership, an explanation, a fix or a prevention plan, and only as
suggestions (level info; scoping.RELAXED_PARTS).
A short apology that names an offence (a word of the class ``offence``: "we apologise to anyone
this offended") is a public statement, not a banner, and keeps the whole anatomy.
Every decision says why, naming the words and their line, so a surprising role can be
corrected with an override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from scusa_lint.engine.columns import doc_columns, doc_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Token

    from scusa_lint.engine.blocks import Matcher
    from scusa_lint.engine.scopes import Columns, Scopes
    from scusa_lint.wordclasses import ClassIndex

APOLOGY, ROUTINE, FRAGMENT = "apology", "routine", "fragment"
ROLES = (APOLOGY, ROUTINE, FRAGMENT)
AUTO = "auto"
FRAGMENT_WORDS = 5
LABEL_WORDS = 3
SHORT_WORDS = 25
# Words that share their first letters are one family for step 4 («annullato», «annullamento»).
FAMILY_LETTERS = 6
# The last segment of a catalog key that names a line of a message, not a message (step 5).
FRAGMENT_KEYS = frozenset(
    {"subject", "title", "heading", "label", "button", "cta", "placeholder", "tooltip", "name", "preheader"}
)
# Evidence that decides alone: (class, what it shows), strongest first.
DECISIVE = (("apology", "apology"), ("problem", "problem"))
# Evidence of which two different words decide.
SUGGESTIVE = ("trouble", "problem_verb", "complaint")


class _Line(Protocol):
    @property
    def line(self) -> int: ...


class Message(Protocol):
    """What the decision reads of a message besides its analysed text (a Source is one)."""

    @property
    def key(self) -> str | None: ...

    @property
    def text(self) -> str: ...

    def position(self, offset: int) -> _Line: ...

    def is_masked(self, start: int, end: int) -> bool: ...


# Where a line number goes in a reason: the reason is kept (and cached) without the message's place
# in its file, which an edit above it changes; `Role.shown` puts the lines in when the message is placed.
LINE = "\x00"


@dataclass(frozen=True, slots=True)
class Role:
    """The role of one message, why, and whether its anatomy is relaxed (a one-sentence problem notice).

    ``settled``: set by the user, or by a catalog key that names a line of a message (step 5); no
    role sign or sin (steps 4b, 7) changes it. ``at``: the offsets in the message's text of the
    words the reason names, one for each LINE in it, in order (see :meth:`shown`).
    """

    name: str
    reason: str
    relaxed: bool = False
    settled: bool = False
    at: tuple[int, ...] = ()

    def shown(self, where: Message) -> str:
        """The reason with the line in the file of each word it names."""
        parts = self.reason.split(LINE)
        if len(parts) != len(self.at) + 1:  # not one mark per offset: a reason built without `at`
            return self.reason.replace(LINE, "?")
        lines = [str(where.position(offset).line) for offset in self.at]
        return "".join(part + line for part, line in zip(parts, [*lines, ""], strict=True))


def _quoted(text: str) -> str:
    """A word of the message as a reason quotes it (never holding a LINE mark of its own)."""
    return text.replace(LINE, "")


def given(name: str, where: str) -> Role:
    """A role the user set (`where` says how: front matter, config, --role)."""
    return Role(name, f"set by {where}", settled=True)


def decide(doc: Doc, source: Message, classes: ClassIndex | None, scopes: Scopes | None) -> Role:
    """The role of a message from its analysed text (see the module docstring)."""
    # Token indices of the words, from the document's cached columns (a Token is built only for what is shown).
    words = [i for i, alpha in enumerate(doc_columns(doc)["IS_ALPHA"]) if alpha]
    if not words:
        return Role(FRAGMENT, "no words")
    leaf = _key_leaf(source.key)
    if leaf in FRAGMENT_KEYS:
        return Role(FRAGMENT, f"catalog key «{source.key}» names a {leaf}, not a message: spelling only", settled=True)
    if classes is None:  # a language without word classes: every message is linted as an apology
        return Role(APOLOGY, "the language has no word classes to tell routine messages apart")
    column = classes.column(doc)

    def stated(name: str) -> list[Token]:
        bit = classes.bits.get(name, 0)
        return [doc[i] for i in words if column[i] & bit and (scopes is None or _stated(scopes, doc, i, name))]

    reason: str | None = None
    at: tuple[int, ...] = ()
    label = len(words) <= LABEL_WORDS and not doc_text(doc).rstrip().endswith((".", "!", "?", "…"))
    for name, shows in DECISIVE:
        found = stated(name)
        if found and (name == "apology" or not label):
            reason, at = f"{shows} word «{_quoted(found[0].text)}» (line {LINE})", (found[0].idx,)
            break
    if reason is None:
        customer_bits = classes.bits.get("customer", 0) | classes.bits.get("addressee", 0)
        by_bit = classes.bits.get("by_prep", 0)
        hints = list(
            {
                t.lower_[:FAMILY_LETTERS]: t  # one word family counts once: «annullato», «annullamento»
                for name in SUGGESTIVE
                for t in stated(name)
                if not _routine_use(doc, column, t.i, by_bit, customer_bits)
            }.values()
        )
        if len(hints) >= 2 and not label:
            shown = ", ".join(f"«{_quoted(t.text)}» (line {LINE})" for t in hints[:3])
            reason, at = f"problem or complaint words {shown}", tuple(t.idx for t in hints[:3])
    if reason is not None:
        offence = classes.bits.get("offence", 0)
        return _apology(doc, reason, at, banner=not any(column[i] & offence for i in words))
    if len(words) <= FRAGMENT_WORDS:
        return Role(FRAGMENT, f"{len(words)} word{'s' if len(words) != 1 else ''} and no apology or problem word")
    routine_bit = classes.bits.get("routine", 0)
    examples = list(dict.fromkeys(doc[i].text.lower() for i in words if column[i] & routine_bit))[:3]
    shown = f"; routine words {', '.join(f'«{w}»' for w in examples)}" if examples else ""
    return Role(ROUTINE, f"no apology, problem or complaint word said as a fact{shown}")


def signed(
    doc: Doc, source: Message, signs: Sequence[tuple[str, Matcher, Matcher | None]], scopes: Scopes | None
) -> tuple[str, str, int] | None:
    """The first role sign (step 4b) said as a fact in the message: (reason, matched text, offset), or None.

    The signs' blocks already leave out negated and quoted matches; a supposed or asked one is no fact
    either («se vuoi evitare che succeda»), as for the words of steps 2-4, and neither is the main clause
    of a sentence that opens with a supposition ("If your statement looks odd, we will look into it").
    A sign whose `unless` block matches anywhere in the message does not count there.
    """
    columns = scopes.columns(doc) if scopes is not None else None
    for reason, matcher, unless in signs:
        if unless is not None and any(
            hit is not None and not source.is_masked(hit.start, hit.end) for hit in unless.find(doc)
        ):
            continue
        for hit in matcher.find(doc):
            if hit is None or source.is_masked(hit.start, hit.end):
                continue
            if columns is not None and _supposed(columns, hit.first_token):
                continue
            if scopes is not None and _conditional_sentence(doc, scopes, hit.first_token):
                continue
            return reason, source.text[hit.start : hit.end], hit.start
    return None


def confirm(role: Role, doc: Doc, signs: Sequence[tuple[str, str, int]]) -> Role:
    """The role once the problem-sign sins have run on a message the words did not make an apology.

    `signs` are (category, matched text, offset in the message) of what those rules found (step 7). A settled role
    (the user's, a catalog key's) is never changed, and neither is an apology.
    """
    if role.name == APOLOGY or role.settled or not signs:
        return role
    category, text, at = signs[0]
    return _apology(doc, f"{category} «{_quoted(text)}» (line {LINE}): only a reply about a problem says that", (at,))


def _apology(doc: Doc, reason: str, at: tuple[int, ...] = (), banner: bool = True) -> Role:
    """An apology, with relaxed anatomy when it is one short sentence (an error banner).

    `banner`: False when the message names an offence, which no banner apologises for.
    """
    words = sum(doc_columns(doc)["IS_ALPHA"])
    sentences = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
    if banner and words <= SHORT_WORDS and sentences <= 1:
        return Role(APOLOGY, f"{reason}; one short sentence: relaxed anatomy", relaxed=True, at=at)
    return Role(APOLOGY, reason, at=at)


def _key_leaf(key: str | None) -> str:
    """The last segment of a catalog key, lower-cased, without an index («mails.late.subject» → subject)."""
    if not key:
        return ""
    leaf = re.split(r"[.:/>]", key.rstrip("]"))[-1]
    return re.sub(r"\[\d+$", "", leaf).strip().lower()


def _routine_use(doc: Doc, column: Sequence[int], index: int, by_bit: int, customer_bits: int) -> bool:
    """Whether a weak problem word is used about no problem (see step 4 of the module docstring).

    The customer's own doing: the word followed by an agent (a preposition of the class ``by_prep``)
    that is the customer, within two words. A status: the word between two prepositions.
    """
    after = [doc[i] for i in range(index + 1, min(index + 4, len(doc)))]  # the agent and two words after it
    by_customer = bool(after) and bool(column[after[0].i] & by_bit)
    if by_customer and any(column[t.i] & customer_bits for t in after[1:3]):
        return True
    before = doc[index - 1] if index > 0 else None
    return before is not None and bool(after) and before.pos_ == "ADP" and after[0].pos_ == "ADP"


def _stated(scopes: Scopes, doc: Doc, index: int, name: str) -> bool:
    """Whether the word counts as evidence: said as a fact, or (for problems) denied as one."""
    columns = scopes.columns(doc)
    if columns.quoted[index] or _supposed(columns, index):
        return False
    return name != "apology" or not columns.negated[index]


def _conditional_sentence(doc: Doc, scopes: Scopes, index: int) -> bool:
    """Whether the word's sentence opens with a hypothesis cue («Se ...», "If ..."): a condition and its outcome."""
    if scopes.classes is None or not scopes.hypothesis or index >= len(doc):
        return False
    sentence = doc[index].sent if doc.has_annotation("SENT_START") else doc[:]
    opener = next((token for token in sentence if token.is_alpha), None)
    return opener is not None and bool(scopes.classes.column(doc)[opener.i] & scopes.hypothesis)


def _supposed(columns: Columns, index: int) -> bool:
    """Whether a word is supposed («se ...») or asked (its sentence ends with «?»): not said as a fact."""
    return bool(columns.hypothetical[index] or columns.asked[index])
