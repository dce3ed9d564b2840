"""`scusa-lint doctor`: what this installation can really do (pipelines, spellers, LanguageTool, versions).

Every line is the result of trying the thing: loading the pipeline, spelling two words with
each bundled dictionary, asking the configured LanguageTool server to check a word. The
public LanguageTool API is contacted only when the configuration allows it. Exit 0 when the
configured backends work, 2 otherwise.
"""

from __future__ import annotations

import json
import platform
import time
from importlib import metadata
from typing import Any

import click

from scusa_lint.cli.common import EXIT_ERROR, EXIT_OK, fail, resolve_settings
from scusa_lint.errors import ScusaError
from scusa_lint.settings import Settings

# Distribution names whose versions doctor reports.
DISTRIBUTIONS = (
    "scusa-lint",
    "spacy",
    "simplemma",
    "click",
    "rich",
    "pyyaml",
    "chunspell",
    "language-tool-python",
    "lingua-language-detector",
)


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _pipelines(settings: Settings, languages: list[str]) -> list[dict[str, Any]]:
    from scusa_lint.analysis.pipeline import load_pipeline

    rows: list[dict[str, Any]] = []
    for language in languages:
        row: dict[str, Any] = {"language": language, "setting": settings.pipeline}
        try:
            pipeline = load_pipeline(language, settings.pipeline)
        except ScusaError as exc:
            row.update(ok=False, error=str(exc))
        else:
            row.update(ok=True, description=pipeline.description, capabilities=sorted(pipeline.capabilities))
        rows.append(row)
    return rows


def _hunspell(languages: list[str]) -> dict[str, Any]:
    from scusa_lint import lang
    from scusa_lint.spelling.base import BackendUnavailable
    from scusa_lint.spelling.hunspell import HunspellChecker, binding_version, dictionary_info

    section: dict[str, Any] = {"binding": "chunspell"}
    try:
        section["binding_version"] = binding_version()
    except metadata.PackageNotFoundError:
        section.update(ok=False, error="chunspell is not installed")
        return section
    dictionaries = []
    for language in languages:
        row: dict[str, Any] = {"language": language}
        try:
            spelling = lang.get(language).spelling
            if spelling.dictionary is None:
                raise BackendUnavailable("the language folder names no Hunspell dictionary")
            info = dictionary_info(spelling.dictionary)
            row.update(name=info.name, aff=str(info.aff), dic=str(info.dic), words=info.words)
            also = [dictionary_info(name) for name in spelling.also_accept]
            row["also_accepted"] = [{"name": a.name, "dic": str(a.dic), "words": a.words} for a in also]
            if spelling.probe is not None:
                known, unknown = spelling.probe
                checker = HunspellChecker(language)
                if not checker.known(known) or checker.known(unknown):
                    raise BackendUnavailable(f"the dictionary misjudges {known!r} / {unknown!r}")
            row["ok"] = True
        except (OSError, KeyError, ValueError, BackendUnavailable, ScusaError) as exc:
            row.update(ok=False, error=str(exc) or type(exc).__name__)
        dictionaries.append(row)
    section["dictionaries"] = dictionaries
    section["ok"] = all(row["ok"] for row in dictionaries)
    return section


def _languagetool(settings: Settings) -> dict[str, Any]:
    from scusa_lint import lang
    from scusa_lint.spelling.base import BackendUnavailable
    from scusa_lint.spelling.languagetool import PUBLIC_API_URL, from_settings, is_public_api

    section: dict[str, Any] = {
        "url": settings.languagetool_url,
        "path": settings.languagetool_path,
        "public_api_allowed": settings.languagetool_public_api,
        "used": settings.spelling == "languagetool",
    }
    configured = settings.languagetool_url or settings.languagetool_path
    if not configured and not (settings.spelling == "languagetool" and settings.languagetool_public_api):
        section.update(ok=None, status="not configured (set languagetool-url or languagetool-path)")
        return section
    if settings.languagetool_url and is_public_api(settings.languagetool_url) and not settings.languagetool_public_api:
        section.update(ok=False, error="languagetool-url is the public API but languagetool-public-api is false")
        return section
    checker = from_settings(settings, settings.default_language)
    section["target"] = checker.where() if configured else PUBLIC_API_URL
    section["kind"] = "server" if settings.languagetool_url else "local install" if configured else "public API"
    began = time.perf_counter()
    try:
        checker.start()
    except BackendUnavailable as exc:
        section.update(ok=False, error=str(exc))
        return section
    # The probe is one tiny check: how long the server takes to answer, network included.
    section.update(ok=True, version=checker.server_version, language=checker.code)
    section["response_ms"] = round((time.perf_counter() - began) * 1000, 1)
    try:
        supported = checker.languages()
    except BackendUnavailable as exc:  # an old or proxied server without /v2/languages: still usable
        section["languages"] = None
        section["languages_error"] = str(exc)
    else:
        wanted = {c for c in (_lt_code(code) for code in lang.codes()) if c}
        section["languages"] = sorted(c for c in supported if c in wanted or c.split("-")[0] in {"it", "en"})
        section["missing"] = sorted(wanted - set(supported))
        if section["missing"]:
            section.update(ok=False, error=f"the server lacks {', '.join(section['missing'])}")
    return section


def _lt_code(language: str) -> str | None:
    from scusa_lint import lang

    return lang.languages()[language].languagetool


