"""The hub the authorization matrix runs against (tests/e2e/test_authorization_matrix.py):
accounts on every dialect's side, resources made afresh for every caller, and how each
dialect's callers (owner, counterparty, outsider, no key) build their request."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.accounts import key_id_of
from ordex.domain.content import PartyId
from ordex.domain.financing_policy import DecisionPolicy
from ordex.domain.hooks import RetrySchedule
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.e2e.commerce_shop import order_body
from tests.unit.fakes import FakeClock

BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
OTHER = "0088:5790000435975"
SHOP = "business:SHOP-1"
RIVAL = "business:OTHER-9"
PARTNER = "partner:acme"
PARTNER_2 = "partner:other"
ADMIN_TOKEN = "admin-secret-for-the-matrix"
CLOSED = "http://127.0.0.1:9/hook"  # nothing listens: deliveries fail and are kept
ORDER_XML = (Path(__file__).resolve().parents[2] / "examples" / "order.xml").read_bytes()
AGREEMENT_XML = (
    Path(__file__).resolve().parents[2] / "examples" / "order-agreement.xml"
).read_bytes()


class Caller(enum.Enum):
    OWNER = "owner"
    COUNTERPARTY = "counterparty"
    OUTSIDER = "outsider"
    NO_KEY = "no key"


@dataclass
class World:
    client: TestClient
    runtime: Runtime
    clock: FakeClock
    keys: dict[str, str]
    serial: Iterator[int] = field(default_factory=itertools.count)

    def auth(self, party: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[party]}"} if party else {}

    def ok(self, method: str, path: str, party: str | None, expect: int = 200, **kw: Any) -> Any:
        headers = {**self.auth(party), **kw.pop("headers", {})}
        answer = self.client.request(method, path, headers=headers, **kw)
        assert answer.status_code == expect, (method, path, answer.status_code, answer.text)
        return answer.json() if answer.content else None

    def drain(self) -> None:
        assert self.runtime.ctx.transport is not None
        drain(self.runtime.ctx, self.runtime.ctx.transport, RetrySchedule(jitter=0))

    # -- resources, each made afresh -------------------------------------------------------
    def order(self) -> str:
        number = f"PO-M-{next(self.serial)}".encode()
        xml = ORDER_XML.replace(b"PO-2026-0001", number)
        return str(
            self.ok(
                "POST",
                f"/api/v1/{BUYER}/purchaseOrder/send",
                BUYER,
                content=xml,
                headers={"Content-Type": "application/xml"},
            )["id"]
        )

    def agreement(self) -> str:
        """An Order Agreement the seller sent to the buyer."""
        number = f"OA-M-{next(self.serial)}".encode()
        xml = AGREEMENT_XML.replace(b"OA-2026-0001", number)
        path = f"/api/v1/{SELLER}/salesOrder/agreement/send"
        headers = {"Content-Type": "application/xml"}
        return str(self.ok("POST", path, SELLER, content=xml, headers=headers)["id"])

    def response(self, order_id: str) -> str:
        path = f"/api/v1/{SELLER}/salesOrder/{order_id}/response"
        return str(self.ok("POST", path, SELLER, json={"status": "AB"})["id"])

    def hook(self, party: str) -> str:
        body = {"action": CLOSED, "topics": ["OrderReceived"], "secret": "s3cret"}
        return str(self.ok("PUT", f"/api/v1/{party}/hook", party, json=body)["id"])

    def delivery(self, party: str) -> tuple[str, str]:
        """A hook of the seller ``party`` and one failed delivery of it."""
        hook_id = self.hook(party)
        self.order()
        self.drain()
        deliveries = self.ok("GET", f"/api/v1/{party}/hook/{hook_id}/deliveries", party)
        return hook_id, str(deliveries[0]["id"] if isinstance(deliveries, list) else "")

    def shop_order(self) -> str:
        reference = f"M-{next(self.serial)}"
        self.ok("POST", "/businesses/SHOP-1/customers/C-1/orders", SHOP, json=order_body(reference))
        return reference

    def callback(self) -> tuple[str, str]:
        """A notification callback of the shop and one failed delivery of it."""
        body = {"callbackUrl": CLOSED, "notificationTypes": ["accounting/EDIErrorSent"]}
        callback_id = str(
            self.ok("POST", "/administration/v1/notification-callbacks", SHOP, json=body)["id"]
        )
        reference = self.shop_order()
        self.ok(
            "POST",
            f"/businesses/SHOP-1/customers/C-1/orders/{reference}/cancellations",
            SHOP,
            json=CANCELLATION,
        )
        self.drain()
        path = f"/administration/v1/notification-callbacks/{callback_id}/deliveries"
        deliveries = self.ok("GET", path, SHOP)
        return callback_id, str(deliveries[0]["id"])

    def application(self, notify: bool = False) -> str:
        body = {
            "type": "DEFERRED_PAYMENT",
            "order": {
                "number": f"FIN-{next(self.serial)}",
                "totalPrice": {"amount": 15000, "currency": "CZK"},
                "items": [
                    {
                        "code": "CH-1",
                        "name": "Chair",
                        "type": "PHYSICAL",
                        "quantity": 3,
                        "unitPrice": {"amount": 5000, "currency": "CZK"},
                        "vatRate": 21,
                        "totalPrice": {"amount": 15000, "currency": "CZK"},
                    }
                ],
            },
            **({"notificationUrl": CLOSED} if notify else {}),
        }
        return str(self.ok("POST", "/financing/v1/applications", PARTNER, 201, json=body)["id"])

    def account(self) -> tuple[str, str]:
        """A new account (with a business party) and the ID of its key."""
        party = PartyId("business", f"ACC-{next(self.serial)}")
        account, key = create_account(self.runtime.ctx, "Fresh", [party])
        return account.account_id, key_id_of(key)

    def notification(self) -> tuple[str, str]:
        application_id = self.application(notify=True)
        self.drain()
        path = f"/financing/v1/applications/{application_id}/notifications"
        return application_id, str(self.ok("GET", path, PARTNER)[0]["id"])


CANCELLATION = {
    "cancellationDate": "2024-09-09",
    "cancellationReason": "OUT_OF_STOCK",
    "items": [{"orderItemReference": 3}],
}


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    key: str | None  # a party whose key is sent, or a raw bearer token
    kwargs: dict[str, Any] = field(default_factory=dict)
    raw_token: bool = False
    hidden: tuple[str, ...] = ()  # the owner's ids: no other caller may see them


Build = Callable[[World, Caller], Call]


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    build: Build
    owner: int = 200
    counterparty: int = 404
    outsider: int = 404
    no_key: int = 401

    def expected(self, caller: Caller) -> int:
        return {
            Caller.OWNER: self.owner,
            Caller.COUNTERPARTY: self.counterparty,
            Caller.OUTSIDER: self.outsider,
            Caller.NO_KEY: self.no_key,
        }[caller]


# -- how each dialect's callers are made ---------------------------------------------------
Ids = dict[str, str]


def peppol(
    owner: str,
    tail: str,
    method: str,
    setup: Callable[[World], Ids] = lambda w: {},
    **kwargs: Any,
) -> Build:
    """A ``/api/v1/{partyId}`` route of ``owner`` (BUYER or SELLER); ``tail`` is formatted
    with the ids ``setup`` made. Naming none, the counterparty uses the owner's path."""
    counter = SELLER if owner == BUYER else BUYER

    def build(world: World, caller: Caller) -> Call:
        ids = setup(world)
        party, key = {
            Caller.OWNER: (owner, owner),
            Caller.COUNTERPARTY: (counter if "{" in tail else owner, counter),
            Caller.OUTSIDER: (owner, OTHER),
            Caller.NO_KEY: (owner, None),
        }[caller]
        path = f"/api/v1/{party}/" + tail.format(**ids)
        return Call(method, path, key, dict(kwargs), hidden=tuple(ids.values()))

    return build


