"""Logging set-up: plain lines (or JSON lines) to stderr, with the bot token scrubbed from anything that
slips through."""

import json
import logging
import traceback
from datetime import UTC, datetime
from pathlib import Path


class RedactToken(logging.Filter):
    """Replace the token in any record. Our own code never logs it; this guards third-party messages."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._token in message:
            record.msg, record.args = message.replace(self._token, "[token]"), None
        return True


class JsonLines(logging.Formatter):
    """One JSON object per line, for a log collector: time (UTC), level, logger and message, and for an
    error its class and where it was raised.

    The handler's filters (``RedactToken``) run before this, so what they scrub from the message is scrubbed
    here too. An exception's own message is left out, as ``handlers.common.on_error`` leaves it out: it can
    quote what someone typed, or a URL with the token in it. Its frames (file, line, function) say where.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            entry["error"] = type(error).__name__
            entry["where"] = [
                f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(error.__traceback__)
            ]
        return json.dumps(entry, ensure_ascii=False)


def configure(level: int = logging.WARNING, *, json_lines: bool = False) -> None:
    """Log to stderr at ``level``: plain lines, or with ``json_lines`` one JSON object per line."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonLines() if json_lines else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def redact(token: str) -> None:
    """Scrub ``token`` from every record the root logger's handlers write."""
    if token:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactToken(token))
