"""Seller use case: answer an order (or a cancellation) with an Order Response."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ordex.domain.accounts import Account
from ordex.domain.agreement import agreed_content
from ordex.domain.content import (
    DocumentType,
    OrderContent,
    OrderLine,
    PartyId,
    Profile,
    ResponseCode,
    ResponseContent,
    ResponseLine,
    ResponseLineCode,
)
from ordex.domain.documents import Document
from ordex.domain.errors import (
    InvalidRequest,
    OrderNotFound,
    PartyMismatch,
    ResponseNotAllowed,
)
from ordex.domain.events import DocumentExchanged
from ordex.domain.orders import ANSWERS, Order, OrderState, Subject
from ordex.domain.versions import (
    OrderVersion,
    VersionSource,
    VersionStatus,
    pending_change,
)
from ordex.services.context import Context, new_id, require_party
from ordex.services.network import Inbound, queue_transmission, record_inbound
from ordex.services.ports import ParsedDocument, UnitOfWork
from ordex.services.publishing import publish_exchange
from ordex.services.roles import Role, order_for
from ordex.services.sending import reference_party

CUSTOMIZATIONS = {
    Profile.ADVANCED_ORDERING: ("T116", "urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3"),
    Profile.ORDERING: ("T76", "urn:fdc:peppol.eu:poacc:trns:order_response:3"),
}


@dataclass(frozen=True)
class RespondToOrder:
    """Either ``code`` (+ note, lines) from JSON, or ``xml``: a whole UBL OrderResponse."""

    account: Account
    party: PartyId
    document_id: str
    code: ResponseCode | None = None
    note: str | None = None
    lines: tuple[ResponseLine, ...] = ()
    xml: bytes | None = None


@dataclass(frozen=True)
class Answer:
    """A response that no account sends here: from a seller on another access point."""

    party: PartyId
    document_id: str
    xml: bytes
    code: ResponseCode | None = None
    note: str | None = None
    lines: tuple[ResponseLine, ...] = ()


def respond_to_order(ctx: Context, cmd: RespondToOrder) -> Document:
    require_party(cmd.account, cmd.party)
    return _respond(ctx, cmd)


def receive_response(
    ctx: Context, parsed: ParsedDocument, data: bytes, inbound: Inbound
) -> Document:
    """An Order Response from a seller on another access point to a buyer hosted here: it
    answers the order's pending cancellation, its pending change (when it names it), or
    the order, as the seller's own ``salesOrder/{documentId}/response`` would."""
    content = parsed.content
    if not isinstance(content, ResponseContent):
        raise InvalidRequest(f"Expected a UBL OrderResponse, got {parsed.document_type.value}.")
    seller, buyer = parsed.sender, parsed.receiver
    assert seller is not None and buyer is not None
    with ctx.read() as uow:
        first = uow.documents.find(buyer, DocumentType.ORDER, content.referenced_order)
        order = uow.orders.get(first) if first else None
        if first is None or order is None or order.seller != seller:
            raise OrderNotFound(
                f"cac:OrderReference/cbc:ID names order {content.referenced_order!r}, but "
                f"{buyer} sent no order with that cbc:ID to {seller}."
            )
        named = first
        if order.state is OrderState.CANCELLATION_REQUESTED:
            named = _pending_cancellation(uow, order) or first
        elif order.state is OrderState.CHANGE_REQUESTED and content.referenced_change:
            change = pending_change(uow.versions.for_order(order.order_id))
            named = change.document_id if change is not None else first
    return _respond(ctx, Answer(seller, named, data), inbound)


