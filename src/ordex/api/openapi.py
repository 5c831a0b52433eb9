"""The app's OpenAPI, completed: every status an operation can answer, in its dialect's shape.

The routers document what is particular to them (a 409 of an order's state, a 410 of a
purged document); what every operation of a kind can answer is added here, once:

- 400 to an operation that takes any input (a parameter or a body): validation errors
  are 400 in every dialect (never FastAPI's default 422, which is dropped);
- 401 and 429 to an operation that takes credentials, and to the two logins;
- 404 to an operation with path parameters;
- 413 to an operation that takes a body (POST, PUT, PATCH);

and every error answer gets its dialect's schema and media type (see
:mod:`ordex.api.errors`): PSB ``{message, code, requestId, dateTime}`` under ``/api/``,
financing ``{code, message}`` under ``/financing/`` and the partner login, RFC 9457
``application/problem+json`` elsewhere; ``/connect/token`` also answers OAuth2's own
``{error}``. ``tests/e2e/test_openapi_fuzz.py`` holds the app to it.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

PSB, FINANCING, PROBLEM, OAUTH = "PsbError", "FinancingError", "Problem", "OAuthError"
JSON, PROBLEM_JSON = "application/json", "application/problem+json"
LOGINS = ("/connect/token", "/authentication/v1/partner")
BODY_METHODS = {"post", "put", "patch"}

STANDARD = {
    400: "Bad input: a malformed or invalid parameter or body (the answer names it)",
    401: "Missing, unknown or expired credentials",
    404: "Unknown, or not yours (never tells which)",
    413: "The body is over the route's size limit",
    429: "Over the caller's request rate: retry after `Retry-After` seconds",
}

_STRING = {"type": "string"}
_FINDINGS = {"type": "array", "items": {"type": "object"}}

SCHEMAS: dict[str, dict[str, Any]] = {
    PSB: {
        "title": PSB,
        "description": "An error of the PSB paths (`code` is `API<status>`).",
        "type": "object",
        "required": ["message", "code", "requestId", "dateTime"],
        "properties": {
            "message": _STRING,
            "code": _STRING,
            "requestId": _STRING,
            "dateTime": _STRING,
            "helpLink": _STRING,
            "errorCode": _STRING,
            "errors": _FINDINGS,
        },
    },
    FINANCING: {
        "title": FINANCING,
        "description": "An error of the financing dialect: the Skip Pay SDK's ErrorsResponse "
        "(`code` as INVALID_REQUEST; ordex's finer code in the X-Ordex-Error-Code header).",
        "type": "object",
        "required": ["errors"],
        "additionalProperties": False,
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "message", "severity"],
                    "additionalProperties": False,
                    "properties": {
                        "code": _STRING,
                        "message": _STRING,
                        "severity": {"type": "string", "enum": ["ERROR", "WARN", "INFO"]},
                        "attribute": _STRING,
                        "ticketId": _STRING,
                    },
                },
            }
        },
    },
    PROBLEM: {
        "title": PROBLEM,
        "description": "RFC 9457 problem details; `errors` names each wrong field.",
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": _STRING,
            "title": _STRING,
            "status": {"type": "integer"},
            "detail": _STRING,
            "instance": _STRING,
            "requestId": _STRING,
            "errorCode": _STRING,
            "errors": _FINDINGS,
        },
    },
    OAUTH: {
        "title": OAUTH,
        "description": "An OAuth2 token error (RFC 6749 section 5.2).",
        "type": "object",
        "required": ["error"],
        "properties": {"error": _STRING, "error_description": _STRING},
    },
}

TEXT_ANSWERS = {("/metrics", "get"): "text/plain"}
"""Operations whose success is not JSON: their media type."""
OPTIONAL_AUTH = {("/metrics", "get")}
"""Operations that need credentials only when configured so (``ORDEX_METRICS_TOKEN``)."""


def dialect(path: str) -> tuple[str, str]:
    """The error schema and media type of a path (as :func:`ordex.api.errors.error_response`)."""
    if path.startswith("/api/"):
        return PSB, JSON
    if path.startswith(("/financing/", "/authentication/v1/partner")):
        return FINANCING, JSON
    return PROBLEM, PROBLEM_JSON


def _statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The standard error statuses of an operation, from what it takes."""
    takes_body = method in BODY_METHODS or "requestBody" in operation
    authenticated = bool(operation.get("security")) or path in LOGINS
    if (path, method) in OPTIONAL_AUTH:
        return {401}
    statuses = set()
    if operation.get("parameters") or takes_body:
        statuses.add(400)
    if authenticated:
        statuses |= {401, 429}
    if "{" in path:
        statuses.add(404)
    if takes_body:
        statuses.add(413)
    return statuses


