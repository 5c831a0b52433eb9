"""The absolute URLs ordex writes: its public base, and an error code's help link."""

from __future__ import annotations

from starlette.requests import Request

from ordex.config import Settings

ERRORS_PAGE = "docs/errors"


def _settings(request: Request) -> Settings | None:
    app = request.scope.get("app")
    runtime = getattr(getattr(app, "state", None), "runtime", None)
    settings = getattr(runtime, "settings", None)
    return settings if isinstance(settings, Settings) else None


def public_base_url(request: Request) -> str:
    """The base of the absolute URLs ordex writes, ending in ``/``: ``ORDEX_PUBLIC_URL``,
    else the address this server answered on (never the client's ``Host`` header)."""
    settings = _settings(request) or Settings()
    configured = settings.public_url
    if configured:
        return configured.rstrip("/") + "/"
    host, port = request.scope.get("server") or (settings.host, 80)
    if ":" in host:
        host = f"[{host}]"
    scheme = request.scope.get("scheme", "http")
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}/" if port == default else f"{scheme}://{host}:{port}/"


def help_link(request: Request, code: str) -> str:
    """Where the error reference explains ``code``: ``ORDEX_ERROR_REFERENCE_URL#CODE``, else
    ordex's own ``/docs/errors#CODE`` under its public base."""
    settings = _settings(request)
    base = settings.error_reference_url if settings else None
    return f"{base or public_base_url(request) + ERRORS_PAGE}#{code}"
