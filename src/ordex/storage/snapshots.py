"""Domain values to JSON and back, for the columns that keep a whole value (order content).

Generic over the frozen dataclasses of ``ordex.domain.content``: Decimals become strings,
dates ISO strings, enums their values, tuples lists.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def to_json(value: Any) -> Any:
    """``value`` as JSON-ready data; the encoder of each type is worked out once."""
    kind = type(value)
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _encoder_for(kind)
    return encoder(value)


def snapshot(value: Any) -> Any:
    """``to_json`` of a whole (deeply frozen) value, remembered for the last value.

    A use case often stores one value twice (an order's content in its row and in its
    first version): the second call costs nothing. Callers must not change the result.
    """
    last = _LAST[0]  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is value:
        return last[1]
    data = to_json(value)
    _LAST[0] = (value, data)
    return data


_ENCODERS: dict[type, Callable[[Any], Any]] = {}
_LAST: list[tuple[Any, Any] | None] = [None]


def dumps(data: Any) -> str:
    """The engines' JSON serializer: ``json.dumps``, once for the last ``snapshot``.

    A content stored twice in one use case (its order row and its first version) is then
    encoded once. Only a snapshot's own result is remembered: it is never changed.
    """
    last = _LAST_TEXT[0]
    if last is not None and last[0] is data:
        return last[1]
    text = json.dumps(data)
    taken = _LAST[0]
    if taken is not None and taken[1] is data:
        _LAST_TEXT[0] = (data, text)
    return text


_LAST_TEXT: list[tuple[Any, str] | None] = [None]


def _identity(value: Any) -> Any:
    return value


def _encoder_for(kind: type) -> Callable[[Any], Any]:
    if dataclasses.is_dataclass(kind):
        names = tuple(f.name for f in dataclasses.fields(kind))

        def encode_dataclass(value: Any) -> Any:
            return {name: to_json(getattr(value, name)) for name in names}

        return encode_dataclass
    if issubclass(kind, enum.Enum):
        return lambda value: value.value
    if issubclass(kind, Decimal):
        return str
    if issubclass(kind, datetime | date):
        return lambda value: value.isoformat()
    if issubclass(kind, tuple | list):
        return lambda value: [to_json(item) for item in value]
    if issubclass(kind, dict):
        return lambda value: {key: to_json(item) for key, item in value.items()}
    return _identity


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return from_json(options[0], data)
    if origin is tuple:
        return tuple(from_json(typing.get_args(kind)[0], item) for item in data)
    if origin is dict:
        return dict(data)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)  # type: ignore[arg-type]
        factory: Any = kind
        return factory(**{name: from_json(hints[name], value) for name, value in data.items()})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind is Decimal:
        return Decimal(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    return data
