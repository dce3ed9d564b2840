"""JSON encoding of result objects (Outcome, Finding, ...) for the result cache.

Why not pickle: a cache folder can come from anywhere (a colleague's checkout, an archive),
and unpickling it could run code. This codec only rebuilds dataclasses and enums defined
in scusa_lint itself, field by field, so new fields added to those classes are carried
without changes here. Anything it does not know is an error, and the cache treats the
entry as missing.

Dates and datetimes are carried too (as ISO text): results never hold one, but a Source sent to
a running server (remote.py) does when its front matter has a YAML date (`sent: 2026-03-01`),
and the delay rule reads it as a date.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import importlib
from typing import Any

_PACKAGE = "scusa_lint"


class CodecError(ValueError):
    """An object that cannot be encoded, or an entry that does not decode to known classes."""


def encode(value: Any) -> Any:
    """A JSON-ready form of `value` (dataclasses, enums, tuples, dicts, lists and JSON scalars)."""
    kind: type = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is tuple:
        return {"$t": [encode(v) for v in value]}
    if kind is list:
        return [encode(v) for v in value]
    if kind is dict:
        return {"$d": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is datetime.datetime:
        return {"$dt": value.isoformat()}
    if kind is datetime.date:
        return {"$date": value.isoformat()}
    if isinstance(value, enum.Enum):
        return {"$e": _name_of(kind), "v": encode(value.value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$c": _name_of(kind), "f": {name: encode(getattr(value, name)) for name in _init_fields(kind)}}
    raise CodecError(f"cannot encode {kind.__name__}")


@functools.lru_cache(maxsize=256)
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def decode(data: Any) -> Any:
    """Rebuild what :func:`encode` produced; raises CodecError on anything else."""
    kind = type(data)
    if kind in _SCALARS:  # most values of an entry: tested first, and not recursed into below
        return data
    if kind is dict:
        if "$c" in data:
            cls, known = _dataclass_of(_text(data["$c"]))
            fields = data.get("f")
            if type(fields) is not dict or len(data) != 2:
                raise CodecError(f"{data['$c']} has no fields")
            if not known.issuperset(fields):
                raise CodecError(f"{data['$c']} has no fields {sorted(set(fields) - known)}")
            try:
                return cls(**{name: v if type(v) in _SCALARS else decode(v) for name, v in fields.items()})
            except TypeError as exc:  # a field added since the entry was written, without a default
                raise CodecError(str(exc)) from exc
        if len(data) == 1 and "$t" in data:
            return tuple([v if type(v) in _SCALARS else decode(v) for v in _list(data["$t"])])
        if "$e" in data and len(data) == 2:
            value = data.get("v")
            member = _members_of(_text(data["$e"])).get(value) if type(value) in _SCALARS else None
            if member is None:
                raise CodecError(f"{value!r} is not a {data['$e']}")
            return member
        if len(data) == 1 and "$d" in data:
            return {decode(k): decode(v) for k, v in (_pair(item) for item in _list(data["$d"]))}
        if len(data) == 1 and ("$dt" in data or "$date" in data):
            try:
                if "$dt" in data:
                    return datetime.datetime.fromisoformat(_text(data["$dt"]))
                return datetime.date.fromisoformat(_text(data["$date"]))
            except ValueError as exc:
                raise CodecError(str(exc)) from exc
        raise CodecError("unexpected mapping in cache entry")
    if kind is list:
        return [v if type(v) in _SCALARS else decode(v) for v in data]
    raise CodecError("unexpected value in cache entry")


# The JSON scalars, which decode to themselves.
_SCALARS = frozenset({str, int, float, bool, type(None)})


@functools.lru_cache(maxsize=256)
def _dataclass_of(name: Any) -> tuple[Any, frozenset[str]]:
    cls = _class_of(name)
    if not dataclasses.is_dataclass(cls):
        raise CodecError(f"{name} is not a result class")
    return cls, frozenset(f.name for f in dataclasses.fields(cls) if f.init)


@functools.lru_cache(maxsize=256)
def _members_of(name: Any) -> dict[Any, enum.Enum]:
    """An enum's members by value (calling the enum class per value costs more than decoding the rest)."""
    cls = _class_of(name)
    if not issubclass(cls, enum.Enum):
        raise CodecError(f"{name} is not an enum")
    return {member.value: member for member in cls}


@functools.lru_cache(maxsize=256)
def _name_of(cls: type) -> str:
    if not cls.__module__.startswith(_PACKAGE + "."):
        raise CodecError(f"cannot encode {cls.__module__}.{cls.__qualname__}")
    return f"{cls.__module__}:{cls.__qualname__}"


def _class_of(name: Any) -> type:
    if type(name) is not str or ":" not in name:
        raise CodecError("bad class name in cache entry")
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith(_PACKAGE + ".") or not qualname.isidentifier():
        raise CodecError(f"refusing to load {name}")
    try:
        cls = getattr(importlib.import_module(module_name), qualname)
    except (ImportError, AttributeError) as exc:
        raise CodecError(f"unknown class {name}") from exc
    if not isinstance(cls, type):
        raise CodecError(f"{name} is not a class")
    return cls


def _text(value: Any) -> str:
    if type(value) is not str:
        raise CodecError("expected a class name in cache entry")
    return str(value)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise CodecError("expected a list in cache entry")
    return value


def _pair(value: Any) -> tuple[Any, Any]:
    if not isinstance(value, list) or len(value) != 2:
        raise CodecError("expected a key-value pair in cache entry")
    return value[0], value[1]
