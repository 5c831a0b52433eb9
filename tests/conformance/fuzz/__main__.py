"""``python -m tests.conformance.fuzz [--mutants N] [--only I] [--show K]``: the
differential fuzz (``make test-fuzz``). Prints the seed first (``ORDEX_FUZZ_SEED`` replays
a run) and exits 1 on any disagreement outside the documented XSD cases."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from tests.conformance.fuzz.engine import DEFAULT_MUTANTS, Official, examples, new_seed, run
from tests.conformance.shared import SHARED


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.conformance.fuzz")
    default = int(os.environ.get("FUZZ_MUTANTS", DEFAULT_MUTANTS))
    parser.add_argument("--mutants", type=int, default=default)
    parser.add_argument("--only", type=int, default=None, help="run mutant I of the seed only")
    parser.add_argument("--show", type=int, default=5, help="disagreements shown in full")
    args = parser.parse_args()
    seed = new_seed()
    print(f"differential fuzz: ORDEX_FUZZ_SEED={seed}, {args.mutants} mutants", flush=True)
    if not SHARED.is_dir():
        print(f"the official material is not at {SHARED}", file=sys.stderr)
        return 2
    shared = SHARED.resolve()
    pool = examples(shared)
    with _quiet_stderr():  # Saxon prints each XPath error it stops with
        report = run(args.mutants, seed, pool, Official(shared), only=args.only)
    for case in report.disagreements[: args.show]:
        print("\nDISAGREEMENT " + case.describe(seed))
    for case in report.xsd_cases[: args.show]:
        print("\nXSD case " + case.describe(seed))
    print("\noperators used: " + ", ".join(f"{n} {c}" for n, c in sorted(report.operators.items())))
    print(report.summary())
    return 1 if report.disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
