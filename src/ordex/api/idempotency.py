"""``Idempotency-Key`` on creating requests: a retry replays the first answer.

The key is scoped to the caller's account; the request is fingerprinted by method, path,
query and body. The same key with another request is refused (422); a key whose first
request is still running answers 409. A first request that never answered (its process
died) is abandoned after ``ABANDONED_AFTER``: the next retry runs it again (a use case
that had committed then refuses the repeat by itself, e.g. ``DuplicateDocument`` naming
the first document). Answers are kept 24 hours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import timedelta

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import runtime
from ordex.api.errors import error_response
from ordex.domain.accounts import Account
from ordex.domain.errors import (
    ConcurrentUpdate,
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    InvalidRequest,
    OrdexError,
)
from ordex.storage.idempotency import IdempotencyStore

HEADER = "Idempotency-Key"
ABANDONED_AFTER = timedelta(minutes=2)
"""How long a first request may run without answering before a retry takes its key over:
far longer than any request takes (they are bounded by the body size and the database)."""


async def fingerprint(request: Request) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.url.path, request.url.query):
        digest.update(part.encode() + b"\0")
    digest.update(await request.body())
    return digest.hexdigest()


async def idempotent(
    request: Request,
    account: Account,
    run: Callable[[], Awaitable[Response]],
    header: str = HEADER,
) -> Response:
    """``header`` names the key: ``Idempotency-Key``, or ``X-Request-ID`` (commerce)."""
    given = request.headers.get(header)
    if given is None:
        return await run()
    longest = 255 if header == HEADER else 200
    if not 0 < len(given) <= longest:
        raise InvalidRequest(f"{header}: between 1 and {longest} characters.")
    key = given if header == HEADER else f"{header}:{given}"  # one namespace per header
    rt = runtime(request)
    store = IdempotencyStore(rt.engine)
    request_hash = await fingerprint(request)
    now = rt.ctx.clock.now()
    first = await run_in_threadpool(
        store.claim, account.account_id, key, request_hash, now, now - ABANDONED_AFTER
    )
    if first is not None:
        if first.request_hash != request_hash:
            raise IdempotencyKeyReused(
                f"{header} {given!r} was already used for another request; use a new key."
            )
        if first.status_code is None or first.body is None:
            raise IdempotencyKeyInUse(
                f"A request with {header} {given!r} is still being processed; retry later."
            )
        return Response(
            content=first.body,
            status_code=first.status_code,
            media_type=first.media_type,
            headers={"Idempotent-Replayed": "true"},
        )
    try:
        response = await run()
    except ConcurrentUpdate:
        await run_in_threadpool(store.release, account.account_id, key)
        raise
    except OrdexError as error:
        response = error_response(request, error)
    except BaseException:
        await run_in_threadpool(store.release, account.account_id, key)
        raise
    if response.status_code >= 500:
        await run_in_threadpool(store.release, account.account_id, key)
        return response
    await run_in_threadpool(
        store.store,
        account.account_id,
        key,
        response.status_code,
        bytes(response.body),
        response.media_type or "application/json",
    )
    return response
