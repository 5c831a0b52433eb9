"""Buyer use cases: send an order, cancel an order."""

from __future__ import annotations

from dataclasses import dataclass

from ordex.domain.accounts import Account
from ordex.domain.content import (
    CancellationContent,
    DocumentType,
    OrderContent,
    Party,
    PartyId,
    Profile,
)
from ordex.domain.documents import Document
from ordex.domain.errors import (
    CancellationNotAllowed,
    InvalidRequest,
    OrderNotFound,
    PartyMismatch,
)
from ordex.domain.events import DocumentExchanged
from ordex.domain.orders import Order, OrderAction
from ordex.domain.versions import OrderVersion, VersionSource, VersionStatus
from ordex.services.changing import send_change
from ordex.services.context import (
    Context,
    new_id,
    require_party,
    require_reachable,
)
from ordex.services.network import Inbound, queue_transmission, record_inbound
from ordex.services.ports import ParsedDocument, UnitOfWork
from ordex.services.publishing import publish_exchange
from ordex.services.roles import ORDERING_TYPES, Role, order_for


@dataclass(frozen=True)
class SendDocument:
    account: Account
    party: PartyId
    data: bytes
    receiver: PartyId | None = None  # ?receiverId=


@dataclass(frozen=True)
class CancelOrder:
    account: Account
    party: PartyId
    document_id: str
    cancellation_note: str | None
    note: str | None = None

    def reason(self) -> tuple[str, str | None]:
        """The cancellation note and the extra note. PSB's ``OrderCancellation`` marks both
        optional; with only ``note`` given, it is the reason (PEPPOL-T115 needs one)."""
        cancellation_note = (self.cancellation_note or "").strip()
        if cancellation_note:
            return cancellation_note, self.note
        note = (self.note or "").strip()
        if not note:
            raise InvalidRequest(
                "cancellationNote: a cancellation needs a reason in cancellationNote or note "
                "(PEPPOL-T115: cbc:CancellationNote is mandatory)."
            )
        return note, None


def send_document(ctx: Context, cmd: SendDocument) -> Document:
    """Parse, validate, store and deliver a buyer's Order or Order Change inside the hub."""
    require_party(cmd.account, cmd.party)
    parsed = ctx.codec.read(cmd.data)
    if parsed.document_type is DocumentType.ORDER_RESPONSE:
        raise InvalidRequest(
            "An OrderResponse is sent by the seller with "
            "POST /api/v1/{partyId}/salesOrder/{documentId}/response, not purchaseOrder/send."
        )
    if parsed.document_type is DocumentType.ORDER_CANCELLATION:
        raise InvalidRequest(
            "Cancel an order with POST /api/v1/{partyId}/purchaseOrder/{documentId}/cancel."
        )
    if parsed.document_type is DocumentType.ORDER_AGREEMENT:
        raise InvalidRequest(
            "An Order Agreement is sent by the seller with "
            "POST /api/v1/{partyId}/salesOrder/agreement/send, not purchaseOrder/send."
        )
    content = parsed.content
    assert isinstance(content, OrderContent)
    if parsed.sender != cmd.party:
        raise PartyMismatch(
            f"The path's party {cmd.party} is not the document's buyer "
            f"(BuyerCustomerParty/Party/cbc:EndpointID = {parsed.sender})."
        )
    receiver = _receiver(parsed.receiver, cmd.receiver)
    if content.referenced_order is not None:  # a T114, or an Order naming an earlier one
        return send_change(ctx, cmd.party, receiver, parsed, cmd.data)
    return deliver_order(ctx, cmd.party, receiver, parsed, cmd.data)


def deliver_order(
    ctx: Context,
    sender: PartyId,
    receiver: PartyId,
    parsed: ParsedDocument,
    data: bytes,
    inbound: Inbound | None = None,
) -> Document:
    """Store a validated Order from ``sender`` (a buyer hosted here, or one on another
    access point when ``inbound`` names the AS4 message) and deliver it to ``receiver``
    (hosted here, or over the network)."""
    content = parsed.content
    assert isinstance(content, OrderContent)
    now = ctx.clock.now()
    document_id = new_id()
    with ctx.uow() as uow:
        require_reachable(uow, receiver, ctx.network)
        # A second Order with the sender's number is refused by the documents' unique key
        # (``documents.add`` raises ``DuplicateDocument``), not by a query first.
        order = Order.receive(document_id, sender, receiver, content, now)
        document = Document(
            document_id=document_id,
            order_id=document_id,
            document_type=parsed.document_type,
            transaction=parsed.transaction,
            number=parsed.number,
            sender=sender,
            receiver=receiver,
            created_at=now,
            content=data,
        )
        uow.orders.add(order)
        uow.documents.add(document)
        uow.versions.add(
            OrderVersion(
                order_id=document_id,
                number=1,
                document_id=document_id,
                source=VersionSource.ORDER,
                status=VersionStatus.PENDING,
                content=content,
                created_at=now,
            )
        )
        publish_exchange(
            uow,
            DocumentExchanged(
                family=document.family,
                document_id=document_id,
                order_id=document_id,
                sender=str(sender),
                receiver=str(receiver),
                message=f"Order {parsed.number} from {sender} to {receiver}",
                at=now,
                details={"orderNumber": parsed.number, "documentType": document.family},
            ),
            history_name="Delivered",
        )
        record_inbound(uow, inbound, document, now)
        queue_transmission(ctx, uow, document, content.profile_id, _country(content.buyer))
        uow.commit()
    return document


