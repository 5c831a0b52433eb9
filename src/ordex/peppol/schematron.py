"""Optional oracle: run the official Peppol Schematron (compiled XSLT 2.0) on a document.

The official artefacts are XSLT 2.0, which lxml/libxslt cannot run; SaxonC-HE
(``pip install saxonche``, the ``schematron`` extra) can. ``run_schematron`` turns the
SVRL report into ``Finding``s shaped like the native ones (same paths, source lines),
so that both can be compared. Compiling a stylesheet takes about a second; each
compiled stylesheet is kept for the life of the process.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.namespaces import source_line
from ordex.peppol.rules.index import TreeIndex
from ordex.peppol.xml import parse_xml

SVRL = "http://purl.oclc.org/dsdl/svrl"
_LOCATION_STEP = re.compile(r"\*:(?P<local>[\w.-]+)\[namespace-uri\(\)='(?P<uri>[^']*)'\]")
_MESSAGE_PREFIX = re.compile(r"^\s*\[[^\]]+\]\s*-\s*")


class SchematronUnavailable(RuntimeError):
    """saxonche is not installed, or the transaction has no stylesheet."""


class SchematronFailed(RuntimeError):
    """The official stylesheet stopped with an XPath error instead of reporting.

    It assumes an XSD-valid document: a value that is not a number where a number is
    expected (``xs:decimal('12,50')``) makes it fail rather than report a finding.
    """


class _Oracle:
    """One Saxon processor and the stylesheets compiled with it."""

    def __init__(self) -> None:
        try:
            from saxonche import PySaxonApiError, PySaxonProcessor
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SchematronUnavailable(
                "running the official Schematron needs SaxonC-HE: "
                "pip install 'ordex[schematron]' (or: pip install saxonche)"
            ) from exc
        self.processor: Any = PySaxonProcessor(license=False)
        self.api_error: type[Exception] = PySaxonApiError
        self.executables: dict[Path, Any] = {}
        self.lock = threading.Lock()

    def executable(self, stylesheet: Path) -> Any:
        with self.lock:
            if stylesheet not in self.executables:
                compiler = self.processor.new_xslt30_processor()
                self.executables[stylesheet] = compiler.compile_stylesheet(
                    stylesheet_file=str(stylesheet)
                )
            return self.executables[stylesheet]


_oracle: _Oracle | None = None
_oracle_lock = threading.Lock()


def _get_oracle() -> _Oracle:
    global _oracle
    with _oracle_lock:
        if _oracle is None:
            _oracle = _Oracle()
        return _oracle


def require_saxon() -> None:
    """Raise ``SchematronUnavailable`` (saying what to install) when saxonche is missing."""
    _get_oracle()


def stylesheet_for(xslt_dir: Path, transaction: str) -> Path:
    """``<xslt_dir>/PEPPOLBIS-<transaction>.xslt``, which must exist."""
    stylesheet = (xslt_dir / f"PEPPOLBIS-{transaction}.xslt").resolve()
    if not stylesheet.is_file():
        raise SchematronUnavailable(f"no official Schematron for {transaction}: {stylesheet}")
    return stylesheet


def compile_stylesheet(xslt_dir: Path, transaction: str) -> None:
    """Compile (and keep) the stylesheet of a transaction ahead of its first use."""
    _get_oracle().executable(stylesheet_for(xslt_dir, transaction))


def run_schematron(xslt_dir: Path, transaction: str, xml: bytes) -> list[Finding]:
    """The failed assertions of the official Schematron of ``transaction`` on ``xml``.

    ``xml`` is parsed with ordex's safe parser first (so the same documents are refused),
    and each finding's path and line point into it. Raises ``SchematronFailed`` when the
    stylesheet stops with an error (see there).
    """
    oracle = _get_oracle()
    executable = oracle.executable(stylesheet_for(xslt_dir, transaction))
    root = parse_xml(xml)
    text = etree.tostring(root, encoding="unicode")
    with oracle.lock:
        try:
            node = oracle.processor.parse_xml(xml_text=text)
            report = executable.transform_to_string(xdm_node=node)
        except oracle.api_error as exc:
            raise SchematronFailed(f"the official {transaction} rules stopped: {exc}") from exc
    return _findings(etree.fromstring(report.encode("utf-8")), root)


def _findings(report: etree._Element, root: etree._Element) -> list[Finding]:
    index = TreeIndex(root)  # names each element's path without scanning its siblings
    findings = []
    for failed in report.iter(f"{{{SVRL}}}failed-assert"):
        location = failed.get("location", "")
        element = _locate(root, location)
        text = " ".join(failed.findtext(f"{{{SVRL}}}text", default="").split())
        findings.append(
            Finding(
                rule_id=failed.get("id", ""),
                flag=failed.get("flag", "fatal"),
                message=_MESSAGE_PREFIX.sub("", text),
                path=location if element is None else index.path(element),
                line=None if element is None else source_line(element),
            )
        )
    return findings


def _locate(root: etree._Element, location: str) -> etree._Element | None:
    """The element an SVRL location (XPath 2.0 with ``*:name[namespace-uri()=...]``) names."""
    xpath = _LOCATION_STEP.sub(
        lambda m: f"*[local-name()='{m['local']}' and namespace-uri()='{m['uri']}']", location
    )
    try:
        found = root.getroottree().xpath(xpath)
    except etree.XPathError:
        return None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    return None
