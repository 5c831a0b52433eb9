"""``ordex accounts keys|revoke-key|rotate-key|disable|enable`` against a real database
(SQLite, and PostgreSQL when given): what they print, and what a key can do afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from ordex.bootstrap import Runtime, bootstrap
from ordex.cli import app
from ordex.config import Settings
from ordex.domain.errors import AuthenticationFailed
from ordex.services.accounts import authenticate, issue_token

PARTY = "0088:7300010000001"
runner = CliRunner()


@pytest.fixture
def runtime(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    monkeypatch.setenv("ORDEX_DATABASE_URL", database_url)
    rt = bootstrap(Settings(database_url=database_url))
    yield rt
    rt.engine.dispose()


def run(*args: str) -> str:
    result = runner.invoke(app, ["accounts", *args])
    assert result.exit_code == 0, result.output
    return result.output


def created() -> str:
    output = run("create", "--name", "ACME", "--party", PARTY)
    return output.rsplit("(shown once): ", 1)[1].strip()


def accepted(rt: Runtime, secret: str) -> bool:
    try:
        authenticate(rt.ctx, secret)
    except AuthenticationFailed:
        return False
    return True


def test_revoke_key_ends_the_key_and_its_tokens(runtime: Runtime) -> None:
    key = created()
    token, _ = issue_token(runtime.ctx, key)
    [key_id] = re.findall(r"key ([0-9a-f]{16})", run("keys", PARTY))
    assert "revoked" in run("revoke-key", PARTY, key_id)
    assert not accepted(runtime, key) and not accepted(runtime, token)
    refused = runner.invoke(app, ["accounts", "revoke-key", PARTY, "0" * 16])
    assert refused.exit_code == 2 and "has no key" in refused.output


def test_rotate_key_prints_a_new_key_once_and_revokes_the_old_one(runtime: Runtime) -> None:
    old = created()
    output = run("rotate-key", PARTY)
    new = output.rsplit("(shown once): ", 1)[1].strip()
    assert new.startswith("ordex_") and new != old
    assert not accepted(runtime, old) and accepted(runtime, new)
    listed = run("keys", PARTY)
    assert listed.count("revoked") == 1 and listed.count("key ") == 2


def test_rotate_key_with_a_grace_leaves_the_old_key_working_meanwhile(runtime: Runtime) -> None:
    old = created()
    output = run("rotate-key", PARTY, "--grace", "3600")
    new = output.rsplit("(shown once): ", 1)[1].strip()
    assert accepted(runtime, old) and accepted(runtime, new)


def test_disable_and_enable_an_account(runtime: Runtime) -> None:
    key = created()
    assert "disabled" in run("disable", PARTY)
    assert not accepted(runtime, key)
    assert "enabled" in run("enable", PARTY)
    assert accepted(runtime, key)
    unknown = runner.invoke(app, ["accounts", "disable", "0088:5790000435975"])
    assert unknown.exit_code == 2 and "No account" in unknown.output
