"""Refusing YAML that would cost unbounded work: alias bombs and nesting beyond reason.

PyYAML composes an alias as a second reference to its anchor's node, so nine lists of nine
aliases to the list before (the "billion laughs" shape) are a few hundred bytes that any walk
over the document (a catalog's messages, a pack's validation, a cache key) expands into 9^9
values. Deep nesting ("[[[[…") makes the recursive composer and constructor overflow the stack.

:func:`check` makes one pass over the parser's events, before anything is composed, counting
how many values each anchor stands for and how deep collections nest; it raises YamlRefused with
the 1-based line of the alias or collection that goes over the limit (limits.ALIAS_VALUES,
limits.NESTING). The pass is linear in the size of the text and never recursive.
"""

from __future__ import annotations

from typing import Any

import yaml

from scusa_lint import limits


class YamlRefused(ValueError):
    """A YAML document over a limit; `line` is 1-based (None when the parser gave no mark)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def check(text: str, loader: Any = yaml.SafeLoader, line_offset: int = 0) -> None:
    """Raise YamlRefused if `text` nests deeper than limits.NESTING or its aliases repeat too much.

    Syntax errors are not this function's business: it stops quietly at the first one, and the
    caller's parse reports it as usual. line_offset: added to lines (front matter starts at line 2).
    """
    max_depth, max_aliased = limits.NESTING.value, limits.ALIAS_VALUES.value
    sizes: dict[str, int] = {}  # anchor -> values it stands for (itself and everything inside)
    frames: list[list[Any]] = []  # open collections: [anchor, values so far]
    aliased = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1 + line_offset if event.start_mark is not None else None
            if isinstance(event, yaml.CollectionStartEvent):
                if len(frames) >= max_depth:
                    raise YamlRefused(f"nested more than {max_depth} levels deep", line)
                frames.append([event.anchor, 1])
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count = frames.pop()
                if anchor is not None:
                    sizes[anchor] = count
                if frames:
                    frames[-1][1] += count
            elif isinstance(event, yaml.AliasEvent) and event.anchor is not None:
                if event.anchor not in sizes and any(frame[0] == event.anchor for frame in frames):
                    raise YamlRefused(f"alias *{event.anchor} refers to a collection that contains it", line)
                count = sizes.get(event.anchor, 1)
                aliased += count
                if aliased > max_aliased:
                    raise YamlRefused(
                        f"aliases stand for more than {max_aliased:,} values (an alias bomb?); "
                        "write the values out, or raise the limit with " + limits.ALIAS_VALUES.variable,
                        line,
                    )
                if frames:
                    frames[-1][1] += count
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                if frames:
                    frames[-1][1] += 1
    except yaml.YAMLError:
        return
