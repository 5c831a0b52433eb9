"""The Peppol ordering adapter: UBL documents in and out of ordex's content model.

- ``xml``: safe parsing of untrusted bytes (no DTD, no entities, bounded size and depth)
- ``identifiers``: participant identifiers ``scheme:value`` with check digits
- ``parse``: UBL -> ``ordex.domain.content`` (``parse_document``)
- ``validate``: native Peppol rules with the official IDs (``validate``, ``check``)
- ``render``: ``ordex.domain.content`` -> UBL (``render_order``, ``render_cancellation``,
  ``render_response``)
- ``schematron``: the official Schematron as an optional oracle (needs ``saxonche``)

Only this package imports lxml; the domain knows nothing of XML.
"""

# The rules first: ``codes`` reads the generated tables under ``rules``, whose package
# imports the rule modules, which import ``codes``; loading ``rules`` first lets a caller
# import ``codes`` (or ``identifiers``) on its own.
from ordex.peppol import rules as rules
