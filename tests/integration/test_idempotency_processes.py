"""A server process killed with SIGKILL in the middle of a keyed send, then a retry with the
same Idempotency-Key against a new server process (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from ordex.api.idempotency import LEASE
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.storage import tables as t
from ordex.storage.unit_of_work import make_engine
from tests.chaos import processes
from tests.integration.racers import BUYER, SELLER, order_xml

ANSWER_FIELDS = {
    "id",
    "documentId",
    "orderId",
    "documentType",
    "transaction",
    "number",
    "sender",
    "receiver",
    "createdOn",
}


def buyer_key(database_url: str) -> str:
    rt = bootstrap(Settings(database_url=database_url))
    _, key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    rt.engine.dispose()
    return key


def stored_orders(database_url: str) -> list[str]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(t.documents.c.document_id)).scalars())
    finally:
        engine.dispose()


def send(base_url: str, key: str, body: bytes, idempotency_key: str) -> httpx.Response:
    return httpx.post(
        f"{base_url}/api/v1/{BUYER}/purchaseOrder/send",
        content=body,
        headers={
            "Authorization": f"Bearer {key}",
            "Content-Type": "application/xml",
            "Idempotency-Key": idempotency_key,
        },
        timeout=30,
    )


@pytest.mark.parametrize("pause", ["before-storing", "after-storing"])
def test_a_retry_after_the_server_died_mid_request_gets_the_2xx_answer_within_seconds(
    database_url: str, tmp_path: Path, pause: str
) -> None:
    key = buyer_key(database_url)
    body = order_xml("PO-KILLED-1")
    marker = tmp_path / "paused"
    first = processes.paused_server(database_url, tmp_path / "first.log", pause, marker)
    second = processes.server(database_url, tmp_path / "second.log")  # where retries go
    first.start()
    second.start()
    try:
        first.wait_ready()
        second.wait_ready()
        lost: list[BaseException] = []

        def first_attempt() -> None:
            try:
                send(first.base_url, key, body, "order-1")
            except httpx.TransportError as error:  # the server died under it
                lost.append(error)

        attempt = threading.Thread(target=first_attempt)
        attempt.start()
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert time.monotonic() < deadline, "the first request never reached the pause"
            time.sleep(0.02)
        if pause == "before-storing":
            # A request still running keeps its key beyond one lease: it renews it.
            time.sleep(LEASE.total_seconds() + 1.5)
            running = send(first.base_url, key, body, "order-1")
            assert running.status_code == 409, running.text
            assert running.json()["errorCode"] == "IDEMPOTENCY_KEY_IN_USE"
        first.kill(signal.SIGKILL)
        killed = time.monotonic()
        attempt.join(timeout=30)
        assert lost, "the first request was answered before the kill"
        stored_before_retry = stored_orders(database_url)
        assert len(stored_before_retry) == (1 if pause == "after-storing" else 0)
        answers = []
        while True:
            retry = send(second.base_url, key, body, "order-1")
            answers.append((retry.status_code, retry.json().get("errorCode")))
            if retry.status_code != 409 or time.monotonic() - killed > 30:
                break
            time.sleep(0.25)
        waited = time.monotonic() - killed
        assert retry.status_code == 200, answers
        assert waited < LEASE.total_seconds() + 5, (waited, answers)
        answer = retry.json()
        assert set(answer) == ANSWER_FIELDS and answer["number"] == "PO-KILLED-1"
        assert stored_orders(database_url) == [answer["documentId"]]
        again = send(second.base_url, key, body, "order-1")
        assert (again.status_code, again.json()) == (200, answer)
    finally:
        first.stop()
        second.stop()
