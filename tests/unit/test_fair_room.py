"""Which due hooks a worker takes when senders are free (fair scheduling over parties)."""

from __future__ import annotations

from ordex.services.delivery import Room
from ordex.services.ports import DueHead


def heads(*hooks: tuple[str, str]) -> list[DueHead]:
    return [DueHead(f"d-{hook}", hook, 1, party) for party, hook in hooks]


def test_parties_take_turns_and_one_party_gets_at_most_its_share() -> None:
    due = heads(*[("A", f"a{n}") for n in range(10)], ("B", "b0"), ("B", "b1"), ("C", "c0"))
    chosen = Room(free=8, per_party=4).choose(due)
    assert [h.hook_id for h in chosen] == ["a0", "b0", "c0", "a1", "b1", "a2", "a3"]


def test_a_party_with_fewer_batches_in_flight_goes_first_and_a_full_one_waits() -> None:
    due = heads(("A", "a5"), ("A", "a6"), ("B", "b0"), ("C", "c0"))
    room = Room(free=2, per_party=4, busy={"A": 4, "B": 1})
    assert [h.hook_id for h in room.choose(due)] == ["c0", "b0"]


def test_a_hook_already_being_sent_to_is_not_taken_twice() -> None:
    room = Room(free=4, per_party=4, sending={"a0"})
    assert [h.hook_id for h in room.choose(heads(("A", "a0"), ("A", "a1")))] == ["a1"]
    assert not room.take("A", "a0")  # (its new events wait behind the batch in flight)
    assert room.take("A", "a2")
