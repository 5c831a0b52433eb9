"""Every domain error has an HTTP status and renders in each dialect's shape."""

from __future__ import annotations

import inspect
import json

import pytest
from starlette.requests import Request

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


def an_instance(cls: type[errors.OrdexError]) -> errors.OrdexError:
    if issubclass(cls, errors.DocumentInvalid):
        return cls("invalid", [errors.Finding("PEPPOL-T01-R001", "fatal", "m", "/Order")])
    if issubclass(cls, errors.DuplicateDocument):
        return cls("duplicate", existing_document_id="d-1")
    if issubclass(cls, errors.TransitionRefused):
        return cls("refused", state="rejected", action="respond AP")
    return cls("what went wrong")


def a_request(path: str) -> Request:
    return Request({"type": "http", "method": "POST", "path": path, "headers": []})


@pytest.mark.parametrize("error", concrete_errors(), ids=lambda cls: cls.__name__)
def test_every_concrete_domain_error_has_a_4xx_status(error: type[errors.OrdexError]) -> None:
    assert error in api_errors.STATUS
    assert 400 <= api_errors.STATUS[error] < 500


@pytest.mark.parametrize("error", concrete_errors(), ids=lambda cls: cls.__name__)
def test_every_concrete_domain_error_renders_in_the_psb_and_the_problem_shape(
    error: type[errors.OrdexError],
) -> None:
    instance = an_instance(error)
    status = api_errors.STATUS[error]
    psb = api_errors.error_response(a_request("/api/v1/0088:1/salesOrder"), instance)
    body = json.loads(psb.body)
    assert psb.status_code == status
    assert {"message", "code", "requestId", "dateTime", "helpLink"} <= body.keys()
    assert body["code"] == f"API{status}" and body["errorCode"] == error.code
    problem = api_errors.error_response(a_request("/admin/v1/accounts"), instance)
    assert problem.media_type == "application/problem+json"
    body = json.loads(problem.body)
    assert body["status"] == status and body["title"] == error.__name__


@pytest.mark.parametrize("error", concrete_errors(), ids=lambda cls: cls.__name__)
def test_every_concrete_domain_error_is_drawn_in_the_hierarchy_docstring(
    error: type[errors.OrdexError],
) -> None:
    assert error.__name__ in (errors.__doc__ or "")


def test_every_error_code_is_unique() -> None:
    codes = [cls.code for cls in concrete_errors()]
    assert len(codes) == len(set(codes))


FINANCING_CODES = {
    "INVALID_REQUEST",
    "OBJECT_NOT_FOUND",
    "NOT_SUPPORTED",
    "APPLICATION_REJECTED",
    "APPLICATION_ALREADY_CANCELLED",
    "APPLICATION_VALIDATION_IN_PROGRESS",
    "APPLICATION_PAID",
    "TOTAL_PRICE_LIMIT_EXCEEDED",
    "UNPROCESSABLE",
    "UNAUTHORIZED",
    "CONFLICT",
    "TOO_MANY_REQUESTS",
}


@pytest.mark.parametrize("error", concrete_errors(), ids=lambda cls: cls.__name__)
def test_every_concrete_domain_error_renders_with_a_financing_code(
    error: type[errors.OrdexError],
) -> None:
    response = api_errors.error_response(
        a_request("/financing/v1/applications/a-1/order/cancel"), an_instance(error)
    )
    body = json.loads(response.body)
    assert response.status_code == api_errors.STATUS[error]
    # The Skip Pay SDK's ErrorsResponse (its ErrorsResponseErrorsInner, no other field).
    [entry] = body["errors"]
    assert set(body) == {"errors"}
    assert set(entry) <= {"code", "message", "severity", "attribute", "ticketId"}
    assert entry["code"] in FINANCING_CODES and entry["message"] and entry["severity"] == "ERROR"
    assert response.headers["X-Ordex-Error-Code"] == error.code


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (errors.InvalidRequest, "INVALID_REQUEST", 400),
        (errors.ApplicationNotFound, "OBJECT_NOT_FOUND", 404),
        (errors.OperationNotSupported, "NOT_SUPPORTED", 422),
        (errors.ApplicationRejected, "APPLICATION_REJECTED", 422),
        (errors.ApplicationAlreadyCancelled, "APPLICATION_ALREADY_CANCELLED", 422),
        (errors.ApplicationValidationInProgress, "APPLICATION_VALIDATION_IN_PROGRESS", 422),
        (errors.ApplicationPaid, "APPLICATION_PAID", 422),
        (errors.TotalPriceLimitExceeded, "TOTAL_PRICE_LIMIT_EXCEEDED", 422),
        (errors.ItemNotIdentified, "UNPROCESSABLE", 422),
        (errors.ItemAmbiguous, "UNPROCESSABLE", 422),
        (errors.ApplicationUnprocessable, "UNPROCESSABLE", 422),
    ],
)
def test_the_financing_errors_answer_the_seeds_codes(
    error: type[errors.OrdexError], code: str, status: int
) -> None:
    response = api_errors.error_response(a_request("/financing/v1/applications"), error("why"))
    assert response.status_code == status
    assert json.loads(response.body)["errors"][0]["code"] == code
