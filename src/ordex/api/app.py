"""The FastAPI application: routers, error tables, health."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ordex.api import (
    admin,
    agreements,
    auth,
    changes,
    commerce,
    commerce_callbacks,
    financing,
    financing_admin,
    hooks,
    metrics,
    openapi,
    peppol,
    peppol_lookup,
    reference,
)
from ordex.api.edge import Guard
from ordex.api.errors import (
    handle_http_error,
    handle_ordex_error,
    handle_unexpected,
    handle_validation_error,
)
from ordex.bootstrap import Runtime
from ordex.domain.errors import OrdexError
from ordex.network import smp_routes
from ordex.web.app import STATIC, web_routers

DESCRIPTION = """
ordex is a self-hostable order exchange. The **Peppol ordering** endpoints follow the
paths of a Procurement Service Bus (PSB); errors there are `{message, code, requestId,
dateTime}`. Admin endpoints answer errors as RFC 9457 `application/problem+json`.
Authenticate with `Authorization: Bearer <API key>` or a token from `POST /connect/token`.

The **commerce** endpoints (`/businesses/{businessCode}/...`, also under `/accounting/v1`)
follow Accounting as a Service: they also take `X-Subscription-Key`, answer
`{internalRequestId}` and notify the outcome (`accounting/EDIErrorSent`); errors are
problem+json with an `errors` list naming each field. Related positions (discounts,
vouchers, services that belong to a main position) are cancelled and returned along
with their main position; a discount or voucher is never cancelled on its own.

The **financing** (buy-now-pay-later) endpoints live under `/financing/v1`, shaped as the
Skip Pay SDKs' models (amounts in minor units); their errors are the SDK's
`{errors: [{code, message, severity, attribute, ticketId}]}`; partners log in with
`POST /authentication/v1/partner`.

Every `errorCode` is explained in the error reference, [/docs/errors](/docs/errors); each
PSB error's `helpLink` points to its entry.
"""


def create_app(rt: Runtime) -> FastAPI:
    app = FastAPI(
        title="ordex", version="0.1.0", description=DESCRIPTION, docs_url=None, redoc_url=None
    )
    app.state.runtime = rt
    app.include_router(auth.router)
    app.include_router(peppol_lookup.router)
    app.include_router(peppol.router)
    app.include_router(agreements.router)
    app.include_router(changes.router)
    app.include_router(hooks.router)
    app.include_router(admin.router)
    app.include_router(commerce.router)
    app.include_router(commerce.router, prefix="/accounting/v1", include_in_schema=False)
    app.include_router(commerce_callbacks.router)
    app.include_router(metrics.router)
    if rt.access_point is not None:  # a Peppol access point: other APs deliver here
        from ordex.network.as4_route import router as as4_router

        app.include_router(as4_router)
    app.state.metrics = metrics.Metrics(rt)
    # The guard sits inside the metrics middleware, so its refusals are counted too.
    app.add_middleware(Guard, runtime=rt)
    app.add_middleware(metrics.MetricsMiddleware, metrics=app.state.metrics)
    app.include_router(financing.router)
    app.include_router(financing_admin.router)
    smp_routes.mount(app, rt)  # the Peppol SMP, when ORDEX_PEPPOL_AP_CERT is set
    app.add_exception_handler(OrdexError, handle_ordex_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected)
    for router in web_routers():
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    openapi.install(app)
    reference.install(app)

    @app.get("/healthz", tags=["Operations"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["Operations"], summary="The database answers")
    async def readyz() -> dict[str, str]:
        def ping() -> None:
            with rt.engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        await run_in_threadpool(ping)
        return {"status": "ready"}

    return app
