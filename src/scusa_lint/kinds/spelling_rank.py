"""Ranking a speller's corrections, and deciding whether one clearly wins (only then may a fix apply it).

Hunspell orders its suggestions by its own n-gram score, which knows nothing of how people mistype:
for «Egreggio Cliento» its first ones are «Greggio» and «Cilento» (a surname and a region), and
applying them makes the letter worse. Here each candidate gets the cost of the edits that turn
the typo into it, weighted by how likely each slip is:

- a wrong or missing accent (e/è, perche/perché): 0.1; a letter's case: 0;
- a doubled letter typed once or a single one doubled (Egreggio/Egregio, sopratutto): 0.4;
- two letters swapped (Cilente/Cliente, teh/the): 0.5; a neighbouring key (Cliwnte/Cliente): 0.6;
- a letter left out (spedizone/spedizione): 0.8;
- any other substitution, insertion or deletion: 1;
- an edit of the first letter costs 0.5 more (people rarely mistype the first letter), and a
  proper name (the speller knows it only capitalised: Cilento) 0.75 more, and splitting the
  word in two (Pur-tropo, Pur tropo) 0.5 more.

The candidates are returned cheapest first, each in the case of the original («Cliento» →
«Cliente», «CLIENTO» → «CLIENTE»). A correction *clearly wins* when it costs at most MAX_COST and
the next one at least MARGIN more: only then does a spelling finding carry a replacement that
``--unsafe-fixes`` may apply; otherwise the corrections are advice for a human.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

MAX_COST = 2.0
MARGIN = 0.5
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEYS = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}


def _base(ch: str) -> str:
    """The letter without its accent (è → e)."""
    return unicodedata.normalize("NFD", ch)[0].lower()


def _adjacent(a: str, b: str) -> bool:
    pa, pb = _KEYS.get(a.lower()), _KEYS.get(b.lower())
    return pa is not None and pb is not None and abs(pa[0] - pb[0]) <= 1 and abs(pa[1] - pb[1]) <= 1


def _substitution(a: str, b: str) -> float:
    if a == b or a.lower() == b.lower():
        return 0.0
    if _base(a) == _base(b):
        return 0.1
    return 0.6 if _adjacent(a, b) else 1.0


def edit_cost(typo: str, candidate: str) -> float:
    """Weighted Damerau-Levenshtein distance from the typo to the candidate (see the module docstring)."""
    a, b = typo, candidate
    rows, cols = len(a) + 1, len(b) + 1
    d = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        d[i][0] = d[i - 1][0] + _indel(a, i - 1)
    for j in range(1, cols):
        d[0][j] = d[0][j - 1] + _indel(b, j - 1, missing=True)
    for i in range(1, rows):
        for j in range(1, cols):
            best = min(
                d[i - 1][j] + _indel(a, i - 1),  # a letter of the typo is extra
                d[i][j - 1] + _indel(b, j - 1, missing=True),  # a letter is missing from the typo
                d[i - 1][j - 1] + _substitution(a[i - 1], b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1].lower() == b[j - 2].lower() and a[i - 2].lower() == b[j - 1].lower():
                best = min(best, d[i - 2][j - 2] + 0.5)
            d[i][j] = best
    return d[-1][-1]


def _indel(word: str, index: int, missing: bool = False) -> float:
    """Inserting or deleting word[index]: cheap when it doubles (or undoubles) its neighbour; a letter
    left out of the typo costs a little less than one typed in excess."""
    ch = word[index].lower()
    doubled = (index > 0 and word[index - 1].lower() == ch) or (index + 1 < len(word) and word[index + 1].lower() == ch)
    if doubled:
        return 0.4
    return 0.8 if missing else 1.0


def cost(typo: str, candidate: str, known: Callable[[str], bool] | None = None) -> float:
    """The full cost of correcting `typo` to `candidate`: edits, a changed first letter, a proper name."""
    total = edit_cost(typo, candidate)
    if typo[:1].lower() != candidate[:1].lower() and _base(typo[:1]) != _base(candidate[:1]):
        total += 0.5
    if known is not None and candidate[:1].isupper() and candidate[1:].islower() and not known(candidate.lower()):
        total += 0.75  # a name (the speller knows it only capitalised) for what reads as an ordinary word
    if any(ch in candidate and ch not in typo for ch in " -'"):
        total += 0.5  # a word split in two is rarely what was meant
    return total


def in_case_of(original: str, candidate: str) -> str:
    """The candidate written in the case of the original word (Title, UPPER or as suggested)."""
    if original.isupper() and len(original) > 1:
        return candidate.upper()
    if original[:1].isupper() and candidate[:1].islower():
        return candidate[:1].upper() + candidate[1:]
    return candidate


def rank(typo: str, candidates: Sequence[str], known: Callable[[str], bool] | None = None) -> tuple[list[str], bool]:
    """The candidates cheapest first (in the typo's case, without duplicates), and whether the first clearly wins."""
    scored: dict[str, float] = {}
    for position, candidate in enumerate(candidates):
        shown = in_case_of(typo, candidate)
        # The speller's own order breaks ties (a tiny amount per position).
        score = cost(typo, candidate, known) + position * 1e-3
        if shown not in scored or score < scored[shown]:
            scored[shown] = score
    ordered = sorted(scored, key=lambda c: scored[c])
    if not ordered:
        return [], False
    best = scored[ordered[0]]
    runner_up = scored[ordered[1]] if len(ordered) > 1 else None
    wins = best <= MAX_COST and (runner_up is None or runner_up - best >= MARGIN)
    return ordered, wins
