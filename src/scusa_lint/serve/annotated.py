"""LanguageTool's two ways to send a text: `text` (plain), or `data` (text with markup), and UTF-16 offsets.

`data` is ``{"annotation": [{"text": "A "}, {"markup": "<b>"}, {"text": "test"}, {"markup": "</b>"}]}``,
with an optional ``interpretAs`` on markup (``{"markup": "<p>", "interpretAs": "\\n\\n"}``). Markup is
not checked, but offsets in the answer refer to the original document, markup included: this is
how the browser add-ons and LTeX send HTML, Markdown and LaTeX. A :class:`Document` keeps both texts
and maps spans of the linted (plain) text back to the original one.

LanguageTool counts offsets in UTF-16 code units (Java strings); :class:`Utf16` converts a Python
string index into that count, so that an emoji before a finding does not shift it in the client.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any


class AnnotationError(ValueError):
    """A `data` parameter that is not LanguageTool's annotation JSON (the message says what is wrong)."""


@dataclass(frozen=True)
class Document:
    """A text as the client sent it and as it is linted.

    original: the document the client's offsets count in (markup included).
    plain: the linted text: the text parts, each markup replaced by its interpretAs (or nothing).
    starts, ends: for each character of ``plain``, where it starts and ends in ``original``
    (a character of an interpretAs stands for its whole markup); None when plain is original.
    """

    original: str
    plain: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @classmethod
    def from_text(cls, text: str) -> Document:
        return cls(text, text)

    @classmethod
    def from_data(cls, data: str) -> Document:
        """The document of a `data` parameter; AnnotationError on anything but LanguageTool's shape."""
        try:
            parsed: Any = json.loads(data)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise AnnotationError(f"the 'data' parameter is not valid JSON: {exc}") from exc
        if not isinstance(parsed, dict) or not isinstance(parsed.get("annotation"), list):
            raise AnnotationError("the 'data' parameter must be a JSON object with an 'annotation' list")
        original: list[str] = []
        plain: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        at = 0
        for index, part in enumerate(parsed["annotation"]):
            if not isinstance(part, dict):
                raise AnnotationError(f"annotation item {index} is not an object")
            text, markup, interpret = part.get("text"), part.get("markup"), part.get("interpretAs")
            if (text is None) == (markup is None):
                raise AnnotationError(f"annotation item {index} must have either 'text' or 'markup'")
            if text is not None:
                if not isinstance(text, str):
                    raise AnnotationError(f"annotation item {index}: 'text' must be a string")
                original.append(text)
                plain.append(text)
                starts.extend(range(at, at + len(text)))
                ends.extend(range(at + 1, at + len(text) + 1))
                at += len(text)
                continue
            if not isinstance(markup, str) or not isinstance(interpret or "", str):
                raise AnnotationError(f"annotation item {index}: 'markup' and 'interpretAs' must be strings")
            original.append(markup)
            shown = str(interpret or "")
            plain.append(shown)
            starts.extend([at] * len(shown))
            ends.extend([at + len(markup)] * len(shown))
            at += len(markup)
        return cls("".join(original), "".join(plain), tuple(starts), tuple(ends))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``plain[start:end]`` stands for (an empty span stays empty)."""
        if self.starts is None or self.ends is None:
            return start, end
        if not self.starts:
            return len(self.original), len(self.original)
        first = self.starts[start] if start < len(self.starts) else len(self.original)
        if end <= start:
            return first, first
        return first, self.ends[min(end, len(self.ends)) - 1]


class Utf16:
    """UTF-16 code-unit offsets of a Python string's indices (characters beyond the BMP count twice)."""

    def __init__(self, text: str) -> None:
        # The indices of the astral characters, in order: an index's offset is itself plus those before it.
        self._astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]

    def offset(self, index: int) -> int:
        """The UTF-16 offset of string index ``index``."""
        return index + bisect_right(self._astral, index - 1)

    def length(self, start: int, end: int) -> int:
        """The UTF-16 length of ``text[start:end]``."""
        return self.offset(end) - self.offset(start)


def utf16_len(text: str) -> int:
    """The length of a string in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
