"""The web inbox's speed (issue 22): server time of the inbox page with 10,000 received
orders and of an order page with 500 lines, on SQLite, and the pages' weight.

    .venv/bin/python bench/inbox.py [--orders 10000] [--lines 500] [--requests 50]

One order goes through the real send path; the other received orders are copies of its
rows with new IDs, numbers and times (inserting 10,000 orders through validation would
take minutes and measure the ingest, not the inbox). The pages are asked for in-process
(ASGI, no network) by a signed-in browser session, after the heap is settled as
``ordex serve`` settles it once started: the time is the server's. Prints the
median and p95 of each page, its HTML size, and the weight with the stylesheet and script
(no images). Targets: p95 under 100 ms, weight under 200 KB.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from orders import BUYER, SELLER, order
from sqlalchemy import insert, select

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.serving import settle_heap
from ordex.storage import tables as t


def _copies(engine, source_id: str, count: int) -> None:  # type: ignore[no-untyped-def]
    """``count`` received orders copied from ``source_id``'s rows, a minute apart."""
    with engine.begin() as conn:
        o = conn.execute(select(t.orders).where(t.orders.c.order_id == source_id)).one()
        d = conn.execute(select(t.documents).where(t.documents.c.document_id == source_id)).one()
        orders, documents = [], []
        for n in range(count):
            new = str(uuid.uuid4())
            at = o.created_at - timedelta(minutes=n + 1)
            orders.append(
                {
                    **o._asdict(),
                    "order_id": new,
                    "number": f"PO-C-{n}",
                    "created_at": at,
                    "updated_at": at,
                }
            )
            documents.append(
                {
                    **d._asdict(),
                    "document_id": new,
                    "order_id": new,
                    "number": f"PO-C-{n}",
                    "created_at": at,
                }
            )
        conn.execute(insert(t.orders), orders)
        conn.execute(insert(t.documents), documents)


def _timed(client: TestClient, path: str, requests: int) -> tuple[list[float], bytes]:
    client.get(path)  # warm up (templates compiled, statements cached)
    times = []
    body = b""
    for _ in range(requests):
        start = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
        body = answer.content
    return times, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="ordex-bench-inbox-"))
    runtime = bootstrap(Settings(database_url=f"sqlite:///{directory / 'ordex.db'}"))
    keys = {}
    for name, party in (("Buyer", BUYER), ("Seller", SELLER)):
        _, keys[party] = create_account(runtime.ctx, name, [parse_party_id(party)])
    with TestClient(create_app(runtime)) as client:
        auth = {"Authorization": f"Bearer {keys[BUYER]}", "Content-Type": "application/xml"}
        small = client.post(
            f"/api/v1/{BUYER}/purchaseOrder/send", content=order("PO-1", 5), headers=auth
        )
        big = client.post(
            f"/api/v1/{BUYER}/purchaseOrder/send", content=order("PO-BIG", args.lines), headers=auth
        )
        _copies(runtime.engine, small.json()["documentId"], args.orders - 2)
        page = client.get("/inbox/sign-in")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        client.post("/inbox/sign-in", data={"csrf": token, "mode": "key", "apiKey": keys[SELLER]})
        assets = sum(len(client.get(p).content) for p in ("/static/inbox.css", "/static/inbox.js"))
        settle_heap()  # as `ordex serve` does once started (gc.freeze)
        print(f"{args.orders} received orders, SQLite, {args.requests} requests a page")
        print(f"{'page':<34} {'median ms':>9} {'p95 ms':>8} {'HTML KB':>8} {'+assets KB':>10}")
        for name, path in (
            ("inbox (first page of 50)", "/inbox"),
            ("inbox, search 'PO-C-99'", "/inbox?q=PO-C-99"),
            ("inbox, state filter, page 2", None),
            (f"order page ({args.lines} lines)", f"/inbox/orders/{big.json()['documentId']}"),
        ):
            if path is None:
                first = client.get("/inbox?state=received").text
                path = (
                    re.search(r'href="(/inbox\?[^"]*after=[^"]+)"', first)
                    .group(1)
                    .replace("&amp;", "&")
                )  # type: ignore[union-attr]
            times, body = _timed(client, path, args.requests)
            p95 = statistics.quantiles(times, n=20)[18]
            print(
                f"{name:<34} {statistics.median(times):9.1f} {p95:8.1f} "
                f"{len(body) / 1024:8.1f} {(len(body) + assets) / 1024:10.1f}"
            )
    runtime.engine.dispose()


if __name__ == "__main__":
    main()
