"""The HTTP side of webhook delivery: urllib3, timeouts, and refusing private targets.

urllib3 rather than httpx here: a webhook POST costs about a third of the CPU time
(measured with bench/delivery.py), and one worker process must keep up with the hub.
Its pool manager is thread-safe and keeps connections alive per target.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import HTTPError

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
        self.pool = urllib3.PoolManager(
            maxsize=8,
            retries=False,
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
        )

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
            response = self.pool.request(
                "POST",
                url,
                body=body,
                headers={"Content-Type": "application/json", **headers},
                redirect=False,
                preload_content=False,
            )
            try:
                excerpt = response.read(EXCERPT_BYTES)
                if response.length_remaining:  # more than the excerpt: don't read it all
                    response.close()
                else:
                    response.drain_conn()
            finally:
                response.release_conn()
        except InvalidRequest as exc:
            return HttpResult(None, 0, error=exc.message)
        except HTTPError as exc:
            elapsed = int((time.perf_counter() - started) * 1000)
            return HttpResult(None, elapsed, error=f"{type(exc).__name__}: {exc}")
        elapsed = int((time.perf_counter() - started) * 1000)
        return HttpResult(
            response.status,
            elapsed,
            excerpt=excerpt.decode("utf-8", "replace"),
            retry_after_seconds=_retry_after(response.headers.get("retry-after")),
        )

    def close(self) -> None:
        self.pool.clear()
