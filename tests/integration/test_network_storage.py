"""The access point's rows on both databases: a transmission is claimed by one worker at
a time (leased until a time, then due again), kept as updated; a received MessageId is
stored once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from ordex.domain.errors import ConcurrentUpdate
from ordex.services.ports import ReceivedMessage, Transmission
from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import SqlUnitOfWork, make_engine
from tests.integration.test_storage import AT, store_order


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def test_a_transmission_is_claimed_once_per_lease_and_kept_as_updated(engine: Engine) -> None:
    store_order(engine, "o-1", "PO-1")
    with SqlUnitOfWork(engine) as uow:
        uow.network.add_transmission(
            Transmission("o-1", "0088:1", "0088:2", "doc", "proc", "BE", AT, next_attempt_at=AT)
        )
        uow.commit()
    lease = AT + timedelta(minutes=2)
    with SqlUnitOfWork(engine) as uow:
        [claimed] = uow.network.claim_due(AT, lease, 10)
        uow.commit()
    assert claimed.next_attempt_at == lease
    with SqlUnitOfWork(engine) as uow:  # leased: not due for another worker
        assert uow.network.claim_due(AT + timedelta(minutes=1), lease, 10) == []
        uow.commit()
    claimed.message_id, claimed.message_body = "m-1@as4", b"--mime--"
    claimed.message_headers = {"Content-Type": "multipart/related"}
    claimed.status, claimed.attempts, claimed.receipt = "delivered", 1, b"<receipt/>"
    claimed.next_attempt_at = None
    with SqlUnitOfWork(engine) as uow:
        uow.network.update_transmission(claimed)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.network.transmission("o-1") == claimed
        assert uow.network.claim_due(lease + timedelta(days=1), lease, 10) == []


def test_a_received_message_id_is_stored_once(engine: Engine) -> None:
    store_order(engine, "o-1", "PO-1")
    message = ReceivedMessage("m-1@as4", "POP000001", "o-1", b"<receipt/>", AT)
    with SqlUnitOfWork(engine) as uow:
        uow.network.add_received(message)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.network.received("m-1@as4") == message
        with pytest.raises(ConcurrentUpdate):
            uow.network.add_received(message)
