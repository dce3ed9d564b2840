#!/usr/bin/env python3
"""Survey scusa-lint on real message catalogs: how much of a routine catalog gets findings, and which.

Usage:
    python scripts/catalog_survey.py DIR_OR_FILE... [--scusa-lint BIN] [--language it|en|auto|tool]
                                     [--sample N] [--seed S] [--json OUT] [--totals-only]

Why: most strings in a storefront locale file, a help-desk catalog or a folder of mailer templates are
routine messages or UI fragments, not apologies. A finding other than TYPO on such a string is almost
always a false alarm, so the share of messages with one is a cheap proxy for the false-alarm rate a
template repository meets in a pre-commit hook or a CI check. The survey reports it per file and in
total, with the most frequent codes, the message roles when scusa-lint reports them (`role`,
`role_reason` in each JSON message entry), and, with `--sample N`, N random findings for a reviewer
to judge by hand.

How: the survey walks the folders itself and names every message file to scusa-lint explicitly
(`--output-format json --exit-zero --isolated`), because a folder walk of scusa-lint skips YAML and
JSON catalogs. It never skips a file without saying so: configuration files (CI workflows,
package.json, .pre-commit-config.yaml, ...) and formats scusa-lint has no reader for are listed with
the reason, and `--include-config` / `--also SUFFIX` lint them too. Files scusa-lint could not read
are reported with its error.

Language: `it` or `en` is passed to every run; `auto` decides per file from the `.po` header
(`Language:`), the file name (`it.yml`, `messages.en.yml`, `storefront.it-IT.json`), a folder name
(`mails/it/`, `locale/it/LC_MESSAGES`, `en_US`), a Rails-style top-level locale key (`it:`), and
finally from common function words; a file none of these decides is linted without `--language`.
`tool` never passes `--language`, leaving the choice to scusa-lint.

scusa-lint keeps its result cache where its defaults put it; pass `--scusa-arg=--no-cache` or set
SCUSA_LINT_CACHE_DIR to keep a surveyed folder untouched.

Exit status: 0 when the survey ran (findings and unreadable files are reported, not failures),
1 when scusa-lint gave no JSON for some files, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Suffixes scusa-lint has a reader for (src/scusa_lint/readers). Anything else named on its command
# line is read as plain text, which for .twig/.erb/.php/.xml would lint markup and code as prose.
MESSAGE_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".j2",
        ".jinja",
        ".jinja2",
        ".tmpl",
        ".mustache",
        ".hbs",
        ".handlebars",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".yaml",
        ".yml",
        ".json",
        ".po",
        ".eml",
    }
)

# Files a template repository holds beside its catalogs that are not messages (names, lower case).
CONFIG_NAMES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "composer.json",
        "composer.lock",
        "tsconfig.json",
        "jsconfig.json",
        ".eslintrc.json",
        ".prettierrc.json",
        "renovate.json",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        ".gitlab-ci.yml",
        ".travis.yml",
        "appveyor.yml",
        "azure-pipelines.yml",
        "bitbucket-pipelines.yml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        "mkdocs.yml",
        "_config.yml",
        "config.yml",
        ".readthedocs.yml",
        ".readthedocs.yaml",
        ".rubocop.yml",
        ".rubocop_todo.yml",
        ".hound.yml",
        ".gem_release.yml",
        ".codecov.yml",
        "codecov.yml",
        ".markdownlint.json",
        ".markdownlint.yaml",
        "pnpm-workspace.yaml",
        "pnpm-lock.yaml",
        "netlify.toml",
    }
)
# Folders whose files are configuration, wherever they sit in the tree.
CONFIG_DIRS = frozenset({".github", ".circleci", ".gitlab", ".devcontainer", ".vscode", ".idea"})
# Never walked at all (version control, caches, dependencies); said once per folder in the report.
PRUNED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".scusa-lint-cache", ".venv"})

LANGS = ("it", "en")
_LANG_TOKEN = re.compile(r"^(it|en)(?:[-_][a-z]{2})?$", re.IGNORECASE)
_PO_LANGUAGE = re.compile(r'^"Language:\s*([A-Za-z]{2})', re.MULTILINE)
_TOP_KEY = re.compile(r"^['\"]?(it|en)(?:[-_][A-Za-z]{2})?['\"]?:\s*(?:#.*)?$", re.MULTILINE)
_WORD = re.compile(r"[a-zàèéìíòóùú']+", re.IGNORECASE)
# Short, frequent function words; enough to tell Italian from English prose in a whole file.
_FUNCTION_WORDS = {
    "it": frozenset(
        re.findall(
            r"\S+",
            "il lo la gli le un una di del della dei delle che non per con su sono è ti ci vi tuo tua tuoi "
            "nostro nostra questo questa anche più come dal dalla nel nella alla al ed o se",
        )
    ),
    "en": frozenset(
        re.findall(
            r"\S+",
            "the a an of to and is are you your we our this that with for on in not be has have will "
            "it at by from or if can please",
        )
    ),
}

CHUNK = 200  # files per scusa-lint run, to stay far below the command-line length limit


@dataclass
class FileReport:
    """What the survey knows about one file: why it was (not) linted and what scusa-lint said."""

    path: Path
    status: str  # "linted", "skipped", "error"
    reason: str = ""
    language: str | None = None
    language_source: str = ""
    messages: int = 0
    flagged: int = 0  # messages with a finding other than TYPO
    codes: Counter[str] = field(default_factory=Counter)  # code -> messages with it
    roles: Counter[str] = field(default_factory=Counter)
    flagged_roles: Counter[str] = field(default_factory=Counter)


@dataclass
class Survey:
    """All files, every finding (for sampling), and what each run reported."""

    files: list[FileReport]
    findings: list[dict[str, Any]]
    code_names: dict[str, str]
    code_categories: dict[str, str]
    finding_counts: Counter[str]
    languages_used: Counter[str]
    notices: list[str]
    skipped_rules: list[str]
    role_reasons: Counter[str]
    crashed: bool = False


def default_binary() -> str | None:
    """scusa-lint next to this Python (a virtual environment), else on PATH."""
    beside = Path(sys.executable).parent / ("scusa-lint.exe" if os.name == "nt" else "scusa-lint")
    return str(beside) if beside.is_file() else shutil.which("scusa-lint")


def iter_files(roots: Sequence[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every file under the roots, sorted, with a skip note for pruned folders (never silent)."""
    for root in roots:
        if root.is_file():
            yield root, None
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            pruned = sorted(d for d in dirnames if d in PRUNED_DIRS)
            dirnames[:] = sorted(d for d in dirnames if d not in PRUNED_DIRS)
            for name in pruned:
                yield Path(dirpath) / name, f"folder not walked ({name})"
            for name in sorted(filenames):
                yield Path(dirpath) / name, None


