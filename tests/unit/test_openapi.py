"""api/openapi.complete: the standard error answers of an operation, from what it takes."""

from __future__ import annotations

from typing import Any

from ordex.api.openapi import complete

BEARER = [{"HTTPBearer": []}]
PATH_PARAMETER = [{"name": "partyId", "in": "path", "required": True, "schema": {}}]
FASTAPI_422 = {
    "description": "Validation Error",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}
    },
}


def spec(paths: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "paths": paths,
        "components": {
            "schemas": {
                "HTTPValidationError": {
                    "properties": {"detail": {"$ref": "#/components/schemas/ValidationError"}}
                },
                "ValidationError": {},
            }
        },
    }


def responses(done: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    answers: dict[str, Any] = done["paths"][path][method]["responses"]
    return answers


def test_a_psb_operation_with_a_body_documents_every_standard_error_in_the_psb_shape() -> None:
    operation = {
        "security": BEARER,
        "parameters": PATH_PARAMETER,
        "requestBody": {"content": {"application/json": {"schema": {}}}},
        "responses": {"200": {"description": "OK"}, "422": FASTAPI_422},
    }
    done = complete(spec({"/api/v1/{partyId}/hook": {"put": operation}}))
    answers = responses(done, "/api/v1/{partyId}/hook", "put")
    assert sorted(answers) == ["200", "400", "401", "404", "413", "429"]
    for status in ("400", "401", "404", "413", "429"):
        content = answers[status]["content"]
        assert content == {
            "application/json": {"schema": {"$ref": "#/components/schemas/PsbError"}}
        }
    assert "Retry-After" in answers["429"]["headers"]
    assert "HTTPValidationError" not in done["components"]["schemas"]
    assert "ValidationError" not in done["components"]["schemas"]


def test_an_operation_that_takes_nothing_documents_no_error() -> None:
    done = complete(spec({"/healthz": {"get": {"responses": {"200": {"description": "OK"}}}}}))
    assert sorted(responses(done, "/healthz", "get")) == ["200"]


def test_financing_and_admin_errors_take_their_dialects_shape() -> None:
    operation = {"security": BEARER, "responses": {"422": {"description": "Refused"}}}
    done = complete(
        spec(
            {
                "/financing/v1/orders": {"get": operation},
                "/admin/v1/purge": {"post": operation},
            }
        )
    )
    financing = responses(done, "/financing/v1/orders", "get")
    assert sorted(financing) == ["401", "422", "429"]
    assert financing["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FinancingError"
    }
    admin = responses(done, "/admin/v1/purge", "post")
    assert sorted(admin) == ["400", "401", "413", "422", "429"]
    assert admin["401"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


def test_the_token_route_documents_oauth_errors_and_problems() -> None:
    operation = {
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {}}}},
        "responses": {"200": {"description": "OK"}, "422": FASTAPI_422},
    }
    answers = responses(
        complete(spec({"/connect/token": {"post": operation}})), "/connect/token", "post"
    )
    assert sorted(answers) == ["200", "400", "401", "413", "429"]
    assert answers["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/OAuthError"
    }
    assert "application/problem+json" in answers["400"]["content"]


def test_request_body_definitions_move_to_the_components_and_a_taken_name_gets_a_suffix() -> None:
    body = {
        "$defs": {"OrderIn": {"properties": {"n": {"type": "string"}}}},
        "properties": {"order": {"$ref": "#/$defs/OrderIn"}},
    }
    operation = {
        "requestBody": {"content": {"application/json": {"schema": body}}},
        "responses": {"200": {"description": "OK"}},
    }
    start = spec({"/financing/v1/applications": {"post": operation}})
    start["components"]["schemas"]["OrderIn"] = {"properties": {"other": {}}}
    done = complete(start)
    schema = done["paths"]["/financing/v1/applications"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    assert schema == {"properties": {"order": {"$ref": "#/components/schemas/OrderIn_"}}}
    assert done["components"]["schemas"]["OrderIn_"] == {"properties": {"n": {"type": "string"}}}
    assert done["components"]["schemas"]["OrderIn"] == {"properties": {"other": {}}}
