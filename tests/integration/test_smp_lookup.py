"""The Peppol lookup against this hub's real SMP on loopback, a hostile SMP, and an SML
DNS stub on loopback (dnspython on both sides): nothing leaves 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dns.message
import dns.rcode
import dns.resolver
import dns.rrset
import pytest
from cryptography import x509
from lxml import etree

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.content import PartyId
from ordex.network.directory import (
    FixedSmp,
    SmlLocator,
    SmpDirectory,
    directory_from_settings,
    sml_name,
)
from ordex.network.ports import LookupFailed, LookupProblem, PeppolSettings
from ordex.network.signing import XmlSigner
from ordex.network.smp_documents import (
    RECEIVED,
    PublishedEndpoint,
    service_metadata,
    service_url,
)
from ordex.network.trust_bundle import trusted_certificates
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.fixture_pki import Issued, pki, stranger
from tests.loopback_app import serving
from tests.unit.fakes import FakeClock

SELLER = "0088:7302347231110"
NOBODY = "0088:7300010000018"
PUBLIC_URL = "https://hub-a.example"
ORDER, T116 = RECEIVED[0].document_type, RECEIVED[3].document_type
ADVANCED = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"
ORDERING = "urn:fdc:peppol.eu:poacc:bis:ordering:3"


def trusted() -> list[x509.Certificate]:
    return [pki().root.certificate, pki().ap_ca.certificate]


@pytest.fixture(scope="module")
def smp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This hub's SMP (hub A's certificate) on loopback, hosting SELLER; yields its URL."""
    directory = tmp_path_factory.mktemp("hub-a")
    certificate, key = pki().hub_a.write(directory, "hub-a")
    trust = directory / "trust.pem"
    trust.write_bytes(pki().trust_pem)
    settings = Settings(
        database_url=f"sqlite:///{directory / 'ordex.db'}",
        public_url=PUBLIC_URL,
        peppol=PeppolSettings(ap_certificate=certificate, ap_key=key, trust=str(trust)),
    )
    rt = bootstrap(settings)
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    with serving(create_app(rt)) as url:
        yield url + "/smp"
    rt.engine.dispose()


def test_a_participant_hosted_at_the_smp_is_found_with_its_as4_endpoint_and_certificate(
    smp: str,
) -> None:
    endpoint = SmpDirectory(FixedSmp(smp), trusted()).lookup(
        parse_party_id(SELLER), ORDER, ADVANCED
    )
    assert endpoint.url == f"{PUBLIC_URL}/as4"
    assert endpoint.transport_profile == "peppol-transport-as4-v2_0"
    assert x509.load_pem_x509_certificate(endpoint.certificate_pem) == pki().hub_a.certificate


def test_the_lookup_says_not_registered_not_serviced_and_untrusted(smp: str) -> None:
    directory = SmpDirectory(FixedSmp(smp), trusted())
    seller = parse_party_id(SELLER)
    cases = [
        (directory, parse_party_id(NOBODY), ORDER, ADVANCED, LookupProblem.NOT_REGISTERED),
        (directory, seller, ORDER.replace("order:3", "invoice:3"), ADVANCED, "not_serviced"),
        (directory, seller, T116, ORDERING, LookupProblem.NOT_SERVICED),  # T116: advanced only
        (
            SmpDirectory(FixedSmp(smp), [stranger().certificate]),
            seller,
            ORDER,
            ADVANCED,
            LookupProblem.UNTRUSTED,
        ),
        (
            SmpDirectory(
                FixedSmp(smp), trusted(), clock=FakeClock(datetime.now(UTC) + timedelta(days=800))
            ),
            seller,
            ORDER,
            ADVANCED,
            LookupProblem.UNTRUSTED,  # the SMP's certificate has expired by then
        ),
    ]
    for each, participant, document_type, process, problem in cases:
        with pytest.raises(LookupFailed) as failed:
            each.lookup(participant, document_type, process)
        assert failed.value.problem == problem, (document_type, process, str(failed.value))


# A hostile SMP: answers as the test tells it ------------------------------------------


