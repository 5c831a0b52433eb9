"""Processes that cancel the same commerce positions at the same moment (see
test_commerce_concurrency.py): each has its own engine and connections, and both meet
at a barrier before each order."""

from __future__ import annotations

import traceback
from datetime import date
from typing import Any

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.commerce import CancellationReason, RequestedItem
from ordex.domain.errors import OrdexError
from ordex.services.accounts import authenticate
from ordex.services.commerce import CancelPositions, RequestOf, cancel_positions

SHOP = "SHOP-RACE"
CUSTOMER = "C-7"
WAIT = 30.0


def race(name: str, url: str, key: str, references: list[str], barrier: Any, results: Any) -> None:
    """Cancel position 1 of each order; puts (name, [internalRequestId or error name])."""
    try:
        rt = bootstrap(Settings(database_url=url), migrate=False)
        account = authenticate(rt.ctx, key)
        outcomes: list[str] = []
        for reference in references:
            barrier.wait(WAIT)
            command = CancelPositions(
                of=RequestOf(account, SHOP, CUSTOMER, reference, request_id=f"{name}-{reference}"),
                items=[RequestedItem(1)],
                cancellation_date=date(2024, 9, 9),
                reason=CancellationReason.OUT_OF_STOCK,
            )
            try:
                outcomes.append(cancel_positions(rt.ctx, command))
            except OrdexError as error:
                outcomes.append(type(error).__name__)
        rt.engine.dispose()
        results.put((name, outcomes))
    except BaseException:
        results.put((name, ["crashed: " + traceback.format_exc()]))
        barrier.abort()
