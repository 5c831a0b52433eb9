"""The PSB's 400 for a refused document lists the rules that refuse it in ``errors[]``."""

from __future__ import annotations

from tests.e2e.conftest import Hub
from tests.e2e.test_bad_input import assert_psb_error, stored_documents
from tests.integration.test_cli_refusals import with_doctype, with_leading_zero_width_space


def test_a_doctype_is_refused_with_ordex_r020(hub: Hub, order_xml: bytes) -> None:
    body = assert_psb_error(hub.send(with_doctype(order_xml)), 400)
    assert body["errorCode"] == "UNSAFE_XML"
    assert [error["ruleId"] for error in body["errors"]] == ["ORDEX-R020"]
    assert stored_documents(hub) == 0


def test_an_invisibly_altered_customization_id_is_refused_with_the_official_rule(
    hub: Hub, order_xml: bytes
) -> None:
    body = assert_psb_error(hub.send(with_leading_zero_width_space(order_xml)), 400)
    assert body["errorCode"] == "MALFORMED_DOCUMENT"
    assert "PEPPOL-T01-R034" in {error["ruleId"] for error in body["errors"]}
    assert all(error["ruleId"] and error["path"] for error in body["errors"])
    assert stored_documents(hub) == 0
