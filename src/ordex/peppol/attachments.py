"""The attachments a document lists (``cac:AdditionalDocumentReference``), for people:
the web inbox shows them on an order's page. Reads only; the document was validated when
it was received."""

from __future__ import annotations

from dataclasses import dataclass

from ordex.peppol.namespaces import NS
from ordex.peppol.xml import parse_xml


@dataclass(frozen=True, slots=True)
class Attachment:
    identifier: str
    description: str | None
    filename: str | None
    mime_code: str | None
    embedded: bool  # the file is in the document (else an external reference, if any)
    uri: str | None


def attachments(data: bytes) -> list[Attachment]:
    """The document's ``cac:AdditionalDocumentReference`` entries, in order."""
    root = parse_xml(data)
    found: list[Attachment] = []
    for ref in root.iterfind("cac:AdditionalDocumentReference", NS):
        binary = ref.find("cac:Attachment/cbc:EmbeddedDocumentBinaryObject", NS)
        uri = ref.findtext("cac:Attachment/cac:ExternalReference/cbc:URI", None, NS)
        found.append(
            Attachment(
                identifier=(ref.findtext("cbc:ID", "", NS) or "").strip(),
                description=ref.findtext("cbc:DocumentDescription", None, NS)
                or ref.findtext("cbc:DocumentType", None, NS),
                filename=binary.get("filename") if binary is not None else None,
                mime_code=binary.get("mimeCode") if binary is not None else None,
                embedded=binary is not None,
                uri=uri,
            )
        )
    return found
