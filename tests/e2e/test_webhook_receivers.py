"""ordex's webhook signatures verify with the Standard Webhooks reference library, and the
receiver of docs/webhook-receivers.md verifies a real delivery."""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from standardwebhooks import Webhook, WebhookVerificationError

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.webhooks import signed_headers
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.receiver import Receiver, loopback_receiver

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhook-receivers.md"
WHSEC = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def _library(secret: str) -> Webhook:
    return Webhook(secret if secret.startswith("whsec_") else secret.encode())


@pytest.mark.parametrize("secret", ["demo-secret", WHSEC])
def test_a_signature_verifies_with_the_reference_library(secret: str) -> None:
    body = b'{"topic":"OrderReceived","documentId":"d-1"}'
    headers = signed_headers(secret, "msg_1", int(time.time()), body)
    assert _library(secret).verify(body, headers) == {"topic": "OrderReceived", "documentId": "d-1"}
    with pytest.raises(WebhookVerificationError):
        _library(secret).verify(body + b" ", headers)


@pytest.fixture
def sandbox(database_url: str) -> Iterator[Hub]:
    """A hub on the real clock (the library checks the timestamp) taking loopback hooks."""
    settings = Settings(
        database_url=database_url, allow_private_webhooks=True, allow_http_webhooks=True
    )
    rt = bootstrap(settings)
    keys = {p: create_account(rt.ctx, p, [parse_party_id(p)])[1] for p in (BUYER, SELLER)}
    with TestClient(create_app(rt)) as client:
        yield Hub(client=client, runtime=rt, clock=None, keys=keys)  # type: ignore[arg-type]
    rt.engine.dispose()


def _deliver(hub: Hub, url: str, secret: str, order_xml: bytes) -> None:
    hook = {"action": url, "topics": ["OrderReceived"], "secret": secret}
    made = hub.client.put(f"/api/v1/{SELLER}/hook", json=hook, headers=hub.headers(SELLER))
    assert made.status_code == 200, made.text
    assert hub.send(order_xml).status_code == 200  # type: ignore[attr-defined]
    assert hub.runtime.ctx.transport is not None
    assert drain(hub.runtime.ctx, hub.runtime.ctx.transport) == 1


def test_a_delivered_webhook_verifies_with_the_reference_library(
    sandbox: Hub, order_xml: bytes
) -> None:
    receiver: Receiver
    with loopback_receiver() as receiver:
        _deliver(sandbox, receiver.url, WHSEC, order_xml)
        [request] = receiver.requests
    event = Webhook(WHSEC).verify(request.body, dict(request.headers))
    assert event["topic"] == "OrderReceived"


def test_the_documented_receiver_verifies_a_real_delivery(
    sandbox: Hub, order_xml: bytes, tmp_path: Path
) -> None:
    [code] = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(code.strip().splitlines()) <= 30
    script = tmp_path / "receiver.py"
    script.write_text(code, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "WEBHOOK_SECRET": "demo-secret", "PORT": str(port)}
    receiver = subprocess.Popen(
        [sys.executable, str(script)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and receiver.poll() is None
                time.sleep(0.05)
        _deliver(sandbox, f"http://127.0.0.1:{port}/", "demo-secret", order_xml)
    finally:
        receiver.terminate()
        out, _ = receiver.communicate(timeout=10)
    assert re.search(r"^verified OrderReceived \S+$", out, re.M), out
