"""The orders of the ingest benchmarks: valid Peppol T01 orders of any number of lines.

Built from ``examples/order.xml``: its head with fresh totals, and its second line
(40 x 5.00 = 200.00 EUR, VAT 25 %) repeated. Light on imports, so that
``bench/instructions.py`` can use it under valgrind.
"""

from __future__ import annotations

import re
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "order.xml"
BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"


def _order_parts() -> tuple[str, str]:
    """The example order's head (totals as placeholders) and one line as a template."""
    xml = EXAMPLE.read_text()
    head, _, rest = xml.partition("  <cac:OrderLine>")
    lines = "  <cac:OrderLine>" + rest.rpartition("</Order>")[0]
    second = lines[lines.index("  <cac:OrderLine>", 10) :]  # 40 x 5.00 = 200.00, VAT 25 %
    line = re.sub(r"<cbc:ID>2</cbc:ID>", "<cbc:ID>{n}</cbc:ID>", second, count=1)
    head = head.replace("<cbc:ID>PO-2026-0001</cbc:ID>", "<cbc:ID>{number}</cbc:ID>")
    for tag, amount in (
        ("TaxAmount", "125.00"),
        ("LineExtensionAmount", "500.00"),
        ("TaxExclusiveAmount", "500.00"),
        ("TaxInclusiveAmount", "625.00"),
        ("PayableAmount", "625.00"),
    ):
        head = head.replace(
            f'<cbc:{tag} currencyID="EUR">{amount}</cbc:{tag}>',
            f'<cbc:{tag} currencyID="EUR">{{{tag}}}</cbc:{tag}>',
        )
    return head, line


HEAD, LINE = _order_parts()


def order(number: str, lines: int) -> bytes:
    """A valid T01 with ``lines`` lines of 200.00 EUR each, plus 25 % VAT."""
    net = 200 * lines
    head = (
        HEAD.replace("{number}", number)
        .replace("{TaxAmount}", f"{net * 0.25:.2f}")
        .replace("{LineExtensionAmount}", f"{net:.2f}")
        .replace("{TaxExclusiveAmount}", f"{net:.2f}")
        .replace("{TaxInclusiveAmount}", f"{net * 1.25:.2f}")
        .replace("{PayableAmount}", f"{net * 1.25:.2f}")
    )
    return (head + "".join(LINE.replace("{n}", str(n)) for n in range(1, lines + 1))).encode() + (
        b"</Order>\n"
    )


def bodies(prefix: str, count: int, big_share: float) -> list[bytes]:
    every = round(1 / big_share) if big_share > 0 else 0
    return [order(f"{prefix}-{n}", 200 if every and n % every == 0 else 5) for n in range(count)]
