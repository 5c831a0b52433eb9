"""Peppol AS4 between two hubs: orders per second from a buyer on hub A to the seller's
webhook on hub B, against the crypto-only baseline of the same library.

    .venv/bin/python bench/as4.py [--orders 200] [--clients 4]

Two ``ordex serve`` processes on loopback (SQLite each, a dev PKI from ``write_dev_pki``,
each hub's ``ORDEX_PEPPOL_SMP_URL`` at the other's ``/smp``); a webhook receiver of the
seller on B notes when each ``OrderReceived`` arrives. ``--orders`` orders are sent to A
by ``--clients`` threads; each goes A's API -> A's outbox -> lookup at B's SMP -> AS4
(signed, encrypted) -> B's ``/as4`` -> B's receive path -> B's webhook. Printed: the
end-to-end rate (orders / time from the first send to the last webhook), the latency of
each order (send -> webhook) p50 and p99, and in the same run the baseline: build + parse
+ receipt verification of one such message, in one process, with the same library
(``ordex.network.as4_port``), as messages per second. Target (issue 18): the end-to-end
rate at least 50 % of the baseline. Run by hand; the figures depend on the machine.
"""

# ruff: noqa: E402
from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the library it measures: its folder must not shadow ``as4``.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.network.as4_port import AccessPoint, build_message, receive_message, verify_receipt
from ordex.network.pki import write_dev_pki
from ordex.network.trust import security_policy
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account

ROOT = Path(__file__).resolve().parents[1]
ORDER = (ROOT / "examples" / "order.xml").read_bytes()
BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
DOCUMENT_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
    "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1"
)
PROCESS = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def access_point(pki: Path, seat: str) -> AccessPoint:
    certificate = x509.load_pem_x509_certificate((pki / f"{seat}.pem").read_bytes())
    key = load_pem_private_key((pki / f"{seat}.key").read_bytes(), None)
    return AccessPoint.create(certificate, key, security_policy(str(pki / "trust.pem")))  # type: ignore[arg-type]


def baseline(pki: Path, seconds: float = 5.0) -> float:
    """Messages per second: build + parse + verify the receipt, one after the other."""
    a, b = access_point(pki, "POP000001"), access_point(pki, "POP000002")
    b_pem = (pki / "POP000002.pem").read_bytes()
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        message = build_message(
            a,
            receiver_certificate=b_pem,
            payload=ORDER,
            sender=BUYER,
            receiver=SELLER,
            document_type=DOCUMENT_TYPE,
            process=PROCESS,
            country="BE",
        )
        received = receive_message(b, message.headers["Content-Type"], message.body)
        verify_receipt(a, message.exchange, received.signal)  # type: ignore[union-attr]
        done += 1
    return done / (time.perf_counter() - started)


class Arrivals:
    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.lock = threading.Lock()
        self.all_in = threading.Event()
        self.expected = 0


def receiver(arrivals: Arrivals) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            now = time.perf_counter()
            payload = json.loads(body)
            if payload.get("topic") == "OrderReceived":
                number = payload["details"]["orderNumber"]
                with arrivals.lock:
                    arrivals.at.setdefault(number, now)
                    if len(arrivals.at) >= arrivals.expected:
                        arrivals.all_in.set()
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_hubs(work: Path) -> tuple[list[subprocess.Popen[bytes]], dict[str, tuple[str, str]]]:
    pki = work / "pki"
    ports = {"a": free_port(), "b": free_port()}
    processes, hubs = [], {}
    for name, seat, party, other in (
        ("a", "POP000001", BUYER, "b"),
        ("b", "POP000002", SELLER, "a"),
    ):
        database = work / f"{name}.db"
        rt = bootstrap(Settings(database_url=f"sqlite:///{database}"))
        _, key = create_account(rt.ctx, f"hub {name}", [parse_party_id(party)])
        rt.engine.dispose()
        env = {
            **os.environ,
            "ORDEX_DATABASE_URL": f"sqlite:///{database}",
            "ORDEX_PORT": str(ports[name]),
            "ORDEX_PUBLIC_URL": f"http://127.0.0.1:{ports[name]}",
            "ORDEX_PEPPOL_AP_CERT": str(pki / f"{seat}.pem"),
            "ORDEX_PEPPOL_AP_KEY": str(pki / f"{seat}.key"),
            "ORDEX_PEPPOL_TRUST": str(pki / "trust.pem"),
            "ORDEX_PEPPOL_SMP_URL": f"http://127.0.0.1:{ports[other]}/smp",
            "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
            "ORDEX_ALLOW_HTTP_WEBHOOKS": "1",
            "ORDEX_RATE_LIMIT": "off",
            "ORDEX_LOG_FORMAT": "json",
        }
        log = (work / f"{name}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "ordex", "serve"], env=env, stdout=log, stderr=log
            )
        )
        hubs[name] = (f"http://127.0.0.1:{ports[name]}", key)
    for url, _ in hubs.values():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
    return processes, hubs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ordex-bench-as4-"))
    write_dev_pki(work / "pki", ["POP000001", "POP000002"])
    arrivals = Arrivals()
    arrivals.expected = args.orders
    server = receiver(arrivals)
    processes, hubs = start_hubs(work)
    try:
        (a_url, a_key), (b_url, b_key) = hubs["a"], hubs["b"]
        hook = httpx.put(
            f"{b_url}/api/v1/{SELLER}/hook",
            json={"action": f"http://127.0.0.1:{server.server_port}/", "topics": ["*"]},
            headers={"Authorization": f"Bearer {b_key}"},
        )
        hook.raise_for_status()
        sent_at: dict[str, float] = {}
        client = httpx.Client(
            base_url=a_url, headers={"Authorization": f"Bearer {a_key}"}, timeout=60
        )

        def send(n: int) -> None:
            number = f"PO-BENCH-{n:06d}"
            body = ORDER.replace(b"PO-2026-0001", number.encode())
            sent_at[number] = time.perf_counter()
            answer = client.post(
                f"/api/v1/{BUYER}/purchaseOrder/send",
                content=body,
                headers={"Content-Type": "application/xml"},
            )
            answer.raise_for_status()

        # one order first: the lookups' connections and caches warm up
        arrivals.expected = 1
        send(-1)
        arrivals.all_in.wait(60)
        arrivals.all_in.clear()
        arrivals.at.clear()
        arrivals.expected = args.orders
        sent_at.clear()
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(send, range(args.orders)))
        complete = arrivals.all_in.wait(max(120, args.orders))
        ended = max(arrivals.at.values()) if arrivals.at else time.perf_counter()
        client.close()
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        server.shutdown()
    arrived = len(arrivals.at)
    latencies = [(arrivals.at[n] - sent_at[n]) * 1000 for n in arrivals.at if n in sent_at]
    rate = arrived / (ended - started)
    base = baseline(work / "pki")
    print(
        f"orders sent to hub A: {args.orders} by {args.clients} clients; at B's webhook: {arrived}"
    )
    if not complete:
        print("  (not all arrived within the wait: see the logs in", work, ")")
    print(f"end to end: {rate:.1f} orders/s")
    if latencies:
        print(
            f"latency send -> webhook: p50 {statistics.median(latencies):.0f} ms, "
            f"p99 {percentile(latencies, 0.99):.0f} ms"
        )
    print(f"baseline (build + parse + receipt, one process): {base:.1f} messages/s")
    print(f"ratio end-to-end / baseline: {rate / base:.2f} (target >= 0.5)")
    return 0 if complete else 1


if __name__ == "__main__":
    raise SystemExit(main())
