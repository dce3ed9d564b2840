"""The LanguageTool backend: a self-hosted server (URL) or a local install started through language-tool-python.

Either way, text goes over HTTP to LanguageTool's documented ``POST /v2/check`` and the
answer is parsed here, with bounded timeouts, so that every failure (no Java, no server,
timeout, HTTP 500, garbage) becomes a BackendUnavailable with a reason the user can read.

- ``languagetool-url``: a running server (``docker run erikvl87/languagetool`` or
  ``java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081``).
- ``languagetool-path``: a local install (the ``LanguageTool-X.Y`` folder with
  ``languagetool-server.jar``); language-tool-python starts it. We check the folder first,
  so language-tool-python never starts its own download, and bound the start-up in time.
- The public API (api.languagetool.org) receives customer messages only with
  ``languagetool-public-api = true``: it is a third party.

Offsets: LanguageTool counts UTF-16 code units; ``Utf16Map`` turns them into Python string
indices, so an emoji before an error does not shift the finding. Placeholders and front matter
are sent as markup (``data`` with ``markup`` parts, read by LanguageTool as "X" or a paragraph
break), so they are never words to check, and LanguageTool's offsets stay those of the whole text.

What a match becomes (``classify``): a ``misspelling`` is merged with Hunspell's (TYPO, one
finding per word, see ``merge_misspellings`` and ``LanguageToolChecker._keeps``);
``style``, ``register`` and ``locale-violation`` matches are dropped, because tone is what the
apology rules judge, with their own calibrated rules (a rule id in ``languagetool-enabled-rules``
is kept all the same); everything else (grammar, agreement, punctuation, repetitions,
typography) is a grammar issue (GRAMMAR). ``DISABLED_RULES`` lists the rules scusa-lint turns
off, each with the reason.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scusa_lint.spelling.base import (
    BackendRule,
    BackendUnavailable,
    CheckResult,
    GrammarIssue,
    Misspelling,
    Ranges,
)
from scusa_lint.spelling.vocabulary import Vocabulary
from scusa_lint.spelling.words import Spans, skipped_ranges, words

if TYPE_CHECKING:
    from scusa_lint.settings import Settings

PUBLIC_API_URL = "https://api.languagetool.org"
DEFAULT_TIMEOUT = 10.0
MAX_SUGGESTIONS = 5
_SPELLING_RULE = re.compile(r"MORFOLOGIK|HUNSPELL|SPELLER|SPELLING", re.I)
# Issue types that are advice on tone and wording, not errors: the apology rules own tone.
STYLE_TYPES = frozenset({"style", "register", "locale-violation"})
# LanguageTool rules scusa-lint turns off by default (per language prefix), and why. Each was seen
# firing on good apologies of tests/corpus (LanguageTool 6.8, default and picky level) or, counted by
# rule id only, on messages of ../shared/corpus labelled free of errors. `languagetool-enabled-rules`
# turns one back on.
DISABLED_RULES: dict[str, dict[str, str]] = {
    "en": {
        # "We ... We ... We ...": an apology owns the mistake sentence after sentence; SC rules want that.
        "ENGLISH_WORD_REPEAT_BEGINNING_RULE": "repeated 'We' openings are how an apology takes ownership",
        "EN_REPEATEDWORDS_PROBLEM": "an apology names the problem more than once on purpose",
        # Tone advice that overlaps COLD_TONE / MINIMIZING, which scusa-lint's own rules judge.
        "THANKS_FOR_CONTACTING_ME": "greeting formulae are judged by the COLD_TONE rules",
        "SMALL_NUMBER_OF": "minimising is judged by the MINIMIZING rules",
        # Typography of plain-text mail and SMS: straight quotes and hyphens are normal there.
        "EN_QUOTES": "plain-text mail and SMS use straight quotes",
        "DASH_RULE": "plain-text mail and SMS use hyphens as dashes",
        # A comma before "and"/"so" joining two clauses is a style choice: on ../shared/corpus it
        # fired on 9 English messages labelled free of errors and on 1 with one.
        "COMMA_COMPOUND_SENTENCE": "a comma before 'and' between clauses is a style choice",
        "COMMA_COMPOUND_SENTENCE_2": "a comma before 'so' between clauses is a style choice",
    },
    "it": {
        # LanguageTool's own category "Stile - Leggibilità": the euphonic d (ad/ed before a vowel)
        # is a preference, not an error; on ../shared/corpus it fired as often on messages labelled
        # free of errors (9) as on messages with errors (9).
        "ST_03_001": "the euphonic d (ad, ed) is a style preference (LanguageTool's category Stile)",
    },
}
# How placeholders and other non-prose ranges are read by LanguageTool (a neutral word, a paragraph break).
INLINE_MARKUP = "X"
BLOCK_MARKUP = "\n\n"
RULE_PAGE = "https://community.languagetool.org/rule/show/{id}?lang={lang}"


def is_public_api(url: str) -> bool:
    """Whether a URL points at LanguageTool's public service (a third party)."""
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host == "languagetool.org" or host.endswith(".languagetool.org")


