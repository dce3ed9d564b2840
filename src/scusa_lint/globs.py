"""Glob patterns for include, exclude and per-file-ignores, matched relative to the config file's folder.

As in ruff and .gitignore: a pattern without a slash matches a file or folder name at any
depth (`*.draft.txt`, `legacy`); a pattern with a slash matches the path from the config
folder (`sms/*.txt`, `emails/**/old-*.html`). `**` crosses folders, `*` and `?` do not. A
pattern that matches a folder matches everything inside it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """A regular expression for one glob, anchored at both ends."""
    glob = pattern.strip().removeprefix("./").rstrip("/")
    out: list[str] = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = glob.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = glob[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out) + r"\Z", re.S)


def relative_to_root(path: Path | str, root: Path) -> PurePosixPath:
    """The path relative to root (or absolute, when it lies outside), with forward slashes."""
    absolute = Path(path).absolute()
    try:
        return PurePosixPath(absolute.relative_to(root.absolute()).as_posix())
    except ValueError:
        try:
            return PurePosixPath(absolute.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            return PurePosixPath(absolute.as_posix())


def matches(patterns: Iterable[str], path: Path | str, root: Path) -> bool:
    """Whether any pattern matches the path, or one of the folders it is in (below root)."""
    rel = relative_to_root(path, root)
    candidates = [rel, *(p for p in rel.parents if str(p) not in (".", "/"))]
    for pattern in patterns:
        regex = compile_glob(pattern)
        has_slash = "/" in pattern.strip().removeprefix("./").rstrip("/")
        for candidate in candidates:
            if regex.match(candidate.as_posix() if has_slash else candidate.name):
                return True
    return False
