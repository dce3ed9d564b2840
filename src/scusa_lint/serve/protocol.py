"""LanguageTool's `/v2/check` contract: its parameters in, its JSON out.

Parameters (form-encoded, as LanguageTool's clients send them; LTeX sends a form body with a JSON
content type, so the body is read as a form whatever its type): `text` or `data`, `language`
(a code such as it, it-IT, en-GB, or `auto`), `enabledRules`, `disabledRules`,
`enabledCategories`, `disabledCategories` (comma-separated), `enabledOnly`, `level`
(default | picky), `motherTongue`, `preferredVariants` (with `auto` only), and scusa-lint's own
`channel` (email, sms, chat, notice, review). Parameters LanguageTool clients send for features we
do not have (`textSessionId`, `username`, `apiKey`, ...) are accepted and ignored, as
LanguageTool itself does. A bad value is a :class:`BadRequest`: a 400 with a plain message.

The answer has LanguageTool's shape (`software`, `warnings`, `language` with `detectedLanguage`,
`matches` with `message`, `shortMessage`, `replacements`, `offset`/`length` in UTF-16 units,
`context`, `sentence`, `type`, `rule` {id, description, issueType, category, urls}); apology
findings are matches whose rule ids (SC101) and categories (BLAME_SHIFT) are scusa-lint's. What
LanguageTool has no field for travels in `scusaLint` fields, which clients ignore: per match the
code, level, category and suggestions; per answer the message role, the checklist and the score.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scusa_lint import __version__
from scusa_lint.finding import Finding, MessageResult
from scusa_lint.message_settings import CHANNELS
from scusa_lint.serve.annotated import AnnotationError, Document, Utf16
from scusa_lint.structure import FORMULA
from scusa_lint.taxonomy import CATEGORY_SUMMARIES, WHOLE_MESSAGE_CATEGORIES, Category, Level

# LanguageTool's language codes: it, it-IT, en-GB, de-DE-x-simple-language, and `auto`.
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
AUTO = "auto"
# Characters of context either side of a match, as LanguageTool's default context size.
CONTEXT_CHARS = 40


class BadRequest(Exception):
    """A request LanguageTool would refuse: answered with `status` and a plain-text message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class CheckRequest:
    """One /v2/check request, validated.

    language: as given (it, it-IT, en-GB, auto); rules and categories: the client's selections;
    picky: level=picky (info-level suggestions are shown too); channel: scusa-lint's own parameter.
    params: every parameter as received, for forwarding to an upstream LanguageTool.
    """

    document: Document
    language: str
    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False
    picky: bool = False
    mother_tongue: str | None = None
    preferred_variants: tuple[str, ...] = ()
    channel: str | None = None
    params: Mapping[str, str] | None = None

    def wants(self, finding: Finding) -> bool:
        """Whether the client's rule, category and level selection keeps a finding."""
        names = {finding.code, finding.name, finding.code.upper()}
        category = finding.category.value
        if self.enabled_only:
            return bool(names & self.enabled_rules) or category in self.enabled_categories
        if names & self.disabled_rules or category in self.disabled_categories:
            return False
        if names & self.enabled_rules:
            return True
        return self.picky or finding.level is not Level.INFO


