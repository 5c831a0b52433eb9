"""Read-side: an order's versions, and what changed from one to another."""

from __future__ import annotations

from dataclasses import dataclass

from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.diff import OrderDiff, diff_orders
from ordex.domain.errors import DocumentNotFound
from ordex.domain.orders import Order
from ordex.domain.versions import OrderVersion, current, previous
from ordex.services.context import Context, require_party
from ordex.services.roles import ALL_TYPES, Role, order_for


@dataclass(frozen=True)
class Comparison:
    old: OrderVersion
    new: OrderVersion
    diff: OrderDiff


def list_versions(
    ctx: Context, account: Account, party: PartyId, document_id: str, role: Role
) -> tuple[Order, list[OrderVersion], OrderVersion]:
    """Every version of the order ``document_id`` belongs to, and the current one, for
    the order's buyer or seller as ``role`` says."""
    require_party(account, party)
    with ctx.read() as uow:
        _, order = order_for(uow, party, role, document_id, ALL_TYPES)
        versions = uow.versions.for_order(order.order_id)
    return order, versions, current(versions)


def compare_versions(
    ctx: Context,
    account: Account,
    party: PartyId,
    document_id: str,
    against: str | None,
    role: Role,
) -> Comparison:
    """What the version ``document_id`` changed, against ``against`` or, by default, the
    version it replaced; for the order itself, what changed from it to the current one."""
    require_party(account, party)
    with ctx.read() as uow:
        _, order = order_for(uow, party, role, document_id, ALL_TYPES)
        versions = uow.versions.for_order(order.order_id)
    new = _version(versions, document_id)
    if against is not None:
        old = _version(versions, against)
    else:
        before = previous(versions, new)
        old, new = (before, new) if before is not None else (new, current(versions))
    return Comparison(old, new, diff_orders(old.content, new.content))


def _version(versions: list[OrderVersion], document_id: str) -> OrderVersion:
    for version in versions:
        if version.document_id == document_id:
            return version
    raise DocumentNotFound(
        f"Document {document_id} is no version of this order: versions are the order, its "
        "changes and the responses that accepted it with changes (CA)."
    )
