"""A real LanguageTool behind the server (`--languagetool-url`): its grammar and spelling, merged in.

The same text and parameters go to the upstream `/v2/check` (scusa-lint's own rule ids,
categories and `channel` are left out: LanguageTool does not know them), at the same time as
scusa-lint lints it. Its matches and the apology findings become one list, ordered by offset; a
scusa-lint spelling finding on exactly the span of a LanguageTool match is the same typo said
twice, and LanguageTool's is kept. When upstream is down, slow or answers garbage, the answer has
the apology findings alone, `warnings.incompleteResults` set and the reason in
`scusaLint.upstream`: an agent still sees its apology findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from scusa_lint.serve.protocol import Span
from scusa_lint.taxonomy import Category

# Parameters that are scusa-lint's alone, never forwarded.
OWN_PARAMS = frozenset({"channel"})
# Parameters that hold rule ids or categories, comma-separated.
_LISTS = ("enabledRules", "disabledRules", "enabledCategories", "disabledCategories")


class UpstreamError(Exception):
    """The upstream LanguageTool did not give a usable answer (the message says why)."""


@dataclass(frozen=True)
class UpstreamAnswer:
    """What upstream said: its matches (as it sent them) and its software version."""

    matches: list[dict[str, Any]]
    version: str


def forwarded(
    params: Mapping[str, str], own_rules: Iterable[str], own_categories: Iterable[str]
) -> dict[str, str] | None:
    """The parameters to send upstream, or None when the request asks nothing of LanguageTool
    (enabledOnly with only scusa-lint's rules and categories)."""
    own = set(own_rules) | set(own_categories)
    sent: dict[str, str] = {}
    for key, value in params.items():
        if key in OWN_PARAMS:
            continue
        if key in _LISTS:
            kept = [part.strip() for part in value.split(",") if part.strip() and part.strip() not in own]
            if kept:
                sent[key] = ",".join(kept)
            continue
        sent[key] = value
    if sent.get("enabledOnly", "").lower() == "true" and not (
        sent.get("enabledRules") or sent.get("enabledCategories")
    ):
        return None
    return sent


class Upstream:
    """An async client for one LanguageTool server's /v2 API, with a timeout on every request."""

    def __init__(self, url: str, timeout: float) -> None:
        base = url.rstrip("/")
        self.base = base[: -len("/v2")] if base.endswith("/v2") else base
        self.timeout = timeout
        self._client = httpx.AsyncClient(timeout=timeout, headers={"Accept": "application/json"})

    async def _request(self, method: str, path: str, data: Mapping[str, str] | None = None) -> Any:
        url = f"{self.base}/v2/{path}"
        try:
            response = await self._client.request(method, url, data=dict(data) if data is not None else None)
        except httpx.TimeoutException as exc:
            raise UpstreamError(f"{url} did not answer within {self.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise UpstreamError(f"cannot reach {url}: {exc}") from exc
        if response.status_code != 200:
            raise UpstreamError(f"{url} answered HTTP {response.status_code}: {response.text[:200]}")
        try:
            return response.json()
        except ValueError as exc:
            raise UpstreamError(f"{url} answered with something that is not JSON: {response.text[:60]!r}") from exc

    async def check(self, params: Mapping[str, str]) -> UpstreamAnswer:
        """Upstream's matches for a request's parameters; UpstreamError on any failure."""
        answer = await self._request("POST", "check", params)
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise UpstreamError(f"{self.base}/v2/check answered JSON without a `matches` list")
        matches = [m for m in answer["matches"] if _well_formed(m)]
        software = answer.get("software")
        version = str(software.get("version", "?")) if isinstance(software, dict) else "?"
        return UpstreamAnswer(matches, version)

    async def languages(self) -> list[dict[str, Any]]:
        """Upstream's /v2/languages; UpstreamError on any failure."""
        answer = await self._request("GET", "languages")
        if not isinstance(answer, list):
            raise UpstreamError(f"{self.base}/v2/languages did not answer a list")
        return [item for item in answer if isinstance(item, dict)]

    async def close(self) -> None:
        await self._client.aclose()


def _well_formed(match: object) -> bool:
    """Whether an upstream match has what clients need (offset, length, rule id); others are dropped."""
    if not isinstance(match, dict):
        return False
    offset, length, rule = match.get("offset"), match.get("length"), match.get("rule")
    return (
        isinstance(offset, int)
        and isinstance(length, int)
        and offset >= 0
        and length >= 0
        and isinstance(rule, dict)
        and isinstance(rule.get("id"), str)
    )


def merge(ours: Sequence[tuple[Span, dict[str, Any]]], theirs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One list of matches, ordered by offset (then length): ours and upstream's, de-duplicated.

    A scusa-lint spelling finding on exactly the span of an upstream match is dropped (the same
    typo, and LanguageTool's grammar-aware message is the better one); an upstream match repeated
    with the same span and rule is kept once. Apology findings are never dropped.
    """
    upstream_spans = {(m["offset"], m["length"]) for m in theirs}
    merged: list[tuple[int, int, int, dict[str, Any]]] = []
    for span, match in ours:
        is_typo = match["rule"]["category"]["id"] == Category.TYPO.value
        if is_typo and (span.offset, span.length) in upstream_spans:
            continue
        merged.append((span.offset, span.length, 0, match))
    seen: set[tuple[int, int, str]] = set()
    for match in theirs:
        key = (match["offset"], match["length"], match["rule"]["id"])
        if key in seen:
            continue
        seen.add(key)
        merged.append((match["offset"], match["length"], 1, match))
    merged.sort(key=lambda item: (item[0], item[1], item[2]))
    return [match for *_, match in merged]
