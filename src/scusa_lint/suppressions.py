"""Inline suppressions: read `scusa-lint:` directives from a file's comments, hide findings, report unused ones.

Directives live in the comment syntax of each format (`<!-- -->` in HTML and Markdown,
`{# #}` in Jinja templates, `#` in YAML and .po); readers collect the comments into
Source.comments, and Jinja comments are also found here in any file. The body of the
comment must start with the directive:

    scusa-lint: disable=SC101,SC302 -- reason     alone on its line: the next non-blank line (in a catalog:
                                                  the next message); after text on its line: that line
                                                  (in a catalog: that line's message), as ESLint's
                                                  disable-line / disable-next-line and ruff's noqa
    scusa-lint: disable=SC101 -- reason           ... a later enable=SC101 makes it a block
    scusa-lint: enable=SC101                      end of the block
    scusa-lint: disable-file=SC120 -- reason      the whole file (MISSING_* findings sit on line 1)

Selectors are codes, code prefixes, rule names, categories or ALL, as in --select. The
reason after `--` is optional but recommended. A suppression (one selector of one
directive) that hides nothing while its rule ran, one naming no known rule, and a
malformed directive are findings of SC002 (unused-suppression), as ruff's RUF100.
SC002 itself can be suppressed, and such suppressions are never reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scusa_lint.finding import Finding, Position
from scusa_lint.registry import Named, specificity
from scusa_lint.source import DIRECTIVE_PREFIX, Comment, line_of, line_starts
from scusa_lint.textsyntax import TEMPLATE_COMMENT

if TYPE_CHECKING:
    from scusa_lint.kinds.base import RuleSpec
    from scusa_lint.source import Source

ACTIONS = ("disable-file", "disable", "enable")
_SPEC = re.compile(r"^(?P<action>[a-z-]+)\s*(?:=\s*(?P<selectors>.*))?$", re.S)
_SELECTOR = re.compile(r"^(?:ALL|[A-Z]{1,4}[0-9]{0,3}|[a-z0-9]+(?:-[a-z0-9]+)*|[A-Z_]+)$")
UNUSED_CODE = "SC002"


@dataclass
class Directive:
    """One parsed `scusa-lint:` comment. `problem` is set when it is malformed."""

    action: str
    selectors: tuple[str, ...]
    reason: str | None
    line: int
    end_line: int
    text: str  # the directive as written, for messages
    problem: str | None = None


@dataclass
class Suppression:
    """One selector of one directive and the file lines it covers (inclusive ranges)."""

    directive: Directive
    selector: str
    ranges: list[tuple[int, int]] = field(default_factory=list)
    used: bool = False
    target: int | None = None  # the line a next-line directive points at
    trailing: bool = False  # the comment follows text on its line: it covers that line

    def covers(self, finding: Finding) -> bool:
        if specificity(self.selector, finding) is None:
            return False
        if self.trailing:  # a finding that runs onto the comment's line is on it
            return any(first <= finding.finish.line and finding.begin.line <= last for first, last in self.ranges)
        return any(first <= finding.begin.line <= last for first, last in self.ranges)


def file_comments(sources: Sequence[Source]) -> list[Comment]:
    """The comments of a file: those the readers found, plus Jinja `{# #}` comments anywhere, in order.

    A catalog's messages share one tuple of the file's comments: it is read once, not once per
    message, so that the cost per message does not grow with the catalog.
    """
    seen: dict[tuple[int, int, str], Comment] = {}
    file_text = sources[0].file_text if sources else ""
    tuples: dict[int, tuple[Comment, ...]] = {id(s.comments): s.comments for s in sources}
    found = [c for comments in tuples.values() for c in comments]
    starts = line_starts(file_text)
    for start, end in jinja_comments(file_text):
        body = TEMPLATE_COMMENT.fullmatch(file_text, start, end)
        if body is not None:
            found.append(Comment(body.group(1), line_of(starts, start), line_of(starts, end - 1)))
    for comment in found:
        seen.setdefault((comment.line, comment.end_line, comment.body.strip()), comment)
    return sorted(seen.values(), key=lambda c: (c.line, c.end_line))


def jinja_comments(text: str) -> list[tuple[int, int]]:
    """The spans of `{# … #}` comments, each to the nearest `#}` (what a lazy regex finds), in one pass.

    A lazy regex retries from every unclosed `{#` to the end of the file: quadratic on a file of them.
    """
    spans = []
    at = text.find("{#")
    while at >= 0:
        close = text.find("#}", at + 2)
        if close < 0:
            break
        spans.append((at, close + 2))
        at = text.find("{#", close + 2)
    return spans


def parse(comment: Comment) -> Directive | None:
    """The directive in a comment, or None if the comment is not one (it does not start with scusa-lint:)."""
    body = comment.body.strip().strip("-").strip()  # tolerate Jinja's {#- -#} trim markers left in the body
    if not body.lower().startswith(DIRECTIVE_PREFIX):
        return None
    rest = body[len(DIRECTIVE_PREFIX) :].strip()
    spec, _, reason = rest.partition("--")
    spec = spec.strip()
    text = f"{DIRECTIVE_PREFIX} {spec}"
    match = _SPEC.match(spec)
    if not match or match.group("action") not in ACTIONS:
        return Directive("", (), None, comment.line, comment.end_line, text, f"unknown directive {spec!r}")
    selectors = tuple(s.strip() for s in (match.group("selectors") or "").split(",") if s.strip())
    problem = None
    if not selectors:
        problem = f"`{match.group('action')}` needs rules: {match.group('action')}=SC101"
    elif bad := [s for s in selectors if not _SELECTOR.match(s)]:
        problem = f"{bad[0]!r} is not a rule code, name or category"
    return Directive(
        match.group("action"), selectors, reason.strip() or None, comment.line, comment.end_line, text, problem
    )


def build(directives: Sequence[Directive], file_text: str) -> tuple[list[Suppression], list[tuple[Directive, str]]]:
    """Turn directives into suppressions with line ranges; also return problems (directive, message)."""
    lines = file_text.splitlines()
    last_line = max(1, len(lines))
    suppressions: list[Suppression] = []
    problems: list[tuple[Directive, str]] = []
    open_blocks: dict[str, list[Suppression]] = {}
    for directive in directives:
        if directive.problem:
            problems.append((directive, directive.problem))
            continue
        for selector in directive.selectors:
            if directive.action == "disable-file":
                suppressions.append(Suppression(directive, selector, [(1, last_line)]))
            elif directive.action == "disable":
                suppression = Suppression(directive, selector)
                suppressions.append(suppression)
                open_blocks.setdefault(selector.lower(), []).append(suppression)
            else:  # enable closes the latest open disable of the same selector
                stack = open_blocks.get(selector.lower())
                if not stack:
                    problems.append((directive, f"enable={selector} without an earlier disable={selector}"))
                    continue
                stack.pop().ranges.append((0, directive.end_line))  # start fixed below
    for suppression in suppressions:
        directive = suppression.directive
        if directive.action != "disable":
            continue
        if suppression.ranges:  # a block: from the disable comment to the enable comment
            suppression.ranges = [(directive.line, suppression.ranges[0][1])]
            continue
        if is_trailing(directive, lines):
            suppression.ranges = [(directive.line, directive.line)]
            suppression.trailing = True
            continue
        target = next(
            (n for n in range(directive.end_line + 1, len(lines) + 1) if lines[n - 1].strip()), None
        )  # the next non-blank line
        if target is not None:
            suppression.ranges = [(target, target)]
            suppression.target = target
    return suppressions, problems


_OPENERS = ("{#-", "{#", "<!--", "#")


def is_trailing(directive: Directive, lines: Sequence[str]) -> bool:
    """Whether the directive's comment follows text on its first line (`Testo. {# scusa-lint: ... #}`)."""
    if not 1 <= directive.line <= len(lines):
        return False
    line = lines[directive.line - 1]
    at = line.lower().find(DIRECTIVE_PREFIX)
    if at < 0:  # the prefix is on a later line of the comment: text before the comment's opener
        at = max(line.rfind("<!--"), line.rfind("{#"))
        return at > 0 and bool(line[:at].strip())
    before = line[:at].rstrip()
    for opener in _OPENERS:
        if before.endswith(opener):
            before = before[: -len(opener)]
            break
    return bool(before.strip())


