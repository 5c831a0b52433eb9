"""What a reader needs without the internet: the API reference (Swagger UI, ReDoc) with its
scripts served by ordex itself, the error reference at ``/docs/errors`` and a start page.

Swagger UI's and ReDoc's files come from the ``fastapi-offline`` package (pinned), served
under :data:`STATIC`; the error reference is ``src/ordex/reference/errors.md`` (also
``docs/errors.md``), rendered once, every ``### CODE`` heading an anchor ``#CODE``.
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib.resources import files
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from markdown_it import MarkdownIt

STATIC = "/docs/static"
ASSETS = Path(fastapi_offline.__file__).parent / "static"
ERRORS_PAGE = "/docs/errors"
CODE_HEADING = re.compile(r"^### ([A-Z][A-Z0-9_]+)\s*$", re.MULTILINE)


def error_reference() -> str:
    """The error reference's Markdown, as packaged with the code."""
    return files("ordex").joinpath("reference/errors.md").read_text(encoding="utf-8")


def documented_codes(text: str | None = None) -> list[str]:
    """The ``errorCode`` headings of the error reference, in order."""
    return CODE_HEADING.findall(error_reference() if text is None else text)


@cache
def error_page() -> str:
    markdown = MarkdownIt("commonmark").enable("table")

    def heading(renderer, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        title = tokens[idx + 1].content
        if token.tag == "h3" and CODE_HEADING.match(f"### {title}"):
            token.attrSet("id", title)
        return renderer.renderToken(tokens, idx, options, env)

    markdown.add_render_rule("heading_open", heading)
    body = markdown.render(error_reference())
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<title>ordex: errors</title><style>body{font-family:system-ui,sans-serif;"
        "max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "code,pre{background:#f4f4f4}pre{padding:.5rem;overflow:auto}"
        "h3{font-family:monospace;margin-bottom:0}:target{background:#ffef9e}</style>"
        f"</head><body>{body}</body></html>"
    )


START = """<!doctype html><html lang=en><head><meta charset=utf-8><title>ordex</title>
</head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto">
<h1>ordex {version}</h1><p>A self-hostable order exchange. This is its API; start with</p>
<ul><li><a href="/docs">/docs</a>: the API reference (Swagger UI; <a href="/redoc">ReDoc</a>,
<a href="/openapi.json">/openapi.json</a>)</li>
<li><a href="/docs/errors">/docs/errors</a>: every error code and what to do about it</li>
<li><a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>: health</li></ul>
<p>PSB paths live under <code>/api/v1/{{partyId}}/</code>, commerce under
<code>/businesses/</code>, financing under <code>/financing/v1/</code>.</p></body></html>"""


def install(app: FastAPI) -> None:
    """Serve ``/start``, ``/docs``, ``/redoc`` and ``/docs/errors`` without any CDN (the app is
    created with ``docs_url=None, redoc_url=None``)."""
    app.mount(STATIC, StaticFiles(directory=ASSETS), name="docs-static")
    title = html.escape(app.title)

    @app.get("/start", include_in_schema=False)
    async def start() -> HTMLResponse:  # ``/`` is the web inbox's sign-in (ordex.web)
        return HTMLResponse(START.format(version=html.escape(app.version)))

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{title}: API reference",
            oauth2_redirect_url=f"{root}/docs/oauth2-redirect",
            swagger_js_url=f"{root}{STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{root}{STATIC}/favicon.png",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{title}: API reference",
            redoc_js_url=f"{root}{STATIC}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{STATIC}/favicon.png",
            with_google_fonts=False,
        )

    @app.get(ERRORS_PAGE, include_in_schema=False)
    async def errors_page() -> HTMLResponse:
        return HTMLResponse(error_page())

    @app.get(ERRORS_PAGE + ".md", include_in_schema=False)
    async def errors_markdown() -> PlainTextResponse:
        return PlainTextResponse(error_reference(), media_type="text/markdown")
