"""The user's vocabulary: words always accepted (brand and product names) and words always flagged.

Like Vale's vocabularies, it comes from two places that add up:

- the config keys ``accept = [...]`` and ``reject = [...]``;
- a plain text file (config key ``vocabulary``, a path relative to the config file), one term
  per line; ``#`` starts a comment; a line starting with ``!`` is a rejected term::

      # brand and product names
      ScusaPay
      Fastweb
      !Paypal        # we write PayPal

Matching: a term with a capital letter matches only as written ("ScusaPay" does not accept
"Scusapay"); an all-lowercase term matches any capitalisation ("coupon" accepts "Coupon").
A rejected term is flagged even when the dictionary knows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scusa_lint import limits
from scusa_lint.errors import ConfigError


def _index(terms: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Split terms into (exact, any-case) sets according to the matching rule above."""
    exact: set[str] = set()
    folded: set[str] = set()
    for term in terms:
        term = normalise(term.strip())
        if not term:
            continue
        if term == term.lower():
            folded.add(term)
        else:
            exact.add(term)
    return frozenset(exact), frozenset(folded)


def normalise(word: str) -> str:
    """Typographic apostrophes as ASCII ones, so that "po’" and "po'" are the same word."""
    return word.replace("\u2019", "'").replace("\u02bc", "'")


@dataclass(frozen=True)
class Vocabulary:
    """Accepted and rejected terms (see the module docstring for how they match)."""

    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    _accept: tuple[frozenset[str], frozenset[str]] = field(init=False, repr=False, compare=False)
    _reject: tuple[frozenset[str], frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_accept", _index(self.accepted))
        object.__setattr__(self, "_reject", _index(self.rejected))

    @staticmethod
    def _matches(index: tuple[frozenset[str], frozenset[str]], word: str) -> bool:
        if not index[0] and not index[1]:  # the usual case: no vocabulary, nothing to look up
            return False
        word = normalise(word)
        return word in index[0] or word.lower() in index[1]

    def accepts(self, word: str) -> bool:
        return not self.rejects(word) and self._matches(self._accept, word)

    def rejects(self, word: str) -> bool:
        return self._matches(self._reject, word)

    def __len__(self) -> int:
        return len(self.accepted) + len(self.rejected)


def read_vocabulary_file(path: Path) -> tuple[list[str], list[str]]:
    """(accepted, rejected) terms of a vocabulary file; a missing or unreadable file is a ConfigError."""
    limit = limits.VOCABULARY_BYTES
    data = limits.read_regular(
        str(path), limit.value, lambda m: ConfigError(m, str(path)), "vocabulary file", limit.variable
    )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read vocabulary file: {exc}", str(path)) from exc
    accepted: list[str] = []
    rejected: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        target = accepted
        if line.startswith("!"):
            target, line = rejected, line[1:].strip()
        if not line or any(c.isspace() for c in line):
            raise ConfigError("a vocabulary entry is one word (no spaces)", str(path), number)
        target.append(line)
    return accepted, rejected


def load_vocabulary(file: str | None, accept: Iterable[str] = (), reject: Iterable[str] = ()) -> Vocabulary:
    """The run's vocabulary: the config lists plus the vocabulary file, if one is configured."""
    accepted, rejected = list(accept), list(reject)
    if file is not None:
        from_file = read_vocabulary_file(Path(file))
        accepted += from_file[0]
        rejected += from_file[1]
    return Vocabulary(tuple(accepted), tuple(rejected))
