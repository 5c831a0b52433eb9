"""The AS4 port with a dev PKI and the real library: what verifies is received, the rest
is answered with the ebMS error that says why; receipts prove delivery or are refused."""

from __future__ import annotations

import pytest

from ordex.network.as4_port import (
    AccessPoint,
    ParticipantNotServicedError,
    ReceiptRefused,
    Received,
    Refused,
    receive_message,
    rejected,
    verify_receipt,
)
from ordex.network.pki import DevPki
from tests.network.as4_kit import (
    ORDER_TYPE,
    PROCESS,
    SMALL_ORDER,
    Kit,
    content_type,
    expired,
    make_kit,
    tampered,
    unsigned,
)


@pytest.fixture(scope="module")
def kit() -> Kit:
    return make_kit()


@pytest.fixture(scope="module")
def receiver(kit: Kit) -> AccessPoint:
    return kit.access_point(kit.receiver)


def _refused(result: Received | Refused, code: str, detail: str = "") -> Refused:
    assert isinstance(result, Refused), result
    assert result.code == code, result
    assert detail in result.detail
    assert b"SignalMessage" in result.signal
    return result


def test_a_message_round_trips_with_its_sbdh_and_a_receipt_that_proves_delivery(
    kit: Kit, receiver: AccessPoint
) -> None:
    sender = kit.access_point(kit.sender)
    message = kit.message(sender)
    received = receive_message(receiver, content_type(message), message.body)
    assert isinstance(received, Received), received
    assert received.message_id == message.message_id
    assert (received.sender, received.receiver) == ("0088:7300010000001", "0088:7300010000002")
    assert (received.document_type, received.process) == (ORDER_TYPE, PROCESS)
    assert received.sender_ap == "POP000001"
    assert SMALL_ORDER.split(b">", 1)[1] in received.sbd
    assert verify_receipt(sender, message.exchange, received.signal)


def test_a_tampered_message_is_refused_as_failed_authentication(
    kit: Kit, receiver: AccessPoint
) -> None:
    message = kit.message()
    body = tampered(message.body, b"0088:7300010000002", b"0088:7300010000009")
    _refused(receive_message(receiver, content_type(message), body), "EBMS:0101")


def test_an_unsigned_message_is_refused_by_the_policy(kit: Kit, receiver: AccessPoint) -> None:
    message = kit.message()
    result = receive_message(receiver, content_type(message), unsigned(message.body))
    _refused(result, "EBMS:0103", "signature")


def test_a_sender_from_another_pki_is_refused(kit: Kit, receiver: AccessPoint) -> None:
    stranger = DevPki.create().access_point("POP000001")
    message = kit.message(kit.access_point(stranger))
    _refused(receive_message(receiver, content_type(message), message.body), "EBMS:0101")


def test_a_sender_whose_certificate_expired_is_refused(kit: Kit, receiver: AccessPoint) -> None:
    message = kit.message(kit.access_point(expired(kit.pki, "POP000001")))
    _refused(receive_message(receiver, content_type(message), message.body), "EBMS:0101")


def test_a_sender_that_claims_another_seat_id_than_its_certificate_names_is_refused(
    kit: Kit, receiver: AccessPoint
) -> None:
    message = kit.message(kit.access_point(kit.sender, seat_id="POP000666"))
    _refused(receive_message(receiver, content_type(message), message.body), "EBMS:0101")


def test_a_message_for_another_access_point_is_refused(kit: Kit) -> None:
    message = kit.message()
    other = kit.access_point(kit.receiver, seat_id="POP000003")  # our key, another seat ID
    _refused(receive_message(other, content_type(message), message.body), "EBMS:0004", "eb:To")


def test_a_participant_not_hosted_here_is_answered_not_serviced(
    kit: Kit, receiver: AccessPoint
) -> None:
    def accept(participant: str) -> None:
        raise ParticipantNotServicedError(participant)

    message = kit.message()
    result = receive_message(receiver, content_type(message), message.body, accept)
    _refused(result, "EBMS:0004", "PEPPOL:NOT_SERVICED")


def test_a_compression_bomb_stops_at_the_cap(kit: Kit) -> None:
    receiver = kit.access_point(kit.receiver, maximum=64 * 1024)
    big = SMALL_ORDER.replace(
        b"<ID>1</ID>", b"<ID>1</ID>" + b"<Note>" + b"a" * 200_000 + b"</Note>"
    )
    message = kit.message(payload=big)
    _refused(receive_message(receiver, content_type(message), message.body), "EBMS:0303")


def test_garbage_is_answered_with_an_ebms_error_not_an_exception(receiver: AccessPoint) -> None:
    result = receive_message(
        receiver, "multipart/related; boundary=x", b"--x\r\n\r\nhello\r\n--x--"
    )
    assert isinstance(result, Refused) and result.code.startswith("EBMS:")


def test_a_receipt_is_verified_against_what_was_signed(kit: Kit, receiver: AccessPoint) -> None:
    sender = kit.access_point(kit.sender)
    first, second = kit.message(sender), kit.message(sender)
    answer = receive_message(receiver, content_type(second), second.body)
    assert isinstance(answer, Received)
    with pytest.raises(ReceiptRefused) as refused:  # the receipt of another message
        verify_receipt(sender, first.exchange, answer.signal)
    assert not refused.value.rejected
    with pytest.raises(ReceiptRefused):  # a digest changed after signing
        verify_receipt(
            sender,
            second.exchange,
            answer.signal.replace(b"DigestValue>", b"DigestValue>A", 1),
        )
    verify_receipt(sender, second.exchange, answer.signal)


def test_an_ebms_error_is_a_final_refusal(kit: Kit, receiver: AccessPoint) -> None:
    sender = kit.access_point(kit.sender)
    message = kit.message(sender)
    received = receive_message(receiver, content_type(message), message.body)
    assert isinstance(received, Received)
    refusal = rejected(receiver, received, "the order is not valid: PEPPOL-T01-R001")
    with pytest.raises(ReceiptRefused) as refused:
        verify_receipt(sender, message.exchange, refusal.signal)
    assert refused.value.rejected and refused.value.code == "EBMS:0004"
    assert "PEPPOL-T01-R001" in str(refused.value)
