"""Signing in to the web inbox (issue 22): an API key first, then a password; a
server-side session in an HttpOnly, SameSite=Lax cookie (Secure over https), a CSRF token
on every form, sign-out and expiry; the edge lets the inbox's pages through without API
credentials. (Few tests, each a story: every test pays for a fresh database twice.)"""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from ordex.api.app import create_app
from ordex.domain.accounts import key_id_of
from ordex.domain.sessions import SESSION_LIFETIME
from ordex.services.accounts import revoke_key
from ordex.storage.web_tables import account_passwords, web_sessions
from ordex.web.app import web_routers
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.e2e.web.browser_helpers import csrf_of, errors_in, sign_in


def _session_cookie(answer: object) -> str:
    cookies = answer.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return next(c for c in cookies if "ordex_session=" in c)


def test_a_supplier_signs_in_with_its_key_into_a_server_side_session_and_signs_out(
    hub: Hub,
) -> None:
    root = hub.client.get("/", follow_redirects=False)
    assert (root.status_code, root.headers["location"]) == (303, "/inbox")
    inbox = hub.client.get("/inbox", follow_redirects=False)
    assert (inbox.status_code, inbox.headers["location"]) == (303, "/inbox/sign-in?next=%2Finbox")
    page = hub.client.get("/inbox/sign-in")
    answer = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": hub.keys[SELLER]},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    cookie = _session_cookie(answer)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    signed_in = hub.client.get("/inbox")
    assert signed_in.status_code == 200 and SELLER in signed_in.text
    secret = cookie.split(";")[0].split("=", 1)[1]
    with hub.runtime.engine.connect() as conn:
        stored = conn.execute(select(web_sessions.c.session_hash)).scalars().all()
    assert len(stored) == 1 and secret not in stored  # only its hash is kept

    out = hub.client.post(
        "/inbox/sign-out", data={"csrf": csrf_of(signed_in.text)}, follow_redirects=False
    )
    assert out.status_code == 303
    hub.client.cookies.set("ordex_session", secret)  # a copy kept by an attacker
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 303

    with TestClient(create_app(hub.runtime), base_url="https://testserver") as client:
        page = client.get("/inbox/sign-in")
        answer = client.post(
            "/inbox/sign-in",
            data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": hub.keys[SELLER]},
            follow_redirects=False,
        )
    assert "Secure" in _session_cookie(answer)


def test_bad_keys_forged_forms_foreign_targets_and_big_bodies_are_refused(hub: Hub) -> None:
    page = hub.client.get("/inbox/sign-in")
    wrong = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": "ordex_wrong"},
        follow_redirects=False,
    )
    assert wrong.status_code == 401 and "This API key is unknown." in errors_in(wrong.text)
    forged = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": "forged", "mode": "key", "apiKey": hub.keys[SELLER]},
        follow_redirects=False,
    )
    assert forged.status_code == 400
    for answer in (wrong, forged):
        assert "ordex_session" not in answer.headers.get("set-cookie", "")

    page = hub.client.get("/inbox/sign-in?next=https://evil.example/")
    answer = hub.client.post(
        "/inbox/sign-in",
        data={
            "csrf": csrf_of(page.text),
            "mode": "key",
            "apiKey": hub.keys[SELLER],
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/inbox"  # back to the inbox only

    csrf = csrf_of(hub.client.get("/inbox").text)
    no_token = hub.client.post("/inbox/sign-out", data={"csrf": "forged"})
    assert no_token.status_code == 401 and "CSRF" in no_token.text
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 200  # still in
    big = hub.client.post("/inbox/sign-out", data={"csrf": csrf, "padding": "x" * 600_000})
    assert big.status_code == 413

    web = [route for router in web_routers() for route in router.routes]
    assert len(web) > 20
    assert not [r for r in web if getattr(r, "include_in_schema", True)]  # not in OpenAPI


def test_a_session_ends_after_its_lifetime_or_when_its_key_is_revoked(hub: Hub) -> None:
    sign_in(hub.client, hub.keys[SELLER])
    hub.clock.advance(seconds=SESSION_LIFETIME.total_seconds() - 1)
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 200
    hub.clock.advance(seconds=1)
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 303
    sign_in(hub.client, hub.keys[SELLER])
    revoke_key(hub.runtime.ctx, SELLER, key_id_of(hub.keys[SELLER]))
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 303


def test_an_account_sets_a_password_and_signs_in_with_it(hub: Hub) -> None:
    csrf = sign_in(hub.client, hub.keys[BUYER])
    short = hub.client.post(
        "/inbox/password", data={"csrf": csrf, "password": "short", "repeated": "short"}
    )
    assert short.status_code == 400 and "at least 12 characters." in errors_in(short.text)
    password = "correct horse battery"
    saved = hub.client.post(
        "/inbox/password",
        data={"csrf": csrf, "password": password, "repeated": password},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    with hub.runtime.engine.connect() as conn:
        stored = conn.execute(select(account_passwords.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    hub.client.cookies.clear()
    token = csrf_of(hub.client.get("/inbox/sign-in").text)
    for given, status in (("x" * 12, 401), (password, 303)):
        answer = hub.client.post(
            "/inbox/sign-in",
            data={"csrf": token, "mode": "password", "party": BUYER, "password": given},
            follow_redirects=False,
        )
        assert answer.status_code == status
    assert BUYER in hub.client.get("/inbox/sent").text


def test_the_sessions_lifetime_is_hours_not_days() -> None:
    assert timedelta(hours=1) <= SESSION_LIFETIME <= timedelta(hours=12)
