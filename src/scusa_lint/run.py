"""One lint run: collect inputs, resolve each file's settings, read them, lint them in batches, gather a Report.

Files that share a config form one batch, linted by execution.lint_sources (result cache,
worker processes); results keep input order.
"""

from __future__ import annotations

from collections.abc import Sequence

from scusa_lint.errors import InputError, ScusaError
from scusa_lint.execution import RunOptions, lint_sources
from scusa_lint.inputs import STDIN, InputFile, collect, read_sources
from scusa_lint.kinds.base import RuleSpec
from scusa_lint.linter import FileResult, all_rule_specs
from scusa_lint.report import Report
from scusa_lint.resolver import SettingsResolver
from scusa_lint.selection import select_rules
from scusa_lint.settings import Settings
from scusa_lint.source import Source


def _settings_path(item: InputFile) -> str:
    """Where to look for the config of an input: stdin uses --stdin-filename's folder when given."""
    return item.shown if item.path == STDIN and item.shown != STDIN else item.path


def run(
    paths: Sequence[str],
    settings: Settings | SettingsResolver,
    stdin_filename: str | None = None,
    options: RunOptions | None = None,
) -> Report:
    """Lint `paths`. Per-file problems go into report.errors; config errors raise.

    settings: one Settings for every file, or a SettingsResolver (the nearest config per file).
    options: cache and worker processes (default: no cache, this process only).
    """
    resolver = SettingsResolver.of(settings)
    files, errors = collect(paths, stdin_filename, resolver)
    report = Report(errors=list(errors))
    groups: dict[int, tuple[Settings, list[int]]] = {}
    sources: list[Source] = []
    for item in files:
        item_settings = resolver.for_path(_settings_path(item))
        try:
            read = read_sources(item, None)
        except ScusaError as error:
            report.errors.append(error)
            continue
        except Exception as exc:  # a reader bug must not stop the other files: report it as this file's error
            report.errors.append(
                InputError(f"cannot read ({type(exc).__name__}: {exc}); please report this", item.shown)
            )
            continue
        group = groups.setdefault(id(item_settings), (item_settings, []))
        group[1].extend(range(len(sources), len(sources) + len(read)))
        sources.extend(read)
    results: list[FileResult | None] = [None] * len(sources)
    rules: dict[str, RuleSpec] = {}
    for group_settings, indices in groups.values():
        outcome = lint_sources([sources[i] for i in indices], group_settings, options or RunOptions())
        if len(outcome.results) == len(indices):
            for index, result in zip(indices, outcome.results, strict=True):
                results[index] = result
        else:  # a message too long to lint has no result (it is in outcome.errors)
            by_message = {(r.path, r.key): r for r in outcome.results}
            for index in indices:
                results[index] = by_message.get((sources[index].path, sources[index].key))
        report.errors.extend(outcome.errors)
        for language, info in outcome.infos.items():
            report.pipelines[language] = info.pipeline
            report.skipped.extend(s for s in info.skipped if s not in report.skipped)
            report.notices.extend(n for n in info.notices if n not in report.notices)
            skipped = {s.code for s in info.skipped}
            for spec in _selected(group_settings, language):
                if spec.code not in skipped:
                    rules.setdefault(spec.code, spec)
        report.notices.extend(n for n in outcome.notices if n not in report.notices)
    report.results = [r for r in results if r is not None]
    report.rules = list(rules.values())
    report.rules_run = len(report.rules)
    return report


def _selected(settings: Settings, language: str) -> list[RuleSpec]:
    """The rules a language runs with these settings, from the packs alone (no spaCy: warm runs need it too)."""
    specs = all_rule_specs(language, settings.packs)
    return select_rules(specs, settings.select, settings.extend_select, settings.ignore)
