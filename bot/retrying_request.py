"""Talking to Telegram with retries for the failures that are safe to retry.

python-telegram-bot retries nothing by itself except flood waits (``AIORateLimiter`` waits out a 429's
``retry_after``). A 5xx from Telegram, or a connection that never opened, means the call was not carried
out, so it can be sent again without anything reaching a young person twice. A call that timed out
while waiting for the answer may have been carried out: only calls that are harmless to repeat (reads
and settings) are retried then; a message is not, so the outbox decides later instead of guessing now.
"""

import asyncio
import logging
from typing import Any

import httpx
from telegram.error import NetworkError
from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

RETRIED_STATUSES = frozenset({500, 502, 503, 504})
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_REPEATABLE_PREFIXES = ("get", "set", "deletewebhook", "deletemycommands")


class RetryingRequest(HTTPXRequest):
    def __init__(self, *, attempts: int = 4, first_delay: float = 0.25, **httpx_options: Any) -> None:
        """``attempts`` in all, waiting ``first_delay`` seconds before the second and doubling each time;
        ``httpx_options`` are ``HTTPXRequest``'s (``connection_pool_size``, ``read_timeout``, ...)."""
        super().__init__(**httpx_options)
        self.attempts = attempts
        self.first_delay = first_delay

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        write_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: Any = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                code, payload = await super().do_request(
                    url,
                    method,
                    request_data,
                    read_timeout=read_timeout,
                    write_timeout=write_timeout,
                    connect_timeout=connect_timeout,
                    pool_timeout=pool_timeout,
                )
            except NetworkError as error:  # TimedOut is one too
                if last or not _safe_to_repeat(api_method, error):
                    raise
                log.warning(
                    "%s failed (%s); attempt %d of %d",
                    api_method,
                    type(error).__name__,
                    attempt,
                    self.attempts,
                )
            else:
                if code not in RETRIED_STATUSES or last:
                    return code, payload
                log.warning("%s answered %d; attempt %d of %d", api_method, code, attempt, self.attempts)
            await asyncio.sleep(self.first_delay * 2 ** (attempt - 1))
        raise AssertionError("unreachable: the last attempt returns or raises")


def _safe_to_repeat(api_method: str, error: Exception) -> bool:
    if isinstance(error.__cause__, _NOT_SENT):
        return True
    return api_method.lower().startswith(_REPEATABLE_PREFIXES)