class Utf16Map:
    """Converts LanguageTool's UTF-16 offsets into indices of a Python string."""

    def __init__(self, text: str) -> None:
        self.text = text
        # units[i]: the UTF-16 offset at which character i starts (plus the end).
        units = [0]
        for char in text:
            units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
        self._units = units

    def index(self, unit: int) -> int:
        """The string index at UTF-16 offset `unit`; BackendUnavailable if it splits a character or is out of range."""
        position = bisect_left(self._units, unit)
        if position >= len(self._units) or self._units[position] != unit:
            raise BackendUnavailable(f"LanguageTool returned offset {unit}, which is not a character boundary")
        return position


def _plain(match: Mapping[str, Any]) -> tuple[int, int, str, str, str, tuple[str, ...]]:
    """(offset, length, rule id, issue type, message, replacements) of one match; ValueError on bad shape."""
    offset, length, rule = match["offset"], match["length"], match["rule"]
    if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
        raise ValueError("offset/length are not non-negative integers")
    if not isinstance(rule, Mapping) or not isinstance(rule.get("id"), str):
        raise ValueError("rule.id is missing")
    replacements = tuple(
        str(r["value"]) for r in match.get("replacements") or [] if isinstance(r, Mapping) and "value" in r
    )
    return offset, length, rule["id"], str(rule.get("issueType", "")), str(match.get("message", "")), replacements


