"""Recipient lookups of the PSB dialect: which party, which documents, which way.

``POST {partyId}/purchaseOrder/queryRecipientParty`` and ``POST
{partyId}/salesOrder/queryRecipientParty`` answer ONE ``LookupParty`` (the first candidate
that can receive here), as the PSB SDKs deserialize it (PHP
``QbilSoftware/econnect-psb-php`` ``docs/Api/PurchaseOrderApi.md`` and
``docs/Api/SalesOrderApi.md``: return type ``LookupParty``; .NET
``theinvoicingcompany/econnect-psb-dotnet`` ``PsbPurchaseOrderApi.QueryRecipientParty``:
``Post<Party>``). ``GET /api/v1/peppol/deliveryOption`` answers ``DeliveryOption[]``
(``PsbPeppolLookupApi.GetDeliveryOptions``; PHP ``docs/Api/PeppolApi.md``).
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx, CurrentAccount, public_base_url
from ordex.api.schemas import DeliveryOptionOut, LookupParty
from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidPartyId, InvalidRequest, PartyNotFound
from ordex.peppol.identifiers import parse_party_id
from ordex.services.queries import FAMILIES, RESPONSE_FAMILIES, Recipient, recipients

XSD = "urn:oasis:names:specification:ubl:schema:xsd"
TRNS = "urn:fdc:peppol.eu:poacc:trns"
BIS = "urn:fdc:peppol.eu:poacc:bis"

# The family names a client may send (PSB's DocumentFamily is camelCase: ``order``,
# ``orderResponse``; the purchaseOrder route documents ``Order``, ``OrderChange``,
# ``OrderCancellation``), by their lower-case form.
FAMILY_NAMES: Final = {name.lower(): name for name in (*FAMILIES, *RESPONSE_FAMILIES)}
# PSB's ``order`` family on deliveryOption covers what a buyer sends.
FAMILY_GROUPS: Final = {"order": FAMILIES, "orderresponse": RESPONSE_FAMILIES}
NOT_ORDERS: Final = frozenset({"invoice", "invoiceresponse", "review"})
MAX_CANDIDATES: Final = 100  # candidate IDs of one party read per lookup

# The Peppol document types (busdox-docid-qns) and processes of each family; identifiers
# from ../shared/peppol-ordering/README.md ("Identifiers in one place").
DOCUMENT_TYPES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "Order": tuple(
        (f"{XSD}:Order-2::Order##{TRNS}:order:3::2.1", f"{BIS}:{profile}:3")
        for profile in ("advanced_ordering", "ordering", "order_only")
    ),
    "OrderChange": (
        (
            f"{XSD}:OrderChange-2::OrderChange##{TRNS}:order_change:3::2.3",
            f"{BIS}:advanced_ordering:3",
        ),
    ),
    "OrderCancellation": (
        (
            f"{XSD}:OrderCancellation-2::OrderCancellation##{TRNS}:order_cancellation:3::2.3",
            f"{BIS}:advanced_ordering:3",
        ),
    ),
    "OrderResponse": (
        (
            f"{XSD}:OrderResponse-2::OrderResponse##{TRNS}:order_response_advanced:3::2.3",
            f"{BIS}:advanced_ordering:3",
        ),
        (
            f"{XSD}:OrderResponse-2::OrderResponse##{TRNS}:order_response:3::2.1",
            f"{BIS}:ordering:3",
        ),
    ),
}

NOT_FOUND = "Unknown route or party (deliveryOption itself answers [] for unknown parties)"
router = APIRouter(
    prefix="/api/v1/peppol",
    tags=["Peppol ordering (PSB)"],
    responses={
        404: {
            "description": NOT_FOUND,
            "content": {
                "application/json": {
                    "example": {"message": NOT_FOUND, "code": "API404", "requestId": "…"}
                }
            },
        }
    },
)


def family_of(text: str | None, allowed: tuple[str, ...]) -> str | None:
    """The family ``text`` names, in ordex's spelling, if it is one of ``allowed``."""
    if text is None:
        return None
    name = FAMILY_NAMES.get(text.lower())
    if name is None or name not in allowed:
        raise InvalidRequest(
            f"documentFamily: {text!r} is not one of {', '.join(allowed)} (case-insensitive)."
        )
    return name


def candidates_of(party_ids: list[str]) -> list[PartyId]:
    """The candidates ordex can read (ISO 6523 ``0088:...``, optionally with the
    ``iso6523-actorid-upis::`` prefix). "All possible partyIds" of one party may include
    notations ordex does not read (PSB's ``NL:KVK:...``): those cannot be on this hub
    and are passed over; none readable is a 400 that names the field."""
    if not party_ids or len(party_ids) > MAX_CANDIDATES:
        raise InvalidRequest(
            f"partyIds: name 1 to {MAX_CANDIDATES} candidate party IDs, not {len(party_ids)}."
        )
    readable: list[PartyId] = []
    problems: list[str] = []
    for text in party_ids:
        try:
            readable.append(parse_party_id(text))
        except InvalidPartyId as problem:
            problems.append(problem.message)
    if not readable:
        raise InvalidRequest(f"partyIds: no candidate ordex can read ({problems[0]}).")
    return readable


def lookup_party(found: list[Recipient], candidates: int) -> LookupParty:
    """The first candidate that can receive here; none: 404 in the PSB error shape."""
    if not found:
        raise PartyNotFound(
            f"None of the {candidates} candidate party ID(s) can receive these documents here."
        )
    first = found[0]
    return LookupParty(
        id=str(first.party),
        channel=first.channel,
        description=first.description,
        documentFamilies=list(first.families),
    )


def _families(text: str | None) -> tuple[str, ...]:
    if text is None:
        return (*FAMILIES, *RESPONSE_FAMILIES)
    key = text.lower()
    if key in NOT_ORDERS:
        raise InvalidRequest(
            f"documentFamily: ordex exchanges orders only; {text!r} is not supported "
            "(use order, orderChange, orderCancellation or orderResponse)."
        )
    if key in FAMILY_GROUPS:
        return FAMILY_GROUPS[key]
    name = family_of(text, (*FAMILIES, *RESPONSE_FAMILIES))
    return (name,) if name else (*FAMILIES, *RESPONSE_FAMILIES)


@router.get(
    "/deliveryOption",
    response_model=list[DeliveryOptionOut],
    summary="How each candidate party receives a document family (advanced lookup)",
)
async def delivery_options(
    request: Request,
    account: CurrentAccount,
    ctx: Ctx,
    partyIds: Annotated[list[str], Query(description="All possible partyIds of the recipient")],
    documentFamily: Annotated[
        str | None, Query(description="order, orderChange, orderCancellation or orderResponse")
    ] = None,
    preferredDocumentTypeId: str | None = None,
    documentTypeIds: Annotated[list[str] | None, Query()] = None,
    isCredit: bool | None = None,
) -> list[DeliveryOptionOut]:
    families = _families(documentFamily)
    candidates = candidates_of(partyIds)
    found = await run_in_threadpool(recipients, ctx, account, None, candidates, None, families)
    wanted = set(documentTypeIds or ())
    url = public_base_url(request)
    return [
        DeliveryOptionOut(
            partyId=str(recipient.party),
            documentTypeId=document_type,
            processId=process,
            family=family,
            protocol=recipient.channel,
            url=url,
            accessPoint=recipient.description,
        )
        for recipient in found
        for family in recipient.families
        for document_type, process in DOCUMENT_TYPES[family]
        if not wanted or document_type in wanted
    ]
