"""Logging for ``ordex serve`` and ``ordex worker``: plain text, or one JSON object a line.

``ORDEX_LOG_FORMAT=json`` gives structured logs for a log shipper: ``time`` (UTC, ISO
8601), ``level``, ``logger``, ``message``, the exception if any, and the fields a record
carries in ``extra`` (the access log's method, path, route, status, duration_ms).

In text, a message is one line whatever it quotes: CR, LF and the other control
characters of logged values (a path, a header, a note) are written as escapes
(``\\n``, ``\\x1b``), so a client cannot forge a log line; a traceback keeps its lines.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# The attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",
}


# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_ESCAPES = {
    code: {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    for code in (*range(0x20), *range(0x7F, 0xA0))
} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """``text`` with its control characters escaped."""
    return text.translate(_ESCAPES)


class TextFormatter(logging.Formatter):
    """``LEVEL logger: message`` with the message kept on one line (:func:`one_line`)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.message)
        return super().formatMessage(record)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update((k, v) for k, v in vars(record).items() if k not in _STANDARD)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(log_format: str = "text", level: int = logging.INFO) -> None:
    """Route ordex's and uvicorn's loggers to one handler on stderr, in ``log_format``."""
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter("%(levelname)-8s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    # ordex.access logs every request with its route and timing; uvicorn's would repeat it.
    logging.getLogger("uvicorn.access").disabled = True