class LanguageToolClient:
    """A client for one LanguageTool server's /v2 API, with a timeout on every request."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.base = url.rstrip("/")
        if self.base.endswith("/v2"):
            self.base = self.base[: -len("/v2")]
        self.timeout = timeout

    def _request(self, path: str, data: Mapping[str, str] | None = None) -> Any:
        url = f"{self.base}/v2/{path}"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise BackendUnavailable(f"{url} answered HTTP {exc.code} {exc.reason}") from exc
        except TimeoutError as exc:
            raise BackendUnavailable(f"{url} did not answer within {self.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise BackendUnavailable(f"{url} did not answer within {self.timeout:g} s") from exc
            raise BackendUnavailable(f"cannot reach {url}: {reason}") from exc
        except (OSError, http.client.HTTPException) as exc:  # connection reset, remote closed, bad status line
            raise BackendUnavailable(f"cannot reach {url}: {exc}") from exc
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            shown = raw[:60].decode("utf-8", "replace")
            raise BackendUnavailable(f"{url} answered with something that is not JSON: {shown!r}") from exc

    def check(
        self, text: str, language: str, options: Mapping[str, str] | None = None
    ) -> tuple[list[Mapping[str, Any]], str]:
        """The raw matches of /v2/check for `text`, and the server's version.

        options: more /v2/check parameters (``data`` replaces ``text``; level, enabledRules, ...).
        """
        form = {"language": language, **(options or {})}
        if "data" not in form:
            form["text"] = text
        answer = self._request("check", form)
        if not isinstance(answer, Mapping) or not isinstance(answer.get("matches"), list):
            raise BackendUnavailable(f"{self.base}/v2/check answered JSON without a `matches` list")
        software = answer.get("software")
        version = str(software.get("version", "?")) if isinstance(software, Mapping) else "?"
        return [m for m in answer["matches"] if isinstance(m, Mapping)], version

    def version(self, language: str) -> str:
        """Check a tiny text: proves the server answers the API, and gives its version."""
        return self.check("Test.", language)[1]

    def languages(self) -> list[str]:
        """The language codes the server supports (/v2/languages: longCode)."""
        answer = self._request("languages")
        if not isinstance(answer, list):
            raise BackendUnavailable(f"{self.base}/v2/languages answered JSON that is not a list")
        return sorted({str(e["longCode"]) for e in answer if isinstance(e, Mapping) and "longCode" in e})


# Local servers started in this process, by (folder, version): one per run, shared by languages.
_LOCAL_SERVERS: dict[tuple[str, str], Any] = {}
_LOCAL_LOCK = threading.Lock()


def local_version(path: Path, version: str | None) -> str:
    """The version of a local install: as configured, or read from its folder name (LanguageTool-6.4)."""
    if version:
        return version
    match = re.fullmatch(r"LanguageTool-(.+)", path.name)
    if not match:
        raise BackendUnavailable(f"cannot tell the LanguageTool version of {path}; set languagetool-version")
    return match.group(1)


def start_local(path: Path, version: str | None, timeout: float) -> str:
    """Start (once per process) the LanguageTool install at `path` through language-tool-python; its URL.

    The folder is checked first so that language-tool-python never downloads anything, and
    the start-up runs in a thread bounded by `timeout` seconds.
    """
    path = path.expanduser().resolve()
    jar = path / "languagetool-server.jar"
    if not jar.is_file():
        raise BackendUnavailable(f"no LanguageTool install at {path} (languagetool-server.jar not found)")
    if not _has_http_server(jar):
        raise BackendUnavailable(f"{jar} is not a LanguageTool server jar (not a jar of org.languagetool classes)")
    if shutil.which("java") is None:
        raise BackendUnavailable("Java is not installed (no `java` on PATH), needed for a local LanguageTool")
    version = local_version(path, version)
    if path.name != f"LanguageTool-{version}":
        raise BackendUnavailable(
            f"language-tool-python needs the install folder to be named LanguageTool-{version}, not {path.name}"
        )
    key = (str(path), version)
    with _LOCAL_LOCK:
        if key in _LOCAL_SERVERS:
            return str(_LOCAL_SERVERS[key].url)
        tool = _start_bounded(path, version, timeout)
        _LOCAL_SERVERS[key] = tool
        return str(tool.url)


def _has_http_server(jar: Path) -> bool:
    """Whether a jar holds LanguageTool classes: checked before starting Java, because on a broken jar
    language-tool-python retries the start on one port after another until our time bound."""
    import zipfile

    try:
        with zipfile.ZipFile(jar) as archive:
            return any(name.startswith("org/languagetool/") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def _start_bounded(path: Path, version: str, timeout: float) -> Any:
    try:
        import language_tool_python
    except ImportError as exc:
        raise BackendUnavailable(f"the language-tool-python package is not installed ({exc})") from exc
    outcome: dict[str, Any] = {}

    def start() -> None:
        try:
            outcome["tool"] = language_tool_python.LanguageTool("en-US", language_tool_download_version=version)
        except BaseException as exc:  # reported to the caller below
            outcome["error"] = exc

    saved = os.environ.get("LTP_PATH")
    os.environ["LTP_PATH"] = str(path.parent)  # where language-tool-python looks for LanguageTool-<version>
    try:
        worker = threading.Thread(target=start, name="languagetool-start", daemon=True)
        worker.start()
        worker.join(timeout)
    finally:
        if saved is None:
            os.environ.pop("LTP_PATH", None)
        else:
            os.environ["LTP_PATH"] = saved
    if worker.is_alive():
        raise BackendUnavailable(f"the local LanguageTool at {path} did not start within {timeout:g} s")
    if "error" in outcome:
        error = outcome["error"]
        raise BackendUnavailable(f"the local LanguageTool at {path} did not start: {error}") from error
    return outcome["tool"]


def annotation(text: str, ignored: Ranges) -> list[dict[str, str]]:
    """`text` as /v2/check's ``data`` annotation: prose as ``text`` parts, `ignored` ranges as ``markup``.

    The parts concatenate to `text` exactly, so LanguageTool's offsets are offsets into `text`.
    A range holding a line break (front matter) reads as a paragraph break, any other (a
    placeholder) as the neutral word "X": «Gentile {{ nome }},» is checked as «Gentile X,».
    A CRLF line end reads as one line break (LanguageTool would see two spaces in a row).
    """
    parts: list[dict[str, str]] = []
    position = 0
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in ignored):
        if end <= position:
            continue
        start = max(start, position)
        if start > position:
            parts.extend(_prose(text[position:start]))
        markup = text[start:end]
        parts.append({"markup": markup, "interpretAs": BLOCK_MARKUP if "\n" in markup else INLINE_MARKUP})
        position = end
    if position < len(text) or not parts:
        parts.extend(_prose(text[position:]))
    return parts


def _prose(text: str) -> list[dict[str, str]]:
    """Prose parts, with each CRLF as markup read as a single line break."""
    parts: list[dict[str, str]] = []
    for index, piece in enumerate(text.split("\r\n")):
        if index:
            parts.append({"markup": "\r\n", "interpretAs": "\n"})
        if piece:
            parts.append({"text": piece})
    return parts or [{"text": ""}]


def rule_of(match: Mapping[str, Any], code: str) -> BackendRule:
    """The LanguageTool rule of a match: id (with subId), category, description and its own link."""
    rule = match.get("rule")
    rule = rule if isinstance(rule, Mapping) else {}
    category = rule.get("category")
    category_id = str(category.get("id", "")) if isinstance(category, Mapping) else ""
    urls = [u.get("value") for u in rule.get("urls") or [] if isinstance(u, Mapping)]
    url = next((str(u) for u in urls if isinstance(u, str) and u.startswith("http")), None)
    rule_id = str(rule.get("id", ""))
    if url is None and rule_id:
        url = RULE_PAGE.format(id=urllib.parse.quote(rule_id), lang=code.split("-")[0])
        if rule.get("subId"):
            url += f"&subId={urllib.parse.quote(str(rule['subId']))}"
    return BackendRule(rule_id, category_id, str(rule.get("description", "")), url)


def classify(issue_type: str, rule_id: str, enabled: frozenset[str]) -> str:
    """spelling | grammar | style (dropped) for one match: see the module docstring."""
    if issue_type == "misspelling" or _SPELLING_RULE.search(rule_id):
        return "spelling"
    if issue_type in STYLE_TYPES and rule_id not in enabled:
        return "style"
    return "grammar"


def merge_misspellings(
    hunspell: Sequence[Misspelling],
    languagetool: Sequence[Misspelling],
    keep: Callable[[Misspelling], bool] = lambda miss: True,
) -> list[Misspelling]:
    """One misspelling per word, whichever backends flagged it, with the better suggestions first.

    keep: whether a word only LanguageTool flagged is reported.

    When both flag a word, Hunspell's span (a whole word) and LanguageTool's rule are kept; the
    suggestions both propose come first, nearest to the word first (ties in LanguageTool's order,
    which is ranked in context), then LanguageTool's others, then Hunspell's.
    """
    merged: list[Misspelling] = []
    used: set[int] = set()
    for ours in hunspell:
        twin = next(
            (i for i, lt in enumerate(languagetool) if i not in used and lt.start < ours.end and ours.start < lt.end),
            None,
        )
        if twin is None:
            merged.append(ours)
            continue
        used.add(twin)
        theirs = languagetool[twin]
        both = sorted((s for s in theirs.suggestions if s in ours.suggestions), key=lambda s: distance(ours.word, s))
        ranked = tuple(dict.fromkeys([*both, *theirs.suggestions, *ours.suggestions]))[:MAX_SUGGESTIONS]
        merged.append(Misspelling(ours.start, ours.end, ours.word, ranked, theirs.rule))
    merged.extend(lt for i, lt in enumerate(languagetool) if i not in used and keep(lt))
    merged.sort(key=lambda m: m.start)
    return merged


def distance(a: str, b: str) -> int:
    """Levenshtein distance (case-insensitive): how far a suggestion is from the misspelt word."""
    a, b = a.lower(), b.lower()
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


class LanguageToolChecker:
    """Spelling and grammar through a LanguageTool server, merged with Hunspell's spelling.

    Every word is still judged by Hunspell (the project's dictionaries, vocabulary and proper-name
    policy); LanguageTool adds its context-ranked suggestions and rule to the words both flag, the
    other variant's spellings when a variant is chosen, and its grammar rules.
    """

    name = "languagetool"

    def __init__(
        self,
        language: str,
        vocabulary: Vocabulary | None = None,
        url: str | None = None,
        path: str | None = None,
        version: str | None = None,
        public_api: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        level: str = "default",
        enabled_rules: Sequence[str] = (),
        disabled_rules: Sequence[str] = (),
        mother_tongue: str | None = None,
        variants: Sequence[str] = (),
    ) -> None:
        from scusa_lint import lang

        # The language folder's LanguageTool code (English needs a variant to spell-check: en-US),
        # unless a preferred variant of that language is configured (en-GB).
        code = lang.languages()[language].languagetool if language in lang.languages() else None
        if code is None:
            raise BackendUnavailable(f"LanguageTool is not configured for language {language!r}")
        chosen = next((v for v in variants if v.split("-")[0].lower() == code.split("-")[0].lower()), None)
        self.language = language
        self.code = chosen or code
        # A variant the user chose is enforced: its speller's "British/American spelling" matches count.
        self.explicit_variant = chosen is not None
        self.vocabulary = vocabulary or Vocabulary()
        self.url = url
        self.path = path
        self.version = version
        self.public_api = public_api
        self.timeout = timeout
        self.enabled = frozenset(enabled_rules)
        defaults = DISABLED_RULES.get(self.code.split("-")[0], {})
        disabled = [r for r in [*defaults, *disabled_rules] if r not in self.enabled]
        self.options: dict[str, str] = {}
        if level != "default":
            self.options["level"] = level
        if self.enabled:
            self.options["enabledRules"] = ",".join(sorted(self.enabled))
        if disabled:
            self.options["disabledRules"] = ",".join(dict.fromkeys(disabled))
        if mother_tongue:
            self.options["motherTongue"] = mother_tongue
        self.server_version = "?"
        self._client: LanguageToolClient | None = None
        self._hunspell: Any = None

    def where(self) -> str:
        """The URL or folder this checker uses, for messages."""
        if self.url:
            return self.url
        if self.path:
            return self.path
        return PUBLIC_API_URL if self.public_api else "(not configured)"

    def start(self) -> None:
        """Connect (or start the local install) and prove the server answers; BackendUnavailable otherwise."""
        if self.url:
            url = self.url
        elif self.path:
            url = start_local(Path(self.path), self.version, self.timeout * 3)
        elif self.public_api:
            url = PUBLIC_API_URL
        else:
            raise BackendUnavailable("neither languagetool-url nor languagetool-path is configured")
        client = LanguageToolClient(url, self.timeout)
        self.server_version = client.version(self.code)
        self._client = client

    def describe(self) -> str:
        return f"LanguageTool {self.server_version} at {self.where()} ({self.code})"

    def languages(self) -> list[str]:
        """The language codes the connected server supports."""
        if self._client is None:
            self.start()
        assert self._client is not None
        return self._client.languages()

    def _keeps(self, miss: Misspelling) -> bool:
        """Whether a word only LanguageTool flags is reported: only a spelling of the other variant
        when the user chose a variant (en-GB: «color»). Otherwise Hunspell's verdict stands: the
        project's proper-name, prefix, loanword and both-variants policies (LanguageTool's speller
        flags surnames such as «Brambilla» and British spellings under en-US)."""
        speller = self._speller()
        return self.explicit_variant and speller is not None and speller.known(miss.word)

    def _speller(self) -> Any:
        """The Hunspell checker of the same language and vocabulary (None if it has no dictionary)."""
        if self._hunspell is None:
            from scusa_lint.spelling.hunspell import HunspellChecker

            try:
                self._hunspell = HunspellChecker(self.language, self.vocabulary)
            except BackendUnavailable:
                self._hunspell = False
        return self._hunspell or None

    def check(self, text: str, ignored: Ranges, sentence_starts: frozenset[int]) -> CheckResult:
        if self._client is None:
            self.start()
        assert self._client is not None
        options = {**self.options, "data": json.dumps({"annotation": annotation(text, ignored)})}
        matches, _ = self._client.check(text, self.code, options)
        offsets = Utf16Map(text)
        skip = Spans([*ignored, *skipped_ranges(text)])
        speller = self._speller()
        misspellings: list[Misspelling] = []
        grammar: list[GrammarIssue] = []
        for match in matches:
            try:
                offset, length, rule_id, issue_type, message, replacements = _plain(match)
            except (KeyError, TypeError, ValueError) as exc:
                raise BackendUnavailable(f"LanguageTool answered a malformed match: {exc}") from exc
            start = offsets.index(offset)
            end = offsets.index(offset + length)
            if skip.touches(start, end):
                continue  # touches a placeholder, a URL, a code: not prose
            kind = classify(issue_type, rule_id, self.enabled)
            rule = rule_of(match, self.code)
            if kind == "spelling":
                word = text[start:end]
                if not self.vocabulary.accepts(word):
                    misspellings.append(Misspelling(start, end, word, replacements[:MAX_SUGGESTIONS], rule))
            elif kind == "grammar":
                grammar.append(GrammarIssue(start, end, rule_id, message, replacements[:MAX_SUGGESTIONS], rule))
        if speller is None:
            merged = misspellings
        else:
            ours = list(speller.check(text, ignored, sentence_starts).misspellings)
            merged = merge_misspellings(ours, misspellings, self._keeps)
        merged.extend(self._rejected(text, ignored, sentence_starts, {m.start for m in merged}))
        merged.sort(key=lambda m: m.start)
        return CheckResult(self.name, tuple(merged), tuple(grammar))

    def _rejected(
        self, text: str, ignored: Ranges, sentence_starts: frozenset[int], seen: set[int]
    ) -> list[Misspelling]:
        """Words of the reject list, which LanguageTool does not know about."""
        if not self.vocabulary.rejected:
            return []
        preferred = self.vocabulary.accepted
        return [
            Misspelling(w.start, w.end, w.text, tuple(t for t in preferred if t.lower() == w.text.lower()))
            for w in words(text, ignored, sentence_starts)
            if w.start not in seen and self.vocabulary.rejects(w.text)
        ]


def from_settings(settings: Settings, language: str, vocabulary: Vocabulary | None = None) -> LanguageToolChecker:
    """The checker the settings describe: the one place where LanguageTool settings become a checker
    (the spelling backend and `scusa-lint doctor` alike)."""
    return LanguageToolChecker(
        language,
        vocabulary,
        url=settings.languagetool_url,
        path=settings.languagetool_path,
        version=settings.languagetool_version,
        public_api=settings.languagetool_public_api,
        timeout=settings.languagetool_timeout,
        level=settings.languagetool_level,
        enabled_rules=settings.languagetool_enabled_rules,
        disabled_rules=settings.languagetool_disabled_rules,
        mother_tongue=settings.languagetool_mother_tongue,
        variants=settings.languagetool_variants,
    )
