"""The one domain error hierarchy of ordex.

Errors carry no HTTP status: each dialect maps them in one table (``ordex.api.errors``),
and a test checks that every concrete error below is mapped.

::

    OrdexError
    ├── InvalidInput                     the request itself is wrong
    │   ├── UnsafeXml                    DTD, entities, too big or too deep (findings)
    │   ├── MalformedDocument            not XML, or not ordering (findings)
    │   ├── DocumentInvalid              parsed, but breaks rules (findings, capped)
    │   ├── PartyMismatch                the path's party is not the document's party
    │   ├── InvalidPartyId               not ``scheme:value`` or bad check digits
    │   ├── InvalidRequest               a field of a JSON request is wrong
    │   ├── InvalidFields                several fields are wrong (carries each problem)
    │   └── RequestTooLarge              the body is over the route's limit (names it)
    ├── NotFound                         unknown, or not yours (never tells which)
    │   ├── PartyNotFound
    │   ├── DocumentNotFound
    │   ├── OrderNotFound
    │   ├── HookNotFound
    │   ├── DeliveryNotFound
    │   ├── CustomerNotFound             commerce: no order of that customer number
    │   ├── ApplicationNotFound          a financing application
    │   ├── AccountNotFound              operators: no account of that ID or party
    │   └── KeyNotFound                  operators: the account has no key of that ID
    ├── RecipientNotReachable            the receiving party is not on this hub
    ├── Conflict                         the request collides with what exists
    │   ├── DuplicateDocument            same sender, type and cbc:ID already received
    │   ├── IdempotencyKeyReused         same Idempotency-Key, another request body
    │   ├── IdempotencyKeyInUse          same key while its first request still runs
    │   ├── PartyAlreadyRegistered       a party belongs to one account only
    │   ├── ConcurrentUpdate             someone else changed the order meanwhile
    │   ├── TransitionRefused            the order's state forbids it (named subclasses)
    │   │   ├── ResponseNotAllowed
    │   │   ├── CancellationNotAllowed
    │   │   ├── ChangeNotAllowed
    │   │   └── PositionTransitionRefused    commerce: a position's state forbids it
    │   └── CommerceRequestRefused       commerce: processed and refused (each problem)
    │       ├── PositionsRefused         positions whose states forbid the request
    │       ├── RefundExceedsPayment     more than was paid minus earlier refunds
    │       └── OrderReferenceTaken      the business has an order of that reference
    ├── DocumentGone                     content purged by retention or deleted
    ├── AuthenticationFailed             no key; an unknown, expired or revoked key or
    │                                    token; a disabled account; a token buying a token
    ├── RateLimited                      over the caller's request rate (says when to retry)
    └── FinancingRefused                 a financing application's state or rules forbid it
        ├── ApplicationRejected          the application was rejected
        ├── ApplicationAlreadyCancelled  the application is cancelled already
        ├── ApplicationValidationInProgress  not decided yet (PROCESSING)
        ├── ApplicationPaid              paid: cancel no longer possible
        ├── OperationNotSupported        not offered for the financing type
        ├── TotalPriceLimitExceeded      beyond the approved total
        ├── ItemNotIdentified            an identification matches no item
        ├── ItemAmbiguous                an identification matches several items
        └── ApplicationUnprocessable     any other rule (item marks, decisions, payments)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class OrdexError(Exception):
    """Base of every error ordex raises on purpose."""

    code = "ORDEX_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(OrdexError):
    code = "INVALID_INPUT"


class UnsafeXml(InvalidInput):
    code = "UNSAFE_XML"

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []
        """The refusal as findings with rule IDs (ordex's own: ORDEX-R020, ORDEX-R021)."""


class MalformedDocument(InvalidInput):
    code = "MALFORMED_DOCUMENT"

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []
        """The refusal as findings with rule IDs: the official rules' where they apply (an
        unknown CustomizationID breaks PEPPOL-T01-R034, PEPPOL-T76-R006...), else ordex's
        own (ORDEX-R022 to ORDEX-R024)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: its ID (official Peppol ID where one exists), where, and why."""

    rule_id: str
    flag: str  # "fatal" or "warning"
    message: str
    path: str
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ruleId": self.rule_id,
            "flag": self.flag,
            "message": self.message,
            "path": self.path,
            "line": self.line,
        }


class DocumentInvalid(InvalidInput):
    code = "DOCUMENT_INVALID"

    def __init__(self, message: str, findings: list[Finding], findings_omitted: int = 0) -> None:
        super().__init__(message)
        self.findings = findings
        self.findings_omitted = findings_omitted
        """How many findings the validator's caps left out of ``findings``."""


class PartyMismatch(InvalidInput):
    code = "PARTY_MISMATCH"


class InvalidPartyId(InvalidInput):
    code = "INVALID_PARTY_ID"


class InvalidRequest(InvalidInput):
    code = "INVALID_REQUEST"


class NotFound(OrdexError):
    code = "NOT_FOUND"


