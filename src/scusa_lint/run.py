"""One lint run: collect inputs, resolve each file's settings, read them, lint them in batches, gather a Report."""

from __future__ import annotations

from collections.abc import Sequence

from scusa_lint.errors import ScusaError
from scusa_lint.inputs import STDIN, InputFile, collect, read_sources
from scusa_lint.kinds.base import RuleSpec
from scusa_lint.linter import FileResult, Linter
from scusa_lint.report import Report
from scusa_lint.resolver import SettingsResolver
from scusa_lint.settings import Settings
from scusa_lint.source import Source


def _settings_path(item: InputFile) -> str:
    """Where to look for the config of an input: stdin uses --stdin-filename's folder when given."""
    return item.shown if item.path == STDIN and item.shown != STDIN else item.path


def run(paths: Sequence[str], settings: Settings | SettingsResolver, stdin_filename: str | None = None) -> Report:
    """Lint `paths`. Per-file problems go into report.errors; config errors raise.

    settings: one Settings for every file, or a SettingsResolver (the nearest config per file).
    """
    resolver = SettingsResolver.of(settings)
    files, errors = collect(paths, stdin_filename, resolver)
    report = Report(errors=list(errors))
    # Files that share a config share a Linter (and its compiled rules); results keep input order.
    groups: dict[int, tuple[Settings, list[int]]] = {}
    sources: list[Source] = []
    for item in files:
        item_settings = resolver.for_path(_settings_path(item))
        try:
            read = read_sources(item, None)
        except ScusaError as error:
            report.errors.append(error)
            continue
        group = groups.setdefault(id(item_settings), (item_settings, []))
        group[1].extend(range(len(sources), len(sources) + len(read)))
        sources.extend(read)
    results: list[FileResult | None] = [None] * len(sources)
    linters: list[Linter] = []
    for group_settings, indices in groups.values():
        linter = Linter(group_settings)
        linters.append(linter)
        for index, result in zip(indices, linter.lint([sources[i] for i in indices]), strict=True):
            results[index] = result
    report.results = [r for r in results if r is not None]
    seen_rules: dict[str, RuleSpec] = {}
    for linter in linters:
        for language in sorted({r.language for r in report.results} & set(linter.built_languages())):
            ruleset = linter.ruleset(language)
            report.pipelines[language] = ruleset.pipeline.description
            report.skipped.extend(s for s in ruleset.skipped if s not in report.skipped)
            report.notices.extend(n for n in ruleset.notices if n not in report.notices)
            for rule in ruleset.rules:
                seen_rules.setdefault(rule.spec.code, rule.spec)
    report.rules = list(seen_rules.values())
    report.rules_run = len(report.rules)
    return report
