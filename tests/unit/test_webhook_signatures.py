"""Signing and verifying webhooks (Standard Webhooks and the PSB header)."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from ordex.domain.hooks import RetrySchedule, topic_matches, unknown_topics
from ordex.webhooks import WebhookVerificationError, psb_signature, signed_headers, verify

BODY = b'{"topic":"OrderReceived"}'


def test_a_signed_request_verifies_and_a_tampered_body_does_not() -> None:
    headers = signed_headers("s3cret", "msg_1", 1_700_000_000, BODY)
    verify("s3cret", headers, BODY, now=1_700_000_100)
    with pytest.raises(WebhookVerificationError, match="no signature"):
        verify("s3cret", headers, BODY.replace(b"Order", b"Fake"), now=1_700_000_100)
    with pytest.raises(WebhookVerificationError, match="no signature"):
        verify("other", headers, BODY, now=1_700_000_100)


def test_a_stale_or_future_timestamp_is_refused() -> None:
    headers = signed_headers("s3cret", "msg_1", 1_700_000_000, BODY)
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify("s3cret", headers, BODY, now=1_700_000_000 + 301)
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify("s3cret", headers, BODY, now=1_700_000_000 - 301)


def test_the_standard_webhooks_signature_is_base64_hmac_of_id_timestamp_body() -> None:
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    headers = signed_headers(secret, "msg_2", 1_614_265_330, BODY)
    expected = hmac.new(b"k" * 24, b"msg_2.1614265330." + BODY, hashlib.sha256).digest()
    assert headers["webhook-signature"] == "v1," + base64.b64encode(expected).decode()


def test_the_psb_signature_is_lowercase_hex_hmac_of_the_raw_body() -> None:
    expected = hmac.new(b"secret", BODY, hashlib.sha256).hexdigest()
    assert psb_signature("secret", BODY) == f"sha256={expected}"
    assert signed_headers("secret", "m", 1, BODY)["X-EConnect-Signature"] == f"sha256={expected}"


def test_without_a_secret_nothing_is_signed_but_the_id_is_sent() -> None:
    headers = signed_headers(None, "m", 1, BODY)
    assert headers == {"webhook-id": "m", "webhook-timestamp": "1"}


@pytest.mark.parametrize(
    ("pattern", "topic", "expected"),
    [
        ("*Received", "OrderReceived", True),
        ("*Received", "OrderResponseReceived", True),
        ("*Received", "OrderResponseSent", False),
        ("*", "HookSentError", True),
        ("OrderReceived", "OrderReceived", True),
        ("OrderReceived", "OrderChangeReceived", False),
    ],
)
def test_wildcard_topics_match_as_documented(pattern: str, topic: str, expected: bool) -> None:
    assert topic_matches(pattern, topic) is expected


def test_a_topic_that_matches_nothing_is_reported() -> None:
    assert unknown_topics(["*Received", "OrderRecieved"]) == ["OrderRecieved"]


def test_the_default_schedule_tries_eight_times_then_gives_up() -> None:
    schedule = RetrySchedule(jitter=0)
    delays = [schedule.next_delay(n) for n in range(9)]
    assert [d.total_seconds() if d is not None else None for d in delays] == [
        0,
        5,
        300,
        1800,
        7200,
        18000,
        36000,
        36000,
        None,
    ]
