"""E-mail files (.eml): the subject and the text body, in their declared charsets, mapped to the file.

The standard library's email package parses the message (headers, MIME tree, charsets); the
text/plain part is linted, or the text/html part (its visible text) when there is no plain
one. To report findings at the file's own line and column, the reader also finds where that
part's body lies in the raw bytes and decodes it itself, keeping the byte position of every
character: exact for 7bit/8bit and quoted-printable bodies; for base64 bodies every character
maps to the first line of the encoded body (base64 has no usable positions). The subject maps
exactly, RFC 2047 Q-encoded words (=?utf-8?q?...?=) included; a B-encoded word maps to its start.

Legacy Italian mail often declares iso-8859-1 but uses Windows-1252 characters (€, curly
quotes), as browsers assume, so latin-1 labels are decoded as cp1252; an undeclared 8-bit body
is detected with charset-normalizer.
"""

from __future__ import annotations

import base64
import codecs
import email
import email.policy
import re
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime
from typing import Any

from scusa_lint.errors import InputError
from scusa_lint.readers.html import extract_html
from scusa_lint.readers.textmap import TextBuilder
from scusa_lint.source import Comment, Source, line_of, line_starts

_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"})


def read_eml(path: str, data: bytes, language: str | None) -> list[Source]:
    """One Source: the subject, a paragraph break, then the text of the body part."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise InputError("not an e-mail message (no headers)", path, 1)
    located = _locate(data, 0, len(data), message)
    chosen = _choose(located)
    charset = _charset(chosen[0] if chosen else message, data)
    file_encoding = charset if _decodes(data, charset) else "latin-1"
    file_text, char_positions = _decode_positions(data, list(range(len(data))), file_encoding)
    file_offset = _char_index_per_byte(char_positions, len(data), len(file_text))
    starts = line_starts(file_text)
    builder = TextBuilder(file_text)
    comments: list[Comment] = []
    _add_subject(builder, message, data, charset, file_offset)
    if chosen is not None:
        part, body_start, body_end = chosen
        body, positions = _body(part, data, body_start, body_end, _charset(part, data))
        offsets = [file_offset[p] for p in positions]
        builder.separator("\n\n", file_offset[body_start])
        if part.get_content_type() == "text/html":
            comments = _add_html(builder, body, offsets, starts)
        else:
            builder.add(body, offsets)
    meta: dict[str, Any] = {"channel": "email"}
    sent = _sent(message)
    if sent:
        meta["sent"] = sent
    return [builder.build(path, language, meta, comments, line_starts=starts)]


def _locate(data: bytes, start: int, end: int, part: Message) -> list[tuple[Message, int, int]]:
    """Every leaf part with the byte span of its (still encoded) body."""
    blank = _BLANK_LINE.search(data, start, end)
    body_start = blank.end() if blank else end
    if not part.is_multipart():
        return [(part, body_start, end)]
    boundary = part.get_boundary()
    payload = part.get_payload()
    if not boundary or not isinstance(payload, list):
        return []
    delimiter = re.compile(
        rb"(?:^|\r?\n)--" + re.escape(boundary.encode("ascii", "replace")) + rb"(--)?[ \t]*(?:\r?\n|$)"
    )
    spans: list[tuple[int, int]] = []
    previous: int | None = None
    for found in delimiter.finditer(data, body_start, end):
        if previous is not None:
            spans.append((previous, found.start()))
        previous = found.end()
        if found.group(1):
            break
    located: list[tuple[Message, int, int]] = []
    for child, (child_start, child_end) in zip(payload, spans, strict=False):
        located.extend(_locate(data, child_start, child_end, child))
    return located


def _choose(located: list[tuple[Message, int, int]]) -> tuple[Message, int, int] | None:
    for wanted in ("text/plain", "text/html"):
        for item in located:
            if item[0].get_content_type() == wanted and item[0].get_content_disposition() != "attachment":
                return item
    return None


def _charset(part: Message, data: bytes) -> str:
    declared = (part.get_content_charset() or "").lower()
    if declared:
        codec = _codec(declared, "")
        if codec:
            return codec
    if _decodes(data, "utf-8"):
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "utf_8"]).best()
    return best.encoding if best is not None else "cp1252"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _decode_positions(data: bytes, positions: list[int], encoding: str) -> tuple[str, list[int]]:
    """Decode bytes keeping, for each character, the position of its first byte (and per byte its char)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    chars: list[str] = []
    char_positions: list[int] = []
    pending: list[int] = []
    for index in range(len(data)):
        pending.append(positions[index])
        out = decoder.decode(data[index : index + 1])
        if out:
            chars.append(out)
            char_positions.extend([pending[0]] * len(out))
            pending = []
    tail = decoder.decode(b"", final=True)
    if tail:
        chars.append(tail)
        char_positions.extend([pending[0] if pending else (positions[-1] if positions else 0)] * len(tail))
    return "".join(chars), char_positions


