"""``ordex serve --no-embedded-worker`` that stops for good at one point of a keyed send,
so that a test can kill it there: ``python -m tests.chaos.paused_server PAUSE MARKER
--port N``.

PAUSE is ``before-storing`` (inside the send, before its transaction: nothing stored) or
``after-storing`` (the document is committed, its answer not yet kept for the key). The
server writes MARKER when it reaches the pause, then waits until it is killed.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any


def main() -> None:
    pause, marker = sys.argv[1], Path(sys.argv[2])

    def stop_here() -> None:
        marker.write_text(pause)
        threading.Event().wait()

    if pause == "before-storing":
        from ordex.api import peppol

        send = peppol.send_document  # type: ignore[attr-defined]

        def paused_send(*args: Any, **kwargs: Any) -> Any:
            stop_here()
            return send(*args, **kwargs)

        peppol.send_document = paused_send  # type: ignore[attr-defined]
    elif pause == "after-storing":
        from ordex.storage.idempotency import IdempotencyStore

        def paused_store(*args: Any, **kwargs: Any) -> None:
            stop_here()

        IdempotencyStore.store = paused_store  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown pause {pause!r}")
    from ordex.cli import app

    app(["serve", "--no-embedded-worker", "--host", "127.0.0.1", *sys.argv[3:]])


if __name__ == "__main__":
    main()
