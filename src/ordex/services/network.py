"""Use cases of the Peppol network: documents in from other access points, out to them.

In: :func:`receive_from_network` takes a document that arrived over AS4 (verified by the
network adapter) through the same use cases as a local send, acting as the remote
sender: validation, duplicate detection, versions, outbox and webhooks; the AS4 MessageId
and the receipt that answers it are stored in the same transaction as the document, so a
second copy of the message is answered with the same receipt and stored nowhere.

Out: a use case that stores a document for a party not hosted on this hub calls
:func:`queue_transmission` in its unit of work (the network's outbox row).
:func:`transmit_due` (run by the delivery worker) hands due transmissions to the
``NetworkSender`` port (lookup, AS4, receipt) and records what came of each: delivered
(``OrderDeliveredToNetwork`` to the sender), retried with back-off (``NetworkDeliveryRetry``),
or failed for good (``NetworkDeliveryFailed``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from ordex.domain.content import DocumentType, PartyId
from ordex.domain.documents import Document
from ordex.domain.errors import DuplicateDocument, InvalidRequest, PartyMismatch
from ordex.domain.hooks import RetrySchedule
from ordex.services.context import Context, new_id
from ordex.services.ports import (
    HistoryEntry,
    OutboxMessage,
    ReceivedMessage,
    Transmission,
    UnitOfWork,
)

DELIVERED_TOPIC = "OrderDeliveredToNetwork"
RETRY_TOPIC = "NetworkDeliveryRetry"
FAILED_TOPIC = "NetworkDeliveryFailed"
NETWORK_TOPICS = (DELIVERED_TOPIC, RETRY_TOPIC, FAILED_TOPIC)
HISTORY_NAMES = {DELIVERED_TOPIC: "DeliveredToNetwork", FAILED_TOPIC: "NetworkDeliveryFailed"}

LEASE = timedelta(minutes=2)
"""How long a claimed transmission stays with its worker (longer than a lookup and a POST)."""

UBL_NAMESPACE = "urn:oasis:names:specification:ubl:schema:xsd:"
DOCUMENT_TYPE_IDS = {
    # busdox-docid-qns: <root namespace>::<root>##<CustomizationID>::<UBL version>
    "T01": "Order-2::Order##urn:fdc:peppol.eu:poacc:trns:order:3::2.1",
    "T114": "OrderChange-2::OrderChange##urn:fdc:peppol.eu:poacc:trns:order_change:3::2.3",
    "T115": "OrderCancellation-2::OrderCancellation"
    "##urn:fdc:peppol.eu:poacc:trns:order_cancellation:3::2.3",
    "T116": "OrderResponse-2::OrderResponse"
    "##urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3::2.3",
    "T76": "OrderResponse-2::OrderResponse##urn:fdc:peppol.eu:poacc:trns:order_response:3::2.1",
}
RECEIVED_DOCUMENT_TYPES = frozenset(UBL_NAMESPACE + value for value in DOCUMENT_TYPE_IDS.values())
"""What a party hosted here receives over the network (the SMP publishes the same)."""


def document_type_id(transaction: str) -> str:
    return UBL_NAMESPACE + DOCUMENT_TYPE_IDS[transaction]


@dataclass(frozen=True)
class Inbound:
    """The AS4 message a document came in: its MessageId, the sending access point and
    the signed receipt that answers it."""

    message_id: str
    sender_ap: str
    receipt: bytes


def record_inbound(
    uow: UnitOfWork, inbound: Inbound | None, document: Document, at: datetime
) -> None:
    if inbound is not None:
        uow.network.add_received(
            ReceivedMessage(
                inbound.message_id, inbound.sender_ap, document.document_id, inbound.receipt, at
            )
        )


def is_remote(ctx: Context, uow: UnitOfWork, party: PartyId) -> bool:
    """Whether ``party`` is reached over the network (not hosted here, network on)."""
    return ctx.network and uow.accounts.owner_of(party) is None


def queue_transmission(
    ctx: Context,
    uow: UnitOfWork,
    document: Document,
    process: str,
    country: str | None,
) -> bool:
    """When ``document``'s receiver is not hosted here, add its transmission to the
    network's outbox (the caller's transaction); returns whether it did."""
    if not is_remote(ctx, uow, document.receiver):
        return False
    uow.network.add_transmission(
        Transmission(
            document_id=document.document_id,
            sender=str(document.sender),
            receiver=str(document.receiver),
            document_type_id=document_type_id(document.transaction),
            process_id=process,
            country=(country or "ZZ").upper()[:2],
            created_at=document.created_at,
            next_attempt_at=document.created_at,
        )
    )
    return True


# -- in --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FromNetwork:
    """A business document that arrived over AS4, with the SBDH's sender and receiver."""

    data: bytes
    sender: PartyId
    receiver: PartyId
    inbound: Inbound


