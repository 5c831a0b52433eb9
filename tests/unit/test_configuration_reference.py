"""docs/configuration.md is generated from the settings and names every ORDEX_* variable."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ordex import config_reference
from ordex.config_reference import read_in_code

render = cache(config_reference.render)  # (imports every module once for the three tests)

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "configuration.md"


def test_every_setting_read_anywhere_in_the_code_is_in_the_reference() -> None:
    listed = set(re.findall(r"^\| `(ORDEX_[A-Z0-9_]+)` \|", render(), re.MULTILINE))
    read = read_in_code()
    assert {"ORDEX_EMBEDDED_WORKER", "ORDEX_DEMO_KEYS_FILE", "ORDEX_DATABASE_URL"} <= read
    assert sorted(read - listed) == [], "document it where it is defined, then make docs"


def test_every_listed_setting_has_a_default_and_a_meaning() -> None:
    rows = re.findall(r"^\| `(ORDEX_\w+)` \| (.+?) \| (.+) \|$", render(), re.MULTILINE)
    assert len(rows) >= 30
    for name, default, meaning in rows:
        assert default.strip() and len(meaning.strip()) > 10, name


def test_docs_configuration_is_up_to_date() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == render(), "run make docs"


def test_a_variable_the_code_reads_without_documenting_it_is_found(tmp_path: Path) -> None:
    (tmp_path / "module.py").write_text('import os\nos.environ.get("ORDEX_SOMETHING_NEW")\n')
    assert read_in_code(tmp_path) == {"ORDEX_SOMETHING_NEW"}