def _respond(
    ctx: Context, cmd: RespondToOrder | Answer, inbound: Inbound | None = None
) -> Document:
    now = ctx.clock.now()
    with ctx.uow() as uow:
        named, order = order_for(uow, cmd.party, Role.SELLER, cmd.document_id)
        transaction, customization = _response_kind(order)
        versions = uow.versions.for_order(order.order_id)
        subject, awaiting = _subject(uow, order, versions, named)
        answered = _answered_version(order, versions, subject)
        if cmd.xml is not None:
            content, data, transaction = _read_response(ctx, order, answered, cmd.party, cmd.xml)
            order.check(ANSWERS[(subject, content.code)], awaiting)
        else:
            if cmd.code is None:
                raise InvalidRequest("status: one of AB, AP, CA, RE is required.")
            order.check(ANSWERS[(subject, cmd.code)], awaiting)
            content = ResponseContent(
                customization_id=customization,
                profile_id=order.profile_id,
                number=f"RSP-{new_id()[:8]}",
                issue_date=now.date(),
                code=cmd.code,
                note=cmd.note,
                currency=order.content.currency,
                referenced_order=order.number,
                referenced_change=_change_number(answered),
                seller=reference_party(order.content.seller),
                buyer=reference_party(order.content.buyer),
                lines=_checked_lines(_answered_content(order, answered), cmd.code, cmd.lines),
            )
            data = ctx.codec.render_response(content)
        document = Document(
            document_id=new_id(),
            order_id=order.order_id,
            document_type=DocumentType.ORDER_RESPONSE,
            transaction=transaction,
            number=content.number,
            sender=order.seller,
            receiver=order.buyer,
            created_at=now,
            content=data,
            response_code=content.code.value,
        )
        before = order.state
        after = order.respond(subject, content.code, now, document.document_id, awaiting)
        uow.documents.add(document)
        if answered is not None:
            _record_answer(uow, order, versions, answered, content, document)
        elif subject is Subject.ORDER and content.code is ResponseCode.CA:
            _record_seller_change(uow, order, versions, content, document)
        uow.orders.update(order)
        publish_exchange(
            uow,
            DocumentExchanged(
                family=document.family,
                document_id=document.document_id,
                order_id=order.order_id,
                sender=str(order.seller),
                receiver=str(order.buyer),
                message=(
                    f"Response {content.code.value} to "
                    + ("order" if subject is Subject.ORDER else f"the {subject.value} of order")
                    + f" {order.number}"
                    + (f": {content.note}" if content.note else "")
                ),
                at=now,
                details={
                    "statusCode": content.code.value,
                    "note": content.note or "",
                    "orderNumber": order.number,
                    "answeredDocumentId": named.document_id,
                    "answered": subject.value,
                    "orderState": after.value,
                    "previousOrderState": before.value,
                },
            ),
            history_name=f"OrderResponse{content.code.value}",
        )
        record_inbound(uow, inbound, document, now)
        address = order.content.seller.address
        queue_transmission(
            ctx, uow, document, order.profile_id, address.country if address else None
        )
        uow.commit()
    return document


@dataclass(frozen=True)
class AnswerPreview:
    """What a JSON answer would do, checked as :func:`respond_to_order` checks it."""

    order: Order
    answered: OrderContent
    lines: tuple[ResponseLine, ...]
    agreed: OrderContent  # the order as the buyer will have it after the answer


def preview_response(ctx: Context, cmd: RespondToOrder) -> AnswerPreview:
    """The checks of :func:`respond_to_order` for a JSON answer, and the order it would
    leave (a CA's agreed lines), without sending or storing anything (the web inbox's
    summary before the seller sends its answer)."""
    require_party(cmd.account, cmd.party)
    if cmd.code is None:
        raise InvalidRequest("status: one of AB, AP, CA, RE is required.")
    with ctx.read() as uow:
        named, order = order_for(uow, cmd.party, Role.SELLER, cmd.document_id)
        _response_kind(order)
        versions = uow.versions.for_order(order.order_id)
        subject, awaiting = _subject(uow, order, versions, named)
        answered = _answered_version(order, versions, subject)
    order.check(ANSWERS[(subject, cmd.code)], awaiting)
    content = _answered_content(order, answered)
    lines = _checked_lines(content, cmd.code, cmd.lines)
    agreed = agreed_content(content, lines) if cmd.code is ResponseCode.CA else content
    return AnswerPreview(order, content, lines, agreed)


