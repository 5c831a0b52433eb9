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

from dataclasses import replace

from ordex.domain.content import DocumentType, OrderContent, PartyId, Profile
from ordex.domain.diff import LineChange, change_lines, diff_orders, normalise
from ordex.domain.documents import Document
from ordex.domain.errors import ChangeNotAllowed, InvalidRequest, OrderNotFound
from ordex.domain.events import DocumentExchanged
from ordex.domain.orders import Order, OrderAction
from ordex.domain.versions import OrderVersion, VersionSource, VersionStatus, current
from ordex.services.context import Context, new_id, refuse_duplicate, require_reachable
from ordex.services.network import Inbound, queue_transmission, record_inbound
from ordex.services.ports import ParsedDocument, UnitOfWork
from ordex.services.publishing import publish_exchange

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