def _split(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


def parse_check(params: Mapping[str, str], max_chars: int) -> CheckRequest:
    """Validate a /v2/check request's parameters (BadRequest with LanguageTool's kind of message)."""
    text, data = params.get("text"), params.get("data")
    if text is None and data is None:
        raise BadRequest("Error: Missing 'text' or 'data' parameter")
    if text is not None and data is not None:
        raise BadRequest("Error: Set only one of the parameters 'text' and 'data', not both")
    try:
        document = Document.from_text(text) if text is not None else Document.from_data(str(data))
    except AnnotationError as exc:
        raise BadRequest(f"Error: {exc}") from exc
    if len(document.original) > max_chars:
        raise BadRequest(
            f"Error: Your text exceeds the limit of {max_chars} characters (it's {len(document.original)} "
            "characters). Please submit a shorter text.",
            status=413,
        )
    language = (params.get("language") or "").strip()
    if not language:
        raise BadRequest("Error: Missing 'language' parameter. Use 'language=auto' to detect the language")
    if language != AUTO and not _LANGUAGE_CODE.match(language):
        raise BadRequest(f"Error: '{language}' is not a language code known to LanguageTool")
    mother_tongue = (params.get("motherTongue") or "").strip() or None
    if mother_tongue is not None and not _LANGUAGE_CODE.match(mother_tongue):
        raise BadRequest(f"Error: '{mother_tongue}' is not a language code known to LanguageTool")
    variants = tuple(sorted(_split(params.get("preferredVariants"))))
    if variants and language != AUTO:
        raise BadRequest("Error: You specified 'preferredVariants' but you didn't specify 'language=auto'")
    for variant in variants:
        if not _LANGUAGE_CODE.match(variant) or "-" not in variant.replace("_", "-"):
            raise BadRequest(f"Error: '{variant}' in 'preferredVariants' is not a language variant like en-GB")
    level = (params.get("level") or "default").strip()
    if level not in ("default", "picky"):
        raise BadRequest(f"Error: 'level' must be 'default' or 'picky', not '{level}'")
    enabled_only_value = (params.get("enabledOnly") or "false").strip().lower()
    if enabled_only_value not in ("true", "false"):
        raise BadRequest(f"Error: 'enabledOnly' must be 'true' or 'false', not '{enabled_only_value}'")
    enabled_rules, disabled_rules = _split(params.get("enabledRules")), _split(params.get("disabledRules"))
    enabled_categories = _split(params.get("enabledCategories"))
    disabled_categories = _split(params.get("disabledCategories"))
    enabled_only = enabled_only_value == "true"
    if enabled_only and not (enabled_rules or enabled_categories):
        raise BadRequest("Error: You must specify enabled rules or categories when using enabledOnly=true")
    if enabled_only and (disabled_rules or disabled_categories):
        raise BadRequest("Error: You cannot specify disabled rules or categories using enabledOnly=true")
    channel = (params.get("channel") or "").strip() or None
    if channel is not None and channel not in CHANNELS:
        raise BadRequest(f"Error: 'channel' must be one of {', '.join(CHANNELS)}, not '{channel}'")
    return CheckRequest(
        document=document,
        language=language,
        enabled_rules=enabled_rules,
        disabled_rules=disabled_rules,
        enabled_categories=enabled_categories,
        disabled_categories=disabled_categories,
        enabled_only=enabled_only,
        picky=level == "picky",
        mother_tongue=mother_tongue,
        preferred_variants=variants,
        channel=channel,
        params=dict(params),
    )


def software() -> dict[str, Any]:
    """The `software` object of every answer (LanguageTool's fields; clients read `name` and `version`)."""
    return {
        "name": "scusa-lint",
        "version": __version__,
        "buildDate": None,
        "apiVersion": 1,
        "premium": False,
        "premiumHint": None,
        "status": "",
    }


# LanguageTool's issue types (the add-ons colour matches by them): spelling red, grammar yellow, style blue.
_ISSUE_TYPES: dict[Category, str] = {
    Category.TYPO: "misspelling",
    Category.COLD_TONE: "register",
    Category.LINT: "formatting",
    **{category: "omission" for category in WHOLE_MESSAGE_CATEGORIES},
}


def issue_type(finding: Finding) -> str:
    """The LanguageTool issue type of a finding (grammar rules of the TYPO category are grammar)."""
    if finding.category is Category.TYPO and "grammar" in finding.name:
        return "grammar"
    return _ISSUE_TYPES.get(finding.category, "style")


@dataclass(frozen=True)
class Span:
    """Where a match stands in the client's document: Python indices and UTF-16 units."""

    start: int
    end: int
    offset: int
    length: int


def whole_message_anchor(text: str) -> tuple[int, int]:
    """Where a whole-message finding (no apology, no prevention plan) is shown: the first word of the text.

    LanguageTool has no match without a span, and a client drops an empty one; its first word is
    the smallest visible place. Such matches say so in `scusaLint.wholeMessage`.
    """
    found = re.search(r"\S+", text)
    if found is None:
        return 0, 0
    word = re.match(r"[\w'’-]+", found.group(0))
    return found.start(), found.start() + (len(word.group(0)) if word else len(found.group(0)))


def match_of(
    finding: Finding, document: Document, utf16: Utf16, anchor: tuple[int, int]
) -> tuple[Span, dict[str, Any]]:
    """One finding as a LanguageTool match (and its span, for ordering and de-duplication)."""
    whole = finding.whole_message
    plain_start, plain_end = anchor if whole else (finding.start, finding.end)
    start, end = document.original_span(plain_start, plain_end)
    span = Span(start, end, utf16.offset(start), utf16.length(start, end))
    original = document.original
    first = max(0, start - CONTEXT_CHARS)
    last = min(len(original), end + CONTEXT_CHARS)
    before = "..." if first > 0 else ""
    context_text = before + original[first:last] + ("..." if last < len(original) else "")
    context_offset = len(before) + Utf16(original[first:start]).offset(start - first)
    replacements = [
        {"value": s.replacement, "shortDescription": s.text} for s in finding.suggestions if s.replacement is not None
    ]
    advice = [s.text for s in finding.suggestions if s.replacement is None]
    message = finding.message if not advice else f"{finding.message} {advice[0]}"
    sentence = finding.context[0] if finding.context is not None else ""
    match: dict[str, Any] = {
        "message": message,
        "shortMessage": "",
        "replacements": replacements,
        "offset": span.offset,
        "length": span.length,
        "context": {"text": context_text, "offset": context_offset, "length": span.length},
        "sentence": sentence,
        "type": {"typeName": "UnknownWord" if issue_type(finding) == "misspelling" else "Other"},
        "rule": {
            "id": finding.code,
            "description": f"{finding.name} ({finding.code})",
            "issueType": issue_type(finding),
            "category": {"id": finding.category.value, "name": CATEGORY_SUMMARIES.get(finding.category, "")},
            "urls": [{"value": finding.link}] if finding.link else [],
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        "scusaLint": {
            "code": finding.code,
            "name": finding.name,
            "level": finding.level.value,
            "category": finding.category.value,
            "wholeMessage": whole,
            "match": finding.match,
            "start": start,
            "end": end,
            "suggestions": [s.to_json() for s in finding.suggestions],
        },
    }
    return span, match


def matches_of(result: MessageResult, request: CheckRequest) -> list[tuple[Span, dict[str, Any]]]:
    """The findings the client asked for, as LanguageTool matches in offset order."""
    document = request.document
    utf16 = Utf16(document.original)
    anchor = whole_message_anchor(document.plain)
    found = [match_of(f, document, utf16, anchor) for f in result.findings if request.wants(f)]
    return sorted(found, key=lambda item: (item[0].offset, item[0].length, item[1]["rule"]["id"]))


def language_object(code: str, name: str, detected_code: str, detected_name: str, confidence: float) -> dict[str, Any]:
    """The answer's `language`: the one checked, and the one detected (LanguageTool always reports both)."""
    return {
        "name": name,
        "code": code,
        "detectedLanguage": {"name": detected_name, "code": detected_code, "confidence": confidence},
    }


def summary_of(result: MessageResult | None) -> dict[str, Any]:
    """The answer's `scusaLint` field: the message's role, the apology checklist and its score."""
    if result is None:
        return {"role": None, "roleReason": None, "score": None, "parts": {}, "formula": FORMULA}
    structure = result.structure
    return {
        "role": result.role,
        "roleReason": result.role_reason,
        "language": result.language,
        "channel": result.channel,
        "pipeline": result.pipeline,
        "score": structure.score if structure is not None else None,
        "parts": dict(structure.parts) if structure is not None else {},
        "formula": FORMULA,
        "notices": list(result.notices),
    }
