"""Which document families a party elsewhere on Peppol receives (``queryRecipientParty``).

Each family is looked up as its Advanced Ordering transaction (T01, T114, T115, T116 in
``urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3``); a family whose lookup fails for
any reason (not registered, not serviced, untrusted, unreachable) is not offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from ordex.domain.content import PartyId, Profile
from ordex.network.ports import Directory, LookupFailed
from ordex.network.smp_documents import document_type_id
from ordex.peppol.transactions import (
    ORDER,
    ORDER_CANCELLATION,
    ORDER_CHANGE,
    ORDER_RESPONSE_ADVANCED,
)

FAMILY_TRANSACTIONS = {
    "Order": ORDER,
    "OrderChange": ORDER_CHANGE,
    "OrderCancellation": ORDER_CANCELLATION,
    "OrderResponse": ORDER_RESPONSE_ADVANCED,
}


def peppol_families(directory: Directory, party: PartyId, families: Sequence[str]) -> list[str]:
    """The ``families`` that ``party`` receives over Peppol, by SML/SMP lookup."""
    found = []
    for family in families:
        transaction = FAMILY_TRANSACTIONS[family]
        try:
            directory.lookup(party, document_type_id(transaction), Profile.ADVANCED_ORDERING)
        except LookupFailed:
            continue
        found.append(family)
    return found