def cancel_order(ctx: Context, cmd: CancelOrder) -> Document:
    """Render an Order Cancellation (T115) for the seller; the order awaits its answer."""
    require_party(cmd.account, cmd.party)
    cancellation_note, note = cmd.reason()
    now = ctx.clock.now()
    with ctx.uow() as uow:
        _, order = order_for(uow, cmd.party, Role.BUYER, cmd.document_id, ORDERING_TYPES)
        if order.profile is not Profile.ADVANCED_ORDERING:
            raise CancellationNotAllowed(
                f"Order {order.number} uses the profile {order.profile_id}; order "
                "cancellations exist only in Peppol BIS Advanced Ordering.",
                state=order.state.value,
                action=OrderAction.REQUEST_CANCELLATION.value,
            )
        order.check(OrderAction.REQUEST_CANCELLATION)
        number = f"CAN-{new_id()[:8]}"
        cancellation = CancellationContent(
            customization_id="urn:fdc:peppol.eu:poacc:trns:order_cancellation:3",
            profile_id=Profile.ADVANCED_ORDERING.value,
            number=number,
            issue_date=now.date(),
            cancellation_note=cancellation_note,
            note=note,
            referenced_order=order.number,
            buyer=reference_party(order.content.buyer),
            seller=reference_party(order.content.seller, with_address=True),
        )
        data = ctx.codec.render_cancellation(cancellation)
        document = Document(
            document_id=new_id(),
            order_id=order.order_id,
            document_type=DocumentType.ORDER_CANCELLATION,
            transaction="T115",
            number=number,
            sender=order.buyer,
            receiver=order.seller,
            created_at=now,
            content=data,
        )
        _store_cancellation(ctx, uow, order, document, cancellation, None)
        uow.commit()
    return document


def receive_cancellation(
    ctx: Context, parsed: ParsedDocument, data: bytes, inbound: Inbound
) -> Document:
    """An Order Cancellation (T115) from a buyer on another access point, for an order it
    sent to a seller hosted here."""
    cancellation = parsed.content
    assert isinstance(cancellation, CancellationContent)
    buyer, seller = parsed.sender, parsed.receiver
    assert buyer is not None and seller is not None
    now = ctx.clock.now()
    with ctx.uow() as uow:
        first = uow.documents.find(buyer, DocumentType.ORDER, cancellation.referenced_order)
        order = uow.orders.get(first) if first else None
        if order is None or order.seller != seller:
            raise OrderNotFound(
                f"cac:OrderReference/cbc:ID names order {cancellation.referenced_order!r}, but "
                f"{buyer} sent no order with that cbc:ID to {seller}."
            )
        order.check(OrderAction.REQUEST_CANCELLATION)
        document = Document(
            document_id=new_id(),
            order_id=order.order_id,
            document_type=DocumentType.ORDER_CANCELLATION,
            transaction=parsed.transaction,
            number=cancellation.number,
            sender=buyer,
            receiver=seller,
            created_at=now,
            content=data,
        )
        _store_cancellation(ctx, uow, order, document, cancellation, inbound)
        uow.commit()
    return document


def _store_cancellation(
    ctx: Context,
    uow: UnitOfWork,
    order: Order,
    document: Document,
    cancellation: CancellationContent,
    inbound: Inbound | None,
) -> None:
    now = document.created_at
    order.request_cancellation(now, document.document_id)
    uow.documents.add(document)
    uow.orders.update(order)
    publish_exchange(
        uow,
        DocumentExchanged(
            family=document.family,
            document_id=document.document_id,
            order_id=order.order_id,
            sender=str(order.buyer),
            receiver=str(order.seller),
            message=f"Cancellation of order {order.number}: {cancellation.cancellation_note}",
            at=now,
            details={
                "orderNumber": order.number,
                "cancellationNote": cancellation.cancellation_note,
            },
        ),
        history_name="CancellationRequested",
    )
    record_inbound(uow, inbound, document, now)
    queue_transmission(ctx, uow, document, cancellation.profile_id, _country(order.content.buyer))


def _country(party: Party | None) -> str | None:
    """C1's country for the SBDH: the sending party's postal address."""
    address = party.address if party is not None else None
    return address.country if address is not None else None


def _receiver(in_document: PartyId | None, override: PartyId | None) -> PartyId:
    if override is not None and in_document is not None and override != in_document:
        raise PartyMismatch(
            f"receiverId {override} differs from the document's seller "
            f"(SellerSupplierParty/Party/cbc:EndpointID = {in_document})."
        )
    receiver = override or in_document
    if receiver is None:
        raise InvalidRequest(
            "No recipient: the document has no SellerSupplierParty/Party/cbc:EndpointID "
            "and no receiverId was given."
        )
    return receiver


def reference_party(party: Party, with_address: bool = False) -> Party:
    """The party as a follow-up document names it: endpoint, identifiers, legal name
    (and the postal address, which T115 requires of the seller)."""
    return Party(
        endpoint=party.endpoint,
        name=party.name,
        registration_name=party.registration_name or party.name,
        identifiers=party.identifiers,
        address=party.address if with_address else None,
    )
