"""The README's walk-throughs run as written (the contract: WALKTHROUGH.md of issues 20, 21).

Every ``## …walk-through…`` section of the README is found by its heading; its fenced
blocks opened with ```` ```sh ```` run one after another in ONE ``bash -euo pipefail``
process, from a copy of the repository root, against a fresh ``ordex serve`` started as
``make run`` starts it (demo data, ``var/demo-keys.json``, the rate limits off, http and
loopback webhooks allowed), on SQLite. ``http://127.0.0.1:8000`` is rewritten to the
server's own port. Blocks with another info string (``console``) are not run.

One rule more than bash's: ``curl`` fails the step when it answers an HTTP error
(``--fail-with-body``), so a step that silently answers 404 is caught; a step that means
to show an error ends with ``|| true`` (or ``|| echo …``).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
README_ADDRESS = "http://127.0.0.1:8000"
STRICT_CURL = """curl() {  # fail on an HTTP error, unless the step chose its own --fail/-f
  local arg
  for arg in "$@"; do
    case "$arg" in --fail | --fail-with-body | -[!-]*f*) command curl "$@"; return ;; esac
  done
  command curl --fail-with-body "$@"
}
"""


def walkthroughs(text: str) -> dict[str, str]:
    """Each walk-through section's heading and its ``sh`` blocks, joined in order."""
    headings = list(SECTION.finditer(text))
    found = {}
    for here, after in zip(headings, [*headings[1:], None], strict=True):
        if "walk-through" not in here.group(1).lower():
            continue
        body = text[here.end() : after.start() if after else len(text)]
        blocks = [m.group(2) for m in FENCE.finditer(body) if m.group(1).strip() == "sh"]
        found[here.group(1).strip()] = "\n".join(blocks)
    return found


SECTIONS = walkthroughs(README.read_text(encoding="utf-8"))


def test_the_readme_has_the_five_minute_walk_through_with_blocks_to_run() -> None:
    assert SECTIONS.get("A five-minute walk-through"), sorted(SECTIONS)


def test_a_walk_through_is_found_by_its_heading_and_only_its_sh_blocks_run() -> None:
    text = (
        "## Intro\n```sh\necho no\n```\n## A commerce walk-through\n"
        "```sh\necho one\n```\n```console\necho never\n```\n```sh\necho two\n```\n"
        "## Next\n```sh\necho no\n```\n"
    )
    assert walkthroughs(text) == {"A commerce walk-through": "echo one\n\necho two\n"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _repository_copy(into: Path) -> Path:
    """The repository root as a reader has it after ``make run``, with a ``var/`` of its
    own: every other top-level entry is a link to the real one."""
    root = into / "ordex"
    root.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in {"var", ".git"}:
            (root / entry.name).symlink_to(entry)
    (root / "var").mkdir()
    return root


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """``ordex serve`` as ``make run`` starts it, in a repository copy; (root, base URL)."""
    if not (ROOT / ".venv" / "bin" / "ordex").exists():
        pytest.skip("needs the repository's .venv: run `make .venv/.installed-dev` first")
    root = _repository_copy(tmp_path)
    port = _free_port()
    env = {
        **os.environ,
        "ORDEX_DEMO": "1",
        "ORDEX_RATE_LIMIT": "off",
        "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
        "ORDEX_ALLOW_HTTP_WEBHOOKS": "1",
        "ORDEX_DATABASE_URL": f"sqlite:///{root / 'var' / 'ordex.db'}",
        "ORDEX_PORT": str(port),
        "ORDEX_WEBHOOK_TIMEOUT_SECONDS": "1",
    }
    env.pop("ORDEX_DEMO_KEYS_FILE", None)
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "ordex", "serve"], cwd=root, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.parametrize("heading", sorted(SECTIONS))
def test_a_readme_walk_through_runs_as_written_against_a_fresh_server(
    heading: str, fresh_server: tuple[Path, str]
) -> None:
    root, base = fresh_server
    script = SECTIONS[heading].replace(README_ADDRESS, base)
    assert script.strip(), f"{heading!r} has no ```sh block"
    if shutil.which("curl") is None:
        pytest.skip("needs curl (apt-get install curl)")
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDEX_")}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", STRICT_CURL + script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    print(done.stdout, done.stderr)
    assert done.returncode == 0, (
        f"the walk-through {heading!r} stopped (exit {done.returncode}); a curl that answers "
        f"an HTTP error stops it too.\n--- stdout\n{done.stdout[-4000:]}\n"
        f"--- stderr\n{done.stderr[-4000:]}"
    )
