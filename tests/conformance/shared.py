"""Where the official Peppol ordering material is, for the tests that need it.

The material lives in ``shared/peppol-ordering`` beside the repository (never inside
it, and never read by the product). Without it the tests that need it are skipped with
the reason, except under CI (``CI`` set), where its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "peppol-ordering"


def peppol_shared() -> Path:
    """The material's folder; skips the calling test (fails it under CI) when absent."""
    if SHARED.is_dir():
        return SHARED.resolve()
    reason = missing_material()
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def missing_material() -> str:
    """Why a test of the material does not run, and how to run it."""
    return (
        f"the official Peppol ordering material is not at {SHARED.resolve()}: "
        "docs/testing.md says where it comes from and how to put it there"
    )


def shared_files(folder: str, pattern: str = "*.xml") -> list[Path]:
    """Files of the material for parametrizing tests (none when it is absent)."""
    base = SHARED / folder
    return sorted(base.rglob(pattern)) if base.is_dir() else []


def label(path: Path) -> str:
    """A short test ID for a file of the material."""
    return str(path.resolve().relative_to(SHARED.resolve()))


def rules_release() -> Path:
    """The rule release the agreement checks run: ``ORDEX_RULES_RELEASE`` (a folder with
    ``sch/`` and ``xslt/``; ``tools/import_rules.py`` sets it for the release it adopts), or
    the May 2026 release of the material."""
    chosen = os.environ.get("ORDEX_RULES_RELEASE")
    if chosen:
        return Path(chosen).resolve()
    return peppol_shared() / "schematron" / "release-2026.5"