def classify(path: Path, include_config: bool, also: frozenset[str]) -> str | None:
    """None if the file is to be linted, else the reason it is skipped."""
    name = path.name.lower()
    suffix = path.suffix.lower()
    if not include_config:
        if name in CONFIG_NAMES:
            return "configuration file"
        if any(part in CONFIG_DIRS for part in path.parts[:-1]):
            return "configuration file (" + next(p for p in path.parts if p in CONFIG_DIRS) + "/)"
    if suffix in MESSAGE_SUFFIXES or suffix in also:
        return None
    return f"format scusa-lint does not read ({suffix or 'no suffix'})"


def guess_language(path: Path, text: str) -> tuple[str | None, str]:
    """The language of a catalog file and how it was decided (see the module docstring)."""
    if path.suffix.lower() == ".po":
        header = _PO_LANGUAGE.search(text[:4000])
        if header and header.group(1).lower() in LANGS:
            return header.group(1).lower(), "po header"
    for token in re.split(r"[.]", path.name)[:-1] or [path.stem]:
        match = _LANG_TOKEN.match(token)
        if match:
            return match.group(1).lower(), "file name"
    for part in reversed(path.parts[:-1]):
        match = _LANG_TOKEN.match(part)
        if match:
            return match.group(1).lower(), "folder name"
    if path.suffix.lower() in {".yml", ".yaml"}:
        top = _TOP_KEY.search(text[:4000])
        if top:
            return top.group(1).lower(), "top-level key"
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    scores = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    other = min(scores, key=lambda lang: scores[lang])
    if scores[best] >= 5 and scores[best] >= 2 * scores[other]:
        return best, "function words"
    return None, "undecided"


