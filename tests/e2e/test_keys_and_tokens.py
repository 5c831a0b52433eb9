"""Issue 16, finding 5: tokens buy no tokens and die with their key; keys are revoked and
rotated, accounts disabled (admin API); dead tokens are pruned; secrets are never cached."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ordex.storage import tables as t
from tests.e2e.conftest import ADMIN_TOKEN, BUYER, Hub

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


def token(hub: Hub, secret: str) -> Any:
    return hub.client.post(
        "/connect/token", data={"grant_type": "client_credentials", "client_secret": secret}
    )


def call(hub: Hub, secret: str) -> Any:
    """A harmless call of the buyer's with ``secret``."""
    return hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder", headers={"Authorization": f"Bearer {secret}"}
    )


def works(hub: Hub, secret: str) -> int:
    return int(call(hub, secret).status_code)


def key_id(hub: Hub) -> str:
    answer = hub.client.get(f"/admin/v1/accounts/{BUYER}", headers=ADMIN)
    assert answer.status_code == 200, answer.text
    [key] = answer.json()["keys"]
    return str(key["keyId"])


def test_a_token_cannot_buy_another_token(hub: Hub) -> None:
    first = token(hub, hub.keys[BUYER])
    assert first.status_code == 200
    second = token(hub, first.json()["access_token"])
    assert second.status_code == 401
    assert second.json()["error"] == "invalid_client"


def test_a_token_cannot_buy_a_financing_partner_token(hub: Hub) -> None:
    key = hub.client.post(
        "/admin/v1/accounts",
        json={"name": "Acme Finance", "parties": ["partner:acme"]},
        headers=ADMIN,
    ).json()["apiKey"]
    login = {"username": "acme", "password": key}
    bought = hub.client.post("/authentication/v1/partner", json=login)
    assert bought.status_code == 200, bought.text
    again = {"username": "acme", "password": bought.json()["accessToken"]}
    assert hub.client.post("/authentication/v1/partner", json=again).status_code == 401


def test_a_revoked_key_and_every_token_it_bought_stop_working_at_once(hub: Hub) -> None:
    key = hub.keys[BUYER]
    bought = token(hub, key).json()["access_token"]
    assert (works(hub, key), works(hub, bought)) == (200, 200)
    revoked = hub.client.delete(f"/admin/v1/accounts/{BUYER}/keys/{key_id(hub)}", headers=ADMIN)
    assert revoked.status_code == 204
    assert (works(hub, key), works(hub, bought)) == (401, 401)
    assert "revoked" in call(hub, bought).json()["message"]
    assert token(hub, key).status_code == 401
    unknown = hub.client.delete(f"/admin/v1/accounts/{BUYER}/keys/0000", headers=ADMIN)
    assert unknown.status_code == 404
    assert unknown.json()["errorCode"] == "KEY_NOT_FOUND"


def test_a_rotation_shows_a_new_key_once_and_the_old_one_ends_after_its_grace(hub: Hub) -> None:
    old = hub.keys[BUYER]
    bought = token(hub, old).json()["access_token"]
    rotated = hub.client.post(
        f"/admin/v1/accounts/{BUYER}/keys/rotate", json={"graceSeconds": 60}, headers=ADMIN
    )
    assert rotated.status_code == 201, rotated.text
    assert {k: rotated.headers[k] for k in NO_STORE} == NO_STORE
    new = rotated.json()["apiKey"]
    assert [k["keyId"] for k in rotated.json()["revoked"]] != [rotated.json()["keyId"]]
    assert (works(hub, old), works(hub, bought), works(hub, new)) == (200, 200, 200)
    hub.clock.advance(seconds=60)
    assert (works(hub, old), works(hub, bought), works(hub, new)) == (401, 401, 200)


def test_a_rotation_without_grace_ends_the_old_key_at_once(hub: Hub) -> None:
    old = hub.keys[BUYER]
    rotated = hub.client.post(f"/admin/v1/accounts/{BUYER}/keys/rotate", headers=ADMIN)
    assert rotated.status_code == 201, rotated.text
    assert (works(hub, old), works(hub, rotated.json()["apiKey"])) == (401, 200)


def test_a_disabled_accounts_keys_and_tokens_answer_401_until_it_is_enabled(hub: Hub) -> None:
    key = hub.keys[BUYER]
    bought = token(hub, key).json()["access_token"]
    disabled = hub.client.post(f"/admin/v1/accounts/{BUYER}/disable", headers=ADMIN)
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    assert (works(hub, key), works(hub, bought)) == (401, 401)
    assert "disabled" in call(hub, key).json()["message"]
    assert token(hub, key).status_code == 401
    enabled = hub.client.post(f"/admin/v1/accounts/{BUYER}/enable", headers=ADMIN)
    assert enabled.status_code == 200 and enabled.json()["disabled"] is False
    assert (works(hub, key), works(hub, bought)) == (200, 200)
    unknown = hub.client.post("/admin/v1/accounts/no-such-account/disable", headers=ADMIN)
    assert unknown.status_code == 404


def tokens_kept(hub: Hub) -> int:
    with hub.runtime.engine.connect() as conn:
        count = conn.execute(
            select(func.count()).select_from(t.api_keys).where(t.api_keys.c.kind == "token")
        ).scalar_one()
    return int(count)


def test_the_purge_job_deletes_expired_tokens_and_those_of_revoked_keys(hub: Hub) -> None:
    for _ in range(3):
        assert token(hub, hub.keys[BUYER]).status_code == 200
    hub.clock.advance(seconds=1800)
    live = token(hub, hub.keys[BUYER]).json()["access_token"]
    assert tokens_kept(hub) == 4
    hub.clock.advance(seconds=1800)  # the first three expired now
    assert hub.client.post("/admin/v1/purge", headers=ADMIN).status_code == 200
    assert tokens_kept(hub) == 1
    assert works(hub, live) == 200
    hub.client.delete(f"/admin/v1/accounts/{BUYER}/keys/{key_id(hub)}", headers=ADMIN)
    hub.client.post("/admin/v1/purge", headers=ADMIN)
    assert tokens_kept(hub) == 0


def test_answers_that_carry_a_key_or_a_token_are_never_cached(hub: Hub) -> None:
    bought = token(hub, hub.keys[BUYER])
    created = hub.client.post(
        "/admin/v1/accounts", json={"name": "New", "parties": ["partner:acme"]}, headers=ADMIN
    )
    login = {"username": "acme", "password": created.json()["apiKey"]}
    partner = hub.client.post("/authentication/v1/partner", json=login)
    for answer in (bought, created, partner, token(hub, "ordex_wrong")):
        assert {k: answer.headers.get(k) for k in NO_STORE} == NO_STORE, answer.request.url
