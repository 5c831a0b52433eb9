"""Buyer use case: change an order, with an Order Change (T114) or a whole new Order.

Seed 004: a change "is essentially a completely new UBL Order document that references
the original order"; the PSB offers no diff. ordex accepts either form. A T114 is passed
on as sent. An Order whose ``cac:OrderReference`` names an earlier order is turned into a
T114 for the seller, each line's ``LineStatusCode`` computed from the diff against the
order's current version (1 added, 2 deleted, 3 changed, 4 no action) and
``SequenceNumberID`` counted up. Either way the change becomes the order's next version,
pending until the seller answers it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ordex.domain.accounts import Account
from ordex.domain.agreement import agreed_content
from ordex.domain.content import (
    DocumentType,
    OrderContent,
    PartyId,
    Profile,
    ResponseLine,
    ResponseLineCode,
)
from ordex.domain.diff import LineChange, change_lines, diff_orders, normalise
from ordex.domain.documents import Document
from ordex.domain.errors import ChangeNotAllowed, InvalidRequest, OrderNotFound
from ordex.domain.events import DocumentExchanged
from ordex.domain.orders import Order, OrderAction
from ordex.domain.versions import OrderVersion, VersionSource, VersionStatus, current
from ordex.services.context import (
    Context,
    new_id,
    refuse_duplicate,
    require_party,
    require_reachable,
)
from ordex.services.network import Inbound, queue_transmission, record_inbound
from ordex.services.ports import ParsedDocument, UnitOfWork
from ordex.services.publishing import publish_exchange
from ordex.services.roles import Role, order_for

T114_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:order_change:3"


def send_change(
    ctx: Context,
    buyer: PartyId,
    seller: PartyId,
    parsed: ParsedDocument,
    data: bytes,
    inbound: Inbound | None = None,
) -> Document:
    """Store the change as the order's next version and pass a T114 to the seller.

    ``parsed`` is a validated T114, or a validated Order carrying ``referenced_order``;
    the caller (``send_document``) has checked that the buyer sends it.
    """
    content = parsed.content
    assert isinstance(content, OrderContent) and content.referenced_order is not None
    now = ctx.clock.now()
    document_id = new_id()
    with ctx.uow() as uow:
        require_reachable(uow, seller, ctx.network)
        order = _changed_order(uow, buyer, seller, content.referenced_order)
        order.check(OrderAction.REQUEST_CHANGE)
        refuse_duplicate(uow, buyer, DocumentType.ORDER_CHANGE, content.number)
        versions = uow.versions.for_order(order.order_id)
        base = current(versions).content if versions else order.content
        sequence = _next_sequence(versions)
        new = normalise(content)
        if parsed.document_type is DocumentType.ORDER:
            change = replace(
                content,
                document_type=DocumentType.ORDER_CHANGE,
                customization_id=T114_CUSTOMIZATION,
                referenced_order=order.number,
                sequence_number=str(sequence),
                order_type_code=None,
                lines=change_lines(base, new),
            )
            data = ctx.codec.render_order(change)
        else:
            _check_sequence(content, versions, sequence)
        diff = diff_orders(base, new)
        document = Document(
            document_id=document_id,
            order_id=order.order_id,
            document_type=DocumentType.ORDER_CHANGE,
            transaction="T114",
            number=content.number,
            sender=buyer,
            receiver=seller,
            created_at=now,
            content=data,
        )
        version = OrderVersion(
            order_id=order.order_id,
            number=len(versions) + 1,
            document_id=document_id,
            source=VersionSource.CHANGE,
            status=VersionStatus.PENDING,
            content=replace(
                new,
                document_type=DocumentType.ORDER_CHANGE,
                sequence_number=content.sequence_number or str(sequence),
            ),
            created_at=now,
        )
        order.request_change(now, document_id)
        uow.orders.update(order)
        uow.documents.add(document)
        uow.versions.add(version)
        counts = diff.summary()
        publish_exchange(
            uow,
            DocumentExchanged(
                family=document.family,
                document_id=document_id,
                order_id=order.order_id,
                sender=str(buyer),
                receiver=str(seller),
                message=(
                    f"Change {content.number} of order {order.number}: "
                    f"{counts[LineChange.ADDED]} line(s) added, "
                    f"{counts[LineChange.DELETED]} deleted, "
                    f"{counts[LineChange.CHANGED] + counts[LineChange.REPLACED]} changed"
                ),
                at=now,
                details={
                    "orderNumber": order.number,
                    "changeNumber": content.number,
                    "version": str(version.number),
                    **{f"lines{kind.title()}": str(n) for kind, n in counts.items()},
                },
            ),
            history_name="ChangeRequested",
        )
        record_inbound(uow, inbound, document, now)
        address = content.buyer.address
        queue_transmission(
            ctx, uow, document, content.profile_id, address.country if address else None
        )
        uow.commit()
    return document


def _changed_order(uow: UnitOfWork, buyer: PartyId, seller: PartyId, number: str) -> Order:
    first = uow.documents.find(buyer, DocumentType.ORDER, number)
    order = uow.orders.get(first) if first else None
    if order is None or order.seller != seller:
        raise OrderNotFound(
            f"cac:OrderReference/cbc:ID names order {number!r}, but {buyer} sent no order "
            f"with that cbc:ID to {seller}."
        )
    if order.profile is not Profile.ADVANCED_ORDERING:
        raise ChangeNotAllowed(
            f"Order {order.number} uses the profile {order.profile_id}; order changes exist "
            "only in Peppol BIS Advanced Ordering.",
            state=order.state.value,
            action=OrderAction.REQUEST_CHANGE.value,
        )
    return order


def _sequences(versions: list[OrderVersion]) -> list[int]:
    numbers = [
        v.content.sequence_number or "" for v in versions if v.source is VersionSource.CHANGE
    ]
    return [int(number) for number in numbers if number.isdigit()]


def _next_sequence(versions: list[OrderVersion]) -> int:
    """The order counts as 1; each change one more than the last change before it."""
    return max(_sequences(versions), default=1) + 1


def _check_sequence(content: OrderContent, versions: list[OrderVersion], expected: int) -> None:
    sequence = content.sequence_number or ""
    earlier = _sequences(versions)
    if sequence.isdigit() and earlier and int(sequence) <= max(earlier):
        raise InvalidRequest(
            f"cbc:SequenceNumberID is {sequence}, but change {max(earlier)} of this order "
            f"was already sent: number changes in the order they are made (next: {expected})."
        )


@dataclass(frozen=True)
class ChangeOrderLines:
    """A buyer's change as edits of the current lines (the web inbox's change form): each
    edit is a line as the agreement reads an answer's line (3 changed: new quantity, price
    or delivery period; 7: the line leaves the order; 1: a line added)."""

    account: Account
    party: PartyId
    document_id: str
    edits: tuple[ResponseLine, ...]
    number: str | None = None  # the change's cbc:ID (default: CHG-…)
    note: str | None = None


def change_order_lines(ctx: Context, cmd: ChangeOrderLines) -> Document:
    """Send the order's current version with ``cmd.edits`` applied as a T114, through the
    same path as a T114 posted to ``purchaseOrder/send`` (amounts and totals recomputed as
    for an agreed CA answer)."""
    from ordex.services.sending import SendDocument, send_document  # sending imports this

    require_party(cmd.account, cmd.party)
    with ctx.read() as uow:
        _, order = order_for(uow, cmd.party, Role.BUYER, cmd.document_id, (DocumentType.ORDER,))
        versions = uow.versions.for_order(order.order_id)
    order.check(OrderAction.REQUEST_CHANGE)
    base = current(versions).content if versions else order.content
    known = {line.line_id for line in base.lines}
    unknown = [
        e.line_id
        for e in cmd.edits
        if e.status is not ResponseLineCode.ADDED and e.line_id not in known
    ]
    if unknown:
        raise InvalidRequest(f"lines: order {order.number} has no line {unknown[0]!r}.")
    new = agreed_content(base, cmd.edits)
    if not new.lines:
        raise InvalidRequest(
            "lines: a change keeps at least one line (to end the order, cancel it)."
        )
    if diff_orders(base, new).is_empty and not cmd.note:
        raise InvalidRequest("lines: the change changes nothing.")
    change = replace(
        new,
        document_type=DocumentType.ORDER_CHANGE,
        customization_id=T114_CUSTOMIZATION,
        number=cmd.number or f"CHG-{new_id()[:8]}",
        issue_date=ctx.clock.now().date(),
        referenced_order=order.number,
        sequence_number=str(_next_sequence(versions)),
        order_type_code=None,
        note=cmd.note if cmd.note is not None else new.note,
        lines=change_lines(base, new),
    )
    data = ctx.codec.render_order(change)
    return send_document(ctx, SendDocument(cmd.account, cmd.party, data))