def _error_content(path: str, status: int, old: dict[str, Any]) -> dict[str, Any]:
    schema, media = dialect(path)
    content = {media: {**old.get(media, {}), "schema": {"$ref": f"#/components/schemas/{schema}"}}}
    for other, body in old.items():  # keep an example given for the media type
        if other != media and "example" in body and "example" not in content[media]:
            content[media]["example"] = body["example"]
    if path == "/connect/token" and status in (400, 401):
        content[JSON] = {"schema": {"$ref": f"#/components/schemas/{OAUTH}"}}
    return content


def complete(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with every operation's standard error answers and error schemas."""
    spec = json.loads(json.dumps(spec))  # a copy that shares no dict between operations
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(SCHEMAS)
    _hoist_definitions(spec)
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            default_422 = responses.get("422", {}).get("description") == "Validation Error"
            if default_422:
                del responses["422"]
            for status in _statuses(path, method, operation):
                responses.setdefault(str(status), {"description": STANDARD[status]})
            for code, answer in responses.items():
                if code.isdigit() and int(code) >= 400:
                    answer["content"] = _error_content(path, int(code), answer.get("content", {}))
            if "429" in responses:
                responses["429"]["headers"] = {
                    "Retry-After": {"description": "Seconds to wait", "schema": _STRING}
                }
            media = TEXT_ANSWERS.get((path, method))
            if media and "200" in responses:
                responses["200"]["content"] = {media: {"schema": _STRING}}
    _drop_unused(spec, ("HTTPValidationError", "ValidationError"))
    return spec


def _hoist_definitions(spec: dict[str, Any]) -> None:
    """Move the ``$defs`` of request body schemas given by hand (a model's JSON schema in
    ``openapi_extra``) to the components, where their ``#/$defs/...`` references resolve."""
    schemas = spec["components"]["schemas"]
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                definitions = media.get("schema", {}).pop("$defs", None)
                if not definitions:
                    continue
                names = {name: name for name in definitions}
                while True:  # a name taken by another schema gets a suffix
                    text = json.dumps([media["schema"], definitions])
                    for name, target in names.items():
                        text = text.replace(f'"#/$defs/{name}"', f'"#/components/schemas/{target}"')
                    schema, moved = json.loads(text)
                    taken = [
                        name
                        for name, definition in moved.items()
                        if schemas.get(names[name], definition) != definition
                    ]
                    if not taken:
                        break
                    names.update({name: names[name] + "_" for name in taken})
                media["schema"] = schema
                for name, definition in moved.items():
                    schemas[names[name]] = definition


def json_body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads its JSON body by hand: the body's schema."""
    content = {JSON: {"schema": schema}}
    return {"requestBody": {"required": required, "content": content}}


def _drop_unused(spec: dict[str, Any], names: tuple[str, ...]) -> None:
    """Drop the named schemas that nothing refers to any more (FastAPI's 422 ones)."""
    schemas = spec["components"]["schemas"]
    for name in names:
        rest = {key: value for key, value in schemas.items() if key != name}
        if f'"#/components/schemas/{name}"' not in json.dumps([spec["paths"], rest]):
            schemas.pop(name, None)


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and so ``/openapi.json``) answer the completed document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    openapi_version=app.openapi_version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
