"""Party IDs of every dialect, as accounts own them.

A Peppol participant is ``scheme:value`` with an ISO 6523 ICD scheme (``0088:730...``);
a commerce business is ``business:<businessCode>``; a financing partner is
``partner:<partnerId>``. The CLI (``ordex accounts create --party``) and the admin API
read all three with ``parse_account_party``.
"""

from __future__ import annotations

import re
from typing import Final

from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidPartyId
from ordex.peppol.identifiers import parse_party_id

BUSINESS: Final = "business"  # commerce dialect: the {businessCode} of its paths
PARTNER: Final = "partner"  # financing dialect: the partner an application belongs to
DIALECT_SCHEMES: Final = (BUSINESS, PARTNER)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def dialect_party(scheme: str, code: str) -> PartyId:
    """``business`` or ``partner`` party for ``code``; raises ``InvalidPartyId``."""
    if not _CODE.fullmatch(code):
        raise InvalidPartyId(
            f"{scheme} code {code!r} must be 1 to 64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return PartyId(scheme=scheme, value=code)


def parse_account_party(text: str) -> PartyId:
    """``business:SHOP-1``, ``partner:acme`` or a Peppol ``0088:7300010000001``."""
    scheme, colon, value = text.strip().partition(":")
    if colon and scheme in DIALECT_SCHEMES:
        return dialect_party(scheme, value)
    return parse_party_id(text)
