"""The result cache: a message linted once with the same everything is not linted again.

An entry's key is the SHA-256 of everything that can change its result:
- the message itself: its path and catalog key (per-file-ignores depend on them), text, analysis
  text, masks, template errors, language, channel and settings; never the file around it, so a
  catalog's cost per message does not grow with the catalog (entries are Outcomes: findings in
  the message's own text, placed in the file and filtered by suppressions after the cache),
- scusa-lint's version and Python's,
- the resolved settings (every field, so a setting added later counts too),
- the bytes of every rule pack that can load (shipped and extra),
- the analysis pipeline and backends: spaCy, simplemma, regex, the spelling backends and
  readers, by installed version, and a trained pipeline's package version or meta.json.
Computing the key needs no spaCy, so a run whose every message hits the cache never
imports it. Per language, the cache also keeps what ran (pipeline, skipped rules, notices),
so a warm run reports the same. Results that carry a notice (a regex that timed out), and
those of a language whose rules reported a notice (a backend down), are not stored
(execution.py decides): the next run tries again.

Layout: <cache dir>/v3/<run key>/segment-*.json, one JSON object per segment with the entries
(message key -> the result as JSON text, parsed only on a hit) and the per-language info. Why
segments and not one file per message: creating a file costs about half a millisecond here, as
much as linting a message, so a run writes at most one file. A run loads the segments of its run
key, and if it computed anything, writes one new segment with everything it loaded plus what it
computed, then deletes the segments it loaded (entries not used by the run are dropped once the
segment would hold more than MAX_ENTRIES). Writes go to a temporary file moved into place with
os.replace, which is atomic: concurrent runs see a whole segment or none; two runs that compact
at once leave two segments, which the next run merges. Entries for other settings or versions
sit in other run-key folders until `scusa-lint clean`.
A cache that cannot be read or written is never an error: the run lints without it and
says so once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from scusa_lint import __version__, codec, lang, yamllines
from scusa_lint.finding import LanguageInfo, Outcome
from scusa_lint.settings import Settings
from scusa_lint.source import Source

CACHE_DIR_NAME = ".scusa-lint-cache"
ENV_CACHE_DIR = "SCUSA_LINT_CACHE_DIR"
LAYOUT = "v5"  # v5: role reasons keep the offsets of the words they name, not their lines (roles.LINE)
# The fields of a Source that its result depends on (not the file text, offsets or the file's comments).
KEY_FIELDS = ("path", "key", "text", "analysis_text", "masked", "template_errors", "language", "channel", "meta")
# Above this many entries, a segment keeps only the entries the run that writes it used.
MAX_ENTRIES = 50_000
# A run decodes an entry text it has seen once: a catalog's labels and routine strings often share one
# outcome (no finding, the same reason), and outcomes are frozen. Bounded, so memory stays flat.
DECODED_MEMO = 4096
# Distributions whose version can change what a run finds (analysis, spelling, readers).
BACKENDS = (
    "spacy",
    "simplemma",
    "regex",
    "pyyaml",
    "chunspell",
    "language-tool-python",
    "markdown-it-py",
    "charset-normalizer",
    "polib",
    "lingua-language-detector",
)
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# scusa-lint's result cache; `scusa-lint clean` removes it.\n"


def parsed_files(folder: Path) -> yamllines.ParseCache:
    """Where the cache at `folder` keeps parses of the rule packs (yamllines.ParseCache), beside the results."""
    return yamllines.ParseCache(folder / LAYOUT / "parsed-yaml")


def default_cache_dir(settings: Settings, cwd: Path | None = None) -> Path:
    """$SCUSA_LINT_CACHE_DIR, else .scusa-lint-cache beside the config file, else in the current folder."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env)
    if settings.config_path:
        return Path(settings.config_path).resolve().parent / CACHE_DIR_NAME
    return (cwd or Path.cwd()) / CACHE_DIR_NAME


