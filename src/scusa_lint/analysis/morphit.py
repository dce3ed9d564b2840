"""Morph-it! tags read as Universal Dependencies parts of speech and features.

Morph-it! writes a reading's features in its tag: ``NOUN-F:p``, ``ADJ:pos+m+s``,
``VER:ind+pres+3+s``, ``VER:part+past+s+f``, ``VER:inf+pres+ci`` (with a clitic),
``PRO-PERS-CLI-3-F-S``, ``DET-POSS:f+s``, ``ART-M:s``, ``ARTPRE-F:p`` (del, nella).
Rules and the grammar checker speak UD (``POS: NOUN``, ``MORPH: {IS_SUPERSET: [Number=Plur]}``),
which is what spaCy's trained pipelines give too, so a rule works with either analysis.
Each distinct tag (about 660) is read once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# Morph-it! category (the tag's first part) -> UD part of speech. MOD (dovere, potere, volere), ASP (stare)
# and AUX become AUX or VERB in context (analysis/morphology.py).
_POS = {
    "NOUN": "NOUN",
    "NPR": "PROPN",
    "ADJ": "ADJ",
    "ADV": "ADV",
    "VER": "VERB",
    "AUX": "AUX",
    "MOD": "VERB",
    "CAU": "VERB",
    "ASP": "VERB",
    "ART": "DET",
    "ARTPRE": "ADP",
    "DET": "DET",
    "PRO": "PRON",
    "CON": "CCONJ",
    "PRE": "ADP",
    "INT": "INTJ",
    "PON": "PUNCT",
    "SENT": "PUNCT",
    "SYM": "SYM",
    "WH": "ADV",
    "WH-CHE": "SCONJ",
    "NE": "PRON",
    "CE": "PRON",
    "CI": "PRON",
    "SI": "PRON",
    "TALE": "DET",
    "ABL": "X",
}
# Conjunctions that introduce a clause (UD SCONJ); Morph-it! tags them CON like «e», «ma».
SUBORDINATORS = frozenset(
    {
        *("affinché", "affinchè", "allorché", "anziché", "benché", "che", "ché", "cosicché", "dacché"),
        *("finché", "giacché", "mentre", "nonostante", "perché", "perchè", "poiché", "qualora", "quando"),
        *("se", "sebbene", "siccome", "purché"),
    }
)
_GENDER = {"m": "Masc", "f": "Fem"}
_NUMBER = {"s": "Sing", "p": "Plur"}
_MOOD = {"ind": "Ind", "sub": "Sub", "cond": "Cnd", "impr": "Imp"}
_VERBFORM = {"inf": "Inf", "ger": "Ger", "part": "Part"}
_TENSE = {"pres": "Pres", "impf": "Imp", "past": "Past", "fut": "Fut"}
_DEGREE = {"sup": "Abs", "comp": "Cmp"}
_PRONTYPE = {"PERS": "Prs", "POSS": "Prs", "DEMO": "Dem", "INDEF": "Ind", "WH": "Int", "NUM": None}


@dataclass(frozen=True)
class Tag:
    """One Morph-it! tag, read: its category ("NOUN", "DET-POSS", "ART", "VER"), UD POS and features.

    gender, number, person, tense, mood, verbform are UD values ("Fem", "Plur", "3", "Past", "Ind",
    "Part") or None; clitic is the attached clitic of a verb form ("ci" in «scusarci»), or "".
    """

    text: str
    category: str
    pos: str
    gender: str | None = None
    number: str | None = None
    person: str | None = None
    tense: str | None = None
    mood: str | None = None
    verbform: str | None = None
    degree: str | None = None
    prontype: str | None = None
    clitic: str = ""

    @property
    def is_participle(self) -> bool:
        """A past participle («consegnata», «stati»)."""
        return self.verbform == "Part" and self.tense == "Past"

    @property
    def is_clitic(self) -> bool:
        """A clitic pronoun («la» before a verb, «ci», «gli», «ne»)."""
        return "-CLI" in self.text or self.category in ("NE", "CI", "CE", "SI")

    @property
    def is_finite(self) -> bool:
        """A finite verb form (indicative, subjunctive, conditional, imperative)."""
        return self.verbform == "Fin"

    def features(self) -> dict[str, str]:
        """The UD features, by name (what ``token.morph`` gets)."""
        found = {
            "Gender": self.gender,
            "Number": self.number,
            "Person": self.person,
            "Tense": self.tense,
            "Mood": self.mood,
            "VerbForm": self.verbform,
            "Degree": self.degree,
            "PronType": self.prontype,
        }
        if self.category.startswith(("ART", "ARTPRE")):
            found["PronType"] = "Art"
        if self.category == "DET-POSS" or self.category.startswith("PRO-POSS"):
            found["Poss"] = "Yes"
        if self.is_clitic:
            found["Clitic"] = "Yes"
        return {name: value for name, value in found.items() if value}


@functools.lru_cache(maxsize=2048)
def read_tag(text: str) -> Tag:
    """The :class:`Tag` that the Morph-it! tag ``text`` spells."""
    head, _, tail = text.partition(":")
    parts = head.split("-")
    category = head if head in _POS else parts[0]
    if parts[0] in ("NOUN", "ART", "ARTPRE"):
        category = parts[0]
    elif parts[0] in ("DET", "PRO") and len(parts) > 1:
        category = f"{parts[0]}-{parts[1]}"
    fields: dict[str, str | None] = {}
    # Dashed fields (PRO-PERS-CLI-3-F-S, NOUN-F) are upper case; ':'-fields (m+s, ind+pres+3+s) lower case.
    for part in parts[1:]:
        lower = part.lower()
        if part in ("M", "F"):
            fields["gender"] = _GENDER[lower]
        elif part in ("S", "P"):
            fields["number"] = _NUMBER[lower]
        elif part in ("1", "2", "3"):
            fields["person"] = part
        elif part in _PRONTYPE:
            fields.setdefault("prontype", _PRONTYPE[part])
    values = tail.split("+") if tail else []
    clitic = ""
    for index, value in enumerate(values):
        if value in _GENDER:
            fields["gender"] = _GENDER[value]
        elif value in _NUMBER:
            fields["number"] = _NUMBER[value]
        elif value in ("1", "2", "3"):
            fields["person"] = value
        elif value in _MOOD:
            fields["mood"] = _MOOD[value]
            fields["verbform"] = "Fin"
        elif value in _VERBFORM:
            fields["verbform"] = _VERBFORM[value]
        elif value in _TENSE:
            fields["tense"] = _TENSE[value]
        elif value in _DEGREE:
            fields["degree"] = _DEGREE[value]
        elif value == "pos":
            continue
        elif index > 0:
            clitic = value
    if fields.get("mood") == "Imp":
        fields.pop("tense", None)  # UD Italian gives imperatives no tense
    if fields.get("verbform") == "Ger":
        fields.pop("tense", None)
    if fields.get("verbform") == "Inf":
        fields.pop("tense", None)
    pos = _POS.get(category, _POS.get(parts[0], "X"))
    if category == "DET-NUM":
        pos = "NUM"
    return Tag(text=text, category=category, pos=pos, clitic=clitic, **fields)