def read_text(path: Path) -> str:
    """The file's text for language guessing and sample context (undecodable bytes replaced)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def chunks(items: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run_scusa_lint(
    binary: str, files: Sequence[Path], language: str | None, extra: Sequence[str], timeout: float
) -> tuple[dict[str, Any] | None, str]:
    """One scusa-lint run on the files; the JSON document, or None and why there is none."""
    command = [binary, "check", "--output-format", "json", "--exit-zero", "--isolated", *extra]
    if language:
        command += ["--language", language]
    command += ["--", *(str(f) for f in files)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"scusa-lint did not run: {error}"
    try:
        document: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = result.stderr.strip()[-400:] or "(no error output)"
        return None, f"scusa-lint gave no JSON (exit {result.returncode}): {tail}"
    return document, ""


def survey(
    roots: Sequence[Path],
    binary: str,
    language: str,
    include_config: bool = False,
    also: frozenset[str] = frozenset(),
    extra: Sequence[str] = (),
    timeout: float = 3600.0,
    chunk: int = CHUNK,
) -> Survey:
    """Walk, classify, run scusa-lint per language group, and gather the figures."""
    reports: list[FileReport] = []
    groups: dict[str | None, list[FileReport]] = {}
    for path, pruned in iter_files(roots):
        if pruned:
            reports.append(FileReport(path, "skipped", pruned))
            continue
        reason = classify(path, include_config, also)
        if reason:
            reports.append(FileReport(path, "skipped", reason))
            continue
        report = FileReport(path, "linted")
        if language in LANGS:
            report.language, report.language_source = language, "--language"
        elif language == "auto":
            report.language, report.language_source = guess_language(path, read_text(path))
        else:
            report.language_source = "left to scusa-lint"
        reports.append(report)
        groups.setdefault(report.language, []).append(report)

    result = Survey(reports, [], {}, {}, Counter(), Counter(), [], [], Counter())
    for lang, members in groups.items():
        by_key = {_norm(r.path): r for r in members}
        for part in chunks([r.path for r in members], chunk):
            document, failure = run_scusa_lint(binary, part, lang, extra, timeout)
            if document is None:
                result.crashed = True
                for path in part:
                    by_key[_norm(path)].status, by_key[_norm(path)].reason = "error", failure
                continue
            absorb(document, by_key, result)
    return result


def _norm(path: Path | str) -> str:
    return os.path.normpath(os.path.abspath(str(path)))


def absorb(document: dict[str, Any], by_key: dict[str, FileReport], result: Survey) -> None:
    """Add one scusa-lint JSON document to the per-file reports and the totals."""
    for entry in document.get("files", []):
        report = by_key.get(_norm(entry.get("path", "")))
        if report is None:  # a path scusa-lint rewrote: keep it visible rather than drop it
            report = FileReport(Path(entry.get("path", "?")), "linted", "path not named by the survey")
            result.files.append(report)
            by_key[_norm(report.path)] = report
        findings = entry.get("findings") or []
        report.messages += 1
        result.languages_used[str(entry.get("language"))] += 1
        role = entry.get("role")
        flagged = any(f.get("category") != "TYPO" for f in findings)
        report.flagged += flagged
        if role is not None:
            report.roles[str(role)] += 1
            report.flagged_roles[str(role)] += flagged
            if entry.get("role_reason"):
                result.role_reasons[f"{role}: {entry['role_reason']}"] += 1
        for code in {str(f.get("code")) for f in findings}:
            report.codes[code] += 1
        for finding in findings:
            code = str(finding.get("code"))
            result.finding_counts[code] += 1
            result.code_names.setdefault(code, str(finding.get("name", "")))
            result.code_categories.setdefault(code, str(finding.get("category", "")))
            result.findings.append({**finding, "path": str(report.path), "key": entry.get("key"), "role": role})
    for error in document.get("errors", []):
        report = by_key.get(_norm(error.get("path", "")))
        where = f":{error['line']}" if error.get("line") else ""
        message = f"{error.get('path')}{where}: {error.get('message')}"
        if report is None:
            result.notices.append("error not tied to a named file: " + message)
            continue
        report.status, report.reason = "error", message
    for notice in document.get("notices", []):
        text = notice if isinstance(notice, str) else json.dumps(notice, ensure_ascii=False)
        if text not in result.notices:
            result.notices.append(text)
    for skipped in document.get("skipped_rules", []):
        text = f"{skipped.get('code')}: {skipped.get('reason')}"
        if text not in result.skipped_rules:
            result.skipped_rules.append(text)


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def totals(files: Iterable[FileReport]) -> FileReport:
    total = FileReport(Path("TOTAL"), "total")
    for report in files:
        total.messages += report.messages
        total.flagged += report.flagged
        total.codes.update(report.codes)
        total.roles.update(report.roles)
        total.flagged_roles.update(report.flagged_roles)
    return total


_TAG = re.compile(r"<[^>]*>")
_catalog_cache: dict[str, dict[str, str]] = {}


def _walk_values(node: Any, prefix: str) -> Iterator[tuple[str, str]]:
    """(key path, string) pairs with scusa-lint's key convention: dots between keys, [i] for lists."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_values(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_values(value, f"{prefix}[{index}]")
    elif isinstance(node, str):
        yield prefix, node


