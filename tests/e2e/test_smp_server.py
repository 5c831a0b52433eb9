"""This hub's SMP over HTTP: signed Peppol SMP 1.x answers for the parties it hosts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from lxml import etree

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Rate, Settings
from ordex.network.ports import PeppolSettings
from ordex.network.signing import SignatureRejected, verified
from ordex.network.smp_documents import NSMAP, RECEIVED, read_service_metadata
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account, set_account_disabled
from tests.e2e.conftest import BUYER, SELLER
from tests.fixture_pki import pki, stranger

ORDER_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
    "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1"
)
T116_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2::OrderResponse"
    "##urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3::2.3"
)
PUBLIC_URL = "https://hub-a.example"


def smp_path(participant: str, document_type: str | None = None) -> str:
    """As SMP clients ask: identifiers with their schemes, percent-encoded."""
    path = "/smp/" + quote(f"iso6523-actorid-upis::{participant}", safe="")
    if document_type is not None:
        path += "/services/" + quote(f"busdox-docid-qns::{document_type}", safe="")
    return path


def peppol_settings(directory: Path) -> PeppolSettings:
    certificate, key = pki().hub_a.write(directory, "hub-a")
    trust = directory / "trust.pem"
    trust.write_bytes(pki().trust_pem)
    return PeppolSettings(ap_certificate=certificate, ap_key=key, trust=str(trust))


@pytest.fixture
def smp_hub(database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database_url,
        public_url=PUBLIC_URL,
        peppol=peppol_settings(tmp_path),
        anonymous_rate_limit=Rate(per_second=0.01, burst=6),
    )
    rt = bootstrap(settings)
    create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    gone, _ = create_account(rt.ctx, "Gone", [parse_party_id("0088:5790000435975")])
    set_account_disabled(rt.ctx, gone.account_id, True)
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield client
    rt.engine.dispose()


def test_the_smp_publishes_signed_ordering_services_of_hosted_parties_without_a_key(
    smp_hub: TestClient,
) -> None:
    group = smp_hub.get(smp_path(SELLER))
    assert group.status_code == 200, group.text
    root = etree.fromstring(group.content)
    assert root.findtext("ids:ParticipantIdentifier", namespaces=NSMAP) == SELLER
    hrefs = [
        element.get("href") for element in root.iterfind(".//smp:ServiceMetadataReference", NSMAP)
    ]
    assert len(hrefs) == len(RECEIVED) == 5
    assert f"{PUBLIC_URL}{smp_path(SELLER, ORDER_TYPE)}" in hrefs
    assert all(unquote(href).split("/services/busdox-docid-qns::")[1] for href in hrefs)

    answer = smp_hub.get(smp_path(SELLER, ORDER_TYPE))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/xml")
    trusted = [pki().root.certificate, pki().ap_ca.certificate]
    signed = verified(etree.fromstring(answer.content), trusted, datetime.now(UTC))
    information = read_service_metadata(signed)
    assert information.participant == SELLER and information.document_type == ORDER_TYPE
    assert set(information.processes) == {
        "urn:fdc:peppol.eu:poacc:bis:order_only:3",
        "urn:fdc:peppol.eu:poacc:bis:ordering:3",
        "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
    }
    for (endpoint,) in information.processes.values():
        assert endpoint.url == f"{PUBLIC_URL}/as4"
        assert endpoint.transport_profile == "peppol-transport-as4-v2_0"
        certificate = x509.load_der_x509_certificate(endpoint.certificate_der)
        assert certificate == pki().hub_a.certificate
    with pytest.raises(SignatureRejected):
        verified(etree.fromstring(answer.content), [stranger().certificate], datetime.now(UTC))

    response = smp_hub.get(smp_path(BUYER, T116_TYPE))
    information = read_service_metadata(
        verified(etree.fromstring(response.content), trusted, datetime.now(UTC))
    )
    assert list(information.processes) == ["urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"]


def test_the_smp_answers_404_for_anyone_and_anything_it_does_not_host(
    smp_hub: TestClient,
) -> None:
    for path in (
        smp_path("0088:7300010000018"),  # nobody's
        smp_path("0088:5790000435975"),  # a disabled account's
        smp_path("0088:123"),  # not even a valid GLN
        "/smp/business%3ASHOP-1",  # a commerce party is not on Peppol
        smp_path(SELLER, ORDER_TYPE.replace("order:3", "invoice:3")),
        "/smp/"
        + quote(f"iso6523-actorid-upis::{SELLER}")
        + "/services/"
        + quote(f"other-scheme::{ORDER_TYPE}", safe=""),
    ):
        answer = smp_hub.get(path)
        assert answer.status_code == 404, (path, answer.text)
    assert smp_hub.get(smp_path(SELLER)).status_code == 429  # the 7th from this address


def test_a_hub_that_is_not_an_access_point_has_no_smp(database_url: str) -> None:
    rt = bootstrap(Settings(database_url=database_url))
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        assert client.get(smp_path(SELLER)).status_code == 404
    rt.engine.dispose()