def _char_index_per_byte(char_positions: list[int], size: int, length: int) -> list[int]:
    """For each byte of the file, the index of the character it belongs to (plus one past the end)."""
    char_at: list[int] = []
    for char_index, position in enumerate(char_positions):
        while len(char_at) <= position:
            char_at.append(char_index)
    while len(char_at) <= size:
        char_at.append(length)
    return char_at


def _body(part: Message, data: bytes, start: int, end: int, charset: str) -> tuple[str, list[int]]:
    """The decoded body text and the byte position in the file of each character."""
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    raw = data[start:end]
    if encoding == "base64":
        try:
            decoded = base64.b64decode(raw)
        except ValueError:
            decoded = b""
        text, _ = _decode_positions(decoded, [start] * len(decoded), charset)
        return text, [start] * len(text)
    if encoding == "quoted-printable":
        values, positions = _unquote(raw, start)
        return _decode_positions(values, positions, charset)
    return _decode_positions(raw, list(range(start, end)), charset)


def _unquote(raw: bytes, base: int) -> tuple[bytes, list[int]]:
    """Quoted-printable decoding that remembers where each decoded byte came from."""
    out = bytearray()
    positions: list[int] = []
    index = 0
    while index < len(raw):
        byte = raw[index : index + 1]
        if byte == b"=":
            soft = re.match(rb"=[ \t]*(\r?\n)", raw[index:])
            if soft:
                index += soft.end()
                continue
            pair = raw[index + 1 : index + 3]
            if re.fullmatch(rb"[0-9A-Fa-f]{2}", pair):
                out.append(int(pair, 16))
                positions.append(base + index)
                index += 3
                continue
        out += byte
        positions.append(base + index)
        index += 1
    return bytes(out), positions


def _add_subject(builder: TextBuilder, message: Message, data: bytes, charset: str, file_offset: list[int]) -> None:
    header_end = _BLANK_LINE.search(data)
    headers = data[: header_end.start() if header_end else len(data)]
    found = re.search(rb"(?im)^subject:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", headers)
    if not found:
        return
    start, end = found.span(1)
    raw = data[start:end].rstrip(b"\r\n")
    text, positions = _decode_header(raw, start, charset)
    if b"=?" in raw and text.split() != str(message.get("Subject", "")).split():
        # An encoding this reader does not follow: the email package's reading, at the header's start.
        text = str(message.get("Subject", ""))
        positions = [start] * len(text)
    builder.add(text, [file_offset[p] for p in positions])


_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")


def _decode_header(raw: bytes, base: int, charset: str) -> tuple[str, list[int]]:
    """An unstructured header value (RFC 2047 encoded words included) with the byte position of each character.

    Q-encoded words map character by character; a B-encoded (base64) word maps to its start.
    Raw 8-bit text (legacy mail) is read in the body's charset.
    """
    chars: list[str] = []
    positions: list[int] = []
    index = 0
    previous_encoded = False
    for word in _ENCODED_WORD.finditer(raw):
        between = raw[index : word.start()]
        if not (previous_encoded and between.strip() == b""):  # whitespace between encoded words is dropped
            text, where = _decode_positions(between, list(range(base + index, base + word.start())), charset)
            chars.append(text)
            positions.extend(where)
        word_charset, encoding, payload = word.group(1).decode("ascii"), word.group(2), word.group(3)
        word_charset = _codec(word_charset.split("*")[0], charset)
        payload_start = base + word.start(3)
        if encoding in b"Qq":
            values, where = _unquote(payload.replace(b"_", b" "), payload_start)
        else:
            try:
                values = base64.b64decode(payload + b"=" * (-len(payload) % 4))
            except ValueError:
                values = b""
            where = [base + word.start()] * len(values)
        text, where = _decode_positions(values, where, word_charset)
        chars.append(text)
        positions.extend(where)
        index = word.end()
        previous_encoded = True
    text, where = _decode_positions(raw[index:], list(range(base + index, base + len(raw))), charset)
    chars.append(text)
    positions.extend(where)
    return "".join(chars), positions


def _codec(label: str, fallback: str) -> str:
    label = label.lower()
    if label in _LATIN1_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return fallback


def _add_html(builder: TextBuilder, body: str, offsets: list[int], starts: tuple[int, ...]) -> list[Comment]:
    """The visible text of an HTML body, its offsets composed with the body's own map to the file."""
    inner = TextBuilder(body)
    body_starts = line_starts(body)
    inner_comments = extract_html(inner, 0, len(body), body_starts)
    mapped = [offsets[min(o, len(offsets) - 1)] for o in inner.offsets] if offsets else [0] * len(inner.offsets)
    builder.add("".join(inner.parts), mapped)
    first_line = line_of(starts, offsets[0]) if offsets else 1
    return [Comment(c.body, c.line + first_line - 1, c.end_line + first_line - 1) for c in inner_comments]


def _sent(message: Message) -> str | None:
    """The Date header as an ISO date (front matter `sent`), when it parses."""
    value = message.get("Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(str(value)).date().isoformat()
    except (TypeError, ValueError):
        return None
