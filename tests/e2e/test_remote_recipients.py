"""queryRecipientParty on an access point: parties of another hub are found on Peppol
(hub B's real SMP on loopback) and answered with channel ``peppol``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.network.ports import PeppolSettings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.e2e.conftest import BUYER, SELLER
from tests.fixture_pki import Issued, pki
from tests.loopback_app import serving

REMOTE_SELLER = "0088:5790000435975"
NOBODY = "0088:7300010000018"


def peppol(directory: Path, issued: Issued, name: str, smp_url: str | None) -> PeppolSettings:
    certificate, key = issued.write(directory, name)
    trust = directory / "trust.pem"
    trust.write_bytes(pki().trust_pem)
    return PeppolSettings(certificate, key, trust=str(trust), smp_url=smp_url)


@pytest.fixture(scope="module")
def hub_b_smp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("hub-b")
    rt = bootstrap(
        Settings(
            database_url=f"sqlite:///{directory / 'b.db'}",
            public_url="https://hub-b.example",
            peppol=peppol(directory, pki().hub_b, "hub-b", None),
        )
    )
    create_account(rt.ctx, "Remote seller", [parse_party_id(REMOTE_SELLER)])
    with serving(create_app(rt)) as url:
        yield url + "/smp"
    rt.engine.dispose()


@pytest.fixture
def hub_a(database_url: str, tmp_path: Path, hub_b_smp: str) -> Iterator[tuple[TestClient, str]]:
    settings = Settings(
        database_url=database_url, peppol=peppol(tmp_path, pki().hub_a, "hub-a", hub_b_smp)
    )
    rt = bootstrap(settings)
    _, key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield client, key
    rt.engine.dispose()


def test_query_recipient_party_answers_a_party_found_on_peppol_with_channel_peppol(
    hub_a: tuple[TestClient, str],
) -> None:
    client, key = hub_a
    url = f"/api/v1/{BUYER}/purchaseOrder/queryRecipientParty"
    headers = {"Authorization": f"Bearer {key}"}
    # The candidates of one recipient: one on this hub wins over the network.
    answer = client.post(url, json=[SELLER, REMOTE_SELLER, NOBODY], headers=headers)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["id"], answer.json()["channel"]) == (SELLER, "ordex")
    # None here: the first candidate found on Peppol, with the families it receives.
    answer = client.post(url, json=[NOBODY, REMOTE_SELLER], headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] == REMOTE_SELLER
    assert answer.json()["channel"] == "peppol"
    assert answer.json()["documentFamilies"] == ["Order", "OrderChange", "OrderCancellation"]
    answer = client.post(
        url, json=[REMOTE_SELLER], headers=headers, params={"documentFamily": "OrderChange"}
    )
    assert answer.json() == {
        "id": REMOTE_SELLER,
        "channel": "peppol",
        "description": answer.json()["description"],
        "documentFamilies": ["OrderChange"],
    }
