"""The embedded worker's pauses between rounds: batches grow under a steady stream."""

from __future__ import annotations

import threading
from typing import Any

from ordex.delivery.worker import BUSY_PAUSE, PER_HOOK, Worker


class Scripted(Worker):
    """Rounds that find what the script says; no database, no network."""

    def __init__(self, script: list[tuple[int, int]], interval: float = 0.1) -> None:
        nothing: Any = None
        super().__init__(nothing, nothing, interval=interval)
        self.script = script

    def step(self, refunds: bool = True) -> tuple[int, int]:
        return self.script.pop(0)


class Waits(threading.Event):
    """Records each wait instead of waiting; set once the script has run out."""

    def __init__(self, worker: Scripted) -> None:
        super().__init__()
        self.worker = worker
        self.waits: list[float] = []

    def is_set(self) -> bool:
        return not self.worker.script

    def wait(self, timeout: float | None = None) -> bool:
        assert timeout is not None
        self.waits.append(round(timeout, 6))
        return False


def waits_after(script: list[tuple[int, int]], interval: float = 0.1) -> list[float]:
    worker = Scripted(script, interval)
    stop = Waits(worker)
    try:
        worker.run(stop)
    finally:
        worker.close()
    return stop.waits


def test_while_rounds_keep_finding_a_little_work_the_pause_doubles_up_to_the_interval() -> None:
    assert waits_after([(1, 0)] * 6) == [BUSY_PAUSE, 0.04, 0.08, 0.1, 0.1, 0.1]


def test_an_idle_round_waits_the_interval_and_the_next_busy_one_starts_short_again() -> None:
    assert waits_after([(2, 1), (3, 1), (0, 0), (1, 0)]) == [BUSY_PAUSE, 0.04, 0.1, BUSY_PAUSE]


def test_a_round_with_a_full_batch_of_attempts_is_followed_by_the_short_pause() -> None:
    script = [(1, 0), (1, 0), (1, 0), (0, PER_HOOK), (1, 0)]
    assert waits_after(script) == [BUSY_PAUSE, 0.04, 0.08, BUSY_PAUSE, 0.04]


def test_a_worker_with_a_short_interval_never_pauses_longer_when_busy() -> None:
    assert waits_after([(1, 0)] * 3, interval=0.03) == [BUSY_PAUSE, 0.03, 0.03]
