"""Domain values to JSON and back, for the columns that keep a whole value (order content).

Generic over the frozen dataclasses of ``ordex.domain.content``: Decimals become strings,
dates ISO strings, enums their values, tuples lists. A repository hands the value itself
to its JSON column; ``dumps``, the engines' JSON serializer, encodes it.
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
    """``value`` as JSON-ready data: what ``dumps`` writes for it, as Python data."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _converter_for(kind)
    return convert(value)


def dumps(data: Any) -> str:
    """The engines' JSON serializer: JSON columns are given plain data or a domain value.

    A domain value (a deeply frozen dataclass of ``ordex.domain``, such as an order's
    content) is turned into plain data by ``to_json`` first, and the ``json`` module's C
    encoder writes that. The text of the last domain value is remembered: a use case
    often stores one content twice (an order's row and its first version).
    """
    if not dataclasses.is_dataclass(data):
        return json.dumps(data)
    last = _LAST_TEXT[0]  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is data:
        return last[1]
    text = json.dumps(to_json(data))
    _LAST_TEXT[0] = (data, text)  # keeps ``data`` alive: its id cannot be reused
    return text


_LAST_TEXT: list[tuple[Any, str] | None] = [None]
_PLAIN = frozenset({str, int, bool, float, type(None)})
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}
"""How each type that is not plain JSON becomes JSON data, worked out once per type."""


def _converter_for(kind: type) -> Callable[[Any], Any]:
    if kind is tuple or kind is list:
        return _sequence
    if kind is dict:
        return lambda value: {key: to_json(item) for key, item in value.items()}
    if dataclasses.is_dataclass(kind):
        return _dataclass_converter(tuple(field.name for field in dataclasses.fields(kind)))
    if issubclass(kind, enum.Enum):
        return lambda value: value.value
    if issubclass(kind, Decimal):
        return str
    if issubclass(kind, datetime | date):
        return kind.isoformat
    raise TypeError(f"{kind.__name__} is not JSON serializable")


def _sequence(value: Any) -> list[Any]:
    return [item if type(item) in _PLAIN else to_json(item) for item in value]


def _dataclass_converter(names: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    # The loop asks for each field's converter itself instead of calling ``to_json``: a
    # content has thousands of fields, most of them plain, and a call costs more than
    # the rest of the work on a field.
    plain, converters = _PLAIN, _CONVERTERS

    def convert(value: Any) -> dict[str, Any]:
        data = {}
        for name in names:
            item = getattr(value, name)
            kind = type(item)
            if kind in plain:
                data[name] = item
                continue
            converter = converters.get(kind)
            data[name] = to_json(item) if converter is None else converter(item)
        return data

    return convert


def from_json(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` (a domain type, as in a dataclass field's annotation)
    that ``data`` was made from: the inverse of ``to_json``."""
    decode = _decoder(kind)
    return data if decode is None or data is None else decode(data)


_Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> _Decoder | None:
    """How to turn JSON data (never None) into a ``kind``; None when it is taken as it is.

    Worked out once per type: reading a stored order back happens whenever an order is
    loaded, and walking the type hints for every value cost as much as the rest.
    """
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decoder(options[0])
    if origin is tuple:
        item = _decoder(typing.get_args(kind)[0])
        if item is None:
            return tuple
        return lambda data: tuple([None if value is None else item(value) for value in data])
    if origin is dict:
        return dict
    if dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)  # type: ignore[arg-type]
    if isinstance(kind, type) and issubclass(kind, enum.Enum | Decimal):
        return kind
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    return None


def _dataclass_decoder(kind: type) -> _Decoder:
    hints = typing.get_type_hints(kind)
    fields = {field.name: _decoder(hints[field.name]) for field in dataclasses.fields(kind)}
    factory: Any = kind

    def decode(data: dict[str, Any]) -> Any:
        values = {}
        for name, value in data.items():
            decode_field = fields[name]  # a member the type does not have: KeyError
            values[name] = value if decode_field is None or value is None else decode_field(value)
        return factory(**values)

    return decode
