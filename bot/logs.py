"""Logging set-up: plain lines (or JSON lines) to stderr, with the bot token scrubbed from everything
written.

The scrubbing is done on the finished text of each record, after the formatter has run, so it covers the
message, its arguments, an exception's traceback (``exc_info``) and ``stack_info`` alike, whatever the
formatter (plain lines here, or any other set on the handler). Python's own last-resort printers
(an uncaught exception, one in a thread, one raised in a ``__del__``, a warning) bypass logging, so once
there is a secret to keep (``redact``) they are routed through it too; asyncio's "exception was never
retrieved" already goes through the ``asyncio`` logger. A token rejected by Telegram (``InvalidToken``)
quotes the token in its message: this is what keeps it out of the log.
"""

import json
import logging
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO
from urllib.parse import quote

PLACEHOLDER = "[token]"
SECRET_PART_MIN_LENGTH = 16
"""A Bot API token is ``<bot id>:<secret>``. The bot id is public (it is the bot's user id); the secret
part is scrubbed on its own as well, when it is long enough not to match ordinary words (real ones are 35
characters)."""

log = logging.getLogger(__name__)


class Redactor:
    """The secrets to scrub, in every form they may be written in (as is, or percent-encoded in a URL)."""

    def __init__(self) -> None:
        self._secrets: list[str] = []

    def add(self, secret: str) -> None:
        if not secret:
            return
        forms = {secret, quote(secret, safe="")}
        _, _, secret_part = secret.partition(":")
        if len(secret_part) >= SECRET_PART_MIN_LENGTH:
            forms.add(secret_part)
        # Longest first, so the whole token is replaced before its secret part is looked for.
        self._secrets = sorted({*self._secrets, *forms}, key=len, reverse=True)

    def clear(self) -> None:
        self._secrets = []

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, PLACEHOLDER)
        return text


REDACTOR = Redactor()
"""One per process: every handler and hook scrubs with it."""


class RedactingHandler(logging.StreamHandler):
    """A stream handler that scrubs secrets from each finished line, whichever formatter it is given.

    Every handler on the root logger must be one of these (a JSON formatter goes on it with
    ``setFormatter``); ``configure`` installs it.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        """Without a ``stream``, whatever ``sys.stderr`` is when each line is written (so a test that
        swaps it, or a closed earlier one, never catches a line meant for the terminal)."""
        logging.Handler.__init__(self)
        self._stream = stream

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return self._stream if self._stream is not None else sys.stderr

    @stream.setter
    def stream(self, value: TextIO | None) -> None:
        self._stream = value

    def format(self, record: logging.LogRecord) -> str:
        return REDACTOR(super().format(record))


class JsonLines(logging.Formatter):
    """One JSON object per line, for a log collector: time (UTC), level, logger and message, and for an
    error its class and where it was raised.

    The handler (``RedactingHandler``) scrubs the finished line, so the token is scrubbed here too. An
    exception's own message is left out, as ``handlers.common.on_error`` leaves it out: it can quote what
    someone typed, or a URL with the token in it. Its frames (file, line, function) say where.
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
    handler = RedactingHandler()
    handler.setFormatter(
        JsonLines() if json_lines else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def redact(secret: str) -> None:
    """Scrub ``secret`` from everything logged from now on (tracebacks included), and from then on send
    Python's last-resort printing through logging, so it is scrubbed too."""
    REDACTOR.add(secret)
    _route_last_resort_output_through_logging()


def _route_last_resort_output_through_logging() -> None:
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_exception
    sys.unraisablehook = _log_unraisable
    logging.captureWarnings(True)


def _log_uncaught(kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)
        return
    log.critical("stopped by an unexpected error", exc_info=(kind, error, traceback))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    where = args.thread.name if args.thread is not None else "a thread"
    error = args.exc_value if args.exc_value is not None else args.exc_type()
    log.error("unexpected error in %s", where, exc_info=(args.exc_type, error, args.exc_traceback))


def _log_unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    error = unraisable.exc_value if unraisable.exc_value is not None else unraisable.exc_type()
    log.error(
        "ignored error in %r",
        unraisable.object,
        exc_info=(unraisable.exc_type, error, unraisable.exc_traceback),
    )
