"""Logging set-up: plain lines to stderr, with the bot token scrubbed from anything that slips through."""

import logging


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


def configure(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
