"""Which settings apply to which file: the nearest config from each file upward, then the CLI overrides.

As in ruff: every file is linted with the configuration found from its own folder upward
(files of one folder share it; lookups are cached by folder and by config file), unless
--config names one file for all or --isolated ignores them all. The command line then
overrides whatever the file says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scusa_lint.globs import matches
from scusa_lint.settings import Settings, find_config, load_settings
from scusa_lint.taxonomy import Level

STDIN = "-"


@dataclass(frozen=True)
class Overrides:
    """The command line's settings; None (or empty) means "not given", so the config file's value stays.

    extend_select, ignore and packs add to the config's lists, as in ruff.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Level | None = None
    language: str | None = None
    pipeline: str | None = None
    packs: tuple[str, ...] = ()
    force_exclude: bool | None = None
    # Any other Settings field given on the command line (spelling options...), by field name.
    other: Mapping[str, Any] = field(default_factory=dict)

    def apply(self, settings: Settings) -> Settings:
        own = {
            "select": self.select,
            "extend_select": settings.extend_select + self.extend_select,
            "ignore": settings.ignore + self.ignore,
            "fail_on": self.fail_on,
            "language": self.language,
            "pipeline": self.pipeline,
            "packs": settings.packs + self.packs,
            "force_exclude": self.force_exclude,
        }
        # None means "not given" (with_overrides skips it); this class's own fields win over `other`.
        return settings.with_overrides(**{**self.other, **{k: v for k, v in own.items() if v is not None}})


class SettingsResolver:
    """Settings per file. One Settings object per config file, so files that share it share a Linter."""

    def __init__(
        self,
        config: str | Path | None = None,
        isolated: bool = False,
        overrides: Overrides | None = None,
        fixed: Settings | None = None,
    ) -> None:
        """config: one file for everything (--config); isolated: defaults only; fixed: these exact settings."""
        self.overrides = overrides or Overrides()
        self._fixed: Settings | None = None
        if fixed is not None:
            self._fixed = fixed
        elif isolated:
            self._fixed = self.overrides.apply(Settings())
        elif config is not None:
            self._fixed = self.overrides.apply(load_settings(Path(config)))
        self._by_folder: dict[Path, Settings] = {}
        self._by_config: dict[Path | None, Settings] = {}

    @classmethod
    def of(cls, settings: Settings | SettingsResolver) -> SettingsResolver:
        return settings if isinstance(settings, SettingsResolver) else cls(fixed=settings)

    def for_folder(self, folder: Path) -> Settings:
        """The settings for files in `folder` (raises ConfigError for a bad config file)."""
        if self._fixed is not None:
            return self._fixed
        folder = folder.absolute()
        if folder not in self._by_folder:
            config = find_config(folder)
            key = config.resolve() if config is not None else None
            if key not in self._by_config:
                self._by_config[key] = self.overrides.apply(load_settings(config))
            self._by_folder[folder] = self._by_config[key]
        return self._by_folder[folder]

    def for_path(self, path: str) -> Settings:
        """The settings for a file (stdin: those of the current folder, or of --stdin-filename's folder)."""
        if path == STDIN:
            return self.for_folder(Path.cwd())
        return self.for_folder(Path(path).absolute().parent)

    def for_cwd(self) -> Settings:
        """The settings of the current folder: run-wide choices (fail-on for the exit code) come from here."""
        return self.for_folder(Path.cwd())

    # The walking policy for inputs.collect (include, exclude, force-exclude).

    def skip_dir(self, folder: Path) -> bool:
        settings = self.for_folder(folder.parent)
        return bool(settings.exclude) and matches(settings.exclude, folder, settings.root)

    def accept_file(self, path: Path, explicit: bool, readable: bool) -> bool:
        """Whether to lint a file found while walking (explicit=False) or named on the command line."""
        settings = self.for_path(str(path))
        excluding = settings.exclude and (not explicit or settings.force_exclude)
        if excluding and matches(settings.exclude, path, settings.root):
            return False
        if explicit:
            return True
        if settings.include:
            return matches(settings.include, path, settings.root)
        return readable

    def judges_named(self, path: Path) -> bool:
        """Whether a YAML/JSON file named on the command line is judged as a catalog (under force-exclude)."""
        return self.for_path(str(path)).force_exclude

    def forced_catalog(self, path: Path) -> bool:
        """Whether the config's `catalogs` globs make this file a message catalog whatever it looks like."""
        settings = self.for_path(str(path))
        return bool(settings.catalogs) and matches(settings.catalogs, path, settings.root)
