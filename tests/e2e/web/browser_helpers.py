"""Sign a TestClient in to the web inbox, and read forms' tokens (the e2e web tests)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, key: str) -> str:
    """Sign in with ``key``; returns the session's CSRF token."""
    page = client.get("/inbox/sign-in")
    answer = client.post(
        "/inbox/sign-in",
        data={"csrf": csrf_of(page.text), "mode": "key", "apiKey": key, "next": "/inbox"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return csrf_of(client.get("/inbox").text)


def errors_in(html: str) -> list[str]:
    return re.findall(r'class="(?:field-)?error"[^>]*>\s*(?:<p>)?([^<]+)', html)
