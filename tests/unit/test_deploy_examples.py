"""deploy/: the systemd unit and the reverse-proxy examples parse and say what ordex needs."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import crossplane
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def _unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((DEPLOY / "ordex.service").read_text(encoding="utf-8"))
    return unit


def test_the_systemd_unit_starts_ordex_serve_after_migrating() -> None:
    unit = _unit()
    assert {"Unit", "Service", "Install"} <= set(unit.sections())
    service = unit["Service"]
    assert service["ExecStart"].endswith("/.venv/bin/ordex serve")
    assert service["ExecStartPre"].endswith("/.venv/bin/ordex db upgrade")
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_systemd_unit_sets_only_settings_ordex_knows() -> None:
    text = (DEPLOY / "ordex.service").read_text(encoding="utf-8")
    names = re.findall(r"^Environment=(ORDEX_[A-Z_]+)=", text, re.MULTILINE)
    assert names
    for name in names:
        assert f"`{name}`" in CONFIGURATION, name


def test_systemd_verifies_the_unit(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("needs systemd-analyze (apt-get install systemd)")
    if not (ROOT / ".venv" / "bin" / "ordex").exists():
        pytest.skip("needs .venv/bin/ordex: run make .venv/.installed-dev")
    text = (DEPLOY / "ordex.service").read_text(encoding="utf-8")
    unit = tmp_path / "ordex.service"
    unit.write_text(text.replace("/opt/ordex", str(ROOT)), encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _directives(block: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for directive in block:
        found.append(directive)
        found.extend(_directives(directive.get("block", [])))
    return found


def test_the_nginx_example_parses_and_proxies_to_ordex_with_tls(tmp_path: Path) -> None:
    main = tmp_path / "nginx.conf"
    main.write_text(f"events {{}}\nhttp {{\n    include {DEPLOY / 'nginx.conf'};\n}}\n")
    parsed = crossplane.parse(str(main), check_args=True, check_ctx=True)
    assert parsed["status"] == "ok", parsed["errors"]
    included = next(c for c in parsed["config"] if c["file"].endswith("deploy/nginx.conf"))
    directives = _directives(included["parsed"])
    names = {d["directive"]: d["args"] for d in directives}
    assert names["proxy_pass"] == ["http://127.0.0.1:8000"]
    assert ["443", "ssl"] in [d["args"] for d in directives if d["directive"] == "listen"]
    headers = [d["args"][0] for d in directives if d["directive"] == "proxy_set_header"]
    assert {"X-Forwarded-For", "X-Forwarded-Proto", "Host"} <= set(headers)


def test_the_caddyfile_parses_and_proxies_to_ordex() -> None:
    text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("#")]
    depth = 0
    for line in lines:
        depth += line.count("{") - line.count("}")
        assert depth >= 0, line
    assert depth == 0
    assert lines[0] == "hub.example.com {"
    assert "reverse_proxy 127.0.0.1:8000" in lines
    if shutil.which("caddy"):
        done = subprocess.run(
            ["caddy", "adapt", "--config", str(DEPLOY / "Caddyfile")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr


def test_the_repository_has_the_apache_license_pyproject_names() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert 'license = "Apache-2.0"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
