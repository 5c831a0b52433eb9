"""A real browser against a real server: Debian's Chromium driven by Playwright (never a
downloaded browser), one browser and one ordex server on loopback for this package's tests.
(Package, not session, scope: Playwright's sync API keeps an event loop running in the main
thread while it is open, and later tests call ``asyncio.run``.)

Skipped, with the reason, only when Chromium (or Playwright) is missing and CI is not set;
under CI=true a missing browser fails the run. On a failure every page of the test is
saved as a PNG under ``var/browser-failures/`` (or ``ORDEX_BROWSER_FAILURES``).
``ORDEX_SCREENSHOTS=docs/screenshots`` saves the README's screenshots as the journeys pass.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
OTHER = "0088:5790000435975"
FAILURES = Path(os.environ.get("ORDEX_BROWSER_FAILURES", "var/browser-failures"))


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI is set but the browser tests cannot run: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@dataclass
class Server:
    url: str
    keys: dict[str, str]
    serial: Any = field(default_factory=lambda: iter(range(1, 10_000)))

    def api(self, party: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.keys[party]}"}
        )

    def send(self, lines: int = 3, prefix: str = "PO-B") -> tuple[str, str]:
        """A new order from the buyer to the seller: its documentId and number."""
        from bench.orders import order

        number = f"{prefix}-{next(self.serial):03}"
        with self.api(BUYER) as client:
            answer = client.post(
                f"/api/v1/{BUYER}/purchaseOrder/send",
                content=order(number, lines),
                headers={"Content-Type": "application/xml"},
            )
        assert answer.status_code == 200, answer.text
        return str(answer.json()["documentId"]), number


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("browser")
    settings = Settings(database_url=f"sqlite:///{directory / 'ordex.db'}")
    runtime = bootstrap(settings)
    keys = {}
    for name, party in (
        ("City Hospital (buyer)", BUYER),
        ("The Supplier AB", SELLER),
        ("Someone else", OTHER),
    ):
        _, keys[party] = create_account(runtime.ctx, name, [parse_party_id(party)])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(runtime), log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(uv.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert uv.started, "the server did not start"
    yield Server(f"http://127.0.0.1:{port}", keys)
    uv.should_exit = True
    thread.join(timeout=5)
    sock.close()
    runtime.engine.dispose()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[FAILED] = report.failed


FAILED = pytest.StashKey[bool]()


@pytest.fixture
def browse(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """``browse()`` opens a new browser context (its own cookies) and page; on a failure
    each page opened is saved as a screenshot."""
    contexts: list[Any] = []

    def open_page(width: int = 1200, height: int = 800) -> Any:
        context = chromium.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(5000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    if request.node.stash.get(FAILED, False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        for n, context in enumerate(contexts):
            for m, page in enumerate(context.pages):
                path = FAILURES / f"{request.node.name}-{n}-{m}.png"
                page.screenshot(path=str(path), full_page=True)
                print(f"screenshot of a failed page: {path} ({page.url})")
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str) -> None:
    """Save the page for the README when ``ORDEX_SCREENSHOTS`` names a directory."""
    target = os.environ.get("ORDEX_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=False)
