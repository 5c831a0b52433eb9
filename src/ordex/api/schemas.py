"""Pydantic request and response bodies of the PSB dialect (they shape the OpenAPI)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from ordex.api.fields import MAX_RESPONSE_LINES, DecimalLimits, XmlText

ResponseStatus = Literal[
    "AB", "AP", "CA", "RE", "Acknowledge", "Accept", "ConditionallyAccepted", "Reject"
]
SDK_CODES = {"Acknowledge": "AB", "Accept": "AP", "ConditionallyAccepted": "CA", "Reject": "RE"}
LINE_STATUS_NAMES = {
    "added": "1",
    "changed": "3",
    "accepted": "5",
    "notAccepted": "7",
    "alreadyDelivered": "42",
}


class DocumentOut(BaseModel):
    """PSB ``Document``: the ID that status, download and response calls use."""

    id: str = Field(description="The documentId")
    documentId: str
    orderId: str
    documentType: str
    transaction: str = Field(description="T01, T114, T115, T116 or T76")
    number: str = Field(description="cbc:ID of the document")
    sender: str
    receiver: str
    createdOn: datetime


# Limits of the JSON fields that end up in a UBL document (docs/limits.md).
NOTE = 1000  # characters of a note
IDENTIFIER = 200  # characters of an ID (the storage's bound on a cbc:ID)
NAME = 500  # characters of an item name
CODE = 20  # characters of a code (unit code, identifier scheme)
Note = Annotated[str, XmlText(NOTE)]
Identifier = Annotated[str, XmlText(IDENTIFIER, min_length=1)]
Code = Annotated[str, XmlText(CODE, min_length=1)]
# A quantity: at most 12 integer digits and 6 after the point; a price: 18 and 6.
Quantity = Annotated[Decimal, DecimalLimits(12, 6)]
Price = Annotated[Decimal, DecimalLimits(18, 6)]


class CancellationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cancellationNote: Annotated[str, XmlText(NOTE, min_length=1)] | None = Field(
        default=None,
        description="Why the order is cancelled (cbc:CancellationNote); without it, `note` "
        "is the reason (the PSB model marks both optional; one of them is needed)",
    )
    note: Note | None = None


class PeriodIn(BaseModel):
    """A period as the JSON view writes it (``start``, ``end``); ``startDate`` and
    ``endDate`` (the UBL names) are taken too."""

    model_config = ConfigDict(extra="forbid")
    start: date | None = Field(default=None, validation_alias=AliasChoices("start", "startDate"))
    end: date | None = Field(default=None, validation_alias=AliasChoices("end", "endDate"))


class ItemIn(BaseModel):
    """The item a changed line offers instead of the ordered one (a substitution)."""

    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, XmlText(NAME, min_length=1)]
    sellersId: Identifier | None = None
    buyersId: Identifier | None = None
    standardId: Identifier | None = None
    standardIdScheme: Code | None = Field(default=None, description="e.g. 0160 for a GTIN")


class ResponseLineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lineId: Identifier = Field(
        description="ID of this response line; by default also the order line it answers",
    )
    status: Literal[
        "1", "3", "5", "7", "42", "added", "changed", "accepted", "notAccepted", "alreadyDelivered"
    ]
    orderLineId: Identifier | None = Field(
        default=None,
        description="The order line answered (defaults to lineId); several response lines "
        "may answer one order line, splitting it (e.g. two delivery dates)",
    )
    item: ItemIn | None = Field(default=None, description="A substituted item (status 3)")
    quantity: Quantity | None = None
    unitCode: Code | None = None
    price: Price | None = None
    note: Note | None = None
    promisedDelivery: PeriodIn | None = None


class OrderResponseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: ResponseStatus = Field(
        description="AB received, AP accepted, CA accepted with "
        "changes (lines required), RE rejected"
    )
    note: Note | None = None
    lines: list[ResponseLineIn] = Field(default_factory=list, max_length=MAX_RESPONSE_LINES)


class DocumentStatusOut(BaseModel):
    """PSB ``DocumentStatus``, one step of the order's history."""

    id: str
    name: str
    description: str
    createdOn: datetime
    documentId: str


class OrderStatusOut(BaseModel):
    orderId: str
    orderNumber: str
    state: str
    history: list[DocumentStatusOut]


class DocumentSummary(BaseModel):
    documentId: str
    orderId: str
    documentType: str
    transaction: str
    number: str
    sender: str
    receiver: str
    createdOn: datetime
    orderNumber: str
    orderState: str
    responseCode: str | None = None
    downloadedOn: datetime | None = None
    purgedOn: datetime | None = None


class DocumentList(BaseModel):
    items: list[DocumentSummary]
    nextCursor: str | None = Field(description="Pass as ?cursor= for the next page")


class ResponseSummary(BaseModel):
    responseId: str
    statusCode: str
    number: str
    transaction: str
    createdOn: datetime
    downloadedOn: datetime | None = None
    purgedOn: datetime | None = None
    href: str


class ResponseList(BaseModel):
    orderId: str
    orderNumber: str
    orderState: str
    items: list[ResponseSummary]


class LookupParty(BaseModel):
    """One recipient party, as the PSB SDKs deserialize ``queryRecipientParty``'s answer
    (PHP ``Model\\LookupParty {id, channel, description}``; .NET ``Party``).
    ``documentFamilies`` is ordex's addition: the families the party receives here."""

    id: str
    channel: str
    description: str
    documentFamilies: list[str] = Field(
        default_factory=list, description="ordex: the document families the party receives"
    )


class DeliveryOptionOut(BaseModel):
    """One way to reach a party, as ``GET /api/v1/peppol/deliveryOption`` answers it (the PSB
    SDKs' ``DeliveryOption``)."""

    partyId: str
    documentTypeId: str
    processId: str
    family: str
    protocol: str
    url: str | None = None
    accessPoint: str | None = None
    certificate: str | None = None
