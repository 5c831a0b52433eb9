"""``POST /as4``: where other Peppol access points deliver (mounted only with a certificate).

Public at the edge (no API key; the message's signature is its credential), with the
document body limit; the decompressed payload is capped at the same size. Each message
is verified, decrypted and read by the AS4 port, checked here (recipient hosted and
accepting the document type, else ``PEPPOL:NOT_SERVICED``; the Standard Business Document
parsed by ordex's safe parser: no DOCTYPE, bounded size and depth), and handed to
``receive_from_network``: the same use cases as a local send. The answer is the signed
receipt (the same one for a second copy of a message) or a signed ebMS error; a refusal
stores nothing and is logged once (warning: code, detail, MessageId, sending AP).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response
from lxml import etree
from starlette.concurrency import run_in_threadpool

from ordex.bootstrap import Runtime
from ordex.domain.errors import OrdexError
from ordex.network.as4_port import (
    AccessPoint,
    ParticipantNotServicedError,
    Received,
    Refused,
    business_document,
    not_serviced,
    receive_message,
    rejected,
)
from ordex.peppol.identifiers import parse_party_id
from ordex.peppol.xml import parse_xml
from ordex.services.network import (
    RECEIVED_DOCUMENT_TYPES,
    FromNetwork,
    Inbound,
    receive_from_network,
)

log = logging.getLogger("ordex.network")

router = APIRouter(include_in_schema=False)

SOAP = "application/soap+xml; charset=utf-8"


@router.post("/as4")
async def as4(request: Request) -> Response:
    rt: Runtime = request.app.state.runtime
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    signal = await run_in_threadpool(answer, rt, content_type, body)
    return Response(signal, media_type=SOAP)


def answer(rt: Runtime, content_type: str, body: bytes) -> bytes:
    """The signal (receipt or ebMS error) that answers one AS4 message."""
    ap = rt.access_point
    assert ap is not None
    outcome = receive_message(ap, content_type, body, _acceptor(rt))
    if isinstance(outcome, Refused):
        return _refused(outcome, "")
    return _deliver(rt, ap, outcome)


def _acceptor(rt: Runtime):  # type: ignore[no-untyped-def]
    def accept(participant: str) -> None:
        try:
            party = parse_party_id(participant)
        except OrdexError as exc:
            raise ParticipantNotServicedError(participant) from exc
        with rt.ctx.read() as uow:
            if uow.accounts.owner_of(party) is None:
                raise ParticipantNotServicedError(participant)

    return accept


def _deliver(rt: Runtime, ap: AccessPoint, received: Received) -> bytes:
    if received.document_type not in RECEIVED_DOCUMENT_TYPES:
        return _refused(not_serviced(ap, received), received.sender_ap)
    try:
        sbd = parse_xml(received.sbd)
        data = etree.tostring(business_document(sbd), xml_declaration=True, encoding="UTF-8")
        sender, receiver = parse_party_id(received.sender), parse_party_id(received.receiver)
        outcome = receive_from_network(
            rt.ctx,
            FromNetwork(
                data,
                sender,
                receiver,
                Inbound(received.message_id, received.sender_ap, received.signal),
            ),
        )
    except (OrdexError, ValueError) as exc:
        return _refused(rejected(ap, received, str(exc)[:1000]), received.sender_ap)
    log.info(
        "AS4 message %s from %s: %s %s -> %s",
        received.message_id,
        received.sender_ap,
        "replayed, answered with its receipt" if outcome.replayed else "received",
        received.sender,
        received.receiver,
    )
    return outcome.receipt


def _refused(refusal: Refused, sender_ap: str) -> bytes:
    log.warning(
        "AS4 message %r%s refused: %s %s",
        refusal.message_id,
        f" from {sender_ap}" if sender_ap else "",
        refusal.code,
        refusal.detail,
    )
    return refusal.signal
