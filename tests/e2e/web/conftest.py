"""The web tests' hub: the e2e hub, with webhooks to this machine allowed (the hooks page)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.e2e.conftest import ADMIN_TOKEN, BUYER, OTHER, SELLER, Hub
from tests.unit.fakes import FakeClock


@pytest.fixture
def hub(database_url: str) -> Iterator[Hub]:
    settings = Settings(
        database_url=database_url,
        admin_token=ADMIN_TOKEN,
        allow_private_webhooks=True,
        allow_http_webhooks=True,
    )
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    keys = {}
    for name, party in (("Buyer", BUYER), ("Seller", SELLER), ("Other", OTHER)):
        _, key = create_account(rt.ctx, name, [parse_party_id(party)])
        keys[party] = key
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Hub(client=client, runtime=rt, clock=clock, keys=keys)
    rt.engine.dispose()
