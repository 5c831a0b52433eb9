"""Peppol participant identifiers: ``scheme:value`` with check digits.

``parse_party_id`` is the strict reader for identifiers that address a party (URL
paths, configuration, CLI options); the check-digit functions are shared with the
native rules (PEPPOL-COMMON-R040 and following), so both agree on what is valid.
"""

from __future__ import annotations

import operator
import re

from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidPartyId
from ordex.peppol.codes import EAS, ICD

PEPPOL_SCHEME = "iso6523-actorid-upis"
"""The Peppol participant identifier scheme, as in ``iso6523-actorid-upis::0088:...``."""

_DIGITS = re.compile(r"[0-9]+")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_TEN_DIGITS = re.compile(r"[0-9]{10}")
_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)
"""The Luhn digit sum of twice each digit."""
_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))
"""``bytes.translate`` table: ASCII digits to their values (``int`` per digit costs more
than the whole check)."""
_LUHN_TABLE = bytes(_LUHN_DOUBLED) + bytes(range(10, 256))
"""``bytes.translate`` table: digit values to ``_LUHN_DOUBLED``."""
_NORWEGIAN_WEIGHTS = (2, 3, 4, 5, 6, 7, 2, 3)


def _digit_values(digits: str) -> bytes:
    """The value of each digit of ``digits`` (ASCII digits only)."""
    return digits.encode("ascii").translate(_DIGIT_VALUES)


def parse_party_id(text: str) -> PartyId:
    """Read ``0088:7300010000001`` (or ``iso6523-actorid-upis::0088:...``) into a PartyId.

    The scheme must be a known ISO 6523 ICD code or Peppol EAS code, the value must not
    be empty, and where the scheme defines a check (GLN, DUNS, Norwegian, Belgian and
    Swedish organisation numbers) the value must pass it. Raises ``InvalidPartyId``.
    """
    candidate = text.strip()
    scheme_prefix, separator, rest = candidate.partition("::")
    if separator:
        if scheme_prefix.lower() != PEPPOL_SCHEME:
            raise InvalidPartyId(
                f"unknown identifier scheme {scheme_prefix!r} in {text!r}: "
                f"expected {PEPPOL_SCHEME}::<scheme>:<value>"
            )
        candidate = rest
    scheme, colon, value = candidate.partition(":")
    if not colon or not scheme or not value:
        raise InvalidPartyId(
            f"party identifier {text!r} is not of the form <scheme>:<value>, "
            "e.g. 0088:7300010000001"
        )
    if scheme not in ICD and scheme not in EAS:
        raise InvalidPartyId(
            f"party identifier {text!r} has unknown scheme {scheme!r}: "
            "expected an ISO 6523 ICD code such as 0088"
        )
    problem = check_value(scheme, value)
    if problem is not None:
        raise InvalidPartyId(f"party identifier {text!r} is not valid: {problem}")
    return PartyId(scheme=scheme, value=value)


def format_party_id(party: PartyId, *, peppol_prefix: bool = False) -> str:
    """``0088:7300010000001``, or ``iso6523-actorid-upis::0088:...`` with the prefix."""
    plain = f"{party.scheme}:{party.value}"
    return f"{PEPPOL_SCHEME}::{plain}" if peppol_prefix else plain


def check_value(scheme: str, value: str) -> str | None:
    """Why ``value`` is not a valid identifier of ``scheme``, or None when it is."""
    if scheme == "0088":
        if len(value) != 13 or not is_gln(value):
            return "a GLN (0088) has 13 digits and a valid GS1 check digit"
    elif scheme == "0060":
        if not re.fullmatch(r"[0-9]{9}", value):
            return "a DUNS number (0060) has 9 digits"
    elif scheme == "0192":
        if not is_norwegian_org_number(value):
            return "a Norwegian organisation number (0192) has 9 digits and a mod-11 check digit"
    elif scheme == "0208":
        if not is_belgian_enterprise_number(value):
            return "a Belgian enterprise number (0208) has 10 digits and mod-97 check digits"
    elif scheme == "0007" and not is_swedish_org_number(value):
        return "a Swedish organisation number (0007) has 10 digits and a Luhn check digit"
    return None


def is_gln(value: str) -> bool:
    """GS1 mod-10 check digit over all digits, any length (``u:gln`` of the official rules)."""
    if not _DIGITS.fullmatch(value):
        return False
    digits = _digit_values(value)
    payload = digits[-2::-1]  # the digits before the check digit, from the right
    weighted = 3 * sum(payload[0::2]) + sum(payload[1::2])
    return (10 - weighted % 10) % 10 == digits[-1]


def is_norwegian_org_number(value: str) -> bool:
    """Nine digits with a mod-11 check digit (``u:mod11``, PEPPOL-COMMON-R041)."""
    if not _NINE_DIGITS.fullmatch(value):
        return False
    digits = _digit_values(value)
    if not any(digits):  # zero
        return False
    payload = digits[-2::-1]  # the digits before the check digit, from the right
    weighted: int = sum(map(operator.mul, payload, _NORWEGIAN_WEIGHTS))
    return (11 - weighted % 11) % 11 == digits[-1]


def is_belgian_enterprise_number(value: str) -> bool:
    """Ten digits; the last two are 97 - (first eight mod 97) (PEPPOL-COMMON-R043)."""
    if not _TEN_DIGITS.fullmatch(value):
        return False
    return 97 - int(value[:8]) % 97 == int(value[8:])


def is_swedish_org_number(value: str) -> bool:
    """Ten digits with a Luhn check digit (``u:checkSEOrgnr``, PEPPOL-COMMON-R049)."""
    if not _TEN_DIGITS.fullmatch(value):
        return False
    digits = _digit_values(value)
    payload = digits[8::-1]  # the digits before the check digit, from the right
    total = sum(payload[0::2].translate(_LUHN_TABLE)) + sum(payload[1::2])
    return (10 - total % 10) % 10 == digits[9]