class ResultCache:
    """One run's view of the cache folder (build with :meth:`open`, finish with :meth:`save`)."""

    def __init__(self, folder: Path, run_key: str) -> None:
        self.folder = folder
        self.run_key = run_key
        self.notices: list[str] = []
        self.hits = 0
        self.stored = 0
        self._entries: dict[str, Any] = {}
        self._infos: dict[str, Any] = {}
        self._used: set[str] = set()
        self._decoded: dict[str | bytes, Outcome] = {}
        self._segments: list[Path] = []
        self._dirty = False
        self._loaded = False

    @classmethod
    def open(cls, folder: Path, settings: Settings) -> ResultCache | None:
        """A cache for this run, or None when the run cannot be keyed (an extra pack that cannot be read:
        the linter then reports that error itself)."""
        key = run_key(settings)
        return cls(folder, key) if key is not None else None

    @property
    def home(self) -> Path:
        return self.folder / LAYOUT / self.run_key

    def key(self, source: Source) -> str:
        """The key of one message's outcome in this run (see KEY_FIELDS)."""
        digest = hashlib.sha256(self.run_key.encode())
        for name in KEY_FIELDS:
            digest.update(b"\0" + name.encode() + b"=" + repr(getattr(source, name)).encode())
        return digest.hexdigest()

    def get(self, key: str) -> Outcome | None:
        """The stored result, or None (absent, unreadable, corrupt, or from an older layout)."""
        self._load()
        data = self._entries.get(key)
        if type(data) is not str and type(data) is not bytes:
            return None
        result = self._decoded.get(data)
        if result is None:
            try:
                result = codec.decode(json.loads(_text_of(data)))
            except Exception:  # whatever is in the folder, a bad entry is a miss, never a crash
                return None
            if not isinstance(result, Outcome):
                return None
            if len(self._decoded) < DECODED_MEMO:
                self._decoded[data] = result
        self.hits += 1
        self._used.add(key)
        return result

    def put(self, key: str, result: Outcome) -> None:
        if result.notices:
            return  # degraded (a pattern timed out): try again next time
        try:  # kept as compressed JSON until saved: parsed only on a hit, a third of the text's memory
            text = json.dumps(codec.encode(result), ensure_ascii=False, separators=(",", ":"))
        except (codec.CodecError, ValueError):
            return
        self._entries[key] = zlib.compress(text.encode("utf-8"), 1)
        self._used.add(key)
        self._dirty = True
        self.stored += 1

    def get_info(self, language: str) -> LanguageInfo | None:
        self._load()
        try:
            info = codec.decode(self._infos[language]) if language in self._infos else None
        except Exception:  # a bad entry is a miss
            return None
        return info if isinstance(info, LanguageInfo) else None

    def put_info(self, info: LanguageInfo) -> None:
        self._infos[info.language] = codec.encode(info)
        self._dirty = True

    def save(self) -> None:
        """Write one segment with what this run loaded and computed; remove the segments it replaces."""
        if not self._dirty:
            return
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self._used}
        try:
            self._prepare()
            self.home.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.home, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:  # streamed: no second copy in memory
                    _write_segment(stream, entries, self._infos)
                target = self.home / f"segment-{time.time_ns()}-{os.getpid()}.json"
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError) as exc:
            self.notices.append(f"result cache disabled: cannot write to {self.folder} ({exc})")
            return
        for old in self._segments:
            if old != target:
                with contextlib.suppress(OSError):
                    old.unlink()
        self._segments = [target]
        self._dirty = False

    def _load(self) -> None:
        """Read every segment of this run key once (later segments win)."""
        if self._loaded:
            return
        self._loaded = True
        try:
            segments = sorted(self.home.glob("segment-*.json"))
        except OSError:
            return
        for segment in segments:
            try:
                data = json.loads(segment.read_bytes())
            except (OSError, ValueError, RecursionError):
                continue  # deleted by a concurrent run, or damaged: its entries are misses
            if not isinstance(data, dict):
                continue
            entries, infos = data.get("entries"), data.get("infos")
            if isinstance(entries, dict):
                self._entries.update(entries)
            if isinstance(infos, dict):
                self._infos.update(infos)
            self._segments.append(segment)

    def _prepare(self) -> None:
        """Create the folder, tagged so that backup tools and git leave it alone."""
        if (self.folder / "CACHEDIR.TAG").is_file():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "*\n")):
            target = self.folder / name
            if not target.exists():
                target.write_text(content, encoding="utf-8")


