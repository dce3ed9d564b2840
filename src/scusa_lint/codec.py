"""JSON encoding of result objects (FileResult, Finding, ...) for the result cache.

Why not pickle: a cache folder can come from anywhere (a colleague's checkout, an archive),
and unpickling it could run code. This codec only rebuilds dataclasses and enums defined
in scusa_lint itself, field by field, so new fields added to those classes are carried
without changes here. Anything it does not know is an error, and the cache treats the
entry as missing.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
from typing import Any

_PACKAGE = "scusa_lint"


class CodecError(ValueError):
    """An object that cannot be encoded, or an entry that does not decode to known classes."""


def encode(value: Any) -> Any:
    """A JSON-ready form of `value` (dataclasses, enums, tuples, dicts, lists and JSON scalars)."""
    if value is None or (isinstance(value, bool | int | float | str) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, enum.Enum):
        return {"$e": _name_of(type(value)), "v": encode(value.value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return {"$c": _name_of(type(value)), "f": fields}
    if isinstance(value, tuple):
        return {"$t": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$d": [[encode(k), encode(v)] for k, v in value.items()]}
    raise CodecError(f"cannot encode {type(value).__name__}")


def decode(data: Any) -> Any:
    """Rebuild what :func:`encode` produced; raises CodecError on anything else."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise CodecError("unexpected value in cache entry")
    if "$t" in data:
        return tuple(decode(v) for v in _list(data["$t"]))
    if "$d" in data:
        return {decode(k): decode(v) for k, v in (_pair(item) for item in _list(data["$d"]))}
    if "$e" in data:
        cls = _class_of(data["$e"])
        if not issubclass(cls, enum.Enum):
            raise CodecError(f"{data['$e']} is not an enum")
        try:
            return cls(decode(data.get("v")))
        except ValueError as exc:
            raise CodecError(str(exc)) from exc
    if "$c" in data:
        cls = _class_of(data["$c"])
        fields = data.get("f")
        if not dataclasses.is_dataclass(cls) or not isinstance(fields, dict):
            raise CodecError(f"{data['$c']} is not a result class")
        known = {f.name for f in dataclasses.fields(cls) if f.init}
        if set(fields) - known:
            raise CodecError(f"{data['$c']} has no fields {sorted(set(fields) - known)}")
        try:
            return cls(**{name: decode(value) for name, value in fields.items()})
        except TypeError as exc:  # a field added since the entry was written, without a default
            raise CodecError(str(exc)) from exc
    raise CodecError("unexpected mapping in cache entry")


def _name_of(cls: type) -> str:
    if not cls.__module__.startswith(_PACKAGE + "."):
        raise CodecError(f"cannot encode {cls.__module__}.{cls.__qualname__}")
    return f"{cls.__module__}:{cls.__qualname__}"


def _class_of(name: Any) -> type:
    if not isinstance(name, str) or ":" not in name:
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


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise CodecError("expected a list in cache entry")
    return value


def _pair(value: Any) -> tuple[Any, Any]:
    if not isinstance(value, list) or len(value) != 2:
        raise CodecError("expected a key-value pair in cache entry")
    return value[0], value[1]
