"""The Peppol ordering transactions ordex speaks, and how to recognise each one.

A transaction is named by its ``cbc:CustomizationID`` and carried by one UBL root
element; this table is the single source of those identifiers in the product.
"""

from __future__ import annotations

from dataclasses import dataclass

from ordex.domain.content import DocumentType, Profile
from ordex.peppol.namespaces import document_namespace

TRNS = "urn:fdc:peppol.eu:poacc:trns:"


@dataclass(frozen=True, slots=True)
class Transaction:
    """One Peppol transaction: its code, UBL root and identifiers."""

    code: str  # "T01"
    title: str  # "Order"
    document_type: DocumentType
    root: str  # local name of the UBL root element
    customization_id: str
    profiles: tuple[str, ...]
    ubl_version: str

    @property
    def namespace(self) -> str:
        return document_namespace(self.root)


ORDER = Transaction(
    code="T01",
    title="Order",
    document_type=DocumentType.ORDER,
    root="Order",
    customization_id=TRNS + "order:3",
    profiles=(Profile.ORDER_ONLY, Profile.ORDERING, Profile.ADVANCED_ORDERING),
    ubl_version="2.1",
)
ORDER_CHANGE = Transaction(
    code="T114",
    title="Order Change",
    document_type=DocumentType.ORDER_CHANGE,
    root="OrderChange",
    customization_id=TRNS + "order_change:3",
    profiles=(Profile.ADVANCED_ORDERING,),
    ubl_version="2.3",
)
ORDER_CANCELLATION = Transaction(
    code="T115",
    title="Order Cancellation",
    document_type=DocumentType.ORDER_CANCELLATION,
    root="OrderCancellation",
    customization_id=TRNS + "order_cancellation:3",
    profiles=(Profile.ADVANCED_ORDERING,),
    ubl_version="2.3",
)
ORDER_RESPONSE_ADVANCED = Transaction(
    code="T116",
    title="Order Response Advanced",
    document_type=DocumentType.ORDER_RESPONSE,
    root="OrderResponse",
    customization_id=TRNS + "order_response_advanced:3",
    profiles=(Profile.ADVANCED_ORDERING,),
    ubl_version="2.3",
)
ORDER_RESPONSE = Transaction(
    code="T76",
    title="Order Response",
    document_type=DocumentType.ORDER_RESPONSE,
    root="OrderResponse",
    customization_id=TRNS + "order_response:3",
    profiles=(Profile.ORDERING,),
    ubl_version="2.1",
)

ORDER_AGREEMENT = Transaction(
    code="T110",
    title="Order Agreement",
    document_type=DocumentType.ORDER_AGREEMENT,
    root="OrderResponse",
    customization_id=TRNS + "order_agreement:3",
    profiles=(Profile.ORDER_AGREEMENT,),
    ubl_version="2.1",
)

TRANSACTIONS: tuple[Transaction, ...] = (
    ORDER,
    ORDER_CHANGE,
    ORDER_CANCELLATION,
    ORDER_RESPONSE_ADVANCED,
    ORDER_RESPONSE,
    ORDER_AGREEMENT,
)
BY_CODE: dict[str, Transaction] = {t.code: t for t in TRANSACTIONS}

ROOTS: frozenset[str] = frozenset(t.root for t in TRANSACTIONS)
"""Local names of the UBL roots ordex reads."""


def by_customization_id(customization_id: str) -> Transaction | None:
    """The transaction a ``cbc:CustomizationID`` names, or None.

    Like the official rules (``starts-with``), an identifier may extend the base one,
    e.g. ``urn:fdc:peppol.eu:poacc:trns:order:3:extended:...``.
    """
    value = " ".join(customization_id.split())
    matches = [t for t in TRANSACTIONS if value.startswith(t.customization_id)]
    return max(matches, key=lambda t: len(t.customization_id), default=None)
