"""``xpath_divide`` gives the quotients saxonche 13.1 gives on values read from a document
(measured with ``xs:decimal(a) div xs:decimal(b)`` over document nodes)."""

from __future__ import annotations

import pytest

from ordex.peppol.values import xpath_divide, xs_decimal

SAXON = [
    ("10", "3", "3.333333333333333333"),
    ("2", "3", "0.666666666666666667"),
    ("-2", "3", "-0.666666666666666667"),
    ("3", "524288", "0.000005722045898437"),  # a half: towards zero
    ("-3", "524288", "-0.000005722045898437"),
    ("2.0000000000000000000001", "3", "0.6666666666666666666667"),
    ("2", "3.0000000000000000000001", "0.666666666666666667"),
    ("1", "70.0", "0.0142857142857142857"),  # 70.0 has scale -1
    ("1", "70", "0.014285714285714286"),
    ("1", "30000000000", "0.000000000033333333"),  # a short integer keeps scale 0
    ("-78963903295200", "0000000870700000000000", "-0.09069013815918226714138049845"),
    ("9351546384.00", "+147550092302800", "0.000063378790470757"),
    ("5721287927432", "-000000890000000", "-6428.4134016089887640449438202"),
    ("100000000000000000000000000000", "3", "33333333333333333333333333333.333333333333333333"),
]


@pytest.mark.parametrize(("dividend", "divisor", "quotient"), SAXON)
def test_decimal_division_gives_the_quotient_saxon_gives(
    dividend: str, divisor: str, quotient: str
) -> None:
    assert xpath_divide(xs_decimal(dividend), xs_decimal(divisor)) == xs_decimal(quotient)
