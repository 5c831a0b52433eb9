"""The attachments an order lists (cac:AdditionalDocumentReference), for the web inbox."""

from __future__ import annotations

from pathlib import Path

from ordex.peppol.attachments import Attachment, attachments

ORDER = (Path(__file__).resolve().parents[3] / "examples" / "order.xml").read_bytes()
REFERENCES = b"""<cac:AdditionalDocumentReference>
    <cbc:ID>Doc1</cbc:ID>
    <cbc:DocumentType>Timesheet</cbc:DocumentType>
    <cac:Attachment>
      <cac:ExternalReference><cbc:URI>https://supplier.example/sheet.html</cbc:URI></cac:ExternalReference>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:AdditionalDocumentReference>
    <cbc:ID>Doc2</cbc:ID>
    <cbc:DocumentType>Drawing of the part</cbc:DocumentType>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="drawing.pdf"
        >JVBERi0=</cbc:EmbeddedDocumentBinaryObject>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:BuyerCustomerParty>"""


def with_attachments() -> bytes:
    return ORDER.replace(b"<cac:BuyerCustomerParty>", REFERENCES, 1)


def test_an_order_lists_its_external_and_embedded_attachments_in_order() -> None:
    assert attachments(with_attachments()) == [
        Attachment("Doc1", "Timesheet", None, None, False, "https://supplier.example/sheet.html"),
        Attachment("Doc2", "Drawing of the part", "drawing.pdf", "application/pdf", True, None),
    ]


def test_an_order_without_references_lists_no_attachment() -> None:
    assert attachments(ORDER) == []
