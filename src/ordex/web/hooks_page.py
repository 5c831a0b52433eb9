"""The account's webhooks: recent deliveries with their attempts, resend and recover (the
API's hook use cases), and why a hook was disabled."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import context
from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import HookNotFound
from ordex.domain.hooks import Attempt, Delivery, Hook
from ordex.services.context import Context
from ordex.services.hooks import list_deliveries, list_hooks, recover_failed, resend_delivery
from ordex.web.routing import web_router
from ordex.web.session import browser, checked
from ordex.web.templating import render

router = web_router()
RECENT = 20


def _hooks(
    ctx: Context, account: Account, party: PartyId
) -> list[tuple[Hook, list[tuple[Delivery, list[Attempt]]]]]:
    hooks = list_hooks(ctx, account, party)
    return [(hook, list_deliveries(ctx, account, party, hook.hook_id, RECENT)) for hook in hooks]


@router.get("/inbox/hooks")
async def hooks(request: Request) -> Response:
    who = browser(request)
    found = await run_in_threadpool(_hooks, context(request), who.account, who.party)
    return render(
        request,
        "hooks.html",
        who=who,
        section="hooks",
        hooks=found,
        notice=request.query_params.get("notice"),
    )


def _back(text: str) -> Response:
    return RedirectResponse(f"/inbox/hooks?notice={quote(text)}", status_code=303)


@router.post("/inbox/hooks/{hook_id}/deliveries/{delivery_id}/resend")
async def resend(request: Request, hook_id: str, delivery_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    await run_in_threadpool(
        resend_delivery, context(request), who.account, who.party, hook_id, delivery_id
    )
    return _back("The delivery is queued again.")


@router.post("/inbox/hooks/{hook_id}/recover")
async def recover(request: Request, hook_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    ctx = context(request)
    owned = await run_in_threadpool(list_hooks, ctx, who.account, who.party)
    hook = next((h for h in owned if h.hook_id == hook_id), None)
    if hook is None:
        raise HookNotFound(f"Hook {hook_id} was not found.")
    result = await run_in_threadpool(
        recover_failed, ctx, who.account, who.party, hook_id, hook.created_at
    )
    return _back(f"{result.queued} failed delivery(ies) queued again, {result.released} due now.")