@dataclass
class Scripted:
    url: str = ""
    answers: dict[str, tuple[int, bytes, float]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def hostile() -> Iterator[Scripted]:
    scripted = Scripted()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body, delay = scripted.answers.get(self.path, (404, b"", 0.0))
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(OSError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    scripted.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield scripted
    server.shutdown()
    server.server_close()


def signed_answer(signer: Issued, url: str = f"{PUBLIC_URL}/as4", **dates: datetime) -> bytes:
    endpoint = PublishedEndpoint(url=url, certificate_der=_der(pki().hub_b), **dates)  # type: ignore[arg-type]
    party = parse_party_id(SELLER)
    return XmlSigner(signer.key_pem, signer.pem).sign(
        service_metadata(party, RECEIVED[0], endpoint)
    )


def _der(issued: Issued) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return issued.certificate.public_bytes(Encoding.DER)


def test_unsigned_tampered_hostile_oversized_slow_and_stale_answers_are_not_used(
    hostile: Scripted,
) -> None:
    seller = parse_party_id(SELLER)
    path = service_url("", seller, ORDER)
    good = signed_answer(pki().hub_b)
    root = etree.fromstring(good)
    unsigned = root.find("{http://www.w3.org/2000/09/xmldsig#}Signature")
    assert unsigned is not None
    tampered = good.replace(f"{PUBLIC_URL}/as4".encode(), b"https://evil.example/as4")
    root.remove(unsigned)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    past = datetime.now(UTC) - timedelta(days=2)
    cases = {
        "signed": (good, 0.0, None),
        "unsigned": (etree.tostring(root), 0.0, LookupProblem.UNTRUSTED),
        "tampered": (tampered, 0.0, LookupProblem.UNTRUSTED),
        "stranger": (signed_answer(stranger()), 0.0, LookupProblem.UNTRUSTED),
        "entities": (bomb, 0.0, LookupProblem.INVALID),
        "huge": (b"<x>" + b" " * 300_000 + b"</x>", 0.0, LookupProblem.INVALID),
        "slow": (good, 1.5, LookupProblem.UNREACHABLE),
        "expired": (
            signed_answer(pki().hub_b, activation=past, expiration=past + timedelta(days=1)),
            0.0,
            LookupProblem.NOT_SERVICED,
        ),
    }
    for name, (body, delay, problem) in cases.items():
        hostile.answers[f"/{name}{path}"] = (200, body, delay)
        directory = SmpDirectory(FixedSmp(f"{hostile.url}/{name}"), trusted(), timeout=0.5)
        if problem is None:
            assert directory.lookup(seller, ORDER, ADVANCED).url == f"{PUBLIC_URL}/as4"
            continue
        with pytest.raises(LookupFailed) as failed:
            directory.lookup(seller, ORDER, ADVANCED)
        assert failed.value.problem == problem, (name, str(failed.value))
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    nowhere = f"http://127.0.0.1:{closed.getsockname()[1]}"
    closed.close()
    with pytest.raises(LookupFailed) as failed:
        SmpDirectory(FixedSmp(nowhere), trusted()).lookup(seller, ORDER, ADVANCED)
    assert failed.value.problem == LookupProblem.UNREACHABLE


# The SML: a DNS stub on loopback ------------------------------------------------------


def test_the_sml_name_is_the_base32_sha256_of_the_lowercased_value() -> None:
    # the vector of the Peppol reference client (phax/peppol-commons' URL provider tests)
    name = sml_name(PartyId("9999", "elonia"), "edelivery.tech.ec.europa.eu")
    assert name == (
        "hsh3fmc5cyerdv5j6ln6mmqcn2pp2ucyvczrwueahosobvikb6kq"
        ".iso6523-actorid-upis.edelivery.tech.ec.europa.eu"
    )
    assert sml_name(PartyId("9999", "ELONIA"), "edelivery.tech.ec.europa.eu") == name


@contextmanager
def dns_stub(records: dict[str, str], drop: bool = False) -> Iterator[dns.resolver.Resolver]:
    """A UDP DNS server on loopback answering NAPTR ``records`` (name -> SMP URL) and
    NXDOMAIN for every other name (or nothing at all with ``drop``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                wire, client = sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            if drop:
                continue
            query = dns.message.from_wire(wire)
            answer = dns.message.make_response(query)
            question = query.question[0]
            url = records.get(question.name.to_text().rstrip("."))
            if url is None:
                answer.set_rcode(dns.rcode.NXDOMAIN)
            else:
                answer.answer.append(
                    dns.rrset.from_text(
                        question.name,
                        60,
                        "IN",
                        "NAPTR",
                        '100 10 "S" "SIP+D2U" "" _sip._udp.example.',
                        f'100 10 "U" "Meta:SMP" "!^.*$!{url}!" .',
                    )
                )
            sock.sendto(answer.to_wire(), client)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = sock.getsockname()[1]
    try:
        yield resolver
    finally:
        stop.set()
        thread.join(2)
        sock.close()


def test_the_sml_dns_leads_to_the_smp_and_says_who_is_not_registered(
    smp: str, tmp_path: Path
) -> None:
    domain = "sml.ordex.test"
    seller = parse_party_id(SELLER)
    trust = tmp_path / "trust.pem"
    trust.write_bytes(pki().trust_pem)
    settings = Settings(
        peppol=PeppolSettings(
            ap_certificate=tmp_path / "unused.pem",
            ap_key=tmp_path / "unused.key",
            trust=str(trust),
            sml=domain,
        )
    )
    with dns_stub({sml_name(seller, domain): smp}) as resolver:
        directory = directory_from_settings(settings, resolver=resolver)
        assert directory.lookup(seller, ORDER, ADVANCED).url == f"{PUBLIC_URL}/as4"
        with pytest.raises(LookupFailed) as failed:
            directory.lookup(parse_party_id(NOBODY), ORDER, ADVANCED)
        assert failed.value.problem == LookupProblem.NOT_REGISTERED
    with dns_stub({}, drop=True) as resolver:
        locate = SmlLocator(domain, resolver, timeout=0.3)
        with pytest.raises(LookupFailed) as failed:
            SmpDirectory(locate, trusted()).lookup(seller, ORDER, ADVANCED)
        assert failed.value.problem == LookupProblem.UNREACHABLE


def test_a_trust_setting_that_cannot_be_read_is_said_at_start(tmp_path: Path) -> None:
    (tmp_path / "empty.pem").write_text("no certificate here")
    for trust in (str(tmp_path / "missing.pem"), str(tmp_path / "empty.pem")):
        settings = Settings(
            peppol=PeppolSettings(tmp_path / "a.pem", tmp_path / "a.key", trust=trust)
        )
        with pytest.raises(ValueError, match="ORDEX_PEPPOL_TRUST"):
            directory_from_settings(settings)


def test_the_named_trust_settings_are_the_openpeppol_root_and_smp_ca() -> None:
    for setting, kind in (("prod", "PUBLISHER CA"), ("test", "PUBLISHER TEST CA")):
        names = [c.subject.rfc4514_string() for c in trusted_certificates(setting)]
        assert len(names) == 2 and any(kind in name.upper() for name in names), names
