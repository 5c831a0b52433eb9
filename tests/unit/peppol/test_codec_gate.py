"""A process parses and validates one document at a time: CPU-bound reads that run
together only share the GIL, and make every other request of the process wait for it."""

from __future__ import annotations

import threading
import time

from ordex.peppol.codec import MAX_CONCURRENT_READS, PeppolCodec
from ordex.peppol.parse import ParsedDocument
from tests.unit.peppol.documents import ORDER, fixture


def test_documents_are_read_one_at_a_time() -> None:
    running, most = 0, 0
    lock = threading.Lock()

    def slow_check(document: ParsedDocument) -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1

    codec = PeppolCodec(check=slow_check)
    data = fixture(ORDER)
    readers = [threading.Thread(target=codec.read, args=(data,)) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert most == MAX_CONCURRENT_READS == 1