class MessageSpans:
    """The file lines of a file's catalog messages, for finding the message a line belongs to (by bisection)."""

    def __init__(self, sources: Sequence[Source]) -> None:
        rows = sorted(
            (s.position(0).line, s.position(max(0, len(s.text) - 1)).line, index)
            for index, s in enumerate(sources)
            if s.key is not None
        )
        self.rows = rows
        self.firsts = [first for first, _, _ in rows]

    def at_or_after(self, line: int) -> tuple[int, int, int] | None:
        """The first message that starts on `line` or later: (first line, last line, index)."""
        position = bisect.bisect_left(self.firsts, line)
        return self.rows[position] if position < len(self.rows) else None

    def holding(self, line: int) -> tuple[int, int, int] | None:
        """The message whose lines include `line` (the latest to start, if values share lines)."""
        position = bisect.bisect_right(self.firsts, line) - 1
        if position >= 0 and self.rows[position][1] >= line:
            return self.rows[position]
        return None

    def owner(self, line: int) -> int:
        """The index of the message a directive on `line` belongs to: the one holding the line, else the
        next one (the message it points at), else the last before it, else the first."""
        found = self.holding(line) or self.at_or_after(line)
        if found is not None:
            return found[2]
        return self.rows[-1][2] if self.rows else 0


