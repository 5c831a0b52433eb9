"""Order content as stored JSON: one encoding per content, never a stale one."""

from __future__ import annotations

import json

from ordex.storage.snapshots import dumps, snapshot
from tests.integration.test_storage import a_content


def test_a_snapshot_stored_twice_is_encoded_once() -> None:
    data = snapshot(a_content("PO-1"))
    first = dumps(data)
    assert dumps(data) is first
    assert json.loads(first)["number"] == "PO-1"


def test_a_value_that_is_not_a_snapshot_is_encoded_afresh_each_time() -> None:
    details = {"orderId": "o-1"}
    assert dumps(details) == '{"orderId": "o-1"}'
    details["orderId"] = "o-2"
    assert dumps(details) == '{"orderId": "o-2"}'


def test_the_next_snapshot_is_not_given_the_text_of_the_last() -> None:
    dumps(snapshot(a_content("PO-1")))
    assert json.loads(dumps(snapshot(a_content("PO-2"))))["number"] == "PO-2"
