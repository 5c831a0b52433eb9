"""``Idempotency-Key`` on creating requests: a retry replays the first answer.

The key is scoped to the caller's account; the request is fingerprinted by method, path,
query and body. The same key with another request is refused (422); a key whose first
request is still running answers 409. A running request holds its key by a short lease
that it renews while it runs (``LEASE``, renewed every ``RENEW_EVERY``); a request whose
process died stops renewing, so the next retry takes the key over within seconds and runs
again. When the dead request had stored its document, the use case refuses the repeat
(``DuplicateDocument`` naming the first document) and the route's ``replay`` rebuilds the
answer the first request would have given from the stored document. Answers are kept
24 hours.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import runtime
from ordex.api.errors import error_response
from ordex.domain.accounts import Account
from ordex.domain.errors import (
    ConcurrentUpdate,
    DuplicateDocument,
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    InvalidRequest,
    OrdexError,
)
from ordex.services.ports import Clock
from ordex.storage.idempotency import Claimed, IdempotencyStore

log = logging.getLogger("ordex.idempotency")

HEADER = "Idempotency-Key"
LEASE = timedelta(seconds=6)
"""How long a claim holds without being renewed: a retry after a crash waits at most this."""
RENEW_EVERY = 1.5
"""Seconds between renewals of a running request's claim (a quarter of ``LEASE``, so that
a renewal delayed by a busy database still lands in time)."""


@dataclass(frozen=True)
class Replay:
    """The answer a first request would have given for the document it stored."""

    stored_at: datetime
    response: Response


ReplayStored = Callable[[str], Awaitable[Replay]]
"""A route's rebuild of its answer from a stored document's id (an ``OrdexError`` when
the caller cannot see that document)."""


async def fingerprint(request: Request) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.url.path, request.url.query):
        digest.update(part.encode() + b"\0")
    digest.update(await request.body())
    return digest.hexdigest()


async def _renew(
    store: IdempotencyStore, account_id: str, key: str, owner: str, clock: Clock
) -> None:
    """Keep a running request's claim alive until it answers (the task is cancelled)."""
    while True:
        await asyncio.sleep(RENEW_EVERY)
        try:
            renewed = await run_in_threadpool(
                store.renew, account_id, key, owner, clock.now() + LEASE
            )
        except Exception:  # a busy database: try again at the next beat
            log.warning("could not renew the claim on an idempotency key", exc_info=True)
            continue
        if not renewed:
            return


async def idempotent(
    request: Request,
    account: Account,
    run: Callable[[], Awaitable[Response]],
    header: str = HEADER,
    replay: ReplayStored | None = None,
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
    clock = rt.ctx.clock
    store = IdempotencyStore(rt.engine)
    request_hash = await fingerprint(request)
    owner = uuid.uuid4().hex
    account_id = account.account_id
    claimed = await run_in_threadpool(
        store.claim, account_id, key, request_hash, owner, clock.now(), LEASE
    )
    if not isinstance(claimed, Claimed):
        if claimed.request_hash != request_hash:
            raise IdempotencyKeyReused(
                f"{header} {given!r} was already used for another request; use a new key."
            )
        if claimed.status_code is None or claimed.body is None:
            raise IdempotencyKeyInUse(
                f"A request with {header} {given!r} is still being processed; retry later."
            )
        return Response(
            content=claimed.body,
            status_code=claimed.status_code,
            media_type=claimed.media_type,
            headers={"Idempotent-Replayed": "true"},
        )
    heartbeat = asyncio.create_task(_renew(store, account_id, key, owner, clock))
    try:
        response = await _answer(request, run, claimed, replay)
    except BaseException:
        heartbeat.cancel()
        await run_in_threadpool(store.release, account_id, key, owner)
        raise
    heartbeat.cancel()
    if response.status_code >= 500:
        await run_in_threadpool(store.release, account_id, key, owner)
        return response
    await run_in_threadpool(
        store.store,
        account_id,
        key,
        owner,
        response.status_code,
        bytes(response.body),
        response.media_type or "application/json",
    )
    return response


async def _answer(
    request: Request,
    run: Callable[[], Awaitable[Response]],
    claimed: Claimed,
    replay: ReplayStored | None,
) -> Response:
    """The request's answer; a ``ConcurrentUpdate`` or anything unexpected propagates."""
    try:
        return await run()
    except ConcurrentUpdate:
        raise
    except DuplicateDocument as error:
        # The document of a request that died after storing it, with this very key and
        # body: stored after that request claimed the key, so it is that request's.
        if claimed.taken_over and replay is not None:
            try:
                stored: Replay | None = await replay(error.existing_document_id)
            except OrdexError:
                stored = None
            if stored is not None and stored.stored_at >= claimed.claimed_at:
                stored.response.headers["Idempotent-Replayed"] = "true"
                return stored.response
        return error_response(request, error)
    except OrdexError as error:
        return error_response(request, error)
