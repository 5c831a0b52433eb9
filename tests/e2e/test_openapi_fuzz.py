"""schemathesis over the whole OpenAPI of the real app, on SQLite and PostgreSQL.

Every operation of ``/openapi.json`` gets a bounded number of generated requests (valid and
invalid ones, from a fixed seed), most with the credentials and the path IDs of real data
(the demo parties' keys, an order sent and answered, a hook, a shop's order, a financing
application), some without credentials or with made-up IDs. Every answer must be one the
operation documents, in the documented media type and schema, and none may be a 5xx.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.content import PartyId
from ordex.domain.hooks import RetrySchedule
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.e2e.commerce_shop import order_body
from tests.e2e.conftest import ADMIN_TOKEN, BUYER, SELLER
from tests.unit.fakes import FakeClock

EXAMPLES = int(os.environ.get("ORDEX_FUZZ_EXAMPLES", "20"))
"""Requests per operation; raise it by hand for a deeper hunt (the suite runs 20)."""
SHOP = "SHOP-1"
CUSTOMER = "C-1001"
ORDER_XML = Path(__file__).resolve().parents[2] / "examples" / "order.xml"
FORM, JSON, XML = "application/x-www-form-urlencoded", "application/json", "application/xml"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CONFIG = SchemathesisConfig.from_dict({"seed": 16, "generation": {"max-examples": EXAMPLES}})


@dataclass
class World:
    """The app, the keys of its parties, and the IDs of real data to aim requests at."""

    client: TestClient
    keys: dict[str, str]
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    answers: dict[str, Counter[int]] = field(default_factory=dict)
    bodies: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    """Real bodies for some paths (media type, body): the logins' credentials, an order."""

    def role(self, path: str) -> str:
        if path.startswith("/admin/"):
            return "admin"
        if path.startswith(("/businesses/", "/administration/")):
            return "shop"
        if path.startswith("/financing/"):
            return "partner"
        return "seller" if "/salesOrder" in path else "buyer"

    def headers(self, path: str) -> dict[str, str]:
        role = self.role(path)
        return {"Authorization": f"Bearer {self.keys[role]}"} if role in self.keys else {}


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    settings = Settings(
        database_url=database_url,
        admin_token=ADMIN_TOKEN,
        allow_private_webhooks=True,
        allow_http_webhooks=True,
    )
    rt = bootstrap(settings, clock=FakeClock())
    keys = {"admin": ADMIN_TOKEN}
    for role, party in (
        ("buyer", parse_party_id(BUYER)),
        ("seller", parse_party_id(SELLER)),
        ("shop", PartyId("business", SHOP)),
        ("partner", PartyId("partner", "acme")),
    ):
        _, keys[role] = create_account(rt.ctx, role, [party])
    app = create_app(rt)
    with TestClient(app, raise_server_exceptions=False) as client:
        world = World(client, keys)
        seed(world, rt)
        world.schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
        yield world
    rt.engine.dispose()


def _ok(answer: Any, status: int = 200) -> Any:
    assert answer.status_code == status, answer.text
    return answer.json() if answer.content else None