@dataclass(frozen=True)
class NetworkReceipt:
    receipt: bytes
    document_id: str | None
    replayed: bool


def receive_from_network(ctx: Context, cmd: FromNetwork) -> NetworkReceipt:
    """Store the document as a local send from its (remote) sender would be; the second
    copy of a message (same MessageId) gets the first one's receipt. Raises the domain's
    errors for a document that is not accepted (nothing stored)."""
    with ctx.read() as uow:
        seen = uow.network.received(cmd.inbound.message_id)
    if seen is not None:
        return NetworkReceipt(seen.receipt, seen.document_id, replayed=True)
    parsed = ctx.codec.read(cmd.data)
    if parsed.sender != cmd.sender or parsed.receiver != cmd.receiver:
        raise PartyMismatch(
            f"The SBDH names {cmd.sender} -> {cmd.receiver}, the document "
            f"{parsed.sender} -> {parsed.receiver}."
        )
    with ctx.read() as uow:
        if uow.accounts.owner_of(cmd.sender) is not None:
            raise PartyMismatch(
                f"The sender {cmd.sender} is hosted on this hub; it does not send from "
                "another access point."
            )
    try:
        document = _dispatch(ctx, parsed.document_type)(ctx, cmd, parsed)
    except DuplicateDocument:
        with ctx.read() as uow:  # the same message, stored meanwhile by another request?
            seen = uow.network.received(cmd.inbound.message_id)
        if seen is None:
            raise
        return NetworkReceipt(seen.receipt, seen.document_id, replayed=True)
    return NetworkReceipt(cmd.inbound.receipt, document.document_id, replayed=False)


def _dispatch(ctx: Context, kind: DocumentType) -> Callable[..., Document]:
    from ordex.services.changing import send_change
    from ordex.services.responding import receive_response
    from ordex.services.sending import deliver_order, receive_cancellation

    def order(ctx: Context, cmd: FromNetwork, parsed: object) -> Document:
        content = getattr(parsed, "content", None)
        if getattr(content, "referenced_order", None) is not None:
            return send_change(ctx, cmd.sender, cmd.receiver, parsed, cmd.data, cmd.inbound)  # type: ignore[arg-type]
        return deliver_order(ctx, cmd.sender, cmd.receiver, parsed, cmd.data, cmd.inbound)  # type: ignore[arg-type]

    def change(ctx: Context, cmd: FromNetwork, parsed: object) -> Document:
        return send_change(ctx, cmd.sender, cmd.receiver, parsed, cmd.data, cmd.inbound)  # type: ignore[arg-type]

    def cancellation(ctx: Context, cmd: FromNetwork, parsed: object) -> Document:
        return receive_cancellation(ctx, parsed, cmd.data, cmd.inbound)  # type: ignore[arg-type]

    def response(ctx: Context, cmd: FromNetwork, parsed: object) -> Document:
        return receive_response(ctx, parsed, cmd.data, cmd.inbound)  # type: ignore[arg-type]

    table: dict[DocumentType, Callable[..., Document]] = {
        DocumentType.ORDER: order,
        DocumentType.ORDER_CHANGE: change,
        DocumentType.ORDER_CANCELLATION: cancellation,
        DocumentType.ORDER_RESPONSE: response,
    }
    if kind not in table:
        raise InvalidRequest(f"ordex does not receive {kind.value} documents.")
    return table[kind]


# -- out -------------------------------------------------------------------------------


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"  # a transport failure or a lookup that may succeed later
    FAILED = "failed"  # final: the receiver is not on Peppol, or its AP refused the message