def _text_of(entry: str | bytes) -> str:
    """An entry's JSON text: as a segment holds it (loaded), or compressed (computed by this run)."""
    return entry if isinstance(entry, str) else zlib.decompress(entry).decode("utf-8")


def _write_segment(stream: TextIO, entries: dict[str, Any], infos: dict[str, Any]) -> None:
    """Write {"entries": {key: JSON text}, "infos": ...} one entry at a time (each decompressed alone)."""
    dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    stream.write('{"entries":{')
    for number, (key, entry) in enumerate(entries.items()):
        stream.write(f"{',' if number else ''}{dump(key)}:{dump(_text_of(entry))}")
    stream.write(f'}},"infos":{dump(infos)}}}')


def clean(folder: Path) -> bool:
    """Remove a cache folder; False when there was none. Refuses folders that are not scusa-lint caches."""
    if not folder.exists():
        return False
    if not (folder / "CACHEDIR.TAG").is_file() and not (folder / LAYOUT).is_dir():
        raise OSError(f"{folder} does not look like a scusa-lint cache (no CACHEDIR.TAG); not removing it")
    shutil.rmtree(folder)
    return True


# Functions that add to the run key what only they know (a LanguageTool server's version, a
# dictionary's files): name -> settings -> text. A backend registers one with `register_key_part`.
KEY_PARTS: dict[str, Callable[[Settings], str]] = {}


def register_key_part(name: str, part: Callable[[Settings], str]) -> None:
    """Make `part(settings)` part of every cache key, so that a change it reports invalidates the cache."""
    KEY_PARTS[name] = part


def run_key(settings: Settings) -> str | None:
    """The fingerprint of everything but the message that can change a result: scusa-lint's and Python's
    versions, the settings and the files they name, the packs' bytes, the backends and the pipeline.

    None when an extra pack cannot be read. Besides keying the cache, it tells a running `scusa-lint
    serve` whether it would lint a client's messages with the very same rules (run.py, remote.py).
    """
    return _run_key(settings)


def _run_key(settings: Settings) -> str | None:
    values = dataclasses.asdict(settings)
    parts: dict[str, Any] = {
        "layout": LAYOUT,
        "scusa-lint": __version__,
        "python": sys.version,
        "settings": json.dumps(values, sort_keys=True, default=repr),
        "files in settings": _files_named_in(values),
        "backends": {name: _version(name) for name in BACKENDS},
        "pipeline": _pipeline_identity(settings.pipeline),
        "parts": {name: part(settings) for name, part in sorted(KEY_PARTS.items())},
    }
    packs = hashlib.sha256()
    try:
        for path in _language_files():
            packs.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
        for pack in settings.packs:
            packs.update(pack.encode() + b"\0" + Path(pack).read_bytes() + b"\0")
    except OSError:
        return None
    parts["packs"] = packs.hexdigest()
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _language_files() -> list[Path]:
    """Every file of every language folder that can change a result (packs, word classes, descriptors,
    lexicons) and the language-neutral packs; dictionaries are keyed by chunspell's version and their size."""
    files: list[Path] = list(lang.common_packs())
    for language in lang.languages().values():
        for path in sorted(language.folder.rglob("*")):
            if (path.is_file() and path.suffix in (".yaml", ".toml")) or path.name.startswith("lexicon."):
                files.append(path)
    return files


def _files_named_in(value: Any) -> dict[str, str]:
    """The content hash of every existing file a setting names (a vocabulary list, a dictionary), so that
    editing the file, not only renaming it, invalidates the cache."""
    found: dict[str, str] = {}
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif isinstance(item, str) and 0 < len(item) < 4096 and item not in found:
            with contextlib.suppress(OSError, ValueError):
                if os.path.isfile(item):
                    found[item] = hashlib.sha256(Path(item).read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return "-"


def _pipeline_identity(spec: str) -> str:
    """The installed version of a trained pipeline package, or the hash of a pipeline folder's metadata."""
    if spec == "default":
        return spec
    folder = Path(spec).expanduser()
    if folder.is_dir():
        digest = hashlib.sha256(str(folder.resolve()).encode())
        for name in ("meta.json", "config.cfg"):
            with contextlib.suppress(OSError):
                digest.update((folder / name).read_bytes())
        return f"{spec} {digest.hexdigest()}"
    return f"{spec} {_version(spec)}"
