"""``python -m tests.chaos`` (``make test-chaos``): a crash run on SQLite, and on PostgreSQL
when ``ORDEX_TEST_POSTGRES_URL`` is set; prints each report and exits 1 if a check fails.

Options (also as ``make test-chaos CHAOS_ARGS="--seconds 300 --seed 7"``): see ``--help``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from tests.chaos.checks import Thresholds, failures
from tests.chaos.harness import Config, run
from tests.databases import POSTGRES_URL, PostgresServer


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.chaos", description=__doc__)
    parser.add_argument("--seed", type=int, default=None, help="random by default (printed)")
    parser.add_argument("--seconds", type=float, default=120.0, help="load and kills")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--servers", type=int, default=2, help="on PostgreSQL (SQLite: 1)")
    parser.add_argument("--concurrency", type=int, default=4, help="buyers sending at once")
    parser.add_argument("--rate", type=float, default=10.0, help="new orders a second")
    parser.add_argument("--kill-every", type=float, nargs=2, default=(2.0, 6.0))
    parser.add_argument("--sigterm-share", type=float, default=0.3)
    parser.add_argument("--receiver-delay", type=float, nargs=2, default=(0.0, 0.05))
    parser.add_argument(
        "--lease-seconds",
        type=float,
        default=None,
        help="ORDEX_DELIVERY_LEASE_SECONDS of the workers (default: theirs)",
    )
    parser.add_argument("--webhook-timeout", type=float, default=2.0)
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    parser.add_argument("--p99-seconds", type=float, default=Thresholds().p99_seconds)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None, help="logs (default: a temp dir)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    print(f"chaos seed {seed}", flush=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ordex-chaos-"))
    thresholds = Thresholds(p99_seconds=args.p99_seconds)
    failed = False

    def one(url: str, name: str, servers: int) -> None:
        nonlocal failed
        config = Config(
            database_url=url,
            workdir=workdir / name,
            seed=seed,
            seconds=args.seconds,
            servers=servers,
            workers=args.workers,
            concurrency=args.concurrency,
            rate=args.rate,
            kill_every=tuple(args.kill_every),
            sigterm_share=args.sigterm_share,
            receiver_delay=tuple(args.receiver_delay),
            lease_seconds=args.lease_seconds,
            webhook_timeout=args.webhook_timeout,
            drain_timeout=args.drain_timeout,
        )
        report = run(config)
        print(report.summary(), flush=True)
        for failure in failures(report, thresholds):
            failed = True
            print(f"  FAILED: {failure}", flush=True)
        print(f"  logs: {config.workdir}", flush=True)

    one(f"sqlite:///{workdir / 'chaos.db'}", "sqlite", 1)
    if POSTGRES_URL and not args.sqlite_only:
        server = PostgresServer(POSTGRES_URL)
        try:
            with server.fresh_database() as url:
                one(url, "postgresql", args.servers)
        finally:
            server.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
