"""Instructions per request of the ingest route, counted by callgrind (see instructions.py).

    .venv/bin/python bench/http_instructions.py [WORKLOAD ...] [--repeat N] [--lines 5]

Workloads (``all`` by default):

- ``http``: ``POST /api/v1/{partyId}/purchaseOrder/send`` with a fresh order as the raw
  XML body, driven straight into the ASGI app (the app ``ordex serve`` builds, its access
  log written to /dev/null) by a minimal hand-written ASGI call, one request after the
  other, on the default asyncio loop;
- ``direct``: what the route calls, without HTTP: ``authenticate`` then ``send_document``
  in one thread, on the same orders;
- ``idempotent``: ``http`` with a fresh ``Idempotency-Key`` on each request.

``http`` less ``direct`` is what the HTTP layer costs per request. Every thread is counted
(the thread pool's included), from the start of the requests to their end: callgrind dumps
its counters on entering ``operator.call``, which nothing else calls, once before the
requests and once after them; the second dump holds the requests and nothing else.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import operator
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORKLOADS = ("http", "direct", "idempotent")


def _workload(name: str, repeat: int, lines: int, directory: str) -> Callable[[], None]:
    sys.path.insert(0, str(ROOT / "bench"))
    from orders import BUYER, SELLER, order

    from ordex.bootstrap import bootstrap
    from ordex.config import Settings
    from ordex.logs import configure_logging
    from ordex.peppol.identifiers import parse_party_id
    from ordex.services.accounts import authenticate, create_account
    from ordex.services.sending import SendDocument, send_document
    from ordex.serving import served_app

    configure_logging()
    root = logging.getLogger()
    root.handlers[0] = logging.StreamHandler(open(Path("/dev/null"), "w"))  # noqa: SIM115
    root.handlers[0].setFormatter(logging.Formatter("%(levelname)-8s %(name)s: %(message)s"))
    rt = bootstrap(Settings(database_url=f"sqlite:///{directory}/ordex.db"))
    _, key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    app = served_app(rt, embedded_worker=False)
    path = f"/api/v1/{BUYER}/purchaseOrder/send"

    async def post(body: bytes, extra: list[tuple[bytes, bytes]]) -> int:
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": b"",
            "server": ("127.0.0.1", 8000),
            "client": ("127.0.0.1", 50000),
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"authorization", f"Bearer {key}".encode()),
                (b"content-type", b"application/xml"),
                (b"content-length", str(len(body)).encode()),
                *extra,
            ],
            "state": {},
        }
        sent = False
        status = 0

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.Event().wait()  # never: the request has been read
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app(scope, receive, send)
        return status

    counter = iter(range(10**9))

    def orders(prefix: str, count: int) -> list[bytes]:
        return [order(f"{prefix}-{next(counter)}", lines) for _ in range(count)]

    async def over_http(bodies: list[bytes], keyed: bool) -> None:
        for n, body in enumerate(bodies):
            extra = [(b"idempotency-key", f"k-{n}-{len(body)}".encode())] if keyed else []
            status = await post(body, extra)
            assert status == 200, status

    if name == "direct":

        def run_direct(bodies: list[bytes]) -> None:
            for body in bodies:
                account = authenticate(rt.ctx, key)
                send_document(rt.ctx, SendDocument(account, parse_party_id(BUYER), body))

        run_direct(orders("W", 10))
        measured = orders("M", repeat)
        return lambda: run_direct(measured)

    keyed = name == "idempotent"
    loop = asyncio.new_event_loop()
    loop.run_until_complete(over_http(orders("W", 10), keyed))
    measured = orders("M", repeat)
    return lambda: loop.run_until_complete(over_http(measured, keyed))


def child(name: str, repeat: int, lines: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        run = _workload(name, repeat, lines, directory)
        gc.collect()
        gc.freeze()
        operator.call(run)  # dump: the set-up; then the requests
        operator.call(int)  # dump: the requests


def count(name: str, repeat: int, lines: int) -> int:
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--dump-before=_operator_call*",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            name,
            "--repeat",
            str(repeat),
            "--lines",
            str(lines),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=ROOT, env=env, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"{name}: valgrind failed:\n{done.stderr[-3000:]}")
        dump = Path(f"{out}.2").read_text().splitlines()
        return int(next(line for line in dump if line.startswith("totals:")).split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workloads", nargs="*", default=["all"])
    parser.add_argument("--repeat", type=int, default=20, help="requests per workload")
    parser.add_argument("--lines", type=int, default=5, help="lines of each order")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.workloads[0], args.repeat, args.lines)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    names = WORKLOADS if args.workloads == ["all"] else args.workloads
    for name in names:
        if name not in WORKLOADS:
            raise SystemExit(f"unknown workload {name!r}; one of {', '.join(WORKLOADS)}")
    with ThreadPoolExecutor(len(names)) as pool:  # counts do not depend on the load
        counts = pool.map(lambda name: count(name, args.repeat, args.lines), names)
        results = {name: total / args.repeat for name, total in zip(names, counts, strict=True)}
    for name, per_request in results.items():
        print(f"{name:12} {per_request / 1e6:9.3f} M instructions per request")
    if "http" in results and "direct" in results:
        http_layer = (results["http"] - results["direct"]) / 1e6
        print(f"{'http-direct':12} {http_layer:9.3f} M instructions per request")


if __name__ == "__main__":
    main()
