"""Amount rules on both sides of their boundaries, native and official verdicts compared.

The official engine (Saxon) computes ``xs:decimal`` sums and products exactly and rounds
a quotient to ``max(18, s1 - s2 + 18)`` decimal places, halves towards zero
(``ordex.peppol.values.xpath_divide``): ``6 * (10 div 3)`` is 19.999999999999999998, so
a line amount of 20.02 is just outside R024's 0.02 and 20.01 inside. Amounts of 29 and
more significant digits are exact there too.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from ordex.domain.errors import Finding
from ordex.peppol.rules import run_rules
from ordex.peppol.transactions import BY_CODE
from ordex.peppol.values import xpath_divide, xs_decimal
from ordex.peppol.xml import parse_xml
from tests.conformance.conftest import Oracle
from tests.conformance.orders import Line, order

pytestmark = pytest.mark.shared

R024 = "PEPPOL-T01-R024"
BIG = "12345678901234567890123456789.01"  # 31 significant digits
HUGE_QUANTITY = "30000000000000000000000000001"  # 29 digits


def verdicts(official: Oracle, data: bytes) -> tuple[set[str], set[str]]:
    def fired(findings: list[Finding]) -> set[str]:
        return {f"{f.rule_id}/{f.flag}" for f in findings if not f.rule_id.startswith("ORDEX-")}

    native = fired(run_rules(BY_CODE["T01"], parse_xml(data)))
    return native, fired(official("T01", data))


def expected_amount(line: Line) -> Decimal:
    """quantity * (price div base quantity) as the official engine computes it."""
    with localcontext() as exact:
        exact.prec = 1000
        quotient = xpath_divide(xs_decimal(line.price), xs_decimal(line.base_quantity or "1"))
        return xs_decimal(line.quantity) * quotient


def at_edge(line: Line, beyond: bool) -> Line:
    """``line`` with the highest two-decimal amount R024 accepts, or the next cent."""
    with localcontext() as exact:
        exact.prec = 1000
        edge = (expected_amount(line) + Decimal("0.02")).quantize(Decimal("0.01"), "ROUND_FLOOR")
        amount = edge + Decimal("0.01") if beyond else edge
    return Line(line.quantity, line.price, line.base_quantity, f"{amount:f}")


R024_LINES = {
    "6 x 10 / 3": Line("6", "10", "3"),
    "7 x 1 / 3": Line("7", "1", "3"),
    "2 x 0.5 / 0.3": Line("2", "0.5", "0.3"),
    "5 x 10 / 70.0 (trailing zero)": Line("5", "10", "70.0"),
    "29-digit quantity x 1": Line(HUGE_QUANTITY, "1", "1"),
    "29-digit quantity x 10 / 3": Line(HUGE_QUANTITY, "10", "3"),
    "29-digit quantity x 2 / 3": Line(HUGE_QUANTITY, "2", "3"),
    "price of 31 digits": Line("1", BIG, "1"),
}


@pytest.mark.parametrize("beyond", [False, True], ids=["inside", "outside"])
@pytest.mark.parametrize("line", R024_LINES.values(), ids=R024_LINES.keys())
def test_r024_fires_exactly_where_the_official_rule_does_on_both_sides_of_its_slack(
    official: Oracle, line: Line, beyond: bool
) -> None:
    data = order(at_edge(line, beyond))
    native, theirs = verdicts(official, data)
    assert native == theirs
    assert (f"{R024}/fatal" in theirs) is beyond


def test_six_times_ten_thirds_is_not_twenty_for_r024(official: Oracle) -> None:
    """The issue's repro: 20.02 fires R024 (the quotient is 3.333333333333333333)."""
    for amount, fires in (("20.02", True), ("20.01", False), ("19.98", False), ("19.97", True)):
        native, theirs = verdicts(official, order(Line("6", "10", "3", amount)))
        assert native == theirs and (f"{R024}/fatal" in native) is fires, amount


LONG_ORDERS = {
    "31-digit line, allowance and tax": dict(
        line=Line("1", BIG, "1", BIG), allowance="1234567890123456789012345678.91", tax=BIG
    ),
    "31-digit gross price less its allowance (R019)": dict(
        line=Line(
            "1",
            "12345678901234567890123456788.01",
            "1",
            "12345678901234567890123456788.01",
            price_base=BIG,
            price_discount="1.00",
        ),
    ),
    "29-digit quantity": dict(line=Line(HUGE_QUANTITY, "1", None, f"{HUGE_QUANTITY}.00")),
}


@pytest.mark.parametrize("case", LONG_ORDERS.values(), ids=LONG_ORDERS.keys())
def test_a_consistent_order_with_29_digit_amounts_fires_no_amount_rule(
    official: Oracle, case: dict[str, object]
) -> None:
    native, theirs = verdicts(official, order(**case))  # type: ignore[arg-type]
    assert native == theirs == set()


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (dict(totals_of="12345678901234567890123456789.02"), "PEPPOL-T01-R008"),
        (dict(tax="0.01"), None),  # consistent: tax and totals move together
    ],
)
def test_a_29_digit_total_one_cent_off_fires_like_the_official_rule(
    official: Oracle, change: dict[str, str], rule: str | None
) -> None:
    data = order(Line("1", BIG, "1", BIG), **change)  # type: ignore[arg-type]
    native, theirs = verdicts(official, data)
    assert native == theirs
    assert (rule is None and not theirs) or f"{rule}/fatal" in theirs


def test_a_29_digit_allowance_one_cent_off_its_total_fires_r009_and_r011(
    official: Oracle,
) -> None:
    data = order(Line("1", BIG, "1", BIG), allowance="1234567890123456789012345678.91")
    off = data.replace(
        b">1234567890123456789012345678.91</cbc:AllowanceTotalAmount>",
        b">1234567890123456789012345678.92</cbc:AllowanceTotalAmount>",
    )
    assert off != data
    native, theirs = verdicts(official, off)
    assert native == theirs
    assert {"PEPPOL-T01-R009/fatal", "PEPPOL-T01-R011/fatal"} <= theirs


@pytest.mark.parametrize("percent", ["NaN", " NaN ", "INF", "-INF", "0", "25"])
def test_a_standard_rate_compares_with_zero_as_saxon_compares_it(
    official: Oracle, percent: str
) -> None:
    """``(cbc:Percent) > 0`` (R030): Saxon compares an untyped "NaN" as if it were +INF."""
    data = order(Line()).replace(
        b"<cbc:Percent>25</cbc:Percent>", f"<cbc:Percent>{percent}</cbc:Percent>".encode()
    )
    assert percent.encode() in data
    native, theirs = verdicts(official, data)
    assert native == theirs


def test_29_digit_totals_and_gross_prices_one_cent_off_fire_r016_r017_and_r019(
    official: Oracle,
) -> None:
    price = "12345678901234567890123456788.01"
    line = Line("1", price, "1", price, price_base=BIG, price_discount="1.01")
    data = order(line, tax=BIG)
    with localcontext() as exact:
        exact.prec = 100
        total = Decimal(price) + Decimal(BIG)
        more = total + Decimal("0.01")
    inclusive = f">{total}</cbc:TaxInclusiveAmount>".encode()
    assert inclusive in data
    off = data.replace(inclusive, f">{more}</cbc:TaxInclusiveAmount>".encode())
    native, theirs = verdicts(official, off)
    assert native == theirs
    assert {f"PEPPOL-T01-{r}/fatal" for r in ("R016", "R017", "R019")} <= theirs