def seed(world: World, rt: Runtime) -> None:
    """An order sent and answered, a hook, a shop's order and callback, an application."""
    client, keys = world.client, world.keys

    def auth(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {keys[role]}"}

    hook = _ok(
        client.put(
            f"/api/v1/{BUYER}/hook",
            json={"action": "http://127.0.0.1:9/hook", "topics": ["*"], "isActive": True},
            headers=auth("buyer"),
        )
    )
    sent = _ok(
        client.post(
            f"/api/v1/{BUYER}/purchaseOrder/send",
            content=ORDER_XML.read_bytes(),
            headers={**auth("buyer"), "Content-Type": "application/xml"},
        )
    )
    received = _ok(client.get(f"/api/v1/{SELLER}/salesOrder", headers=auth("seller")))
    sales_id = received["items"][0]["documentId"]
    answered = _ok(
        client.post(
            f"/api/v1/{SELLER}/salesOrder/{sales_id}/response",
            json={"status": "AB"},
            headers=auth("seller"),
        )
    )
    world.ids["buyer"] = {
        "partyId": BUYER,
        "documentId": sent["documentId"],
        "responseId": answered["documentId"],
        "hookId": hook["id"],
    }
    assert rt.ctx.transport is not None
    drain(rt.ctx, rt.ctx.transport, RetrySchedule(jitter=0))
    deliveries = _ok(
        client.get(f"/api/v1/{BUYER}/hook/{hook['id']}/deliveries", headers=auth("buyer"))
    )
    world.ids["buyer"]["deliveryId"] = deliveries[0]["id"]
    world.ids["seller"] = {"partyId": SELLER, "documentId": sales_id}
    _ok(
        client.post(
            f"/businesses/{SHOP}/customers/{CUSTOMER}/orders",
            json=order_body("R-1"),
            headers=auth("shop"),
        )
    )
    callback = _ok(
        client.post(
            "/administration/v1/notification-callbacks",
            json={"callbackUrl": "http://127.0.0.1:9/cb", "notificationTypes": []},
            headers=auth("shop"),
        )
    )
    world.ids["shop"] = {
        "businessCode": SHOP,
        "customerNumber": CUSTOMER,
        "orderReference": "R-1",
        "callbackId": callback["id"],
    }
    application = _ok(
        client.post(
            "/financing/v1/applications",
            json=financing_body(),
            headers=auth("partner"),
        ),
        201,
    )
    world.ids["partner"] = {"applicationId": application["id"]}
    world.bodies = {
        "/connect/token": [
            (FORM, {"grant_type": "client_credentials", "client_secret": keys["buyer"]}),
            (FORM, {"grant_type": "password", "username": "x", "password": keys["seller"]}),
        ],
        "/authentication/v1/partner": [(JSON, {"username": "acme", "password": keys["partner"]})],
        "/api/v1/{partyId}/purchaseOrder/send": [(XML, ORDER_XML.read_bytes())],
        "/financing/v1/applications": [(JSON, financing_body())],
    }
    world.ids["admin"] = {"applicationId": application["id"]}


def financing_body() -> dict[str, Any]:
    money = {"amount": "50.00", "currency": "CZK"}
    return {
        "financingType": "DEFERRED_PAYMENT",
        "order": {
            "number": "ORD-1",
            "totalPrice": money,
            "items": [{"code": "CH-1", "name": "Chair", "type": "PHYSICAL", "totalPrice": money}],
        },
    }


def fuzz(world: World, operation: Any) -> list[str]:
    """``EXAMPLES`` valid and invalid requests to one operation; what went wrong."""
    real = {
        name: value
        for name, value in world.ids.get(world.role(operation.path), {}).items()
        if name in {p.name for p in operation.path_parameters}
    }
    positive, negative = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
    strategies = [
        *[operation.as_strategy(positive, path_parameters=real)] * 3,
        operation.as_strategy(negative, path_parameters=real),
        operation.as_strategy(positive),
        operation.as_strategy(negative),
        *(
            operation.as_strategy(positive, path_parameters=real, body=body, media_type=media)
            for media, body in world.bodies.get(operation.path, ())
        ),
    ]
    found: dict[str, str] = {}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.sampled_from(strategies).flatmap(lambda strategy: strategy))
    def run(case: Any) -> None:
        # One case in six without credentials, picked from what the case holds
        anonymous = zlib.crc32(repr((case.path_parameters, case.query, case.body)).encode()) % 6
        headers = {} if anonymous == 0 else world.headers(operation.path)
        response = case.call(headers=headers)
        world.answers.setdefault(operation.label, Counter())[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as failures:
            for failure in failures.exceptions:
                key = f"{operation.label} {response.status_code} {failure.title}"
                curl = case.as_curl_command(headers)
                found.setdefault(key, f"{key}\n{failure.message[:500]}\n{curl[:1000]}")

    run()
    return list(found.values())


def test_no_operation_answers_a_server_error_or_an_undocumented_status(world: World) -> None:
    failures: list[str] = []
    operations = 0
    for result in world.schema.get_all_operations():
        operation = result.ok()
        operations += 1
        failures += fuzz(world, operation)
    for label, counts in world.answers.items():
        print(f"{label}: {dict(sorted(counts.items()))}")
    assert operations >= 50
    assert not failures, "\n\n".join(failures)