def _extend_to_messages(suppressions: Sequence[Suppression], spans: MessageSpans) -> None:
    """In a catalog, a directive covers the whole message it is about: the next message for a next-line
    directive (a .po msgstr comes lines after its msgid), the message of its own line for a trailing one
    (or, on a key line such as `body: |`, the value that starts on the next line). So whole-message
    findings, which sit at the message's start, can be hidden too."""
    if not spans.rows:
        return
    for suppression in suppressions:
        if suppression.trailing:
            line = suppression.directive.line
            found = spans.holding(line) or spans.at_or_after(line + 1)
            if found is not None and found[0] <= line + 1:
                suppression.ranges.append((min(found[0], line), found[1]))
        elif suppression.target is not None:
            following = spans.at_or_after(suppression.target)
            if following is not None:
                suppression.ranges.append((suppression.target, following[1]))


def apply(
    items: Sequence[tuple[Source, list[Finding]]],
    running: Collection[Named],
    known: Collection[Named] | None = None,
    unused_spec: RuleSpec | None = None,
) -> list[list[Finding]]:
    """Hide suppressed findings of one file (all its Sources) and add SC002 findings for unused directives.

    running: the rules that ran on this file (a suppression for a rule that did not run is not unused).
    known: every rule scusa-lint knows (a selector naming none of them is reported as unknown).
    unused_spec: the SC002 rule, when it is selected; None hides findings but reports nothing.
    """
    if not items:
        return []
    sources = [source for source, _ in items]
    directives = [d for c in file_comments(sources) if (d := parse(c)) is not None]
    if not directives:
        return [list(findings) for _, findings in items]
    file_text = sources[0].file_text
    suppressions, problems = build(directives, file_text)
    spans = MessageSpans(sources)
    _extend_to_messages(suppressions, spans)
    kept: list[list[Finding]] = []
    for _, findings in items:
        visible = []
        for finding in findings:
            hiding = [s for s in suppressions if s.covers(finding)]
            for suppression in hiding:
                suppression.used = True
            if not hiding:
                visible.append(finding)
        kept.append(visible)
    if unused_spec is None:
        return kept
    reports: list[tuple[Directive, str]] = list(problems)
    for suppression in suppressions:
        if suppression.used or specificity(suppression.selector, unused_spec) is not None:
            continue
        selector = suppression.selector
        if any(specificity(selector, rule) is not None for rule in running):
            reports.append((suppression.directive, f"{selector} hides no finding here; remove it"))
        elif known is not None and not any(specificity(selector, rule) is not None for rule in known):
            reports.append((suppression.directive, f"{selector} names no known rule"))
    touched: set[int] = set()
    for directive, message in reports:
        finding = _finding(unused_spec, directive, message, file_text)
        hiding = [s for s in suppressions if s.covers(finding)]  # `disable=SC002` is honoured too
        if not hiding:
            owner = spans.owner(directive.line)  # the message the directive is about names its key
            kept[owner].append(finding)
            touched.add(owner)
    for index in touched:
        kept[index].sort(key=Finding.sort_key)
    return kept


def _finding(spec: RuleSpec, directive: Directive, detail: str, file_text: str) -> Finding:
    """An SC002 finding on the directive itself (located by searching its comment's lines)."""
    starts = [0, *(m.end() for m in re.finditer(r"\n", file_text))]
    line_start = starts[min(directive.line, len(starts)) - 1]
    line_end = starts[directive.end_line] if directive.end_line < len(starts) else len(file_text)
    index = file_text.lower().find(DIRECTIVE_PREFIX, line_start, line_end)
    if index == -1:
        start = end = line_start
    else:
        start = index
        end = index + len(DIRECTIVE_PREFIX)
        while end < line_end and file_text[end] not in "\r\n" and not file_text.startswith("--", end):
            end += 1
        while end > start and file_text[end - 1] in " \t-#}>":
            end -= 1

    def position(offset: int) -> Position:
        index = bisect.bisect_right(starts, offset) - 1
        return Position(index + 1, offset - starts[index] + 1)

    return Finding(
        code=spec.code,
        name=spec.name,
        category=spec.category,
        level=spec.level,
        message=spec.message.replace("{match}", directive.text).replace("{detail}", detail),
        start=start,
        end=end,
        begin=position(start),
        finish=position(end),
        match=file_text[start:end],
        suggestions=spec.suggestions,
        pack=spec.pack,
        link=spec.link,
    )
