"""Sign and verify ordex webhooks (Standard Webhooks, plus the PSB's own header).

A receiver checks a request with::

    from ordex.webhooks import verify
    verify(secret, request.headers, raw_body)   # raises WebhookVerificationError

Signed content is ``"{webhook-id}.{webhook-timestamp}.{body}"`` with HMAC-SHA256; the
header is ``webhook-signature: v1,<base64>``. A secret ``whsec_<base64>`` is used as its
decoded bytes (Standard Webhooks), any other secret as its UTF-8 bytes. PSB-dialect hooks
also carry ``X-EConnect-Signature: sha256=<hex HMAC-SHA256 of the raw body>``.
"""

from __future__ import annotations

import base64
import hmac
import time
from collections.abc import Mapping

TOLERANCE_SECONDS = 300


class WebhookVerificationError(Exception):
    """The request is not a genuine, fresh ordex webhook."""


def secret_bytes(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        return base64.b64decode(secret[len("whsec_") :])
    return secret.encode("utf-8")


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.digest(secret_bytes(secret), content, "sha256")  # (one-shot: OpenSSL)
    return "v1," + base64.b64encode(digest).decode()


def psb_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.digest(secret.encode("utf-8"), body, "sha256").hex()


def signed_headers(
    secret: str | None, message_id: str, timestamp: int, body: bytes, psb: bool = True
) -> dict[str, str]:
    headers = {"webhook-id": message_id, "webhook-timestamp": str(timestamp)}
    if secret:
        headers["webhook-signature"] = sign(secret, message_id, timestamp, body)
        if psb:
            headers["X-EConnect-Signature"] = psb_signature(secret, body)
    return headers


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    tolerance: int = TOLERANCE_SECONDS,
    now: float | None = None,
) -> None:
    """Raise ``WebhookVerificationError`` unless a signature matches and the time is fresh."""
    lower = {key.lower(): value for key, value in headers.items()}
    try:
        message_id = lower["webhook-id"]
        timestamp = int(lower["webhook-timestamp"])
        signatures = lower["webhook-signature"].split()
    except (KeyError, ValueError) as exc:
        raise WebhookVerificationError("missing or malformed webhook-* headers") from exc
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise WebhookVerificationError("timestamp outside the tolerance window")
    expected = sign(secret, message_id, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise WebhookVerificationError("no signature matches")
