"""The order diff as JSON: a stable, documented shape for machines (``OrderDiffView``).

``OrderDiffView.from_diff(diff)`` turns an ``ordex.domain.diff.OrderDiff`` into the body
``GET .../salesOrder/{documentId}/changes`` returns and ``ordex diff --json`` prints.
Amounts and quantities are strings (``"12.50"``, never a float), dates ``YYYY-MM-DD``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from ordex.domain.content import AllowanceCharge, Item, OrderLine, PartyId, Period
from ordex.domain.diff import (
    HEADER_FIELDS,
    LINE_FIELDS,
    DocumentIdentity,
    FieldChange,
    LineChange,
    LineDiff,
    OrderDiff,
    Value,
)

ChangeKind = Literal["added", "deleted", "changed", "replaced", "unchanged"]
StatusCode = Literal["1", "2", "3", "4"]


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


class DocumentRefView(BaseModel):
    """One side of the diff: which document (version of the order) it is."""

    documentId: str | None = Field(
        default=None, description="ordex documentId of this version, when ordex holds it"
    )
    number: str = Field(description="cbc:ID of the document")
    documentType: str = Field(description="Order (T01) or OrderChange (T114)")
    issueDate: date | None = Field(default=None, description="cbc:IssueDate")
    sequenceNumber: str | None = Field(
        default=None, description="cbc:SequenceNumberID of an order change"
    )
    referencedOrder: str | None = Field(
        default=None, description="cac:OrderReference/cbc:ID: the order a change changes"
    )

    @classmethod
    def of(cls, identity: DocumentIdentity, document_id: str | None) -> DocumentRefView:
        return cls(
            documentId=document_id,
            number=identity.number,
            documentType=identity.document_type.value,
            issueDate=identity.issue_date,
            sequenceNumber=identity.sequence_number,
            referencedOrder=identity.referenced_order,
        )


class AllowanceChargeView(BaseModel):
    """A discount (``isCharge`` false) or surcharge on the order or on one line."""

    isCharge: bool
    amount: str | None = Field(default=None, description="Decimal as a string")
    reason: str | None = None
    reasonCode: str | None = Field(
        default=None, description="UNCL5189 (allowances) or UNCL7161 (charges)"
    )
    percent: str | None = Field(default=None, description="cbc:MultiplierFactorNumeric")
    baseAmount: str | None = None
    taxCategory: str | None = Field(default=None, description="Document level only")
    taxPercent: str | None = Field(default=None, description="Document level only")

    @classmethod
    def of(cls, charge: AllowanceCharge) -> AllowanceChargeView:
        return cls(
            isCharge=charge.is_charge,
            amount=_decimal(charge.amount),
            reason=charge.reason,
            reasonCode=charge.reason_code,
            percent=_decimal(charge.percent),
            baseAmount=_decimal(charge.base_amount),
            taxCategory=charge.tax_category,
            taxPercent=_decimal(charge.tax_percent),
        )


FieldValue = str | list[str] | list[AllowanceChargeView] | None


def _value(value: Value) -> FieldValue:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PartyId):
        return str(value)
    if all(isinstance(v, PartyId) for v in value) and value:
        return [str(v) for v in value]
    return [AllowanceChargeView.of(v) for v in value if isinstance(v, AllowanceCharge)]


_VALUE_DOC = (
    "The value, or null when absent. Amounts and quantities are decimal strings, dates "
    "YYYY-MM-DD, party IDs scheme:value; buyer.identifiers and seller.identifiers are "
    "lists of party IDs, allowanceCharges a list of allowance/charge objects."
)


class FieldChangeView(BaseModel):
    """One field whose value differs between the two versions."""

    field: str = Field(description="Stable field name, e.g. quantity, item.sellersId")
    old: FieldValue = Field(description=_VALUE_DOC)
    new: FieldValue = Field(description=_VALUE_DOC)

    @classmethod
    def of(cls, change: FieldChange) -> FieldChangeView:
        return cls(field=change.field, old=_value(change.old), new=_value(change.new))


class ItemView(BaseModel):
    name: str | None = None
    description: str | None = None
    sellersId: str | None = Field(default=None, description="Seller's item ID")
    buyersId: str | None = Field(default=None, description="Buyer's item ID")
    standardId: str | None = Field(default=None, description="Standard item ID, e.g. a GTIN")
    standardIdScheme: str | None = Field(default=None, description="Its scheme, e.g. 0160")
    taxCategory: str | None = None
    taxPercent: str | None = None

    @classmethod
    def of(cls, item: Item) -> ItemView:
        return cls(
            name=item.name,
            description=item.description,
            sellersId=item.sellers_id,
            buyersId=item.buyers_id,
            standardId=item.standard_id,
            standardIdScheme=item.standard_id_scheme,
            taxCategory=item.tax_category,
            taxPercent=_decimal(item.tax_percent),
        )


class PeriodView(BaseModel):
    start: date | None = None
    end: date | None = None

    @classmethod
    def of(cls, period: Period | None) -> PeriodView | None:
        return None if period is None else cls(start=period.start, end=period.end)


class LineView(BaseModel):
    """One version of a line: every field the diff compares."""

    quantity: str | None = None
    unitCode: str | None = None
    price: str | None = None
    priceBaseQuantity: str | None = None
    lineAmount: str | None = None
    item: ItemView
    requestedDelivery: PeriodView | None = None
    note: str | None = None
    allowanceCharges: list[AllowanceChargeView] = Field(default_factory=list)

    @classmethod
    def of(cls, line: OrderLine | None) -> LineView | None:
        if line is None:
            return None
        return cls(
            quantity=_decimal(line.quantity),
            unitCode=line.unit_code,
            price=_decimal(line.price),
            priceBaseQuantity=_decimal(line.price_base_quantity),
            lineAmount=_decimal(line.line_amount),
            item=ItemView.of(line.item),
            requestedDelivery=PeriodView.of(line.requested_delivery),
            note=line.note,
            allowanceCharges=[AllowanceChargeView.of(c) for c in line.allowance_charges],
        )


class LineDiffView(BaseModel):
    """What happened to one line, matched by its line ID."""

    lineId: str
    change: ChangeKind = Field(
        description="added, deleted, changed, replaced (the line ID now names another "
        "item: a seller's or standard item ID differs, or without IDs the name), unchanged"
    )
    itemReplaced: bool = Field(description="True when change is replaced")
    statusCode: StatusCode = Field(
        description="The line's LineStatusCode in a T114: 1 added, 2 deleted, 3 changed "
        "or replaced, 4 no action"
    )
    fields: list[FieldChangeView] = Field(
        description="The differing fields of a changed or replaced line (empty otherwise; "
        "an added or deleted line's values are in new or old). Names: " + ", ".join(LINE_FIELDS)
    )
    old: LineView | None = Field(description="The line before; null when added")
    new: LineView | None = Field(description="The line after; null when deleted")

    @classmethod
    def of(cls, ld: LineDiff) -> LineDiffView:
        return cls(
            lineId=ld.line_id,
            change=ld.kind.value,
            itemReplaced=ld.item_replaced,
            statusCode=cast(StatusCode, ld.status_code),
            fields=[FieldChangeView.of(c) for c in ld.changes],
            old=LineView.of(ld.old),
            new=LineView.of(ld.new),
        )


class DiffSummaryView(BaseModel):
    """How many lines of each kind (they add up to the number of lines in ``lines``,
    unchanged ones included even when left out of ``lines``)."""

    added: int
    deleted: int
    changed: int
    replaced: int
    unchanged: int


class OrderDiffView(BaseModel):
    """What changed from one version of an order to another."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: DocumentRefView = Field(alias="from", description="The older version")
    to: DocumentRefView = Field(description="The newer version")
    identical: bool = Field(description="True when nothing differs (header or lines)")
    header: list[FieldChangeView] = Field(
        description="The differing header fields, in this order of names: "
        + ", ".join(HEADER_FIELDS)
    )
    lines: list[LineDiffView] = Field(
        description="Every line: the newer version's lines in their order, each deleted "
        "line after the line that preceded it in the older version"
    )
    summary: DiffSummaryView

    @classmethod
    def from_diff(
        cls,
        diff: OrderDiff,
        from_document_id: str | None = None,
        to_document_id: str | None = None,
        *,
        include_unchanged: bool = True,
    ) -> OrderDiffView:
        """The view of ``diff``; ``include_unchanged=False`` leaves unchanged lines out
        of ``lines`` (the summary still counts them)."""
        counts = diff.summary()
        return cls(
            from_=DocumentRefView.of(diff.old_document, from_document_id),  # type: ignore[call-arg]
            to=DocumentRefView.of(diff.new_document, to_document_id),
            identical=diff.is_empty,
            header=[FieldChangeView.of(c) for c in diff.header],
            lines=[
                LineDiffView.of(ld)
                for ld in diff.lines
                if include_unchanged or ld.kind is not LineChange.UNCHANGED
            ],
            summary=DiffSummaryView(**{kind.value: n for kind, n in counts.items()}),
        )


def from_diff(
    diff: OrderDiff,
    from_document_id: str | None = None,
    to_document_id: str | None = None,
    *,
    include_unchanged: bool = True,
) -> OrderDiffView:
    """``OrderDiffView.from_diff``, as a function."""
    return OrderDiffView.from_diff(
        diff, from_document_id, to_document_id, include_unchanged=include_unchanged
    )