def _subject(
    uow: UnitOfWork, order: Order, versions: list[OrderVersion], named: Document
) -> tuple[Subject, str | None]:
    """What an answer to ``named`` answers, and the document that awaits an answer now
    (a refusal names it): the pending cancellation, the pending change, or neither."""
    awaiting: str | None = None
    if order.state is OrderState.CANCELLATION_REQUESTED:
        awaiting = _pending_cancellation(uow, order)
    elif order.state is OrderState.CHANGE_REQUESTED:
        change = pending_change(versions)
        awaiting = change.document_id if change is not None else None
    if named.document_type is DocumentType.ORDER_CANCELLATION:
        if awaiting is not None and named.document_id != awaiting:
            raise ResponseNotAllowed(
                f"Cancellation {named.document_id} of order {order.number} was answered "
                f"already; the cancellation that awaits an answer is {awaiting}.",
                state=order.state.value,
                action="respond to the cancellation",
                awaiting_document_id=awaiting,
            )
        return Subject.CANCELLATION, awaiting
    if named.document_type is DocumentType.ORDER_CHANGE and named.document_id == awaiting:
        return Subject.CHANGE, awaiting
    return Subject.ORDER, awaiting


def _pending_cancellation(uow: UnitOfWork, order: Order) -> str | None:
    """The order's latest cancellation: the one pending while it is cancellation_requested."""
    cancellations = [
        document.document_id
        for document in uow.documents.for_order(order.order_id)
        if document.document_type is DocumentType.ORDER_CANCELLATION
    ]
    return cancellations[-1] if cancellations else None


def _answered_version(
    order: Order, versions: list[OrderVersion], subject: Subject
) -> OrderVersion | None:
    """The version a response answers: the pending change, or the order itself while it
    awaits its answer; none for a cancellation (or an order answered already)."""
    if subject is Subject.CANCELLATION or not versions:
        return None
    if subject is Subject.CHANGE:
        return pending_change(versions)
    first = versions[0]
    return first if first.open else None


def _answered_content(order: Order, answered: OrderVersion | None) -> OrderContent:
    return answered.content if answered is not None else order.content


def _change_number(answered: OrderVersion | None) -> str | None:
    """The T114's cbc:ID, for ``cac:OrderChangeDocumentReference``."""
    if answered is None or answered.source is not VersionSource.CHANGE:
        return None
    return answered.content.number


def _record_seller_change(
    uow: UnitOfWork,
    order: Order,
    versions: list[OrderVersion],
    response: ResponseContent,
    document: Document,
) -> None:
    """BIS Advanced Ordering scenario 3: the seller changes an order already answered (CA
    after AP, or a new CA): the changed order is a new agreed version; the buyer accepts
    it with an Order Change or cancels."""
    order.content = agreed_content(order.content, response.lines)
    uow.versions.add(
        OrderVersion(
            order_id=order.order_id,
            number=len(versions) + 1,
            document_id=document.document_id,
            source=VersionSource.RESPONSE,
            status=VersionStatus.AGREED,
            content=order.content,
            created_at=document.created_at,
        )
    )


def _record_answer(
    uow: UnitOfWork,
    order: Order,
    versions: list[OrderVersion],
    answered: OrderVersion,
    response: ResponseContent,
    document: Document,
) -> None:
    """The answered version takes the answer; AP makes it the order, CA adds the agreed
    version (``ordex.domain.agreement``), RE leaves the order as it was."""
    uow.versions.answer(answered.answered(response.code, document.document_id))
    if response.code is ResponseCode.AP:
        order.content = answered.content
    elif response.code is ResponseCode.CA:
        order.content = agreed_content(answered.content, response.lines)
        uow.versions.add(
            OrderVersion(
                order_id=order.order_id,
                number=len(versions) + 1,
                document_id=document.document_id,
                source=VersionSource.RESPONSE,
                status=VersionStatus.AGREED,
                content=order.content,
                created_at=document.created_at,
            )
        )


def _response_kind(order: Order) -> tuple[str, str]:
    profile = order.profile
    if profile is None or profile not in CUSTOMIZATIONS:
        raise ResponseNotAllowed(
            f"Order {order.number} uses the profile {order.profile_id}, which has no order "
            "response (Order only).",
            state=order.state.value,
            action="respond",
        )
    return CUSTOMIZATIONS[profile]


