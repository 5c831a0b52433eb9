"""Use cases against in-memory fakes: what is stored, published and refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ordex.domain.accounts import Account
from ordex.domain.content import (
    DocumentType,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    ResponseCode,
    ResponseLine,
    ResponseLineCode,
)
from ordex.domain.errors import (
    AuthenticationFailed,
    CancellationNotAllowed,
    DocumentGone,
    DocumentNotFound,
    DuplicateDocument,
    InvalidRequest,
    PartyMismatch,
    PartyNotFound,
    RecipientNotReachable,
    ResponseNotAllowed,
)
from ordex.domain.orders import OrderState
from ordex.services.accounts import authenticate, create_account
from ordex.services.context import Context
from ordex.services.queries import list_responses, order_history
from ordex.services.receiving import (
    DownloadDocument,
    delete_document,
    download_document,
    purge_expired_documents,
)
from ordex.services.responding import RespondToOrder, respond_to_order
from ordex.services.roles import Role
from ordex.services.sending import CancelOrder, SendDocument, cancel_order, send_document
from tests.unit.fakes import FakeClock, FakeCodec, FakeParsed, FakeStore, FakeUnitOfWork

BUYER = PartyId("0088", "7300010000001")
SELLER = PartyId("0088", "7302347231110")
STRANGER = PartyId("0088", "5790000435975")
ADVANCED = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"


class World:
    def __init__(self) -> None:
        self.store = FakeStore()
        self.clock = FakeClock()
        self.codec = FakeCodec()
        self.ctx = Context(
            uow=lambda: FakeUnitOfWork(self.store), clock=self.clock, codec=self.codec
        )
        self.buyer, _ = create_account(self.ctx, "Buyer", [BUYER])
        self.seller, _ = create_account(self.ctx, "Seller", [SELLER])

    def order_bytes(
        self,
        number: str = "PO-1",
        seller: PartyId = SELLER,
        profile: str = ADVANCED,
        buyer: PartyId = BUYER,
    ) -> bytes:
        content = OrderContent(
            document_type=DocumentType.ORDER,
            customization_id="urn:fdc:peppol.eu:poacc:trns:order:3",
            profile_id=profile,
            number=number,
            issue_date=None,
            currency="EUR",
            buyer=Party(endpoint=buyer, registration_name="Buyer AB"),
            seller=Party(endpoint=seller, registration_name="Seller AB"),
            lines=(
                OrderLine("1", Decimal(10), "C62", Decimal(100), Decimal(10)),
                OrderLine("2", Decimal(5), "C62", Decimal(50), Decimal(10)),
            ),
        )
        data = f"order {number} {seller} {profile} {buyer}".encode()
        return self.codec.register(
            data, FakeParsed(DocumentType.ORDER, "T01", number, buyer, seller, content)
        )

    def send(self, number: str = "PO-1", **kwargs: object) -> str:
        data = self.order_bytes(number, **kwargs)  # type: ignore[arg-type]
        return send_document(self.ctx, SendDocument(self.buyer, BUYER, data)).document_id

    def respond(self, document_id: str, code: ResponseCode, **kwargs: object) -> str:
        command = RespondToOrder(self.seller, SELLER, document_id, code=code, **kwargs)  # type: ignore[arg-type]
        return respond_to_order(self.ctx, command).document_id


@pytest.fixture
def world() -> World:
    return World()


def test_a_sent_order_is_stored_once_and_announced_to_the_seller(world: World) -> None:
    document_id = world.send()
    order = world.store.orders[document_id]
    assert order.state is OrderState.RECEIVED
    assert world.store.documents[document_id].receiver == SELLER
    assert [(m.topic, m.party_id) for m in world.store.outbox] == [("OrderReceived", str(SELLER))]
    assert world.store.commits == 3  # two accounts, one order


def test_an_order_to_a_party_not_on_the_hub_is_refused_and_nothing_is_stored(
    world: World,
) -> None:
    with pytest.raises(RecipientNotReachable, match="5790000435975"):
        world.send(seller=STRANGER)
    assert world.store.documents == {} and world.store.outbox == []


def test_an_order_whose_buyer_is_not_the_path_party_is_refused(world: World) -> None:
    data = world.order_bytes(buyer=STRANGER)
    with pytest.raises(PartyMismatch, match="buyer"):
        send_document(world.ctx, SendDocument(world.buyer, BUYER, data))


def test_a_key_cannot_act_for_another_accounts_party(world: World) -> None:
    data = world.order_bytes()
    with pytest.raises(PartyNotFound):
        send_document(world.ctx, SendDocument(world.seller, BUYER, data))


def test_the_same_order_number_twice_is_a_duplicate_naming_the_first(world: World) -> None:
    first = world.send("PO-7")
    with pytest.raises(DuplicateDocument) as info:
        world.send("PO-7")
    assert info.value.existing_document_id == first


def test_the_seller_answers_ab_then_ap_and_the_buyer_sees_both(world: World) -> None:
    order_id = world.send()
    world.respond(order_id, ResponseCode.AB)
    world.respond(order_id, ResponseCode.AP, note="Will ship Friday")
    assert world.store.orders[order_id].state is OrderState.ACCEPTED
    order, responses = list_responses(world.ctx, world.buyer, BUYER, order_id)
    assert order.number == "PO-1"
    assert [r.response_code for r in responses] == ["AB", "AP"]
    rendered = world.codec.rendered[-1]
    assert rendered.code is ResponseCode.AP and rendered.note == "Will ship Friday"
    assert rendered.referenced_order == "PO-1"
    topics = [(m.topic, m.party_id) for m in world.store.outbox]
    assert ("OrderResponseReceived", str(BUYER)) in topics
    assert ("OrderResponseSent", str(SELLER)) in topics


def test_ap_after_re_is_refused_and_stores_no_response(world: World) -> None:
    order_id = world.send()
    world.respond(order_id, ResponseCode.RE)
    before = len(world.store.documents)
    with pytest.raises(ResponseNotAllowed, match="rejected"):
        world.respond(order_id, ResponseCode.AP)
    assert len(world.store.documents) == before


def test_a_ca_must_answer_every_order_line(world: World) -> None:
    order_id = world.send()
    one_line = (ResponseLine("1", ResponseLineCode.ACCEPTED),)
    with pytest.raises(InvalidRequest, match="missing: 2"):
        world.respond(order_id, ResponseCode.CA, lines=one_line)
    with pytest.raises(InvalidRequest, match="R007"):
        world.respond(order_id, ResponseCode.CA)


def test_a_ca_naming_an_unknown_line_is_refused(world: World) -> None:
    order_id = world.send()
    lines = (
        ResponseLine("1", ResponseLineCode.ACCEPTED),
        ResponseLine("2", ResponseLineCode.ACCEPTED),
        ResponseLine("9", ResponseLineCode.NOT_ACCEPTED),
    )
    with pytest.raises(InvalidRequest, match="9"):
        world.respond(order_id, ResponseCode.CA, lines=lines)


def test_a_ca_with_every_line_is_accepted_with_changes(world: World) -> None:
    order_id = world.send()
    lines = (
        ResponseLine("1", ResponseLineCode.CHANGED, quantity=Decimal(5)),
        ResponseLine("2", ResponseLineCode.ACCEPTED),
    )
    world.respond(order_id, ResponseCode.CA, lines=lines)
    assert world.store.orders[order_id].state is OrderState.ACCEPTED_WITH_CHANGES


def test_ap_with_lines_is_refused(world: World) -> None:
    order_id = world.send()
    with pytest.raises(InvalidRequest, match="carries no lines"):
        world.respond(
            order_id, ResponseCode.AP, lines=(ResponseLine("1", ResponseLineCode.ACCEPTED),)
        )


def test_order_only_orders_get_no_response(world: World) -> None:
    order_id = world.send(profile="urn:fdc:peppol.eu:poacc:bis:order_only:3")
    with pytest.raises(ResponseNotAllowed, match="Order only"):
        world.respond(order_id, ResponseCode.AP)


def test_a_cancellation_goes_to_the_seller_who_accepts_it(world: World) -> None:
    order_id = world.send()
    cancellation = cancel_order(
        world.ctx, CancelOrder(world.buyer, BUYER, order_id, "Ordered twice")
    )
    assert world.store.orders[order_id].state is OrderState.CANCELLATION_REQUESTED
    assert cancellation.receiver == SELLER and cancellation.document_type.value == (
        "OrderCancellation"
    )
    # The seller may answer on the cancellation's own document ID.
    world.respond(cancellation.document_id, ResponseCode.AP)
    assert world.store.orders[order_id].state is OrderState.CANCELLED
    _, history = order_history(world.ctx, world.buyer, BUYER, order_id, Role.BUYER)
    assert [h.name for h in history] == ["Delivered", "CancellationRequested", "OrderResponseAP"]


def test_a_rejected_cancellation_leaves_the_order_as_it_was(world: World) -> None:
    order_id = world.send()
    world.respond(order_id, ResponseCode.AB)
    cancellation = cancel_order(
        world.ctx, CancelOrder(world.buyer, BUYER, order_id, "No longer needed")
    )
    world.respond(cancellation.document_id, ResponseCode.RE, note="Already in production")
    assert world.store.orders[order_id].state is OrderState.ACKNOWLEDGED


def test_an_answer_naming_the_order_while_a_cancellation_is_pending_names_the_cancellation(
    world: World,
) -> None:
    order_id = world.send()
    world.respond(order_id, ResponseCode.AB)
    cancellation = cancel_order(
        world.ctx, CancelOrder(world.buyer, BUYER, order_id, "No longer needed")
    )
    for code in (ResponseCode.RE, ResponseCode.AP, ResponseCode.AB):
        with pytest.raises(ResponseNotAllowed, match=cancellation.document_id) as info:
            world.respond(order_id, code)
        assert info.value.awaiting_document_id == cancellation.document_id
    assert world.store.orders[order_id].state is OrderState.CANCELLATION_REQUESTED


def test_cancelling_a_rejected_order_confirms_the_rejection_and_cancels_it(
    world: World,
) -> None:
    order_id = world.send()
    world.respond(order_id, ResponseCode.RE)
    cancel_order(world.ctx, CancelOrder(world.buyer, BUYER, order_id, "To accept response"))
    assert world.store.orders[order_id].state is OrderState.CANCELLED
    with pytest.raises(CancellationNotAllowed, match="cancelled"):
        cancel_order(world.ctx, CancelOrder(world.buyer, BUYER, order_id, "again"))


def test_cancelling_an_unknown_or_foreign_order_is_not_found(world: World) -> None:
    with pytest.raises(DocumentNotFound):
        cancel_order(world.ctx, CancelOrder(world.buyer, BUYER, "nope", "x"))
    order_id = world.send()
    with pytest.raises(PartyNotFound):
        cancel_order(world.ctx, CancelOrder(world.seller, BUYER, order_id, "x"))


def test_a_cancellation_needs_a_note(world: World) -> None:
    order_id = world.send()
    with pytest.raises(InvalidRequest, match="cancellationNote"):
        cancel_order(world.ctx, CancelOrder(world.buyer, BUYER, order_id, "  "))


def test_only_the_receiver_downloads_and_the_buyer_cannot_download_a_sales_order(
    world: World,
) -> None:
    order_id = world.send()
    document = download_document(world.ctx, DownloadDocument(world.seller, SELLER, order_id))
    assert document.content == world.order_bytes()
    with pytest.raises(DocumentNotFound):
        download_document(world.ctx, DownloadDocument(world.buyer, BUYER, order_id))


def test_retention_purges_a_downloaded_document_after_seven_days(world: World) -> None:
    order_id = world.send()
    download_document(world.ctx, DownloadDocument(world.seller, SELLER, order_id))
    world.clock.advance(days=6)
    assert purge_expired_documents(world.ctx) == 0
    world.clock.advance(days=1)
    assert purge_expired_documents(world.ctx) == 1
    with pytest.raises(DocumentGone):
        download_document(world.ctx, DownloadDocument(world.seller, SELLER, order_id))


def test_a_deleted_document_is_gone_but_the_order_can_still_be_answered(world: World) -> None:
    order_id = world.send()
    delete_document(world.ctx, world.seller, SELLER, order_id)
    with pytest.raises(DocumentGone, match="deleted"):
        download_document(world.ctx, DownloadDocument(world.seller, SELLER, order_id))
    world.respond(order_id, ResponseCode.AP)
    assert world.store.orders[order_id].state is OrderState.ACCEPTED


def test_an_api_key_authenticates_its_own_account_and_a_wrong_key_nothing(
    world: World,
) -> None:
    account, key = create_account(world.ctx, "Third", [STRANGER])
    found = authenticate(world.ctx, key)
    assert isinstance(found, Account)
    assert found.account_id == account.account_id and found.parties == [STRANGER]
    with pytest.raises(AuthenticationFailed):
        authenticate(world.ctx, key + "x")
