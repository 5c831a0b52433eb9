"""Every domain error has an HTTP status and a rendering in each dialect's table."""

from __future__ import annotations

import inspect

import pytest

from ordex.api import errors as api_errors
from ordex.domain import errors


def concrete_errors() -> list[type[errors.OrdexError]]:
    found = [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.OrdexError)
    ]
    parents = {base for cls in found for base in cls.__bases__}
    return [cls for cls in found if cls not in parents]


@pytest.mark.parametrize("error", concrete_errors(), ids=lambda cls: cls.__name__)
def test_every_concrete_domain_error_is_in_each_dialect_table(
    error: type[errors.OrdexError],
) -> None:
    assert error in api_errors.STATUS
    assert error in api_errors.PSB
    assert error in api_errors.PROBLEM
    assert 400 <= api_errors.STATUS[error] < 500


@pytest.mark.parametrize("error", concrete_errors(), ids=lambda cls: cls.__name__)
def test_every_concrete_domain_error_is_drawn_in_the_hierarchy_docstring(
    error: type[errors.OrdexError],
) -> None:
    assert error.__name__ in (errors.__doc__ or "")


def test_every_error_code_is_unique() -> None:
    codes = [cls.code for cls in concrete_errors()]
    assert len(codes) == len(set(codes))
