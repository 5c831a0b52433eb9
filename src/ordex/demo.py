"""Demo data for ``make run``: a Peppol buyer and supplier, a web shop (commerce dialect)
and a financing partner, their keys printed once and saved."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from ordex.bootstrap import Runtime
from ordex.domain.content import PartyId
from ordex.services.accounts import create_account
from ordex.storage import tables as t

DEMO_BUYER = PartyId("0088", "7300010000001")  # the buyer of the Peppol examples
DEMO_SUPPLIER = PartyId("0088", "7302347231110")  # the seller of the Peppol examples
DEMO_SHOP = PartyId("business", "DEMO-SHOP")  # commerce dialect: /businesses/DEMO-SHOP/...
DEMO_PARTNER = PartyId("partner", "demo-partner")  # financing dialect


def seed_demo(rt: Runtime, keys_file: Path) -> dict[str, dict[str, str]] | None:
    """Create the demo accounts on an empty database; None if it was not empty."""
    with rt.engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(t.accounts)).scalar_one():
            return None
    keys: dict[str, dict[str, str]] = {}
    for role, name, party in (
        ("buyer", "Demo Buyer (City Hospital)", DEMO_BUYER),
        ("supplier", "Demo Supplier (The Supplier AB)", DEMO_SUPPLIER),
        ("shop", "Demo Shop (commerce dialect)", DEMO_SHOP),
        ("financingPartner", "Demo Financing Partner", DEMO_PARTNER),
    ):
        account, key = create_account(rt.ctx, name, [party])
        keys[role] = {"accountId": account.account_id, "partyId": str(party), "apiKey": key}
    keys_file.parent.mkdir(parents=True, exist_ok=True)
    keys_file.write_text(json.dumps(keys, indent=2) + "\n")
    return keys
