"""A morphological lexicon shipped as package data: inflected form -> its readings (lemma, tag).

Why this form: the source (Morph-it! for Italian, inside LanguageTool's jar) is a morfologik
automaton that only Java reads, and a user's ``pip install`` must not need Java. So
``scripts/build_lexicon.py`` decompiles it once and writes it with :func:`encode` as one sorted,
gzipped UTF-8 text (about 2.5 MB for 405,000 Italian forms):

    #scusa-lint-lexicon 1
    #source Morph-it! 0.4.8 (LanguageTool language-it 6.8), CC BY-SA 2.0 / LGPL
    @NOUN-F:p<TAB>NOUN-F:s<TAB>...          the tags, numbered from 0 in this order
    consegna<TAB>5 17,1are                   form, then its readings: tag number[,strip+suffix]

A reading's lemma is written as "remove N characters from the end of the form, then add this
suffix" (``17,1are`` on *consegna*: tag 17, lemma *consegnare*); no ``,`` means the lemma is the
form itself. Loading is a decompression and a search for line breaks (see :class:`Lexicon`);
a look-up is a binary search in the sorted lines, and its result is cached by the caller.
"""

from __future__ import annotations

import array
import bisect
import functools
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAGIC = "#scusa-lint-lexicon 1"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Entry:
    """One reading of one form: ``lemma`` and the lexicon's own ``tag`` ("VER:ind+pres+3+s")."""

    lemma: str
    tag: str


def encode(entries: Iterable[tuple[str, str, str]], source: str) -> bytes:
    """The gzipped lexicon file for ``(form, lemma, tag)`` triples; same input, same bytes.

    Readings of a form keep the order of their first occurrence in the input; duplicates are dropped.
    """
    by_form: dict[str, list[tuple[str, str]]] = {}
    tags: dict[str, int] = {}
    for form, lemma, tag in entries:
        if not form or "\t" in form or "\n" in form or " " in tag:
            raise ValueError(f"cannot encode entry {form!r} {lemma!r} {tag!r}")
        readings = by_form.setdefault(form, [])
        if (lemma, tag) not in readings:
            readings.append((lemma, tag))
        tags.setdefault(tag, 0)
    tag_order = sorted(tags)
    number = {tag: index for index, tag in enumerate(tag_order)}
    lines = [MAGIC, f"#source {source}", "@" + "\t".join(tag_order)]
    for form in sorted(by_form):
        coded = " ".join(_code(form, lemma, number[tag]) for lemma, tag in by_form[form])
        lines.append(f"{form}\t{coded}")
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def _code(form: str, lemma: str, tag: int) -> str:
    if lemma == form:
        return str(tag)
    common = 0
    for a, b in zip(form, lemma, strict=False):
        if a != b:
            break
        common += 1
    strip = len(form) - common
    if strip >= len(_DIGITS):
        raise ValueError(f"lemma {lemma!r} too far from form {form!r}")
    return f"{tag},{_DIGITS[strip]}{lemma[common:]}"


class Lexicon:
    """Read-only access to an encoded lexicon: :meth:`lookup` gives a form's readings.

    The lines stay in one UTF-8 buffer with an array of where each starts, not as 405,000 Python
    strings: 12 MB instead of 35, and loading needs no split. UTF-8 bytes sort as the code points
    they encode, so the file's order (Python's string order) is the buffer's, and a binary search
    over the lines works on bytes.
    """

    def __init__(self, data: bytes) -> None:
        import numpy

        buffer = gzip.decompress(data)
        newlines = numpy.flatnonzero(numpy.frombuffer(buffer, dtype=numpy.uint8) == 10)
        starts = numpy.concatenate(([0], newlines + 1))  # line i is buffer[starts[i]:starts[i + 1] - 1]
        if not buffer.startswith(MAGIC.encode() + b"\n"):
            raise ValueError("not a scusa-lint lexicon (bad first line)")
        header = 0
        self.source = ""
        self.tags: tuple[str, ...] = ()
        while header < len(newlines) and buffer[starts[header] : starts[header] + 1] in (b"#", b"@"):
            line = buffer[starts[header] : newlines[header]].decode("utf-8")
            if line.startswith("#source "):
                self.source = line[len("#source ") :]
            elif line.startswith("@"):
                self.tags = tuple(line[1:].split("\t"))
            header += 1
        if len(buffer) > starts[-1]:  # a last line without its line break
            starts = numpy.concatenate((starts, [len(buffer) + 1]))
        # Four bytes an offset where the platform's unsigned int has them (the buffer is far below 4 GB).
        code = "I" if array.array("I").itemsize == 4 and len(buffer) < 2**32 - 1 else "q"
        dtype = numpy.uint32 if code == "I" else numpy.int64
        self._lines = _Lines(buffer, array.array(code, starts[header:].astype(dtype).tobytes()))

    def __len__(self) -> int:
        return len(self._lines)

    def lookup(self, form: str) -> tuple[Entry, ...]:
        """The readings of exactly this form (case and apostrophes as written); () when unknown."""
        key = (form + "\t").encode("utf-8")
        lines = self._lines
        index = bisect.bisect_left(lines, key)
        if index >= len(lines):
            return ()
        line = lines[index]
        if not line.startswith(key):
            return ()
        return tuple(self._decode(form, code) for code in line[len(key) :].decode("utf-8").split(" "))

    def _decode(self, form: str, code: str) -> Entry:
        tag, comma, lemma_code = code.partition(",")
        if not comma:
            return Entry(form, self.tags[int(tag)])
        strip = _DIGITS.index(lemma_code[0])
        stem = form[: len(form) - strip] if strip else form
        return Entry(stem + lemma_code[1:], self.tags[int(tag)])

    def with_prefix(self, prefix: str) -> Iterable[tuple[str, tuple[Entry, ...]]]:
        """Every form starting with ``prefix`` and its readings, in sorted order (for generating forms)."""
        lines = self._lines
        start = prefix.encode("utf-8")
        index = bisect.bisect_left(lines, start)
        while index < len(lines) and lines[index].startswith(start):
            form, _, codes = lines[index].decode("utf-8").partition("\t")
            yield form, tuple(self._decode(form, code) for code in codes.split(" "))
            index += 1

    def forms(self) -> Iterable[str]:
        """Every form, in sorted order (for tests and for building reverse indexes)."""
        return (self._lines[i].partition(b"\t")[0].decode("utf-8") for i in range(len(self._lines)))


class _Lines:
    """The lines of a buffer as a sequence of bytes (what bisect needs), given where each line starts."""

    def __init__(self, buffer: bytes, starts: array.array[int]) -> None:
        self._buffer = buffer
        self._starts = starts  # one more than the lines: the end of the last line + 1

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index: int) -> bytes:
        return self._buffer[self._starts[index] : self._starts[index + 1] - 1]


@functools.lru_cache(maxsize=4)
def load(path: str) -> Lexicon:
    """The lexicon stored at ``path``, read once per process."""
    return Lexicon(Path(path).read_bytes())
