"""Every module of the Peppol adapter imports on its own, in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = ["codes", "identifiers", "parse", "validate", "render", "xml", "rules"]


@pytest.mark.parametrize("module", MODULES)
def test_a_peppol_module_imports_first_without_a_circular_import(module: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", f"import ordex.peppol.{module}"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