@dataclass(frozen=True)
class TransmitResult:
    outcome: Outcome
    reason: str = ""
    receipt: bytes | None = None


class NetworkSender(Protocol):
    def transmit(
        self,
        transmission: Transmission,
        document: bytes,
        save: Callable[[Transmission], None],
    ) -> TransmitResult:
        """Look the receiver up and build the AS4 message unless ``transmission`` holds
        it already (then fill in ``endpoint_url``, ``message_*`` and ``exchange`` and
        ``save`` it before sending), POST it and verify the receipt."""
        ...


def transmit_due(
    ctx: Context,
    sender: NetworkSender,
    schedule: RetrySchedule | None = None,
    limit: int = 20,
    rng: random.Random | None = None,
    run: Callable[[Callable[[Transmission], TransmitResult], list[Transmission]], Any] = map,
) -> int:
    """Send the transmissions due now (at least once: a crash re-sends the same message
    after the lease), side by side as ``run`` maps them (a thread pool's ``map``), each
    outcome recorded as it comes; returns how many were tried."""
    schedule = schedule or RetrySchedule()
    now = ctx.clock.now()
    with ctx.uow() as uow:
        due = uow.network.claim_due(now, now + LEASE, limit)
        contents = {}
        for transmission in due:
            document = uow.documents.get(transmission.document_id)
            contents[transmission.document_id] = document.content if document else None
        uow.commit()

    def save_built(transmission: Transmission) -> None:
        with ctx.uow() as uow:
            uow.network.update_transmission(transmission)
            uow.commit()

    def send(transmission: Transmission) -> TransmitResult:
        content = contents[transmission.document_id]
        if content is None:
            result = TransmitResult(Outcome.FAILED, "the document's content was purged")
        else:
            result = sender.transmit(transmission, content, save_built)
        _record(ctx, transmission, result, schedule, rng)
        return result

    list(run(send, due))
    return len(due)


def _record(
    ctx: Context,
    transmission: Transmission,
    result: TransmitResult,
    schedule: RetrySchedule,
    rng: random.Random | None,
) -> None:
    now = ctx.clock.now()
    transmission.attempts += 1
    transmission.last_error = result.reason or None
    topic, text = "", ""
    if result.outcome is Outcome.DELIVERED:
        transmission.status, transmission.receipt = "delivered", result.receipt
        transmission.delivered_at, transmission.next_attempt_at = now, None
        topic = DELIVERED_TOPIC
        text = (
            f"Delivered to {transmission.receiver} over Peppol "
            f"(AS4 message {transmission.message_id}; receipt verified)."
        )
    else:
        delay = (
            schedule.next_delay(transmission.attempts, rng)
            if result.outcome is Outcome.RETRY
            else None
        )
        if delay is None:
            transmission.status, transmission.next_attempt_at = "failed", None
            topic = FAILED_TOPIC
            text = (
                f"Could not deliver to {transmission.receiver} over Peppol after "
                f"{transmission.attempts} attempt(s): {result.reason}"
            )
        else:
            transmission.next_attempt_at = now + delay
            topic = RETRY_TOPIC
            text = (
                f"Delivery to {transmission.receiver} over Peppol failed ({result.reason}); "
                f"retry at {transmission.next_attempt_at.isoformat()}."
            )
    with ctx.uow() as uow:
        uow.network.update_transmission(transmission)
        document = uow.documents.get(transmission.document_id)
        if document is not None and topic != RETRY_TOPIC:  # the order's status tells too
            uow.history.add(
                HistoryEntry(
                    order_id=document.order_id,
                    document_id=document.document_id,
                    name=HISTORY_NAMES[topic],
                    description=text,
                    created_at=now,
                )
            )
        uow.outbox.add(
            OutboxMessage(
                message_id=new_id(),
                topic=topic,
                party_id=transmission.sender,
                document_id=transmission.document_id,
                sender_party_id=transmission.sender,
                message=text,
                created_at=now,
                details={
                    "receiverPartyId": transmission.receiver,
                    "documentTypeId": transmission.document_type_id,
                    "as4MessageId": transmission.message_id or "",
                    "attempt": str(transmission.attempts),
                    "reason": result.reason,
                },
            )
        )
        uow.commit()