def _read_response(
    ctx: Context, order: Order, answered: OrderVersion | None, party: PartyId, xml: bytes
) -> tuple[ResponseContent, bytes, str]:
    parsed = ctx.codec.read(xml)
    content = parsed.content
    if not isinstance(content, ResponseContent):
        raise InvalidRequest(f"Expected a UBL OrderResponse, got {parsed.document_type.value}.")
    if parsed.sender != party:
        raise PartyMismatch(
            f"The path's party {party} is not the response's seller "
            f"(SellerSupplierParty/Party/cbc:EndpointID = {parsed.sender})."
        )
    if parsed.receiver != order.buyer:
        raise PartyMismatch(
            f"The response's buyer {parsed.receiver} is not the order's buyer {order.buyer}."
        )
    if content.referenced_order != order.number:
        raise InvalidRequest(
            f"cac:OrderReference/cbc:ID is {content.referenced_order!r}, but this order's "
            f"cbc:ID is {order.number!r}."
        )
    change = _change_number(answered)
    if content.referenced_change is not None and content.referenced_change != change:
        raise InvalidRequest(
            f"cac:OrderChangeDocumentReference/cbc:ID is {content.referenced_change!r}, but "
            + (
                f"the change awaiting an answer is {change!r}."
                if change
                else "no change awaits an answer."
            )
        )
    expected, _ = _response_kind(order)
    if parsed.transaction != expected:
        raise InvalidRequest(
            f"Order {order.number} uses {order.profile_id}: answer it with a {expected} "
            f"order response, not {parsed.transaction}."
        )
    _checked_lines(_answered_content(order, answered), content.code, content.lines)
    return content, xml, parsed.transaction


def _checked_lines(
    answered: OrderContent, code: ResponseCode, lines: tuple[ResponseLine, ...]
) -> tuple[ResponseLine, ...]:
    """R007-R010: CA lists every line of what it answers; AB, AP and RE carry no lines."""
    if code is not ResponseCode.CA:
        if lines:
            raise InvalidRequest(
                f"lines: a response with status {code.value} carries no lines "
                "(PEPPOL-T116-R008..R010); only CA does."
            )
        return ()
    if not lines:
        raise InvalidRequest(
            "lines: a CA (accepted with changes) response must list every order line with "
            "its status (PEPPOL-T116-R007)."
        )
    order_lines = [line.line_id for line in answered.lines]
    referenced = [
        line.order_line_id or line.line_id
        for line in lines
        if line.status is not ResponseLineCode.ADDED
    ]
    answered_ids = set(referenced)  # a set: linear in the lines, not quadratic
    unknown = sorted(answered_ids - set(order_lines))
    if unknown:
        raise InvalidRequest(f"lines: no order line has the ID {_some(unknown)}.")
    missing = [line_id for line_id in order_lines if line_id not in answered_ids]
    if missing:
        raise InvalidRequest(
            "lines: a CA response must answer every order line (PEPPOL-T116-R007); "
            f"missing: {_some(missing)}."
        )
    ordered = {line.line_id: line for line in answered.lines}
    return tuple(
        _completed(line, ordered.get(line.order_line_id or line.line_id)) for line in lines
    )


def _some(ids: list[str], shown: int = 10) -> str:
    """The first ``shown`` IDs and how many more: an answer never repeats a huge request."""
    listed = ", ".join(i if len(i) <= 40 else i[:39] + "…" for i in ids[:shown])
    return listed + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _completed(line: ResponseLine, ordered: OrderLine | None) -> ResponseLine:
    """A response line with the ordered item, and the ordered unit for a new quantity,
    where the seller left them out (a rendered T116 needs both)."""
    if ordered is None:
        return line
    if line.item is None:
        line = replace(line, item=ordered.item)
    if line.quantity is not None and line.unit_code is None:
        line = replace(line, unit_code=ordered.unit_code)
    return line
