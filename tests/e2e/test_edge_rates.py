"""Rate limits at the edge: a token bucket per account, and per client address for the
requests that bring no valid credentials; 429 with ``Retry-After`` in each dialect."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.api.edge import SESSION_COOKIE, Buckets
from ordex.bootstrap import bootstrap
from ordex.config import DEFAULT_RATE, Rate, Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.web_sessions import sign_in_with_key
from tests.e2e.conftest import BUYER, SELLER


@dataclass
class Limited:
    client: TestClient
    keys: dict[str, str]

    def headers(self, party: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[party]}"}


@pytest.fixture
def limited(database_url: str) -> Iterator[Limited]:
    """Three requests at once per account, two per address without credentials; a
    token back every ten seconds (none comes back during a test)."""
    settings = Settings(
        database_url=database_url,
        rate_limit=Rate(per_second=0.1, burst=3),
        anonymous_rate_limit=Rate(per_second=0.1, burst=2),
    )
    rt = bootstrap(settings)
    keys = {}
    for name, party in (("Buyer", BUYER), ("Seller", SELLER)):
        keys[party] = create_account(rt.ctx, name, [parse_party_id(party)])[1]
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Limited(client, keys)
    rt.engine.dispose()


def test_an_account_over_its_rate_gets_429_with_retry_after_and_others_do_not(
    limited: Limited,
) -> None:
    path = f"/api/v1/{BUYER}/purchaseOrder"
    statuses = [
        limited.client.get(path, headers=limited.headers(BUYER)).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 200]
    refused = limited.client.get(path, headers=limited.headers(BUYER))
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 10
    body = refused.json()
    assert body["code"] == "API429" and body["errorCode"] == "RATE_LIMITED"
    assert {"message", "requestId", "dateTime"} <= body.keys()
    seller = limited.client.get(f"/api/v1/{SELLER}/salesOrder", headers=limited.headers(SELLER))
    assert seller.status_code == 200


def test_the_429_is_in_the_dialect_of_the_path(limited: Limited) -> None:
    for _ in range(3):
        limited.client.get(f"/api/v1/{BUYER}/hook", headers=limited.headers(BUYER))
    financing = limited.client.get("/financing/v1/orders", headers=limited.headers(BUYER))
    assert financing.status_code == 429
    assert financing.json()["errors"][0]["code"] == "TOO_MANY_REQUESTS"
    commerce = limited.client.get(
        "/administration/v1/notification-callbacks", headers=limited.headers(BUYER)
    )
    assert commerce.status_code == 429 and "Retry-After" in commerce.headers
    assert commerce.headers["content-type"] == "application/problem+json"
    assert commerce.json()["status"] == 429


def test_token_requests_are_limited_per_address(limited: Limited) -> None:
    form = {"grant_type": "client_credentials", "client_secret": limited.keys[BUYER]}
    assert limited.client.post("/connect/token", data=form).status_code == 200
    assert limited.client.post("/connect/token", data=form).status_code == 200
    refused = limited.client.post("/connect/token", data=form)
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_failed_credentials_use_up_the_address_and_then_answer_429_unchecked(
    limited: Limited,
) -> None:
    path = f"/api/v1/{BUYER}/purchaseOrder"
    bad = {"Authorization": "Bearer guessed"}
    assert [limited.client.get(path, headers=bad).status_code for _ in range(2)] == [401, 401]
    assert limited.client.get(path, headers=bad).status_code == 429


def test_health_and_metrics_are_never_limited(limited: Limited) -> None:
    assert {limited.client.get("/healthz").status_code for _ in range(10)} == {200}


def test_a_bucket_refills_at_its_rate_up_to_its_burst() -> None:
    now = [0.0]
    buckets = Buckets(Rate(per_second=2, burst=4), clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(5)] == [0, 0, 0, 0, 1]
    now[0] += 0.5  # one token back
    assert buckets.take("a") == 0 and buckets.take("a") == 1
    now[0] += 100
    assert [buckets.take("a") for _ in range(5)] == [0, 0, 0, 0, 1]


def test_full_buckets_are_forgotten_when_there_are_too_many() -> None:
    now = [0.0]
    buckets = Buckets(Rate(per_second=1, burst=2), clock=lambda: now[0])
    buckets.MAX_KEYS = 100
    for number in range(100):
        buckets.take(f"caller-{number}")
    now[0] += 10  # all of them full again
    buckets.take("newcomer")
    assert len(buckets.levels) == 1


def test_rate_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORDEX_RATE_LIMIT", raising=False)
    settings = Settings.from_env()
    assert settings.rate_limit == Rate.parse(DEFAULT_RATE, "x") == Rate(100, 500)
    assert settings.anonymous_rate_limit == Rate(20, 100)
    monkeypatch.setenv("ORDEX_RATE_LIMIT", "off")
    assert Settings.from_env().rate_limit is None
    assert Settings.from_env().anonymous_rate_limit is None
    monkeypatch.setenv("ORDEX_RATE_LIMIT", "5")
    assert Settings.from_env().rate_limit == Rate(5, 25)
    monkeypatch.setenv("ORDEX_RATE_LIMIT", "lots")
    with pytest.raises(ValueError, match="ORDEX_RATE_LIMIT"):
        Settings.from_env()


def test_the_web_inbox_counts_sign_ins_by_address_and_pages_by_account(
    limited: Limited,
) -> None:
    client = limited.client
    form = {"csrf": "x", "mode": "key", "apiKey": "ordex_wrong"}
    statuses = [client.post("/inbox/sign-in", data=form).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]  # two anonymous forms, then the address waits
    client.cookies.clear()
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    client.cookies.set(SESSION_COOKIE, sign_in_with_key(runtime.ctx, limited.keys[SELLER]).secret)
    pages = [client.get("/inbox").status_code for _ in range(4)]
    assert pages == [200, 200, 200, 429]  # the account's bucket, as for its API calls