def catalog_values(path: str) -> dict[str, str]:
    """key -> message text of a YAML, JSON or .po catalog (empty if it cannot be read here)."""
    if path in _catalog_cache:
        return _catalog_cache[path]
    values: dict[str, str] = {}
    suffix = Path(path).suffix.lower()
    try:
        if suffix in {".yml", ".yaml"}:
            import yaml

            for document in yaml.safe_load_all(read_text(Path(path))):
                values.update(_walk_values(document, ""))
        elif suffix == ".json":
            values.update(_walk_values(json.loads(read_text(Path(path))), ""))
        elif suffix == ".po":
            import polib

            for entry in polib.pofile(path):
                key = entry.msgctxt or entry.msgid
                values[key] = entry.msgstr or entry.msgid
                for number, text in sorted(entry.msgstr_plural.items()):
                    values[f"{key}[{number}]"] = text
    except Exception:  # only the sample's display text depends on it; the offsets fallback remains
        values = {}
    _catalog_cache[path] = values
    return values


def context(path: str, key: str | None, start: int | None, width: int = 200) -> str:
    """The message a finding belongs to (catalog value by key), else the file text from its offset.

    Whitespace is collapsed and HTML tags are dropped, so that a reviewer reads prose, not markup.
    """
    text = catalog_values(path).get(key, "") if key else ""
    lead = ""
    if not text and start is not None:
        whole = read_text(Path(path))
        before = " ".join(html.unescape(_TAG.sub(" ", whole[max(0, start - 300) : start])).split())
        lead = ("…" + before[-(width // 3) :]) if len(before) > width // 3 else before
        text = whole[start : start + 4 * width]
    text = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    text = (lead + " " + text).strip() if lead else text
    return text if len(text) <= width else text[: width - 1] + "…"


def render(result: Survey, sample: int, seed: int, top: int, totals_only: bool, sample_typo: bool) -> str:
    """The human report: per file, totals, codes, roles, skipped and failed files, a sample."""
    lines: list[str] = []
    linted = [r for r in result.files if r.status == "linted"]
    if not totals_only:
        lines.append("Per file (messages, with a non-TYPO finding, share, top codes; or why not linted):")
        for report in result.files:
            if report.status == "linted":
                lang = f"{report.language or '?'} ({report.language_source})"
                top3 = ", ".join(f"{c} {n}" for c, n in report.codes.most_common(3))
                roles = ""
                if report.roles:
                    roles = "  roles: " + ", ".join(f"{k} {v}" for k, v in sorted(report.roles.items()))
                if report.messages == 0:
                    top3 = "no message found in the file"
                lines.append(
                    f"  {report.path}  [{lang}]  {report.messages} msgs, {report.flagged} flagged "
                    f"({share(report.flagged, report.messages)})  {top3}{roles}"
                )
            else:
                lines.append(f"  {report.path}  {report.status.upper()}: {report.reason}")
        lines.append("")
    total = totals(linted)
    skipped = [r for r in result.files if r.status == "skipped"]
    errors = [r for r in result.files if r.status == "error"]
    empty = [r for r in linted if r.messages == 0]
    lines.append(
        f"Total: {len(linted)} files linted ({len(empty)} without any message), {len(skipped)} skipped, "
        f"{len(errors)} in error"
    )
    lines.append(
        f"Messages linted: {total.messages}; with a finding other than TYPO: {total.flagged} "
        f"({share(total.flagged, total.messages)})"
    )
    by_format: dict[str, list[int]] = {}
    for report in linted:
        row = by_format.setdefault(report.path.suffix.lower() or "(none)", [0, 0, 0])
        row[0] += 1
        row[1] += report.messages
        row[2] += report.flagged
    lines.append(
        "By format: "
        + ", ".join(
            f"{suffix} {files} files/{messages} msgs/{share(flagged, messages)}"
            for suffix, (files, messages, flagged) in sorted(by_format.items(), key=lambda item: -item[1][1])
        )
    )
    if result.languages_used:
        lines.append(
            "Languages scusa-lint used: " + ", ".join(f"{k} {v}" for k, v in result.languages_used.most_common())
        )
    decided = Counter(f"{r.language or '?'} by {r.language_source}" for r in linted)
    lines.append("Languages named per file: " + ", ".join(f"{k} {v}" for k, v in decided.most_common()))
    if total.roles:
        lines.append("Roles (messages; with a non-TYPO finding):")
        for role, count in total.roles.most_common():
            flagged = total.flagged_roles[role]
            lines.append(f"  {role:10} {count:6}  {flagged:6} ({share(flagged, count)})")
        for reason, count in result.role_reasons.most_common(top):
            lines.append(f"    {count:6}  {reason}")
    else:
        lines.append("Roles: not reported by this scusa-lint (no `role` field in its JSON)")
    lines.append(f"Most frequent codes (messages with it / findings; of {total.messages} messages):")
    for code, count in total.codes.most_common(top):
        name = result.code_names.get(code, "")
        category = result.code_categories.get(code, "")
        lines.append(
            f"  {code:7} {name:28} {category:22} {count:6} ({share(count, total.messages)})  "
            f"{result.finding_counts[code]}"
        )
    if skipped:
        lines.append("Skipped files by reason:")
        for reason, count in Counter(r.reason for r in skipped).most_common():
            lines.append(f"  {count:5}  {reason}")
    if errors:
        lines.append("Files in error:")
        lines.extend(f"  {r.path}: {r.reason}" for r in errors)
    if result.skipped_rules:
        lines.append("Rules scusa-lint did not run: " + "; ".join(result.skipped_rules))
    if result.notices:
        lines.append("Notices from scusa-lint:")
        lines.extend(f"  {n}" for n in result.notices)
    if sample:
        pool = [f for f in result.findings if sample_typo or f.get("category") != "TYPO"]
        picked = random.Random(seed).sample(pool, min(sample, len(pool)))
        kinds = "findings" if sample_typo else "findings other than TYPO"
        lines.append(f"Sample of {len(picked)} of {len(pool)} {kinds} (seed {seed}):")
        for number, finding in enumerate(picked, 1):
            where = f"{finding['path']}:{finding.get('line')}"
            key = finding.get("key")
            shown_key = json.dumps(key, ensure_ascii=False) if key and re.search(r"\s\s|\n|^\s|\s$", key) else key
            role = f"  role={finding['role']}" if finding.get("role") else ""
            lines.append(
                f"  {number:3}. {finding.get('code')} {finding.get('category')} ({finding.get('level')})  {where}"
                f"{'  key=' + str(shown_key) if key else ''}{role}"
            )
            match = finding.get("match")
            lines.append(f"       match: {match!r}" if match else "       match: (whole message)")
            lines.append(f"       text:  {context(finding['path'], key, finding.get('start'))}")
    return "\n".join(lines)


def as_json(result: Survey) -> dict[str, Any]:
    """The figures as data, for other scripts and for a report."""
    linted = [r for r in result.files if r.status == "linted"]
    total = totals(linted)
    return {
        "messages": total.messages,
        "flagged_non_typo": total.flagged,
        "codes": dict(total.codes.most_common()),
        "finding_counts": dict(result.finding_counts.most_common()),
        "roles": dict(total.roles),
        "flagged_roles": dict(total.flagged_roles),
        "languages_used": dict(result.languages_used),
        "files": [
            {
                "path": str(r.path),
                "status": r.status,
                "reason": r.reason,
                "language": r.language,
                "language_source": r.language_source,
                "messages": r.messages,
                "flagged_non_typo": r.flagged,
                "codes": dict(r.codes),
                "roles": dict(r.roles),
            }
            for r in result.files
        ],
        "notices": result.notices,
        "skipped_rules": result.skipped_rules,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("paths", nargs="+", type=Path, metavar="DIR_OR_FILE")
    parser.add_argument("--scusa-lint", dest="binary", help="the scusa-lint executable (default: beside this Python)")
    parser.add_argument("--language", choices=["it", "en", "auto", "tool"], default="auto")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="print N random findings")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample-typo", action="store_true", help="let the sample include TYPO findings")
    parser.add_argument("--top", type=int, default=15, help="how many codes to list (default 15)")
    parser.add_argument("--totals-only", action="store_true", help="no per-file lines")
    parser.add_argument("--include-config", action="store_true", help="lint configuration files too")
    parser.add_argument("--also", action="append", default=[], metavar="SUFFIX", help="lint this suffix as well")
    parser.add_argument("--scusa-arg", action="append", default=[], metavar="ARG", help="pass ARG to scusa-lint")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures as JSON")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per scusa-lint run")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"catalog_survey: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    binary = args.binary or default_binary()
    if not binary or not (Path(binary).is_file() or shutil.which(binary)):
        print(
            f"catalog_survey: scusa-lint not found ({binary or 'not on PATH'}); give --scusa-lint BIN", file=sys.stderr
        )
        return 2
    if args.sample < 0:
        print("catalog_survey: --sample must be 0 or more", file=sys.stderr)
        return 2
    also = frozenset(s.lower() if s.startswith(".") else "." + s.lower() for s in args.also)
    result = survey(args.paths, binary, args.language, args.include_config, also, args.scusa_arg, args.timeout)
    print(render(result, args.sample, args.seed, args.top, args.totals_only, args.sample_typo))
    if args.json:
        args.json.write_text(json.dumps(as_json(result), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if result.crashed else 0


if __name__ == "__main__":
    sys.exit(main())
