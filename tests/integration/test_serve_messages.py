"""What ``ordex serve`` tells its operator: the truth, in the log format asked for."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from ordex.cli import app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDEX_")}
    return {**env, "ORDEX_DATABASE_URL": f"sqlite:///{tmp_path / 'ordex.db'}", **extra}


def test_serve_does_not_say_it_listens_on_a_port_it_could_not_bind(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "ordex", "serve", "--port", str(port)],
            env=_environment(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert "listening on" not in done.stdout + done.stderr
    assert "address already in use" in done.stderr.lower()


def test_json_logs_are_json_every_line_and_a_zero_retention_is_warned(tmp_path: Path) -> None:
    port = _free_port()
    env = _environment(
        tmp_path,
        ORDEX_LOG_FORMAT="json",
        ORDEX_DEMO="1",
        ORDEX_DEMO_KEYS_FILE=str(tmp_path / "keys.json"),
        ORDEX_RETENTION_DAYS="0",
        ORDEX_PORT=str(port),
    )
    out = (tmp_path / "out.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "ordex", "serve"], env=env, stdout=out, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    out.seek(0)
    lines = [line for line in out.read().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # fails on a plain line
    messages = [record["message"] for record in records]
    assert any(message.startswith("ordex listening on") for message in messages)
    assert any(message.startswith("Demo accounts created") for message in messages)
    warned = [r for r in records if "ORDEX_RETENTION_DAYS=0" in r["message"]]
    assert warned and warned[0]["level"] == "warning", records


def test_purge_warns_of_a_zero_retention(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["purge"], env=_environment(tmp_path, ORDEX_RETENTION_DAYS="0")
    )
    assert result.exit_code == 0, result.output
    assert "warning: ORDEX_RETENTION_DAYS=0" in result.output


def test_validate_help_shows_the_extra_to_install_and_whole_variable_names() -> None:
    runner = CliRunner()
    validate = runner.invoke(app, ["validate", "--help"], terminal_width=80)
    assert "ordex[schematron]" in validate.output
    serve = runner.invoke(app, ["serve", "--help"], terminal_width=80)
    for name in ("ORDEX_EMBEDDED_WORKER", "ORDEX_SERVE_WORKERS", "ORDEX_DATABASE_URL"):
        assert name in serve.output, serve.output
