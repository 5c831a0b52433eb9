"""The reader's pages work offline: /docs and /redoc load their scripts from ordex itself,
/docs/errors explains every code the API answers, and every helpLink leads there."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ordex.api import errors as error_tables
from ordex.api.app import create_app
from ordex.api.reference import documented_codes
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.errors import OrdexError

ASSET = re.compile(r"""(?:src|href)=["']?([^"' >]+)""")


def _client(settings: Settings) -> Iterator[TestClient]:
    rt = bootstrap(settings)
    with TestClient(create_app(rt)) as client:
        yield client
    rt.engine.dispose()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    yield from _client(Settings(database_url="sqlite://"))


def answerable_codes() -> set[str]:
    """Every ``errorCode`` an answer can carry: each mapped error's, and the generic one
    of HTTP errors without a route and of internal errors."""
    return {cls.code for cls in error_tables.STATUS} | {OrdexError.code}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_api_reference_loads_every_script_and_style_from_ordex(
    client: TestClient, page: str
) -> None:
    answer = client.get(page)
    assert answer.status_code == 200
    assets = ASSET.findall(answer.text)
    assert any(asset.endswith(".js") for asset in assets), answer.text
    for asset in assets:
        assert asset.startswith("/"), f"{page} loads {asset} from elsewhere"
        if asset.endswith((".js", ".css", ".png")):
            loaded = client.get(asset)
            assert loaded.status_code == 200, asset
            assert len(loaded.content) > 1000, asset
    assert "cdn." not in answer.text and "fonts.googleapis" not in answer.text


def test_the_start_page_sends_people_to_the_docs(client: TestClient) -> None:
    answer = client.get("/")  # the web inbox's sign-in page, which links the API docs
    assert answer.status_code == 200 and "Sign in" in answer.text
    for link in ('href="/docs"', 'href="/docs/errors"', 'href="/openapi.json"'):
        assert link in answer.text
    answer = client.get("/start")
    assert answer.status_code == 200
    for link in ('href="/docs"', 'href="/docs/errors"', 'href="/openapi.json"'):
        assert link in answer.text


def test_every_code_the_api_answers_has_one_heading_in_the_error_reference() -> None:
    documented = documented_codes()
    assert len(documented) == len(set(documented)), "a code has two headings"
    assert sorted(answerable_codes() - set(documented)) == []
    assert sorted(set(documented) - answerable_codes()) == [], "a heading names no code"


def test_the_error_reference_page_has_an_anchor_per_code(client: TestClient) -> None:
    page = client.get("/docs/errors")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for code in answerable_codes():
        assert f'id="{code}"' in page.text, code


def test_a_psb_error_help_link_leads_to_its_entry(client: TestClient) -> None:
    answer = client.get("/api/v1/0088:7300010000001/purchaseOrder/nope/status")
    body = answer.json()
    assert body["helpLink"] == f"http://testserver/docs/errors#{body['errorCode']}"
    page = client.get(body["helpLink"].removeprefix("http://testserver"))
    assert f'id="{body["errorCode"]}"' in page.text


def test_the_help_link_can_point_to_a_hosted_reference() -> None:
    hosted = "https://docs.example.com/ordex/errors"
    settings = dataclasses.replace(Settings(database_url="sqlite://"), error_reference_url=hosted)
    for client in _client(settings):
        answer = client.get("/api/v1/0088:7300010000001/purchaseOrder/nope/status")
        assert answer.json()["helpLink"] == f"{hosted}#AUTHENTICATION_FAILED"
        problem = client.get("/admin/v1/accounts")
        assert problem.json()["type"].startswith(hosted + "#")
