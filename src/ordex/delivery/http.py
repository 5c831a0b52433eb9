"""The HTTP side of webhook delivery: httpx, timeouts, and refusing private targets."""

from __future__ import annotations

import ipaddress
import socket
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from ordex.domain.errors import InvalidRequest
from ordex.services.ports import HttpResult

EXCERPT_BYTES = 2048


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class HttpTransport:
    """Posts webhooks with httpx; refuses non-https and private targets unless allowed."""

    def __init__(
        self,
        allow_private: bool = False,
        allow_http: bool = False,
        timeout: float = 15.0,
    ) -> None:
        self.allow_private = allow_private
        self.allow_http = allow_http or allow_private
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def check_target(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise InvalidRequest(f"action: {url!r} is not an http(s) URL.")
        if parts.scheme == "http" and not self.allow_http:
            raise InvalidRequest(
                f"action: {url!r} must use https (an operator may allow http with "
                "ORDEX_ALLOW_HTTP_WEBHOOKS)."
            )
        if self.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise InvalidRequest(f"action: the host {parts.hostname!r} does not resolve.") from exc
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
            if not address.is_global:
                raise InvalidRequest(
                    f"action: {parts.hostname!r} resolves to {address}, a private, loopback "
                    "or link-local address; ordex does not call those (an operator may allow "
                    "them with ORDEX_ALLOW_PRIVATE_WEBHOOKS)."
                )

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult:
        started = time.perf_counter()
        try:
            self.check_target(url)
            response = self.client.post(
                url, content=body, headers={"Content-Type": "application/json", **headers}
            )
        except InvalidRequest as exc:
            return HttpResult(None, 0, error=exc.message)
        except httpx.HTTPError as exc:
            elapsed = int((time.perf_counter() - started) * 1000)
            return HttpResult(None, elapsed, error=f"{type(exc).__name__}: {exc}")
        elapsed = int((time.perf_counter() - started) * 1000)
        excerpt = response.content[:EXCERPT_BYTES].decode("utf-8", "replace")
        return HttpResult(
            response.status_code,
            elapsed,
            excerpt=excerpt,
            retry_after_seconds=_retry_after(response.headers.get("retry-after")),
        )

    def close(self) -> None:
        self.client.close()
