"""Instructions per document: a repeatable measure of the hot paths on a noisy machine.

    .venv/bin/python bench/instructions.py [WORKLOAD ...] [--repeat N]

Timings on a shared 2-core virtual machine swing by a factor of two from one run to the
next, too much to tell a 10 % change. This script counts the machine instructions each
workload executes, with valgrind's callgrind (Debian package ``valgrind``), which gives
the same count for the same code and input whatever else the machine is doing. It is an
A/B tool for developers, not a speed figure: instructions are not seconds (cache misses
and system calls do not show), so report throughput from the other benchmarks.

Workloads (``all`` by default):

- ``parse5``, ``parse200``: ``parse_document`` of an order of 5 or 200 lines (the bodies
  of ``bench/ingest.py``);
- ``validate5``, ``validate200``: the native rules on the parsed order;
- ``json5``, ``json200``: the order's content as the JSON text stored in the database
  (``storage.snapshots.dumps``);
- ``send5``, ``send200``: the whole ``send_document`` use case (parse, validate, store in
  a SQLite database in a temporary directory, commit), authentication left out;
- ``examples``: ``parse_xml`` + the native rules over every official example (what
  ``bench/validate.py`` times), per document.

Only the workload is counted: imports and set-up run before counting starts (collection is
switched on for the duration of one ``operator.call``, which nothing else calls).
"""

from __future__ import annotations

import argparse
import gc
import operator
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKLOADS = (
    "parse5",
    "parse200",
    "validate5",
    "validate200",
    "json5",
    "json200",
    "send5",
    "send200",
    "examples",
)


def _workload(name: str, repeat: int) -> Callable[[], None]:
    """A function running ``name`` ``repeat`` times."""
    sys.path.insert(0, str(ROOT / "bench"))
    from orders import order

    from ordex.peppol.parse import identify, parse_document
    from ordex.peppol.rules import run_rules
    from ordex.peppol.validate import validate
    from ordex.peppol.xml import parse_xml
    from ordex.storage.snapshots import dumps

    if name == "examples":
        from validate import DEFAULT_SHARED, examples

        docs = [(identify(parse_xml(data)), data) for _, data in examples(DEFAULT_SHARED)]
        for transaction, data in docs:  # warm up: caches, compiled patterns
            run_rules(transaction, parse_xml(data))

        def run_examples() -> None:
            for _ in range(repeat):
                for transaction, data in docs:
                    run_rules(transaction, parse_xml(data))

        return run_examples
    kind = name.rstrip("0123456789")
    lines = int(name[len(kind) :])
    bodies = [order(f"I-{n}", lines) for n in range(repeat)]
    if kind == "send":
        return _sender(bodies, order("W-0", lines))
    parsed = [parse_document(body) for body in bodies]
    validate(parse_document(order("W-1", lines)))  # warm up
    dumps(parse_document(order("W-2", lines)).content)

    def run() -> None:
        if kind == "parse":
            for body in bodies:
                parse_document(body)
        elif kind == "validate":
            for document in parsed:
                validate(document)
        else:
            for document in parsed:
                dumps(document.content)

    return run


def _sender(bodies: list[bytes], warm_up: bytes) -> Callable[[], None]:
    import tempfile

    from orders import BUYER, SELLER

    from ordex.bootstrap import bootstrap
    from ordex.config import Settings
    from ordex.peppol.identifiers import parse_party_id
    from ordex.services.accounts import authenticate, create_account
    from ordex.services.sending import SendDocument, send_document

    directory = tempfile.mkdtemp(prefix="ordex-instructions-")
    rt = bootstrap(Settings(database_url=f"sqlite:///{directory}/bench.db"))
    _, key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    account = authenticate(rt.ctx, key)
    buyer = parse_party_id(BUYER)
    send_document(rt.ctx, SendDocument(account, buyer, warm_up))

    def run() -> None:
        for body in bodies:
            send_document(rt.ctx, SendDocument(account, buyer, body))

    return run


def child(name: str, repeat: int) -> None:
    run = _workload(name, repeat)
    gc.collect()
    gc.freeze()
    operator.call(run)


def count(name: str, repeat: int) -> int:
    """Instructions of ``name`` run ``repeat`` times (set-up not counted)."""
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=_operator_call*",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            name,
            "--repeat",
            str(repeat),
        ]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{name}: valgrind failed:\n{done.stderr[-3000:]}")
        totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
        return int(totals[0].split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workloads", nargs="*", default=["all"])
    parser.add_argument("--repeat", type=int, default=0, help="runs per workload")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.workloads[0], args.repeat)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    names = WORKLOADS if args.workloads == ["all"] else args.workloads
    for name in names:
        if name not in WORKLOADS:
            raise SystemExit(f"unknown workload {name!r}; one of {', '.join(WORKLOADS)}")
        repeat = args.repeat or (2 if name == "examples" else 3 if "200" in name else 20)
        instructions = count(name, repeat)
        docs = repeat * _documents(name)
        print(f"{name:12} {instructions / docs / 1e6:9.3f} M instructions per document")


def _documents(name: str) -> int:
    if name != "examples":
        return 1
    sys.path.insert(0, str(ROOT / "bench"))
    from validate import DEFAULT_SHARED, examples

    return len(examples(DEFAULT_SHARED))


if __name__ == "__main__":
    main()
