"""Which OpenPeppol rule release ordex's native rules follow (``ordex validate --version``).

``tools/import_rules.py`` rewrites this module when a release is adopted (see the README,
"Adopting a new Peppol rule release").
"""

from __future__ import annotations

RELEASE = "2026.5"
"""The OpenPeppol release (May 2026) whose Schematron the native rules reproduce."""

BIS_VERSION = "3.0.17"
"""The Peppol BIS Advanced Ordering version of that release."""

SOURCE = "phax/phive-rules openpeppol/2026.5 (PEPPOLBIS-T01, T76, T110, T114, T115, T116)"
"""Where the release's Schematron came from."""


def describe_release() -> str:
    """One line: ``Peppol ordering rules 2026.5 (BIS 3.0.17), from ...``."""
    return f"Peppol ordering rules {RELEASE} (BIS {BIS_VERSION}), from {SOURCE}"
