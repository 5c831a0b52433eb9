"""Signing in to the web inbox (issue 22): an API key first, then a password; a
server-side session in an HttpOnly, SameSite=Lax cookie (Secure over https), a CSRF token
on every form, sign-out and expiry; the edge lets the inbox's pages through without API
credentials."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from ordex.api.app import create_app
from ordex.domain.accounts import key_id_of
from ordex.domain.sessions import SESSION_LIFETIME
from ordex.services.accounts import revoke_key
from ordex.storage.web_tables import account_passwords, web_sessions
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.e2e.web.browser_helpers import csrf_of, errors_in, sign_in


def test_the_root_sends_a_stranger_to_the_inbox_and_the_inbox_to_the_sign_in_page(
    hub: Hub,
) -> None:
    root = hub.client.get("/", follow_redirects=False)
    assert (root.status_code, root.headers["location"]) == (303, "/inbox")
    inbox = hub.client.get("/inbox", follow_redirects=False)
    assert inbox.status_code == 303
    assert inbox.headers["location"] == "/inbox/sign-in?next=%2Finbox"
    page = hub.client.get("/inbox/sign-in")
    assert page.status_code == 200 and 'for="apiKey"' in page.text


def test_a_supplier_signs_in_with_its_api_key_into_an_httponly_lax_session(hub: Hub) -> None:
    page = hub.client.get("/inbox/sign-in")
    answer = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": hub.keys[SELLER]},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "ordex_session=" in c)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    inbox = hub.client.get("/inbox")
    assert inbox.status_code == 200 and SELLER in inbox.text
    with hub.runtime.engine.connect() as conn:
        stored = conn.execute(select(web_sessions.c.session_hash)).scalars().all()
    secret = cookie.split(";")[0].split("=", 1)[1]
    assert len(stored) == 1 and secret not in stored  # only its hash is kept


def test_the_session_cookie_is_secure_when_the_inbox_is_served_over_https(hub: Hub) -> None:
    with TestClient(create_app(hub.runtime), base_url="https://testserver") as client:
        page = client.get("/inbox/sign-in")
        answer = client.post(
            "/inbox/sign-in",
            data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": hub.keys[SELLER]},
            follow_redirects=False,
        )
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "ordex_session=" in c)
    assert "Secure" in cookie


def test_a_wrong_key_is_refused_on_the_page_without_a_session(hub: Hub) -> None:
    page = hub.client.get("/inbox/sign-in")
    answer = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": "ordex_wrong"},
        follow_redirects=False,
    )
    assert answer.status_code == 401
    assert "This API key is unknown." in errors_in(answer.text)
    assert "ordex_session" not in answer.headers.get("set-cookie", "")


def test_a_sign_in_without_its_forms_token_is_refused(hub: Hub) -> None:
    answer = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": "forged", "mode": "key", "apiKey": hub.keys[SELLER]},
        follow_redirects=False,
    )
    assert answer.status_code == 400
    assert "ordex_session" not in answer.headers.get("set-cookie", "")


def test_a_form_without_the_sessions_csrf_token_changes_nothing(hub: Hub) -> None:
    sign_in(hub.client, hub.keys[SELLER])
    answer = hub.client.post("/inbox/sign-out", data={"csrf": "forged"}, follow_redirects=False)
    assert answer.status_code == 401 and "CSRF" in answer.text
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 200


def test_signing_out_ends_the_session_on_the_server(hub: Hub) -> None:
    csrf = sign_in(hub.client, hub.keys[SELLER])
    secret = hub.client.cookies.get("ordex_session")
    answer = hub.client.post("/inbox/sign-out", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 303
    hub.client.cookies.set("ordex_session", secret or "")  # a copy kept by an attacker
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 303


def test_a_session_expires_after_its_lifetime(hub: Hub) -> None:
    sign_in(hub.client, hub.keys[SELLER])
    hub.clock.advance(seconds=SESSION_LIFETIME.total_seconds() - 1)
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 200
    hub.clock.advance(seconds=1)
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 303


def test_revoking_the_key_ends_the_sessions_it_opened(hub: Hub) -> None:
    sign_in(hub.client, hub.keys[SELLER])
    revoke_key(hub.runtime.ctx, SELLER, key_id_of(hub.keys[SELLER]))
    assert hub.client.get("/inbox", follow_redirects=False).status_code == 303


def test_an_account_sets_a_password_and_signs_in_with_it(hub: Hub) -> None:
    csrf = sign_in(hub.client, hub.keys[BUYER])
    short = hub.client.post(
        "/inbox/password", data={"csrf": csrf, "password": "short", "repeated": "short"}
    )
    assert short.status_code == 400 and "at least 12 characters." in errors_in(short.text)
    saved = hub.client.post(
        "/inbox/password",
        data={
            "csrf": csrf,
            "password": "correct horse battery",
            "repeated": "correct horse battery",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    with hub.runtime.engine.connect() as conn:
        stored = conn.execute(select(account_passwords.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    hub.client.cookies.clear()
    page = hub.client.get("/inbox/sign-in")
    wrong = hub.client.post(
        "/inbox/sign-in",
        data={"csrf": csrf_of(page.text), "mode": "password", "party": BUYER, "password": "x" * 12},
    )
    assert wrong.status_code == 401
    right = hub.client.post(
        "/inbox/sign-in",
        data={
            "csrf": csrf_of(page.text),
            "mode": "password",
            "party": BUYER,
            "password": "correct horse battery",
        },
        follow_redirects=False,
    )
    assert right.status_code == 303
    assert BUYER in hub.client.get("/inbox/sent").text


def test_the_sign_in_goes_back_only_to_a_page_of_the_inbox(hub: Hub) -> None:
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
    assert answer.headers["location"] == "/inbox"


def test_the_edge_limits_the_inbox_forms_bodies(hub: Hub) -> None:
    csrf = sign_in(hub.client, hub.keys[SELLER])
    answer = hub.client.post("/inbox/sign-out", data={"csrf": csrf, "padding": "x" * (600 * 1024)})
    assert answer.status_code == 413


def test_the_inbox_pages_are_left_out_of_the_openapi_description(hub: Hub) -> None:
    paths = hub.client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path == "/" or path.startswith(("/inbox", "/static"))]


def test_the_sessions_lifetime_is_hours_not_days() -> None:
    assert timedelta(hours=1) <= SESSION_LIFETIME <= timedelta(hours=12)
