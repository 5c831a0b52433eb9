"""Two ``ordex serve`` processes, two SQLite databases, one dev PKI: hub A hosts the buyer,
hub B the seller, each looks the other's parties up at the other's ``/smp`` and delivers
to its ``/as4`` from its embedded worker. The Advanced Ordering conversation crosses
(order, CA response with lines, change answered AP, cancellation answered AP), every
document that crosses passes the official Schematron (when ``../shared`` has it), and
hub B killed with SIGKILL while orders are in flight gets each of them exactly once after
its restart."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.network.pki import write_dev_pki
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.conformance.shared import SHARED
from tests.receiver import Receiver, loopback_receiver

ROOT = Path(__file__).resolve().parents[2]
BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
ORDER = (ROOT / "examples" / "order.xml").read_bytes()
REFERENCE = b"<cac:OrderReference><cbc:ID>PO-2026-0001</cbc:ID></cac:OrderReference>"
XSLT = SHARED / "schematron" / "release-2026.5" / "xslt"


def _port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class HubProcess:
    name: str
    port: int
    database: Path
    env: dict[str, str]
    log: Path
    key: str
    party: str
    popen: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: bool = True) -> None:
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "ordex", "serve"],
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        assert self.popen is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert self.popen.poll() is None, self.log.read_text()[-3000:]
            time.sleep(0.05)
        raise AssertionError(f"hub {self.name} did not start: {self.log}")

    def kill(self) -> None:
        assert self.popen is not None
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                self.popen.kill()

    def api(self, method: str, path: str, **kw: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.key}", **kw.pop("headers", {})}
        url = f"{self.url}/api/v1/{self.party}/{path}"
        return httpx.request(method, url, headers=headers, timeout=30, **kw)

    def sql(self, query: str, *args: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.database, timeout=30) as conn:
            return list(conn.execute(query, args))


@pytest.fixture(scope="session")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubProcess, HubProcess]]:
    directory = tmp_path_factory.mktemp("two-hubs")
    write_dev_pki(directory / "pki", ["POP000001", "POP000002"])
    ports = {"a": _port(), "b": _port()}
    made: dict[str, HubProcess] = {}
    for name, seat, party, other in (
        ("a", "POP000001", BUYER, "b"),
        ("b", "POP000002", SELLER, "a"),
    ):
        database = directory / f"{name}.db"
        rt = bootstrap(Settings(database_url=f"sqlite:///{database}"))
        _, key = create_account(rt.ctx, f"hub {name}", [parse_party_id(party)])
        rt.engine.dispose()
        env = {
            **os.environ,
            "ORDEX_DATABASE_URL": f"sqlite:///{database}",
            "ORDEX_PORT": str(ports[name]),
            "ORDEX_PUBLIC_URL": f"http://127.0.0.1:{ports[name]}",
            "ORDEX_PEPPOL_AP_CERT": str(directory / "pki" / f"{seat}.pem"),
            "ORDEX_PEPPOL_AP_KEY": str(directory / "pki" / f"{seat}.key"),
            "ORDEX_PEPPOL_TRUST": str(directory / "pki" / "trust.pem"),
            "ORDEX_PEPPOL_SMP_URL": f"http://127.0.0.1:{ports[other]}/smp",
            "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
            "ORDEX_ALLOW_HTTP_WEBHOOKS": "1",
            "ORDEX_RATE_LIMIT": "off",
        }
        made[name] = HubProcess(
            name, ports[name], database, env, directory / f"{name}.log", key, party
        )
    for hub in made.values():
        hub.start(wait=False)  # (side by side: each takes seconds on a busy machine)
    for hub in made.values():
        hub.wait_ready()
    try:
        yield made["a"], made["b"]
    finally:
        for hub in made.values():
            hub.stop()


@pytest.fixture(scope="session")
def seller_hook(hubs: tuple[HubProcess, HubProcess]) -> Iterator[Receiver]:
    _, b = hubs
    with loopback_receiver() as receiver:
        answer = b.api("PUT", "hook", json={"action": receiver.url, "topics": ["*Received"]})
        assert answer.status_code == 200, answer.text
        yield receiver


def _eventually(check: Callable[[], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {check.__doc__ or check}")
        time.sleep(0.05)


def _items(hub: HubProcess, path: str, kind: str) -> list[dict[str, Any]]:
    answer = hub.api("GET", path, params={"limit": 100})
    assert answer.status_code == 200, answer.text
    return [item for item in answer.json()["items"] if item["documentType"] == kind]


def _official(transaction: str, xml: bytes) -> None:
    """The official Schematron of ``transaction`` finds nothing fatal in ``xml``."""
    if not XSLT.is_dir():
        return  # (the conformance suite says why; here the crossing itself is the test)
    from ordex.peppol.schematron import run_schematron

    fatal = [f for f in run_schematron(XSLT, transaction, xml) if f.flag == "fatal"]
    assert not fatal, fatal


def _received(hub: HubProcess, kind: str, number: int) -> dict[str, Any]:
    found = _eventually(lambda: len(_items(hub, "salesOrder", kind)) >= number)
    assert found
    return _items(hub, "salesOrder", kind)[0]


def test_the_advanced_ordering_conversation_crosses_between_two_hubs(
    hubs: tuple[HubProcess, HubProcess], seller_hook: Receiver
) -> None:
    a, b = hubs
    sent = a.api(
        "POST", "purchaseOrder/send", content=ORDER, headers={"Content-Type": "application/xml"}
    )
    assert sent.status_code == 200, sent.text
    order_id = sent.json()["id"]
    order = _received(b, "Order", 1)
    xml = b.api("GET", f"salesOrder/{order['documentId']}/download").content
    _official("T01", xml)
    _eventually(lambda: any(b'"OrderReceived"' in r.body for r in seller_hook.requests))
    # the seller answers CA with lines; the buyer on A gets the T116
    answer = b.api(
        "POST",
        f"salesOrder/{order['documentId']}/response",
        json={
            "status": "CA",
            "note": "Only 10 gloves in stock",
            "lines": [
                {"lineId": "1", "status": "changed", "quantity": "10", "unitCode": "C62"},
                {"lineId": "2", "status": "accepted"},
            ],
        },
    )
    assert answer.status_code == 200, answer.text

    def responses() -> list[dict[str, Any]]:
        return list(a.api("GET", f"purchaseOrder/{order_id}/responses").json()["items"])

    _eventually(lambda: len(responses()) == 1)
    t116 = httpx.get(
        a.url + responses()[0]["href"], headers={"Authorization": f"Bearer {a.key}"}
    ).content
    assert t116.count(b"<cac:OrderLine>") == 2
    _official("T116", t116)
    # a change (an Order naming the first): a T114 on B, answered AP
    change = (
        ORDER.replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", b"<cbc:ID>PO-2026-0001-B</cbc:ID>")
        .replace(b"<cac:BuyerCustomerParty>", REFERENCE + b"<cac:BuyerCustomerParty>", 1)
        .replace(b"Surgical masks, box of 50", b"Surgical masks type IIR, box of 50")
    )
    sent = a.api(
        "POST", "purchaseOrder/send", content=change, headers={"Content-Type": "application/xml"}
    )
    assert sent.status_code == 200, sent.text
    t114 = _received(b, "OrderChange", 1)
    _official("T114", b.api("GET", f"salesOrder/{t114['documentId']}/download").content)
    assert (
        b.api(
            "POST", f"salesOrder/{t114['documentId']}/response", json={"status": "AP"}
        ).status_code
        == 200
    )
    _eventually(lambda: len(responses()) == 2)
    # a cancellation, accepted: the order is cancelled on both hubs
    cancelled = a.api(
        "POST", f"purchaseOrder/{order_id}/cancel", json={"cancellationNote": "Ordered twice"}
    )
    assert cancelled.status_code == 200, cancelled.text
    t115 = _received(b, "OrderCancellation", 1)
    _official("T115", b.api("GET", f"salesOrder/{t115['documentId']}/download").content)
    assert (
        b.api(
            "POST", f"salesOrder/{t115['documentId']}/response", json={"status": "AP"}
        ).status_code
        == 200
    )
    _eventually(lambda: len(responses()) == 3)
    for t116 in responses()[1:]:
        _official(
            "T116",
            httpx.get(a.url + t116["href"], headers={"Authorization": f"Bearer {a.key}"}).content,
        )
    states = a.sql("SELECT state FROM orders")
    assert states == [("cancelled",)], states
    assert b.sql("SELECT state FROM orders") == [("cancelled",)]
    assert a.sql("SELECT count(*) FROM network_transmissions WHERE status != 'delivered'") == [(0,)]
    assert b.sql("SELECT count(*) FROM network_transmissions WHERE status != 'delivered'") == [(0,)]


def test_hub_b_killed_mid_flight_gets_each_order_exactly_once_after_its_restart(
    hubs: tuple[HubProcess, HubProcess],
) -> None:
    a, b = hubs
    numbers = [f"PO-KILL-{n}" for n in range(6)]
    for number in numbers:
        order = ORDER.replace(b"PO-2026-0001", number.encode())
        sent = a.api(
            "POST", "purchaseOrder/send", content=order, headers={"Content-Type": "application/xml"}
        )
        assert sent.status_code == 200, sent.text

    def some_arrived() -> bool:
        return bool(b.sql("SELECT count(*) FROM documents WHERE number LIKE 'PO-KILL-%'")[0][0])

    _eventually(some_arrived, timeout=30)
    b.kill()  # with the rest in flight or still queued on A
    b.start()
    # the first retry comes 5 s after a failed try; the test does not wait for later ones
    a.sql("UPDATE network_transmissions SET next_attempt_at = created_at WHERE status = 'pending'")

    def all_delivered() -> bool:
        rows = a.sql(
            "SELECT status FROM network_transmissions t JOIN documents d USING (document_id) "
            "WHERE d.number LIKE 'PO-KILL-%'"
        )
        return len(rows) == len(numbers) and all(status == "delivered" for (status,) in rows)

    _eventually(all_delivered, timeout=60)
    stored = b.sql("SELECT number FROM documents WHERE number LIKE 'PO-KILL-%' ORDER BY number")
    assert [number for (number,) in stored] == numbers
    received = b.sql(
        "SELECT count(*), count(DISTINCT r.message_id) FROM network_received r "
        "JOIN documents d USING (document_id) WHERE d.number LIKE 'PO-KILL-%'"
    )
    assert received == [(len(numbers), len(numbers))]
