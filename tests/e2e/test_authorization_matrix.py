"""Who may call what: every route of ``/openapi.json`` x {owner, counterparty, outsider,
no key}, in every dialect, with the status each must answer (issue 16).

- **owner**: the key of the party that owns the resource, in the role the route is for
  (the buyer on ``purchaseOrder``, the seller on ``salesOrder``), on its own path.
- **counterparty**: the other side of the same resource, in its own name: the seller on a
  ``purchaseOrder`` route and the buyer on a ``salesOrder`` route, with its own party in the
  path and the owner's document; where a resource has no other side (hooks, commerce
  orders, financing applications), another account of the same dialect acting on the
  owner's resource from its own path. Routes that name no resource of the owner's (a
  send, a list, a registration) have the counterparty's key on the owner's path instead.
- **outsider**: a key of an unrelated account, on the owner's path.
- **no key**: the owner's request without credentials.

A key acting for a party that is not its own, or on a document that is not its own in
that role, answers 404 (never revealing that it exists); no key answers 401. Every caller
acts on a resource made for it alone, so an answer that a route wrongly accepted cannot
hide another row's. A test fails when a route of ``/openapi.json`` has no row here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.databases import BACKENDS, PostgresServer
from tests.e2e.authorization_world import (
    AGREEMENT_XML_BODY,
    APPS,
    BUYER,
    CALLBACKS,
    CANCEL,
    CANCELLATION,
    CLOSED,
    FIN_ADMIN,
    ORDER_IN,
    PARTNER,
    PARTNER_2,
    RIVAL,
    SELLER,
    SHOP,
    XML,
    B,
    C,
    Caller,
    P,
    Row,
    World,
    account,
    admin,
    agreement,
    answered,
    application,
    callback,
    commerce,
    connect_token,
    delivery,
    hook,
    keyed,
    make_world,
    nothing,
    notification,
    order,
    partner_login,
    peppol,
    public,
    shop_order,
)
from tests.e2e.commerce_shop import order_body

ROWS = [
    # -- Peppol ordering (PSB), buyer side ----------------------------------------------------
    Row("POST", f"{P}/purchaseOrder/send", peppol(BUYER, "purchaseOrder/send", "POST", **XML)),
    Row(
        "POST",
        f"{P}/purchaseOrder/{{documentId}}/cancel",
        peppol(BUYER, "purchaseOrder/{order}/cancel", "POST", order, **CANCEL),
    ),
    # The seller's forgery (finding 1): its own response named as the order to cancel.
    Row(
        "POST",
        f"{P}/purchaseOrder/{{documentId}}/cancel",
        peppol(BUYER, "purchaseOrder/{response}/cancel", "POST", answered, **CANCEL),
        owner=404,
    ),
    Row(
        "GET",
        f"{P}/purchaseOrder/{{documentId}}/status",
        peppol(BUYER, "purchaseOrder/{order}/status", "GET", order),
    ),
    Row(
        "GET",
        f"{P}/purchaseOrder/{{documentId}}/responses",
        peppol(BUYER, "purchaseOrder/{order}/responses", "GET", answered),
    ),
    Row(
        "GET",
        f"{P}/purchaseOrder/{{documentId}}/responses/{{responseId}}",
        peppol(BUYER, "purchaseOrder/{order}/responses/{response}", "GET", answered),
    ),
    Row(
        "POST",
        f"{P}/purchaseOrder/queryRecipientParty",
        peppol(BUYER, "purchaseOrder/queryRecipientParty", "POST", json=[SELLER]),
    ),
    Row("GET", f"{P}/purchaseOrder", peppol(BUYER, "purchaseOrder", "GET")),
    # The directory lookup names no party of the caller: every key may ask it.
    Row(
        "GET",
        "/api/v1/peppol/deliveryOption",
        keyed(f"/api/v1/peppol/deliveryOption?partyIds={SELLER}", "GET", BUYER, SELLER, nothing),
        counterparty=200,
        outsider=200,
    ),
    Row(
        "GET",
        f"{P}/purchaseOrder/{{documentId}}/changes",
        peppol(BUYER, "purchaseOrder/{order}/changes", "GET", order),
    ),
    Row(
        "GET",
        f"{P}/purchaseOrder/{{documentId}}/versions",
        peppol(BUYER, "purchaseOrder/{order}/versions", "GET", order),
    ),
    Row(
        "GET",
        f"{P}/purchaseOrder/{{documentId}}/download",
        peppol(BUYER, "purchaseOrder/{agreement}/download", "GET", agreement),
    ),
    # -- Peppol ordering (PSB), seller side ---------------------------------------------------
    Row(
        "POST",
        f"{P}/salesOrder/agreement/send",
        peppol(SELLER, "salesOrder/agreement/send", "POST", **AGREEMENT_XML_BODY),
    ),
    Row("GET", f"{P}/salesOrder", peppol(SELLER, "salesOrder", "GET")),
    Row(
        "POST",
        f"{P}/salesOrder/queryRecipientParty",
        peppol(SELLER, "salesOrder/queryRecipientParty", "POST", json=[BUYER]),
    ),
    Row(
        "GET",
        f"{P}/salesOrder/{{documentId}}/status",
        peppol(SELLER, "salesOrder/{order}/status", "GET", order),
    ),
    Row(
        "GET",
        f"{P}/salesOrder/{{documentId}}/download",
        peppol(SELLER, "salesOrder/{order}/download", "GET", order),
    ),
    Row(
        "DELETE",
        f"{P}/salesOrder/{{documentId}}",
        peppol(SELLER, "salesOrder/{order}", "DELETE", order),
        owner=204,
    ),
    Row(
        "POST",
        f"{P}/salesOrder/{{documentId}}/response",
        peppol(SELLER, "salesOrder/{order}/response", "POST", order, json={"status": "AP"}),
    ),
    Row(
        "GET",
        f"{P}/salesOrder/{{documentId}}/changes",
        peppol(SELLER, "salesOrder/{order}/changes", "GET", order),
    ),
    Row(
        "GET",
        f"{P}/salesOrder/{{documentId}}/versions",
        peppol(SELLER, "salesOrder/{order}/versions", "GET", order),
    ),
    # -- PSB hooks ----------------------------------------------------------------------------
    Row("GET", f"{P}/hook", peppol(SELLER, "hook", "GET", hook(SELLER))),
    Row(
        "PUT",
        f"{P}/hook",
        peppol(SELLER, "hook", "PUT", json={"action": CLOSED, "topics": ["OrderReceived"]}),
    ),
    Row(
        "DELETE",
        f"{P}/hook/{{hookId}}",
        peppol(SELLER, "hook/{hook}", "DELETE", hook(SELLER)),
        owner=204,
    ),
    Row("GET", f"{P}/hook/ping", peppol(SELLER, "hook/ping", "GET")),
    Row(
        "GET",
        f"{P}/hook/{{hookId}}/deliveries",
        peppol(SELLER, "hook/{hook}/deliveries", "GET", delivery),
    ),
    Row(
        "POST",
        f"{P}/hook/{{hookId}}/deliveries/{{deliveryId}}/resend",
        peppol(SELLER, "hook/{hook}/deliveries/{delivery}/resend", "POST", delivery),
    ),
    Row(
        "POST",
        f"{P}/hook/{{hookId}}/deliveries/recover",
        peppol(
            SELLER,
            "hook/{hook}/deliveries/recover",
            "POST",
            delivery,
            json={"since": "2000-01-01T00:00:00Z"},
        ),
    ),
    Row(
        "POST",
        f"{P}/hook/{{hookId}}/deliveries/retry",
        peppol(SELLER, "hook/{hook}/deliveries/retry", "POST", delivery),
    ),
    # -- Commerce (seed 001) ------------------------------------------------------------------
    Row(
        "POST",
        f"{B}/customers/{{customerNumber}}/orders",
        commerce("customers/C-1/orders", "POST", nothing, json=order_body("M-NEW")),
    ),
    Row(
        "POST",
        f"{B}/customers/{{customerNumber}}/orders/{{orderReference}}/cancellations",
        commerce(f"{C[1:]}/{{ref}}/cancellations", "POST", shop_order, json=CANCELLATION),
    ),
    Row(
        "POST",
        f"{B}/customers/{{customerNumber}}/orders/{{orderReference}}/invoices",
        commerce(
            f"{C[1:]}/{{ref}}/invoices",
            "POST",
            shop_order,
            json={"invoiceReference": "INV-1", "items": [{"orderItemReference": 1}]},
        ),
    ),
    Row(
        "POST",
        f"{B}/customers/{{customerNumber}}/orders/{{orderReference}}/returns",
        commerce(
            f"{C[1:]}/{{ref}}/returns",
            "POST",
            shop_order,
            json={
                "returnDate": "2024-09-12",
                "returnReason": "CUSTOMER_RETURN",
                "returnReference": "R-1",
                "items": [{"orderItemReference": 2}],
            },
        ),
    ),
    Row(
        "GET",
        f"{B}/customers/{{customerNumber}}/orders/{{orderReference}}",
        commerce(f"{C[1:]}/{{ref}}", "GET", shop_order),
    ),
    Row(
        "GET",
        f"{B}/reports/cancellations",
        commerce("reports/cancellations", "GET", nothing),
    ),
    Row(
        "GET",
        CALLBACKS,
        keyed(CALLBACKS, "GET", SHOP, RIVAL, callback),
        counterparty=200,
        outsider=200,
    ),
    # The outsider's account acts for no business: it has nothing to register.
    Row(
        "POST",
        CALLBACKS,
        keyed(
            CALLBACKS,
            "POST",
            SHOP,
            RIVAL,
            nothing,
            json={"callbackUrl": CLOSED, "notificationTypes": ["accounting/EDIErrorSent"]},
        ),
        counterparty=200,
        outsider=400,
    ),
    Row(
        "DELETE",
        f"{CALLBACKS}/{{callbackId}}",
        keyed(CALLBACKS + "/{callback}", "DELETE", SHOP, RIVAL, callback),
        owner=204,
    ),
    Row(
        "GET",
        f"{CALLBACKS}/{{callbackId}}/deliveries",
        keyed(CALLBACKS + "/{callback}/deliveries", "GET", SHOP, RIVAL, callback),
    ),
    Row(
        "POST",
        f"{CALLBACKS}/{{callbackId}}/deliveries/{{deliveryId}}/resend",
        keyed(
            CALLBACKS + "/{callback}/deliveries/{delivery}/resend", "POST", SHOP, RIVAL, callback
        ),
    ),
    # -- Financing (seed 003) -----------------------------------------------------------------
    Row(
        "POST",
        "/authentication/v1/partner",
        partner_login,
        no_key=401,
        outsider=401,
        counterparty=401,
    ),
    Row(
        "POST",
        APPS,
        keyed(APPS, "POST", PARTNER, PARTNER_2, nothing, json={}),
        owner=400,
        counterparty=400,
        outsider=400,
    ),
    Row(
        "GET",
        f"{APPS}/{{applicationId}}",
        keyed(APPS + "/{app}", "GET", PARTNER, PARTNER_2, application),
    ),
    Row(
        "PUT",
        f"{APPS}/{{applicationId}}/cancel",
        keyed(APPS + "/{app}/cancel", "PUT", PARTNER, PARTNER_2, application),
    ),
    Row(
        "PUT",
        f"{APPS}/{{applicationId}}/order",
        keyed(APPS + "/{app}/order", "PUT", PARTNER, PARTNER_2, application, json=ORDER_IN),
    ),
    *(
        Row(
            "PUT",
            f"{APPS}/{{applicationId}}/order/{action}",
            keyed(APPS + f"/{{app}}/order/{action}", "PUT", PARTNER, PARTNER_2, application),
            owner=owner,  # nothing was sent, so nothing can be returned
        )
        for action, owner in (("cancel", 200), ("send", 200), ("deliver", 200), ("return", 422))
    ),
    *(
        Row(
            "GET",
            f"{APPS}/{{applicationId}}/{what}",
            keyed(APPS + f"/{{app}}/{what}", "GET", PARTNER, PARTNER_2, application),
        )
        for what in ("payments", "ledger")
    ),
    # What ordex does not offer answers 422 NOT_SUPPORTED to any key.
    *(
        Row(
            method,
            route,
            keyed(route.format(recurrenceId="r-1"), method, PARTNER, PARTNER_2, nothing),
            owner=422,
            counterparty=422,
            outsider=422,
        )
        for method, route in (
            ("POST", "/financing/v1/precheck"),
            ("POST", "/financing/v1/recurrences/{recurrenceId}/applications"),
            ("GET", "/financing/v1/recurrences/{recurrenceId}"),
            ("PATCH", "/financing/v1/recurrences/{recurrenceId}"),
        )
    ),
    Row("GET", "/v1/health", public("/v1/health"), counterparty=200, outsider=200, no_key=200),
    # The outsider's account acts for no financing partner.
    Row(
        "GET",
        "/financing/v1/orders",
        keyed("/financing/v1/orders", "GET", PARTNER, PARTNER_2, application),
        counterparty=200,
        outsider=401,
    ),
    Row(
        "GET",
        f"{APPS}/{{applicationId}}/notifications",
        keyed(APPS + "/{app}/notifications", "GET", PARTNER, PARTNER_2, notification),
    ),
    Row(
        "POST",
        f"{APPS}/{{applicationId}}/notifications/{{deliveryId}}/resend",
        keyed(
            APPS + "/{app}/notifications/{delivery}/resend",
            "POST",
            PARTNER,
            PARTNER_2,
            notification,
        ),
    ),
    # -- Admin (ORDEX_ADMIN_TOKEN) --------------------------------------------------------------
    Row(
        "POST",
        "/admin/v1/accounts",
        admin(
            "/admin/v1/accounts",
            "POST",
            nothing,
            json={"name": "New", "parties": ["business:NEW-1"]},
        ),
        owner=201,
        counterparty=401,
        outsider=401,
    ),
    Row(
        "GET",
        "/admin/v1/accounts/{account}",
        admin("/admin/v1/accounts/{account}", "GET", account),
        counterparty=401,
        outsider=401,
    ),
    Row(
        "POST",
        "/admin/v1/accounts/{account}/keys/rotate",
        admin("/admin/v1/accounts/{account}/keys/rotate", "POST", account),
        owner=201,
        counterparty=401,
        outsider=401,
    ),
    Row(
        "DELETE",
        "/admin/v1/accounts/{account}/keys/{keyId}",
        admin("/admin/v1/accounts/{account}/keys/{key}", "DELETE", account),
        owner=204,
        counterparty=401,
        outsider=401,
    ),
    *(
        Row(
            "POST",
            f"/admin/v1/accounts/{{account}}/{action}",
            admin(f"/admin/v1/accounts/{{account}}/{action}", "POST", account),
            counterparty=401,
            outsider=401,
        )
        for action in ("disable", "enable")
    ),
    Row(
        "POST",
        "/admin/v1/purge",
        admin("/admin/v1/purge", "POST", nothing),
        counterparty=401,
        outsider=401,
    ),
    *(
        Row(
            "POST",
            f"{FIN_ADMIN}/{{applicationId}}/{action}",
            admin(f"{FIN_ADMIN}/{{app}}/{action}", "POST", application, **body),
            owner=owner,
            counterparty=401,
            outsider=401,
        )
        for action, body, owner in (  # applications under the limit are approved at once
            ("approve", {}, 422),
            ("reject", {}, 422),
            ("payments", {"json": {"amount": 1000}}, 200),
        )
    ),
    # -- Native: tokens, health, metrics --------------------------------------------------------
    Row("POST", "/connect/token", connect_token, counterparty=401, outsider=401),
    Row("GET", "/healthz", public("/healthz"), counterparty=200, outsider=200, no_key=200),
    Row("GET", "/readyz", public("/readyz"), counterparty=200, outsider=200, no_key=200),
    Row("GET", "/metrics", public("/metrics"), counterparty=200, outsider=200, no_key=200),
]


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        yield from make_world(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'ordex.db'}")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_database() as url:
        yield from make_world(url)


def _cases() -> Iterator[Any]:
    for index, row in enumerate(ROWS):
        for caller in Caller:
            yield pytest.param(row, caller, id=f"{index}-{row.method} {row.route} [{caller.value}]")


@pytest.mark.parametrize(("row", "caller"), list(_cases()))
def test_each_caller_gets_the_answer_its_relation_to_the_resource_allows(
    world: World, row: Row, caller: Caller
) -> None:
    call = row.build(world, caller)
    headers = dict(call.kwargs.pop("headers", {}))
    if call.key is not None:
        token = call.key if call.raw_token else world.keys[call.key]
        headers["Authorization"] = f"Bearer {token}"
    answer = world.client.request(call.method, call.path, headers=headers, **call.kwargs)
    assert answer.status_code == row.expected(caller), (call.method, call.path, answer.text)
    if caller is not Caller.OWNER and answer.is_success:
        assert not [i for i in call.hidden if i in answer.text], "another's resource shown"


def test_every_route_of_the_openapi_document_has_a_row(world: World) -> None:
    spec = world.client.get("/openapi.json").json()
    routes = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
    }
    covered = {(row.method, row.route) for row in ROWS}
    assert routes - covered == set(), "routes without a row in the authorization matrix"
    assert covered - routes == set(), "rows for routes the app no longer has"


MALFORMED = {"{partyId}": "not-a-party", "{businessCode}": "a b"}
PARTY_ROUTES = sorted(
    {(row.method, row.route) for row in ROWS if any(k in row.route for k in MALFORMED)}
)


@pytest.mark.parametrize(
    ("method", "route"), [pytest.param(*r, id=" ".join(r)) for r in PARTY_ROUTES]
)
def test_no_key_answers_401_before_the_paths_party_is_read(
    world: World, method: str, route: str
) -> None:
    path = route
    for placeholder, value in MALFORMED.items():
        path = path.replace(placeholder, value)
    path = re.sub(r"\{[^}]+\}", "x", path)
    answer = world.client.request(method, path)
    assert answer.status_code == 401, answer.text
