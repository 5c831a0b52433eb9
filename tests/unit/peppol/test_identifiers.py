"""Party identifiers: ``scheme:value``, known schemes, check digits."""

from __future__ import annotations

import pytest

from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidPartyId
from ordex.peppol.identifiers import format_party_id, parse_party_id


@pytest.mark.parametrize(
    "text",
    [
        "0088:7300010000001",  # GLN
        "0088:4001234000107",
        "0060:123456789",  # DUNS
        "0192:987654325",  # Norwegian organisation number
        "0208:0412345614",  # Belgian enterprise number
        "0007:5566778899",  # Swedish organisation number
        "0184:DK12345678",  # a scheme without a check ordex knows
        "9915:atu12345678",  # an EAS-only scheme (Austrian VAT)
    ],
)
def test_a_valid_party_id_is_read(text: str) -> None:
    scheme, value = text.split(":")
    assert parse_party_id(text) == PartyId(scheme, value)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("0088:7300010000002", "GLN"),
        ("0088:730001000000", "GLN"),
        ("0088:73000100000x1", "GLN"),
        ("0060:12345678", "DUNS"),
        ("0060:12345678A", "DUNS"),
        ("0192:987654321", "Norwegian"),
        ("0192:000000000", "Norwegian"),
        ("0208:0412345615", "Belgian"),
        ("0208:041234561", "Belgian"),
        ("0007:5566778890", "Swedish"),
        ("0007:556677889", "Swedish"),
    ],
)
def test_a_wrong_check_digit_or_length_is_refused(text: str, why: str) -> None:
    with pytest.raises(InvalidPartyId, match=why):
        parse_party_id(text)


@pytest.mark.parametrize("text", ["", "0088", "0088:", ":7300010000001", "7300010000001"])
def test_a_party_id_without_scheme_and_value_is_refused(text: str) -> None:
    with pytest.raises(InvalidPartyId, match="scheme"):
        parse_party_id(text)


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(InvalidPartyId, match="unknown scheme '1234'"):
        parse_party_id("1234:5678")


def test_the_peppol_participant_prefix_is_accepted() -> None:
    expected = PartyId("0088", "7300010000001")
    assert parse_party_id("iso6523-actorid-upis::0088:7300010000001") == expected
    assert parse_party_id("ISO6523-ACTORID-UPIS::0088:7300010000001") == expected


def test_another_identifier_scheme_prefix_is_refused() -> None:
    with pytest.raises(InvalidPartyId, match="iso6523-actorid-upis"):
        parse_party_id("busdox-actorid-upis::0088:7300010000001")


def test_a_party_id_is_formatted_plain_or_with_the_peppol_prefix() -> None:
    party = PartyId("0088", "7300010000001")
    assert format_party_id(party) == "0088:7300010000001"
    assert format_party_id(party, peppol_prefix=True) == "iso6523-actorid-upis::0088:7300010000001"
    assert parse_party_id(format_party_id(party, peppol_prefix=True)) == party
