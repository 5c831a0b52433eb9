"""Order versions and the diff between them (ordex extension of the PSB API).

Seed 004: "The PSB does not offer a diff function; your system must detect the changes
itself." ``GET .../changes`` is that function: for machines, stable JSON documented in
the OpenAPI schema (``OrderDiffView``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx, CurrentAccount, PathParty
from ordex.api.diff_schema import OrderDiffView
from ordex.api.peppol import ERRORS
from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.services.context import Context
from ordex.services.roles import Role
from ordex.services.versions import compare_versions, list_versions

router = APIRouter(prefix="/api/v1/{partyId}", tags=["Order changes (ordex)"], responses=ERRORS)

Against = Annotated[
    str | None,
    Query(
        description="documentId of the version to compare with (default: the version "
        "the document replaced; for the order itself, its current version)"
    ),
]
Unchanged = Annotated[bool, Query(description="List unchanged lines too")]


class VersionOut(BaseModel):
    version: int = Field(description="1 is the order; each change or CA agreement adds one")
    documentId: str = Field(description="The Order, OrderChange or OrderResponse (CA)")
    source: str = Field(description="order, change or response")
    status: str = Field(
        description="pending, acknowledged, accepted, accepted_with_changes, rejected, "
        "or agreed (a version a CA response describes)"
    )
    number: str = Field(description="cbc:ID of the order or change")
    createdOn: datetime
    answeredBy: str | None = Field(default=None, description="documentId of the answer")
    current: bool = Field(description="This version is the order now")


class VersionList(BaseModel):
    orderId: str
    orderNumber: str
    orderState: str
    items: list[VersionOut]


def _changes(
    ctx: Context,
    account: Account,
    party: PartyId,
    document_id: str,
    against: str | None,
    unchanged: bool,
    role: Role,
) -> OrderDiffView:
    found = compare_versions(ctx, account, party, document_id, against, role)
    return OrderDiffView.from_diff(
        found.diff, found.old.document_id, found.new.document_id, include_unchanged=unchanged
    )


def _versions(
    ctx: Context, account: Account, party: PartyId, document_id: str, role: Role
) -> VersionList:
    order, versions, now = list_versions(ctx, account, party, document_id, role)
    return VersionList(
        orderId=order.order_id,
        orderNumber=order.number,
        orderState=order.state.value,
        items=[
            VersionOut(
                version=v.number,
                documentId=v.document_id,
                source=v.source.value,
                status=v.status.value,
                number=v.content.number,
                createdOn=v.created_at,
                answeredBy=v.answered_by,
                current=v.number == now.number,
            )
            for v in versions
        ],
    )


@router.get(
    "/salesOrder/{documentId}/changes",
    response_model=OrderDiffView,
    summary="What an order change changed, line by line (for the supplier)",
)
async def sales_changes(
    partyId: PathParty,
    documentId: str,
    account: CurrentAccount,
    ctx: Ctx,
    against: Against = None,
    unchanged: Unchanged = True,
) -> OrderDiffView:
    return await run_in_threadpool(
        _changes, ctx, account, partyId, documentId, against, unchanged, Role.SELLER
    )


@router.get(
    "/purchaseOrder/{documentId}/changes",
    response_model=OrderDiffView,
    summary="What an order change changed, line by line (for the buyer)",
)
async def purchase_changes(
    partyId: PathParty,
    documentId: str,
    account: CurrentAccount,
    ctx: Ctx,
    against: Against = None,
    unchanged: Unchanged = True,
) -> OrderDiffView:
    return await run_in_threadpool(
        _changes, ctx, account, partyId, documentId, against, unchanged, Role.BUYER
    )


@router.get(
    "/salesOrder/{documentId}/versions",
    response_model=VersionList,
    summary="Every version of a received order",
)
async def sales_versions(
    partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> VersionList:
    return await run_in_threadpool(_versions, ctx, account, partyId, documentId, Role.SELLER)


@router.get(
    "/purchaseOrder/{documentId}/versions",
    response_model=VersionList,
    summary="Every version of a sent order",
)
async def purchase_versions(
    partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> VersionList:
    return await run_in_threadpool(_versions, ctx, account, partyId, documentId, Role.BUYER)
