"""Which credentials are valid: keys, tokens tied to their key, disabled accounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ordex.domain.accounts import Account, ApiKey, Credential

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
ACCOUNT = Account("a-1", "ACME", NOW)
KEY = ApiKey("k" * 64, "a-1", NOW)
TOKEN = ApiKey(
    "t" * 64,
    "a-1",
    NOW,
    expires_at=NOW + timedelta(hours=1),
    kind="token",
    parent_hash=KEY.key_hash,
)


def test_a_key_is_valid_until_it_is_revoked() -> None:
    assert Credential(KEY, ACCOUNT).valid(NOW)
    assert not Credential(KEY.revoked(NOW), ACCOUNT).valid(NOW)


def test_a_revocation_with_grace_ends_the_key_when_the_grace_does() -> None:
    later = KEY.revoked(NOW, timedelta(minutes=5))
    assert Credential(later, ACCOUNT).valid(NOW + timedelta(minutes=4))
    assert not Credential(later, ACCOUNT).valid(NOW + timedelta(minutes=5))


def test_an_earlier_revocation_is_not_postponed_by_a_later_grace() -> None:
    revoked = KEY.revoked(NOW)
    assert revoked.revoked(NOW, timedelta(days=1)).revoked_at == NOW


def test_a_token_lives_only_while_its_key_does_and_until_it_expires() -> None:
    assert Credential(TOKEN, ACCOUNT, KEY).valid(NOW)
    assert not Credential(TOKEN, ACCOUNT, KEY.revoked(NOW)).valid(NOW)
    assert not Credential(TOKEN, ACCOUNT, None).valid(NOW)
    assert not Credential(TOKEN, ACCOUNT, KEY).valid(NOW + timedelta(hours=1))


def test_a_disabled_accounts_keys_and_tokens_are_invalid() -> None:
    disabled = Account("a-1", "ACME", NOW, disabled_at=NOW)
    assert not Credential(KEY, disabled).valid(NOW)
    assert not Credential(TOKEN, disabled, KEY).valid(NOW)
