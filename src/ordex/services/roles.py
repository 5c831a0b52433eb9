"""Which order a document names, for a party acting in one role (issue 16, finding 1).

Both parties of an order hold keys, so owning the path's party is not enough: a
``purchaseOrder`` route acts only on an order whose buyer is that party, a
``salesOrder`` route only on one whose seller it is, and each names the documents it
accepts. Anything else is "not found", as for a stranger.
"""

from __future__ import annotations

import enum

from ordex.domain.content import DocumentType, PartyId
from ordex.domain.documents import Document
from ordex.domain.errors import DocumentNotFound
from ordex.domain.orders import Order
from ordex.services.ports import UnitOfWork

SALES_TYPES = (DocumentType.ORDER, DocumentType.ORDER_CHANGE, DocumentType.ORDER_CANCELLATION)
"""What a buyer sends and its seller receives."""
ORDERING_TYPES = (DocumentType.ORDER, DocumentType.ORDER_CHANGE)
"""What a cancellation may name: the order or one of its changes."""
ALL_TYPES = tuple(DocumentType)


class Role(enum.Enum):
    BUYER = "purchaseOrder"
    SELLER = "salesOrder"

    def of(self, order: Order) -> PartyId:
        return order.buyer if self is Role.BUYER else order.seller

    @property
    def label(self) -> str:
        return "Purchase order" if self is Role.BUYER else "Sales order"


def order_for(
    uow: UnitOfWork,
    party: PartyId,
    role: Role,
    document_id: str,
    types: tuple[DocumentType, ...] = SALES_TYPES,
) -> tuple[Document, Order]:
    """The document ``document_id`` and its order, when ``party`` is the order's buyer or
    seller as ``role`` says, takes part in the document, and the document is of ``types``."""
    document = uow.documents.get(document_id)
    order = None
    if (
        document is not None
        and document.document_type in types
        and party in (document.sender, document.receiver)
    ):
        order = uow.orders.get(document.order_id)
    if document is None or order is None or role.of(order) != party:
        raise DocumentNotFound(
            f"{role.label} {document_id} was not found."
            + (_numbered(uow, party, document_id, types) if document is None else "")
        )
    return document, order


def _numbered(uow: UnitOfWork, party: PartyId, number: str, types: tuple[DocumentType, ...]) -> str:
    """A hint when ``number`` is the ``cbc:ID`` of a document ``party`` sent: the paths take
    its ``documentId``. Only the sender's own documents are looked up (nothing leaks)."""
    for document_type in types:
        found = uow.documents.find(party, document_type, number)
        if found is not None:
            return (
                f" {number} looks like a document number (cbc:ID): the documentId of your "
                f"{document_type.value} {number} is {found}; the paths take the documentId."
            )
    return ""