class PartyNotFound(NotFound):
    code = "PARTY_NOT_FOUND"


class DocumentNotFound(NotFound):
    code = "DOCUMENT_NOT_FOUND"


class OrderNotFound(NotFound):
    code = "ORDER_NOT_FOUND"


class HookNotFound(NotFound):
    code = "HOOK_NOT_FOUND"


class DeliveryNotFound(NotFound):
    code = "DELIVERY_NOT_FOUND"


class AccountNotFound(NotFound):
    code = "ACCOUNT_NOT_FOUND"


class KeyNotFound(NotFound):
    code = "KEY_NOT_FOUND"


class RecipientNotReachable(OrdexError):
    code = "RECIPIENT_NOT_REACHABLE"


class Conflict(OrdexError):
    code = "CONFLICT"


class DuplicateDocument(Conflict):
    code = "DUPLICATE_DOCUMENT"

    def __init__(self, message: str, existing_document_id: str) -> None:
        super().__init__(message)
        self.existing_document_id = existing_document_id


class IdempotencyKeyReused(Conflict):
    code = "IDEMPOTENCY_KEY_REUSED"


class IdempotencyKeyInUse(Conflict):
    code = "IDEMPOTENCY_KEY_IN_USE"


class PartyAlreadyRegistered(Conflict):
    code = "PARTY_ALREADY_REGISTERED"


class ConcurrentUpdate(Conflict):
    code = "CONCURRENT_UPDATE"


class TransitionRefused(Conflict):
    """The order's state does not allow what was asked."""

    code = "TRANSITION_REFUSED"

    def __init__(
        self, message: str, state: str, action: str, awaiting_document_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.state = state
        self.action = action
        #: the document that awaits the seller's answer instead (a change or cancellation)
        self.awaiting_document_id = awaiting_document_id


class ResponseNotAllowed(TransitionRefused):
    code = "RESPONSE_NOT_ALLOWED"


class CancellationNotAllowed(TransitionRefused):
    code = "CANCELLATION_NOT_ALLOWED"


class ChangeNotAllowed(TransitionRefused):
    code = "CHANGE_NOT_ALLOWED"


class DocumentGone(OrdexError):
    code = "DOCUMENT_GONE"


class RequestTooLarge(InvalidInput):
    """A request body over the route's limit, refused while it was being read."""

    code = "REQUEST_TOO_LARGE"

    def __init__(self, message: str, limit: int = 0) -> None:
        super().__init__(message)
        self.limit = limit


class RateLimited(OrdexError):
    """The caller (an account, or a client address before it authenticated) sent more
    requests than its rate allows; ``retry_after`` seconds until the next one is taken."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthenticationFailed(OrdexError):
    code = "AUTHENTICATION_FAILED"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem with one field of a request (``items[1].orderItemReference``)."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class InvalidFields(InvalidInput):
    code = "INVALID_FIELDS"

    def __init__(self, message: str, problems: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [FieldProblem("", message)]


class CustomerNotFound(NotFound):
    code = "CUSTOMER_NOT_FOUND"


class PositionTransitionRefused(TransitionRefused):
    code = "POSITION_TRANSITION_REFUSED"


class CommerceRequestRefused(Conflict):
    """A commerce request was well formed, but processing it was refused: the refusal is
    stored and notified (``accounting/EDIErrorSent``), nothing else."""

    code = "COMMERCE_REQUEST_REFUSED"

    def __init__(self, message: str, problems: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [FieldProblem("", message)]


class PositionsRefused(CommerceRequestRefused):
    code = "POSITIONS_REFUSED"


class RefundExceedsPayment(CommerceRequestRefused):
    code = "REFUND_EXCEEDS_PAYMENT"


class OrderReferenceTaken(CommerceRequestRefused):
    code = "ORDER_REFERENCE_TAKEN"


class ApplicationNotFound(NotFound):
    code = "APPLICATION_NOT_FOUND"


class FinancingRefused(OrdexError):
    """A financing application's state or rules forbid what was asked (named subclasses)."""

    code = "FINANCING_REFUSED"


class ApplicationRejected(FinancingRefused):
    code = "APPLICATION_REJECTED"


class ApplicationAlreadyCancelled(FinancingRefused):
    code = "APPLICATION_ALREADY_CANCELLED"


class ApplicationValidationInProgress(FinancingRefused):
    code = "APPLICATION_VALIDATION_IN_PROGRESS"


class ApplicationPaid(FinancingRefused):
    code = "APPLICATION_PAID"


class OperationNotSupported(FinancingRefused):
    code = "NOT_SUPPORTED"


class TotalPriceLimitExceeded(FinancingRefused):
    code = "TOTAL_PRICE_LIMIT_EXCEEDED"


class ItemNotIdentified(FinancingRefused):
    code = "ITEM_NOT_IDENTIFIED"


class ItemAmbiguous(FinancingRefused):
    code = "ITEM_AMBIGUOUS"


class ApplicationUnprocessable(FinancingRefused):
    code = "UNPROCESSABLE"
