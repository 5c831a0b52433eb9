"""Seller use case: send an Order Agreement (T110) to the buyer.

In Peppol's Order Agreement profile the seller states the order both sides agreed on
(often outside Peppol: on the phone, in a shop); the buyer receives it as it receives an
order the other way round: stored, delivered inside the hub, announced by the webhook
topics ``OrderAgreementSent`` (to the seller) and ``OrderAgreementReceived`` (to the
buyer), and downloadable as UBL or as the JSON view. It is the same path as sending an
order (``services.sending``), with the roles turned round.
"""

from __future__ import annotations

from dataclasses import dataclass

from ordex.domain.accounts import Account
from ordex.domain.content import DocumentType, OrderContent, PartyId
from ordex.domain.documents import Document
from ordex.domain.errors import InvalidRequest, PartyMismatch
from ordex.domain.events import DocumentExchanged
from ordex.domain.orders import Order
from ordex.domain.versions import OrderVersion, VersionSource, VersionStatus
from ordex.services.context import Context, new_id, require_party, require_reachable
from ordex.services.publishing import publish_exchange

AGREEMENT_TYPES = (DocumentType.ORDER_AGREEMENT,)
"""What a seller sends and its buyer receives (and downloads)."""


@dataclass(frozen=True)
class SendAgreement:
    account: Account
    party: PartyId  # the seller
    data: bytes
    receiver: PartyId | None = None  # ?receiverId=


def send_agreement(ctx: Context, cmd: SendAgreement) -> Document:
    """Parse, validate, store and deliver a seller's Order Agreement inside the hub."""
    require_party(cmd.account, cmd.party)
    parsed = ctx.codec.read(cmd.data)
    if parsed.document_type is not DocumentType.ORDER_AGREEMENT:
        raise InvalidRequest(
            "salesOrder/agreement/send takes an Order Agreement (T110: a UBL OrderResponse "
            "with cbc:CustomizationID urn:fdc:peppol.eu:poacc:trns:order_agreement:3); this "
            f"document is a {parsed.document_type.value} ({parsed.transaction})."
        )
    content = parsed.content
    assert isinstance(content, OrderContent)
    if parsed.sender != cmd.party:
        raise PartyMismatch(
            f"The path's party {cmd.party} is not the document's seller "
            f"(SellerSupplierParty/Party/cbc:EndpointID = {parsed.sender})."
        )
    buyer = _buyer(parsed.receiver, cmd.receiver)
    now = ctx.clock.now()
    document_id = new_id()
    with ctx.uow() as uow:
        require_reachable(uow, buyer)
        # A second agreement with the seller's number is refused by the documents' unique
        # key (``documents.add`` raises ``DuplicateDocument``).
        document = Document(
            document_id=document_id,
            order_id=document_id,
            document_type=DocumentType.ORDER_AGREEMENT,
            transaction=parsed.transaction,
            number=parsed.number,
            sender=cmd.party,
            receiver=buyer,
            created_at=now,
            content=cmd.data,
        )
        uow.orders.add(Order.receive(document_id, buyer, cmd.party, content, now))
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
        details = {"agreementNumber": parsed.number, "documentType": document.family}
        if content.referenced_order:
            details["orderNumber"] = content.referenced_order
        publish_exchange(
            uow,
            DocumentExchanged(
                family=document.family,
                document_id=document_id,
                order_id=document_id,
                sender=str(cmd.party),
                receiver=str(buyer),
                message=f"Order Agreement {parsed.number} from {cmd.party} to {buyer}",
                at=now,
                details=details,
            ),
            history_name="Delivered",
        )
        uow.commit()
    return document


def _buyer(in_document: PartyId | None, override: PartyId | None) -> PartyId:
    if override is not None and in_document is not None and override != in_document:
        raise PartyMismatch(
            f"receiverId {override} differs from the document's buyer "
            f"(BuyerCustomerParty/Party/cbc:EndpointID = {in_document})."
        )
    buyer = override or in_document
    if buyer is None:
        raise InvalidRequest(
            "No recipient: the document has no BuyerCustomerParty/Party/cbc:EndpointID "
            "and no receiverId was given."
        )
    return buyer