def commerce(tail: str, method: str, setup: Callable[[World], Ids], **kwargs: Any) -> Build:
    """A ``/businesses/{businessCode}`` route of SHOP-1; the counterparty is another shop."""

    def build(world: World, caller: Caller) -> Call:
        ids = setup(world)
        business, key = {
            Caller.OWNER: ("SHOP-1", SHOP),
            Caller.COUNTERPARTY: ("OTHER-9" if "{" in tail else "SHOP-1", RIVAL),
            Caller.OUTSIDER: ("SHOP-1", OTHER),
            Caller.NO_KEY: ("SHOP-1", None),
        }[caller]
        path = f"/businesses/{business}/" + tail.format(**ids)
        return Call(method, path, key, dict(kwargs), hidden=tuple(ids.values()))

    return build


def keyed(
    path: str, method: str, owner: str, rival: str, setup: Callable[[World], Ids], **kw: Any
) -> Build:
    """A route with no party in its path: the key alone says whose resource it is."""

    def build(world: World, caller: Caller) -> Call:
        key = {
            Caller.OWNER: owner,
            Caller.COUNTERPARTY: rival,
            Caller.OUTSIDER: OTHER,
            Caller.NO_KEY: None,
        }[caller]
        ids = setup(world)
        return Call(method, path.format(**ids), key, dict(kw), hidden=tuple(ids.values()))

    return build


def admin(path: str, method: str, setup: Callable[[World], Ids], **kw: Any) -> Build:
    """An admin route: the owner holds ORDEX_ADMIN_TOKEN; a party's key is no admin."""

    def build(world: World, caller: Caller) -> Call:
        key = {
            Caller.OWNER: ADMIN_TOKEN,
            Caller.COUNTERPARTY: world.keys[PARTNER],
            Caller.OUTSIDER: "not-the-admin-token",
            Caller.NO_KEY: None,
        }[caller]
        return Call(method, path.format(**setup(world)), key, dict(kw), raw_token=True)

    return build


