"""The commerce dialect's notifications, written to the outbox in the caller's transaction.

``accounting/EDIErrorSent`` (the "qualitative response") tells the outcome of every
request that got an ``internalRequestId`` in Riverty's shape (``type``,
``parameters.requestType``, ``parameters.transactionId``, ``details.orderNo``,
``details.result`` ``OK`` or ``ERROR``, ``details.errorDetails[{fieldName,
ErrorDescription}]``), plus ordex's fields (``parameters.status`` ``SUCCESS`` or ``ERROR``,
``parameters.errors``, ...).
``accounting/refundCompleted`` tells that a refund was paid out. Amounts are decimal
strings (``"12.30"``), never floats.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ordex.domain.commerce import Refund
from ordex.domain.commerce_requests import CommerceRequest, RequestStatus
from ordex.services.context import new_id
from ordex.services.ports import OutboxMessage, PendingRefund, UnitOfWork

EDI_ERROR_SENT = "accounting/EDIErrorSent"
REFUND_COMPLETED = "accounting/refundCompleted"
TOPICS = (EDI_ERROR_SENT, REFUND_COMPLETED)


def business_party(business_code: str) -> str:
    return f"business:{business_code}"


def _message(
    topic: str, business_code: str, subject: str, text: str, body: dict[str, Any], at: datetime
) -> OutboxMessage:
    message_id = new_id()
    body = {
        "notificationId": message_id,
        "notificationType": topic,
        "businessCode": business_code,
        "createdAt": at.isoformat(),
        **body,
    }
    return OutboxMessage(
        message_id=message_id,
        topic=topic,
        party_id=business_party(business_code),
        document_id=subject,
        sender_party_id=business_party(business_code),
        message=text,
        created_at=at,
        body=body,
    )


def notify_outcome(uow: UnitOfWork, request: CommerceRequest) -> None:
    succeeded = request.status is RequestStatus.ACCEPTED
    parameters: dict[str, Any] = {
        "requestType": request.kind.value,
        "internalRequestId": request.internal_request_id,
        "requestId": request.request_id,
        "customerNumber": request.customer_number,
        "orderReference": request.order_reference,
        "status": "SUCCESS" if succeeded else "ERROR",
        "errors": [problem.as_dict() for problem in request.errors],
    }
    # Riverty's published example ("Qualitative Response", docs.riverty.com/
    # accounting_as_a_service/documentation/qualitative-response): type,
    # parameters.requestType and .transactionId, details.orderNo, .result, .errorDetails.
    parameters["transactionId"] = request.request_id or request.internal_request_id
    details: dict[str, Any] = {
        "orderNo": request.order_reference,
        "result": "OK" if succeeded else "ERROR",
        "errorDetails": [
            {"fieldName": problem.field, "ErrorDescription": problem.message}
            for problem in request.errors
        ],
    }
    text = (
        f"{request.kind.value} request {request.internal_request_id} processed."
        if succeeded
        else f"{request.kind.value} request {request.internal_request_id} refused: "
        + "; ".join(problem.message for problem in request.errors)
    )
    uow.outbox.add(
        _message(
            EDI_ERROR_SENT,
            request.business_code,
            request.internal_request_id,
            text,
            {"type": EDI_ERROR_SENT, "parameters": parameters, "details": details},
            request.created_at,
        )
    )


def notify_refund(uow: UnitOfWork, pending: PendingRefund, at: datetime) -> None:
    refund: Refund = pending.refund
    parameters = {
        "refundId": refund.refund_id,
        "internalRequestId": refund.internal_request_id,
        "customerNumber": pending.customer_number,
        "orderReference": pending.order_reference,
        "amount": str(refund.amount),
        "currency": refund.currency,
        "refundMethod": refund.method.value,
        "iban": refund.bank.iban if refund.bank else None,
        "completedAt": at.isoformat(),
    }
    uow.outbox.add(
        _message(
            REFUND_COMPLETED,
            pending.business_code,
            refund.refund_id,
            f"Refund of {refund.amount} {refund.currency} completed.",
            {"parameters": parameters},
            at,
        )
    )
