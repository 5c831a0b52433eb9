"""Adopt an OpenPeppol rule release: ``python tools/import_rules.py DIR [--name 2026.11]``.

DIR is the release's folder (``sch/`` with ``PEPPOLBIS-T*.sch``, and ``xslt/`` with the
compiled ``PEPPOLBIS-T*.xslt`` that the agreement checks run), or a folder of ``.sch``
files. The command

1. reads the release's Schematron (``ordex.peppol.release_import``),
2. lists what changed against the release in force: business rules new, removed or
   changed (they need code in ``ordex/peppol/rules/``), structure rules the tables cannot
   express (need code), structure rules and code lists regenerated (no code needed),
3. writes the generated modules ``src/ordex/peppol/rules/generated/`` (data model tables,
   code lists, business rule catalogue, release name), each with a header naming the
   release and this command,
4. runs the agreement checks against the release (``tests/conformance``, with
   ``ORDEX_RULES_RELEASE=DIR``).

Exit status: 0 when nothing needs code and the checks pass; 1 otherwise (the list says
what to do). ``--dry-run`` only lists the changes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

from ordex.peppol.release_import import changes, import_release, write_modules

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "src" / "ordex" / "peppol" / "rules" / "generated"
AGREEMENT_CHECKS = [
    "tests/conformance/test_agreement.py",
    "tests/conformance/test_examples.py",
    "tests/unit/peppol/test_generated_rules.py",
]


Rows = dict[str, tuple[tuple[str, str, str, str, str], ...]]


def in_force() -> tuple[Rows, dict[str, str], dict[str, frozenset[str]]]:
    """The business rules, tables and code lists in force (empty before the first)."""
    try:
        business = importlib.import_module("ordex.peppol.rules.generated.business_rules")
        tables = importlib.import_module("ordex.peppol.rules.generated.datamodel_tables")
        codes = importlib.import_module("ordex.peppol.rules.generated.code_lists")
    except ImportError:
        return {}, {}, {}
    return business.BUSINESS_RULES, tables.TABLES, codes.CODE_LISTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("release", type=Path, help="the release folder (sch/, xslt/)")
    parser.add_argument("--name", help="the release's name (default: from the folder name)")
    parser.add_argument("--bis", default="", help="the BIS version of the release (3.0.17)")
    parser.add_argument("--dry-run", action="store_true", help="only list the changes")
    parser.add_argument("--no-checks", action="store_true", help="do not run the checks")
    args = parser.parse_args(argv)
    folder: Path = args.release.resolve()
    sch_dir = folder / "sch" if (folder / "sch").is_dir() else folder
    name = args.name or re.sub(r"^release-", "", folder.name)
    release = import_release(sch_dir, name)
    found = changes(release, *in_force())
    print(f"OpenPeppol release {name} ({', '.join(sorted(release.transactions))})")
    print(found.report())
    for conflict in release.conflicts:
        print(f"conflict: {conflict}")
    if args.dry_run:
        return 1 if found.need_code else 0
    shown = " ".join(["python tools/import_rules.py", str(args.release), f"--name {name}"])
    bis = args.bis or _bis_in_force()
    for path in write_modules(release, GENERATED, shown + (f" --bis {bis}" if bis else ""), bis):
        print(f"wrote {path.relative_to(REPO)}")
    checks_pass = True
    if not args.no_checks:
        env = {**os.environ, "ORDEX_RULES_RELEASE": str(folder)}
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *AGREEMENT_CHECKS,
        ]
        print("running the agreement checks:", " ".join(command[2:]))
        checks_pass = subprocess.run(command, cwd=REPO, env=env, check=False).returncode == 0
    if found.need_code:
        print("rules need code: see the lists above (ordex/peppol/rules/)")
    return 0 if checks_pass and not found.need_code else 1


def _bis_in_force() -> str:
    try:
        release = importlib.import_module("ordex.peppol.rules.generated.release")
    except ImportError:
        return ""
    return str(release.BIS_VERSION)


if __name__ == "__main__":
    sys.exit(main())
