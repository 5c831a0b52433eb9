"""Who decides PROCESSING -> READY or REJECTED when nobody does by hand.

``auto`` (the default) approves an application whose total is at most the limit (the
approved amount is its total) and rejects one above it, at once when it is created.
``manual`` leaves every application in PROCESSING, for the operator (or a sandbox user)
to approve or reject by hand through the admin API.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from ordex.domain.financing import Application


class DecisionMode(enum.StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class Decision:
    approve: bool
    note: str


@dataclass(frozen=True, slots=True)
class DecisionPolicy:
    mode: DecisionMode = DecisionMode.AUTO
    approval_limit: Decimal = Decimal("10000")

    def decide(self, application: Application) -> Decision | None:
        """The decision for a new application, or ``None`` to leave it to the operator."""
        if self.mode is DecisionMode.MANUAL:
            return None
        total = application.total
        if total <= self.approval_limit:
            return Decision(True, f"Approved: the total {total} is within the limit.")
        return Decision(
            False,
            f"Rejected: the total {total} {application.currency} is above the approval "
            f"limit {self.approval_limit}.",
        )
