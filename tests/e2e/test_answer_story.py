"""Sequences of sends, changes, cancellations and answers from both sides, over HTTP.

A model written here from the BIS's words (not from ``ordex.domain.orders``) says what each
step must do; after every step the order's state, its status history, the rendered
documents and the webhooks written to the outbox must tell that one story. Above all, a
seller's answer applies to the document it names: an answer to the order never lands on a
pending change or cancellation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from ordex.storage import tables as t
from tests.e2e.conftest import BUYER, SELLER, Hub

NUMBERS = itertools.count(1)
CODES = ("AB", "AP", "CA", "RE")
OPEN = {"received", "acknowledged"}  # the order itself awaits an answer
STANDING = OPEN | {"accepted", "accepted_with_changes"}


@dataclass
class Model:
    """What the order must be, by the BIS: state, what awaits an answer, the history."""

    state: str = "received"
    before_cancellation: str | None = None
    before_change: str | None = None
    pending_change: str | None = None
    pending_cancellation: str | None = None
    history: list[str] = field(default_factory=lambda: ["Delivered"])

    def answer(self, subject: str, code: str) -> str | None:
        """The state after the seller answers ``subject`` with ``code``; None: refused."""
        if subject == "cancellation":
            if self.state != "cancellation_requested":
                return None
            if code == "AP":
                return "cancelled"
            if code == "RE":
                return self.before_cancellation
            return "cancellation_requested" if code == "AB" else None
        if subject == "change":
            if self.state != "change_requested":
                return None
            return {
                "AB": "change_requested",
                "AP": "accepted",
                "CA": "accepted_with_changes",
                "RE": self.before_change,
            }[code]
        # The order: it awaits an answer, or the seller cancels an accepted one (RE,
        # scenario 5) or changes it (CA, scenario 3: "Change of order from seller").
        if self.state in OPEN:
            return {
                "AB": "acknowledged" if self.state == "received" else None,
                "AP": "accepted",
                "CA": "accepted_with_changes",
                "RE": "rejected",
            }[code]
        if self.state in {"accepted", "accepted_with_changes"}:
            return {"RE": "rejected", "CA": "accepted_with_changes"}.get(code)
        return None


class AnswerStory(RuleBasedStateMachine):
    hub: Hub
    order_xml: bytes

    def __init__(self) -> None:
        super().__init__()
        self.number = f"PO-STORY-{next(NUMBERS)}"
        self.model = Model()
        self.changes: list[str] = []
        self.cancellations: list[str] = []
        self.order_id = self.send(self.xml(self.number))
        assert self.order_id is not None

    # -- requests -------------------------------------------------------------------------

    def xml(self, number: str, reference: str | None = None, item: str = "") -> bytes:
        xml = self.order_xml.replace(
            b"<cbc:ID>PO-2026-0001</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>".encode()
        )
        if reference is not None:
            xml = xml.replace(
                b"<cac:BuyerCustomerParty>",
                f"<cac:OrderReference><cbc:ID>{reference}</cbc:ID></cac:OrderReference>"
                "<cac:BuyerCustomerParty>".encode(),
                1,
            ).replace(b"Surgical masks, box of 50", f"Surgical masks {item}".encode())
        return xml

    def send(self, xml: bytes) -> str | None:
        answer: Any = self.hub.send(xml)
        return answer.json()["id"] if answer.status_code == 200 else None

    def call(self, party: str, path: str, body: dict[str, Any]) -> Any:
        return self.hub.client.post(
            f"/api/v1/{party}/{path}", json=body, headers=self.hub.headers(party)
        )

    @rule()
    def buyer_changes_the_order(self) -> None:
        n = len(self.changes) + 1
        change = self.send(self.xml(f"{self.number}-C{n}", self.number, f"v{n}"))
        allowed = self.model.state in STANDING
        assert (change is not None) == allowed, (self.model.state, change)
        if change is None:
            return
        self.changes.append(change)
        self.model.before_change = self.model.state
        self.model.state = "change_requested"
        self.model.pending_change = change
        self.model.history.append("ChangeRequested")

    @rule()
    def buyer_cancels_the_order(self) -> None:
        answer = self.call(
            BUYER, f"purchaseOrder/{self.order_id}/cancel", {"cancellationNote": "No more"}
        )
        state = self.model.state
        if state in STANDING | {"change_requested"}:
            assert answer.status_code == 200, answer.text
            self.cancellations.append(answer.json()["documentId"])
            self.model.before_cancellation = state
            self.model.state = "cancellation_requested"
            self.model.pending_cancellation = self.cancellations[-1]
            self.model.history.append("CancellationRequested")
        elif state == "rejected":
            assert answer.status_code == 200, answer.text
            self.cancellations.append(answer.json()["documentId"])
            self.model.state = "cancelled"
            self.model.history.append("CancellationRequested")
        else:
            assert answer.status_code == 409, answer.text
            assert answer.json()["errorCode"] == "CANCELLATION_NOT_ALLOWED"

    @rule(data=st.data(), code=st.sampled_from(CODES))
    def seller_answers_a_document(self, data: st.DataObject, code: str) -> None:
        named = data.draw(st.sampled_from([self.order_id, *self.changes, *self.cancellations]))
        subject = self.subject_of(named)
        after = self.model.answer(subject, code) if subject else None
        body: dict[str, Any] = {"status": code}
        if code == "CA":
            body["lines"] = [{"lineId": "1", "status": "5"}, {"lineId": "2", "status": "5"}]
        answer = self.call(SELLER, f"salesOrder/{named}/response", body)
        if after is None:
            assert answer.status_code == 409, (subject, code, self.model, answer.text)
            assert answer.json()["errorCode"] == "RESPONSE_NOT_ALLOWED"
            awaiting = self.awaiting()
            if subject != self.awaited_subject() and awaiting is not None:
                assert answer.json().get("awaitingDocumentId") == awaiting, answer.text
            return
        assert answer.status_code == 200, (subject, code, self.model, answer.text)
        response_id = answer.json()["documentId"]
        self.check_rendered(response_id, code)
        self.check_webhook(response_id, code, named, subject)
        self.model.history.append(f"OrderResponse{code}")
        self.settle(subject, after)

    def subject_of(self, named: str) -> str | None:
        """What the seller's answer to ``named`` answers; None: a stale document."""
        if named in self.cancellations:
            pending = self.model.pending_cancellation
            stale = self.model.state == "cancellation_requested" and named != pending
            return None if stale else "cancellation"
        if named == self.model.pending_change and self.model.state == "change_requested":
            return "change"
        return "order"

    def awaited_subject(self) -> str | None:
        return {"change_requested": "change", "cancellation_requested": "cancellation"}.get(
            self.model.state
        )

    def awaiting(self) -> str | None:
        if self.model.state == "change_requested":
            return self.model.pending_change
        if self.model.state == "cancellation_requested":
            return self.model.pending_cancellation
        return None

    def settle(self, subject: str, after: str) -> None:
        model = self.model
        if subject == "cancellation" and after != "cancellation_requested":
            model.pending_cancellation = None
            if after == "change_requested":  # the refused cancellation uncovers the change
                model.before_cancellation = None
        if subject == "change" and after != "change_requested":
            model.pending_change = None
            model.before_change = None
        model.state = after

    # -- what must agree ------------------------------------------------------------------

    def check_rendered(self, response_id: str, code: str) -> None:
        rendered = self.hub.client.get(
            f"/api/v1/{BUYER}/purchaseOrder/{self.order_id}/responses/{response_id}",
            headers=self.hub.headers(BUYER),
        )
        assert rendered.status_code == 200, rendered.text
        found = re.search(rb"<cbc:OrderResponseCode[^>]*>([A-Z]+)<", rendered.content)
        assert found is not None and found.group(1).decode() == code

    def check_webhook(self, response_id: str, code: str, named: str, subject: str) -> None:
        with self.hub.runtime.engine.connect() as conn:
            rows = conn.execute(
                select(t.outbox.c.topic, t.outbox.c.party_id, t.outbox.c.details).where(
                    t.outbox.c.document_id == response_id
                )
            ).all()
        received = [row for row in rows if row.topic == "OrderResponseReceived"]
        assert len(received) == 1 and received[0].party_id == BUYER
        details = received[0].details
        assert details["statusCode"] == code
        assert details["answeredDocumentId"] == named and details["answered"] == subject

    @invariant()
    def state_and_history_tell_the_model_story(self) -> None:
        answer = self.hub.client.get(
            f"/api/v1/{BUYER}/purchaseOrder/{self.order_id}/responses",
            headers=self.hub.headers(BUYER),
        ).json()
        assert answer["orderState"] == self.model.state
        history = self.hub.client.get(
            f"/api/v1/{BUYER}/purchaseOrder/{self.order_id}/status",
            headers=self.hub.headers(BUYER),
        ).json()
        assert [step["name"] for step in history] == self.model.history


def test_every_answer_applies_to_the_document_it_names_and_all_views_agree(
    hub: Hub, order_xml: bytes
) -> None:
    AnswerStory.hub = hub
    AnswerStory.order_xml = order_xml
    run_state_machine_as_test(
        AnswerStory,
        settings=settings(
            max_examples=40,
            stateful_step_count=12,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
