"""A minimal Schematron-to-XSLT 3.0 compiler for the tests, run with SaxonC-HE (saxonche).

It covers what OpenPeppol's reporting Schematron uses (one or more patterns with ``let``,
``rule`` with ``let`` and ``assert``/``report``, ``ns``, and top-level ``xsl:function`` and
``xsl:key``) and reports the ID and flag of each failed assertion: within a pattern, a
node is checked by the first rule whose context matches it, as ISO Schematron says. Neither
schxslt nor the XSLT 2 ISO skeleton is installable here (lxml ships only the XSLT 1
skeleton, which refuses ``queryBinding='xslt2'``), hence this.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
XS = "http://www.w3.org/2001/XMLSchema"


def compile_schematron(sch: bytes) -> bytes:
    """The XSLT 3.0 stylesheet that checks a document against ``sch``; its output is
    ``<failed><assert id=".." flag=".."/>...</failed>``."""
    schema = etree.fromstring(sch)
    namespaces = {p: u for p, u in schema.nsmap.items() if p and u not in (SCH,)}
    for ns in schema.iterfind(f"{{{SCH}}}ns"):
        namespaces[ns.get("prefix", "")] = ns.get("uri", "")
    out = etree.Element(
        f"{{{XSL}}}stylesheet",
        nsmap={**namespaces, "xsl": XSL, "xs": XS},  # type: ignore[dict-item]
        version="3.0",
    )
    for child in schema:
        if child.tag in (f"{{{XSL}}}function", f"{{{XSL}}}key"):
            out.append(copy.deepcopy(child))
    patterns = schema.findall(f"{{{SCH}}}pattern")
    root = _xsl(out, "template", match="/")
    failed = etree.SubElement(root, "failed")
    for index, pattern in enumerate(patterns):
        mode = f"pattern-{index}"
        _xsl(failed, "apply-templates", select="/", mode=mode)
        for let in pattern.iterfind(f"{{{SCH}}}let"):  # constants, evaluated at the root
            _xsl(out, "variable", name=let.get("name", ""), select=let.get("value", ""))
        rules = pattern.findall(f"{{{SCH}}}rule")
        for position, rule in enumerate(rules):
            template = _xsl(
                out,
                "template",
                match=rule.get("context", ""),
                mode=mode,
                priority=str(len(rules) - position + 1),
            )
            for child in rule:
                if child.tag == f"{{{SCH}}}let":
                    _xsl(
                        template,
                        "variable",
                        name=child.get("name", ""),
                        select=child.get("value", ""),
                    )
                elif child.tag in (f"{{{SCH}}}assert", f"{{{SCH}}}report"):
                    test = child.get("test", "")
                    check = _xsl(
                        template,
                        "if",
                        test=f"not({test})" if child.tag == f"{{{SCH}}}assert" else f"({test})",
                    )
                    failure = etree.SubElement(check, "assert")
                    failure.set("id", child.get("id", ""))
                    failure.set("flag", child.get("flag", "error"))
            _xsl(template, "apply-templates", select="*", mode=mode)
        descend = _xsl(out, "template", match="node()", mode=mode, priority="-1")
        _xsl(descend, "apply-templates", select="*", mode=mode)
    return bytes(etree.tostring(out, xml_declaration=True, encoding="UTF-8"))


def _xsl(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XSL}}}{tag}")
    for key, value in attributes.items():
        element.set(key, value)
    return element


class SchematronRunner:
    """Compiled once, run on many documents; ``failures(xml)`` lists the fatal rule IDs."""

    def __init__(self, sch: bytes) -> None:
        from saxonche import PySaxonProcessor

        self.processor: Any = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.executable = compiler.compile_stylesheet(
            stylesheet_text=compile_schematron(sch).decode()
        )

    def failures(self, xml: bytes) -> list[str]:
        node = self.processor.parse_xml(xml_text=xml.decode())
        report = etree.fromstring(self.executable.transform_to_string(xdm_node=node).encode())
        return [a.get("id", "") for a in report.iter("assert") if a.get("flag") == "fatal"]