def public(path: str, method: str = "GET") -> Build:
    def build(world: World, caller: Caller) -> Call:
        key = {Caller.OWNER: BUYER, Caller.COUNTERPARTY: SELLER, Caller.OUTSIDER: OTHER}
        return Call(method, path, key.get(caller))

    return build


def connect_token(world: World, caller: Caller) -> Call:
    """The owner's API key buys a token; a token it bought buys none (finding 5)."""
    token = world.ok("POST", "/connect/token", None, data=_grant(world.keys[BUYER]))
    secret = {
        Caller.OWNER: world.keys[BUYER],
        Caller.COUNTERPARTY: token["access_token"],
        Caller.OUTSIDER: "ordex_not-a-key",
        Caller.NO_KEY: None,
    }[caller]
    return Call("POST", "/connect/token", None, {"data": _grant(secret)})


def _grant(secret: str | None) -> dict[str, str]:
    return {"grant_type": "client_credentials", **({"client_secret": secret} if secret else {})}


def partner_login(world: World, caller: Caller) -> Call:
    """A partner's ID and API key buy a token; another partner's ID with it buys none."""
    login = {"username": "acme", "password": world.keys[PARTNER]}
    token = world.ok("POST", "/authentication/v1/partner", None, json=login)["accessToken"]
    body = {
        Caller.OWNER: login,
        Caller.COUNTERPARTY: {"username": "other", "password": world.keys[PARTNER]},
        Caller.OUTSIDER: {"username": "acme", "password": token},
        Caller.NO_KEY: {"username": "acme", "password": "ordex_not-a-key"},
    }[caller]
    return Call("POST", "/authentication/v1/partner", None, {"json": body})


def order(w: World) -> Ids:
    return {"order": w.order()}


def agreement(w: World) -> Ids:
    return {"agreement": w.agreement()}


def answered(w: World) -> Ids:
    order_id = w.order()
    return {"order": order_id, "response": w.response(order_id)}


def hook(party: str) -> Callable[[World], Ids]:
    return lambda w: {"hook": w.hook(party)}


def delivery(w: World) -> Ids:
    hook_id, delivery_id = w.delivery(SELLER)
    return {"hook": hook_id, "delivery": delivery_id}


def shop_order(w: World) -> Ids:
    return {"ref": w.shop_order()}


def callback(w: World) -> Ids:
    callback_id, delivery_id = w.callback()
    return {"callback": callback_id, "delivery": delivery_id}


def application(w: World) -> Ids:
    return {"app": w.application()}


def notification(w: World) -> Ids:
    application_id, delivery_id = w.notification()
    return {"app": application_id, "delivery": delivery_id}


def account(w: World) -> Ids:
    account_id, key_id = w.account()
    return {"account": account_id, "key": key_id}


def nothing(w: World) -> Ids:
    return {}


ORDER_IN = {
    "order": {
        "number": "FIN-CHANGED",
        "totalPrice": {"amount": 10000, "currency": "CZK"},
        "items": [
            {
                "code": "CH-1",
                "name": "Chair",
                "type": "PHYSICAL",
                "quantity": 2,
                "unitPrice": {"amount": 5000, "currency": "CZK"},
                "vatRate": 21,
                "totalPrice": {"amount": 10000, "currency": "CZK"},
            }
        ],
    }
}
CANCEL = {"json": {"cancellationNote": "Ordered twice"}}
P = "/api/v1/{partyId}"
B = "/businesses/{businessCode}"
C = "/customers/C-1/orders"
APPS = "/financing/v1/applications"
CALLBACKS = "/administration/v1/notification-callbacks"
FIN_ADMIN = "/admin/v1/financing/applications"
XML: dict[str, Any] = {"content": ORDER_XML, "headers": {"Content-Type": "application/xml"}}
AGREEMENT_XML_BODY: dict[str, Any] = {
    "content": AGREEMENT_XML,
    "headers": {"Content-Type": "application/xml"},
}


def make_world(url: str) -> Iterator[World]:
    settings = Settings(
        database_url=url,
        admin_token=ADMIN_TOKEN,
        allow_private_webhooks=True,
        allow_http_webhooks=True,
        financing_policy=DecisionPolicy(approval_limit=Decimal("1000")),
    )
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    keys = {}
    for party in (BUYER, SELLER, OTHER, SHOP, RIVAL, PARTNER, PARTNER_2):
        _, keys[party] = create_account(rt.ctx, party, [_party(party)])
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield World(client, rt, clock, keys)
    rt.engine.dispose()


def _party(text: str) -> PartyId:
    scheme, _, value = text.partition(":")
    return PartyId(scheme, value) if scheme in ("business", "partner") else parse_party_id(text)
