"""ordex servers and workers as processes on loopback, started, killed and restarted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ORDEX_DATABASE_URL": database_url,
        "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
        "ORDEX_ALLOW_HTTP_WEBHOOKS": "1",
        "ORDEX_LOG_FORMAT": os.environ.get("ORDEX_LOG_FORMAT", "json"),
        **extra,
    }


@dataclass
class Process:
    """One ordex process that can be killed and started again with the same command."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    port: int | None = None
    popen: subprocess.Popen[bytes] | None = None
    starts: int = field(default=0)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n--- start {self.starts} of {self.name}\n".encode())
            out.flush()
            self.popen = subprocess.Popen(
                self.command, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def wait_ready(self, timeout: float = 60) -> None:
        """A server answers /readyz (a worker is ready once started)."""
        if self.port is None:
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.base_url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if not self.alive():
                raise RuntimeError(f"{self.name} exited at start: see {self.log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start: see {self.log}")
            time.sleep(0.05)

    def kill(self, how: signal.Signals = signal.SIGKILL, wait: float = 60) -> None:
        """Send ``how`` and wait for the process to end (SIGKILL after ``wait`` seconds)."""
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.send_signal(how)
        try:
            self.popen.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def stop(self) -> None:
        self.kill(signal.SIGKILL)


def server(database_url: str, log: Path, name: str = "server", **env: str) -> Process:
    """``ordex serve --no-embedded-worker`` on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "ordex", "serve", "--no-embedded-worker"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    return Process(name, command, environment(database_url, **env), log, port)


def paused_server(database_url: str, log: Path, pause: str, marker: Path) -> Process:
    """A server that stops for good at ``pause`` (see ``paused_server.py``)."""
    port = free_port()
    command = [sys.executable, "-m", "tests.chaos.paused_server", pause, str(marker)]
    command += ["--port", str(port)]
    return Process("paused-server", command, environment(database_url), log, port)


def worker(database_url: str, log: Path, name: str = "worker", **env: str) -> Process:
    """``ordex worker``."""
    command = [sys.executable, "-m", "ordex", "worker", "--interval", "0.05"]
    return Process(name, command, environment(database_url, **env), log)