def _vocabulary(settings: Settings) -> dict[str, Any]:
    from scusa_lint.spelling.vocabulary import load_vocabulary

    section: dict[str, Any] = {"file": settings.vocabulary}
    try:
        vocabulary = load_vocabulary(settings.vocabulary, settings.accept, settings.reject)
    except ScusaError as exc:
        section.update(ok=False, error=str(exc))
    else:
        section.update(ok=True, accepted=len(vocabulary.accepted), rejected=len(vocabulary.rejected))
    return section


def diagnose(settings: Settings) -> dict[str, Any]:
    """Everything doctor found, as the JSON document `--output-format json` prints."""
    from scusa_lint import lang

    languages = lang.codes()
    report: dict[str, Any] = {
        "config": settings.config_path,
        "language": settings.default_language,
        "spelling": settings.spelling,
        "strict": settings.strict,
        "pipelines": _pipelines(settings, languages),
        "hunspell": _hunspell(languages),
        "languagetool": _languagetool(settings),
        "vocabulary": _vocabulary(settings),
        "versions": _versions(),
    }
    default = [p for p in report["pipelines"] if p["language"] == settings.default_language]
    problems = [f"pipeline for {p['language']!r}: {p['error']}" for p in default if not p["ok"]]
    if settings.spelling == "hunspell" and not report["hunspell"]["ok"]:
        problems.append("the Hunspell speller does not work")
    if settings.spelling == "languagetool" and not report["languagetool"]["ok"]:
        problems.append("LanguageTool is configured but does not work (runs would fall back to Hunspell)")
    if settings.spelling != "off" and not report["vocabulary"]["ok"]:
        problems.append("the vocabulary cannot be read")
    report["problems"] = problems
    report["ok"] = not problems
    return report


def _mark(ok: bool | None) -> tuple[str, str]:
    if ok is None:
        return "-", "muted"
    return ("ok", "ok") if ok else ("FAIL", "error")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", metavar="FILE", help="Config file (default: nearest .scusa-lint.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--spelling", type=click.Choice(["hunspell", "languagetool", "off"]), help="Check this speller.")
@click.option("--languagetool-url", metavar="URL", help="Check this LanguageTool server.")
@click.option("--languagetool-path", metavar="DIR", help="Check this local LanguageTool install.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def doctor(
    config: str | None,
    isolated: bool,
    spelling: str | None,
    languagetool_url: str | None,
    languagetool_path: str | None,
    output_format: str,
    color: str,
) -> None:
    """Report the analysis pipelines, spellers, dictionaries, LanguageTool and versions; exit 2 if broken."""
    from rich.text import Text

    from scusa_lint.console import make_console

    try:
        settings = resolve_settings(config, isolated).with_overrides(
            spelling=spelling, languagetool_url=languagetool_url, languagetool_path=languagetool_path
        )
    except ScusaError as error:
        fail(error)
    report = diagnose(settings)
    console = make_console(color)
    if output_format == "json":
        console.file.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        raise SystemExit(EXIT_OK if report["ok"] else EXIT_ERROR)

    def line(ok: bool | None, label: str, detail: str) -> None:
        mark, style = _mark(ok)
        console.print(Text.assemble((f"{mark:>4} ", style), (label, "bold"), f"  {detail}"))

    console.print(Text(f"config: {settings.config_path or '(none: defaults)'}", style="muted"))
    for p in report["pipelines"]:
        detail = f"{p['description']}; capabilities: {', '.join(p['capabilities'])}" if p["ok"] else p["error"]
        line(p["ok"], f"pipeline [{p['language']}]", detail)
    hunspell = report["hunspell"]
    for d in hunspell.get("dictionaries", []):
        also = "".join(f"; also accepts {a['name']} ({a['words']} stems)" for a in d.get("also_accepted", []))
        detail = f"{d['name']} ({d['words']} stems) {d['dic']}{also}" if d["ok"] else d.get("error", "")
        line(d["ok"], f"hunspell [{d['language']}]", f"chunspell {hunspell.get('binding_version', '?')}, {detail}")
    if "error" in hunspell:
        line(False, "hunspell", hunspell["error"])
    lt = report["languagetool"]
    if lt["ok"] is None:
        line(None, "languagetool", lt["status"])
    elif lt["ok"]:
        languages = ", ".join(lt["languages"]) if lt.get("languages") else "languages not listed"
        line(
            True,
            "languagetool",
            f"LanguageTool {lt['version']} ({lt['kind']}) at {lt['target']}, answered in {lt['response_ms']:g} ms; "
            f"checks {lt['language']}; it/en variants: {languages}",
        )
    else:
        line(False, "languagetool", lt["error"])
    vocabulary = report["vocabulary"]
    if vocabulary["ok"]:
        detail = (
            f"{vocabulary['file'] or '(no file)'}: {vocabulary['accepted']} accepted, {vocabulary['rejected']} rejected"
        )
        line(True, "vocabulary", detail)
    else:
        line(False, "vocabulary", vocabulary["error"])
    strict = " (strict)" if settings.strict else ""
    console.print(Text(f"spelling backend: {settings.spelling}{strict}", style="bold"))
    console.print(Text(", ".join(f"{k} {v}" for k, v in report["versions"].items()), style="muted"))
    for problem in report["problems"]:
        console.print(Text(f"problem: {problem}", style="error"))
    if report["ok"]:
        console.print(Text("The configured backends work.", style="ok"))
    raise SystemExit(EXIT_OK if report["ok"] else EXIT_ERROR)
