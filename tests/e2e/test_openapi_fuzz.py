"""schemathesis over the whole OpenAPI of the real app, on SQLite and PostgreSQL.

Every operation of ``/openapi.json`` gets a bounded number of generated requests (valid and
invalid ones, from a fixed seed), most with the credentials and the path IDs of real data
(the demo parties' keys, an order sent and answered, a hook, a shop's order, a financing
application), some without credentials or with made-up IDs. Every answer must be one the
operation documents, in the documented media type and schema, and none may be a 5xx.
"""

from __future__ import annotations

import os
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
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ordex.api.app import create_app
from ordex.api.openapi import dialect
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.content import PartyId
from ordex.domain.hooks import RetrySchedule
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.e2e.commerce_shop import order_body
from tests.e2e.conftest import ADMIN_TOKEN, BUYER, SELLER, Hub
from tests.unit.fakes import FakeClock

POOL = 6
"""Orders, shop orders and applications made for the fuzz: a state change that one case
makes (a cancellation) leaves others for the next cases."""
EXAMPLES = int(os.environ.get("ORDEX_FUZZ_EXAMPLES", "20"))
"""Requests per operation; raise it by hand for a deeper hunt (the suite runs 20)."""
SHOP = "SHOP-1"
CUSTOMER = "C-1001"
ORDER_XML = Path(__file__).resolve().parents[2] / "examples" / "order.xml"
KNOWN: dict[str, tuple[str, ...]] = {}
"""Server errors that another branch fixes: operation -> what the error says."""
LONG = "9" * 300
"""A path ID longer than any column: must answer 4xx on PostgreSQL too, never a 500."""
OWN = {"partyId", "businessCode"}
"""Path parameters naming the caller itself: kept real when another one is made long."""
FORM, JSON, XML = "application/x-www-form-urlencoded", "application/json", "application/xml"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass
class World:
    """The app, the keys of its parties, and the IDs of real data to aim requests at."""

    client: TestClient
    keys: dict[str, str]
    ids: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per role, the real values of path parameters: a pool of orders, applications."""
    answers: dict[str, Counter[int]] = field(default_factory=dict)
    bodies: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    """Real bodies for some paths (media type, body): the logins' credentials, an order."""
    schema: Any = None
    """The schemathesis schema of the app's ``/openapi.json``."""

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
        world.schema = schemathesis.openapi.from_asgi("/openapi.json", app)
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
    sent = [
        _ok(
            client.post(
                f"/api/v1/{BUYER}/purchaseOrder/send",
                content=ORDER_XML.read_bytes().replace(b"PO-2026-0001", f"PO-{n}".encode()),
                headers={**auth("buyer"), "Content-Type": "application/xml"},
            )
        )["documentId"]
        for n in range(POOL)
    ]
    received = _ok(client.get(f"/api/v1/{SELLER}/salesOrder", headers=auth("seller")))
    sales = [item["documentId"] for item in received["items"]]
    answered = _ok(
        client.post(
            f"/api/v1/{SELLER}/salesOrder/{sales[0]}/response",
            json={"status": "AB"},
            headers=auth("seller"),
        )
    )
    world.ids["buyer"] = {
        "partyId": [BUYER],
        "documentId": sent,
        "responseId": [answered["documentId"]],
        "hookId": [hook["id"]],
    }
    assert rt.ctx.transport is not None
    drain(rt.ctx, rt.ctx.transport, RetrySchedule(jitter=0))
    deliveries = _ok(
        client.get(f"/api/v1/{BUYER}/hook/{hook['id']}/deliveries", headers=auth("buyer"))
    )
    world.ids["buyer"]["deliveryId"] = [deliveries[0]["id"]]
    world.ids["seller"] = {"partyId": [SELLER], "documentId": sales}
    for n in range(POOL):
        _ok(
            client.post(
                f"/businesses/{SHOP}/customers/{CUSTOMER}/orders",
                json=order_body(f"R-{n}"),
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
        "businessCode": [SHOP],
        "customerNumber": [CUSTOMER],
        "orderReference": [f"R-{n}" for n in range(POOL)],
        "callbackId": [callback["id"]],
    }
    applications = [
        _ok(
            client.post(
                "/financing/v1/applications",
                json=financing_body(f"ORD-{n}"),
                headers=auth("partner"),
            ),
            201,
        )["id"]
        for n in range(POOL)
    ]
    world.ids["partner"] = {"applicationId": applications}
    world.bodies = {
        "/connect/token": [
            (FORM, {"grant_type": "client_credentials", "client_secret": keys["buyer"]}),
            (FORM, {"grant_type": "password", "username": "x", "password": keys["seller"]}),
        ],
        "/authentication/v1/partner": [(JSON, {"username": "acme", "password": keys["partner"]})],
        "/api/v1/{partyId}/purchaseOrder/send": [(XML, ORDER_XML.read_bytes())],
        "/financing/v1/applications": [(JSON, financing_body())],
        "/businesses/{businessCode}/customers/{customerNumber}/orders": [
            (JSON, order_body("R-FUZZ"))
        ],
    }
    spare = _ok(
        client.post(
            "/admin/v1/accounts",
            json={"name": "spare", "parties": ["0088:5790000435975"]},
            headers=auth("admin"),
        ),
        201,
    )
    world.ids["admin"] = {
        "applicationId": applications,
        "account": [spare["accountId"]],  # not a caller's: the fuzz may disable it
        "keyId": [spare["keyId"]],
    }


def financing_body(number: str = "ORD-1") -> dict[str, Any]:
    money = {"amount": 5000, "currency": "CZK"}
    return {
        "type": "DEFERRED_PAYMENT",
        "order": {
            "number": number,
            "totalPrice": money,
            "items": [
                {
                    "code": "CH-1",
                    "name": "Chair",
                    "type": "PHYSICAL",
                    "totalPrice": money,
                    "totalVat": {**money, "amount": 868, "vatRate": 21},
                }
            ],
        },
    }


def fuzz(world: World, operation: Any) -> list[str]:
    """``EXAMPLES`` valid and invalid requests to one operation; what went wrong."""
    pools = {
        name: values
        for name, values in world.ids.get(world.role(operation.path), {}).items()
        if name in {p.name for p in operation.path_parameters}
    }
    size = max((len(values) for values in pools.values()), default=1)
    reals = [{name: values[i % len(values)] for name, values in pools.items()} for i in range(size)]
    positive, negative = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
    strategies = [
        *(
            operation.as_strategy(positive, path_parameters=real)
            for real in reals * (3 // size or 1)
        ),
        operation.as_strategy(negative, path_parameters=reals[0]),
        *(
            operation.as_strategy(positive, path_parameters={**reals[0], name: LONG})
            for name in pools
            if name not in OWN
        ),
        operation.as_strategy(positive),
        operation.as_strategy(negative),
    ]
    # (case, with credentials): one kind of case in seven or more comes without them
    kinds = [st.tuples(strategy, st.just(True)) for strategy in strategies]
    kinds.append(
        st.tuples(operation.as_strategy(positive, path_parameters=reals[0]), st.just(False))
    )
    found: dict[str, str] = {}

    def probe(case: Any, credentials: bool) -> None:
        headers = world.headers(operation.path) if credentials else {}
        curl = case.as_curl_command(headers)[:1000]
        try:
            response = case.call(headers=headers)
        except Exception as error:  # the app's handler answered 500, the client re-raises
            cause = f"{type(error).__name__}: {str(error)[:300]}"
            if not any(known in cause for known in KNOWN.get(operation.label, ())):
                found.setdefault(
                    f"{operation.label} {cause}", f"{operation.label} 500 {cause}\n{curl}"
                )
            world.answers.setdefault(operation.label, Counter())[500] += 1
            return
        world.answers.setdefault(operation.label, Counter())[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as failures:
            for failure in failures.exceptions:
                key = f"{operation.label} {response.status_code} {failure.title}"
                found.setdefault(key, f"{key}\n{failure.message[:500]}\n{curl}")

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(kind=st.sampled_from(kinds).flatmap(lambda strategy: strategy))
    def run(kind: tuple[Any, bool]) -> None:
        probe(*kind)

    # Real bodies (the logins, an order), at real IDs and with each ID made too long
    longs = [{**reals[0], name: LONG} for name in pools if name not in OWN]
    for media, body in world.bodies.get(operation.path, ()):
        for ids in (reals[0], *longs):
            probe(operation.Case(path_parameters=ids, body=body, media_type=media), True)
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


def test_every_error_answer_in_the_openapi_has_its_dialects_schema(hub: Hub) -> None:
    spec = hub.client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        schema, media = dialect(path)
        for method, operation in operations.items():
            answers = operation["responses"]
            if operation.get("security"):
                assert {"401", "429"} <= set(answers), f"{method} {path}"
            for status, answer in answers.items():
                if int(status) >= 400:
                    ref = answer["content"][media]["schema"]["$ref"]
                    assert ref == f"#/components/schemas/{schema}", f"{method} {path} {status}"
