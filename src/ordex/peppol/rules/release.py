"""Which OpenPeppol rule release ordex's native rules follow (``ordex validate --version``).

The release is the one ``tools/import_rules.py`` last generated the rule tables from
(``generated/release.py``; README: "Adopting a new Peppol rule release").
"""

from __future__ import annotations

from ordex.peppol.rules.generated.release import BIS_VERSION, RELEASE, TRANSACTIONS

__all__ = ["BIS_VERSION", "RELEASE", "TRANSACTIONS", "describe_release"]


def describe_release() -> str:
    """One line: ``Peppol ordering rules: OpenPeppol release 2026.5 (BIS 3.0.17) ...``."""
    return (
        f"Peppol ordering rules: OpenPeppol release {RELEASE} (BIS {BIS_VERSION}), "
        f"transactions {', '.join(TRANSACTIONS)}"
    )
