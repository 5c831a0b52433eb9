"""/openapi.json as code generators and Swagger UI read it: every ``$ref`` resolves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings

BASE = "https://ordex.invalid/openapi.json"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    rt = bootstrap(Settings(database_url="sqlite://"))
    with TestClient(create_app(rt)) as client:
        answer = client.get("/openapi.json")
    rt.engine.dispose()
    assert answer.status_code == 200
    document: dict[str, Any] = answer.json()
    return document


def references(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    """Every ``$ref`` in the document and where it stands."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from references(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from references(value, f"{where}/{index}")


def unresolved(document: dict[str, Any]) -> list[str]:
    """The references a JSON Schema 2020-12 resolver (OpenAPI 3.1's) cannot follow."""
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    resolver = Registry().with_resource(BASE, resource).resolver(base_uri=BASE)
    missing = []
    for where, ref in references(document):
        try:
            resolver.lookup(ref)
        except Unresolvable:
            missing.append(f"{where}: {ref}")
    return missing


def test_every_reference_of_the_openapi_document_resolves(spec: dict[str, Any]) -> None:
    refs = list(references(spec))
    assert len(refs) > 100
    assert unresolved(spec) == []


def test_the_resolver_finds_a_dangling_reference() -> None:
    document = {
        "openapi": "3.1.0",
        "components": {"schemas": {"A": {"$ref": "#/$defs/ResponseLineIn"}}},
    }
    assert unresolved(document) == ["#/components/schemas/A: #/$defs/ResponseLineIn"]


def test_a_ca_answer_lines_are_documented_in_the_response_body(spec: dict[str, Any]) -> None:
    body = spec["paths"]["/api/v1/{partyId}/salesOrder/{documentId}/response"]["post"]
    schema = body["requestBody"]["content"]["application/json"]["schema"]
    line = schema["properties"]["lines"]["items"]["$ref"].rsplit("/", 1)[-1]
    properties = spec["components"]["schemas"][line]["properties"]
    assert {"lineId", "status", "orderLineId", "quantity", "promisedDelivery"} <= set(properties)
    period = properties["promisedDelivery"]["anyOf"][0]["$ref"].rsplit("/", 1)[-1]
    assert set(spec["components"]["schemas"][period]["properties"]) == {"start", "end"}
