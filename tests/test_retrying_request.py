"""RetryingRequest tries a message again when the connection never opened: nothing can have been sent."""

import logging
import socket

import pytest
from telegram.error import NetworkError
from telegram.request import RequestData

from bot.retrying_request import RetryingRequest


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_a_message_is_retried_when_the_connection_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    request = RetryingRequest(attempts=3, first_delay=0.01)
    await request.initialize()
    url = f"http://127.0.0.1:{closed_port()}/bot1:X/sendMessage"
    try:
        with caplog.at_level(logging.WARNING, logger="bot.retrying_request"), pytest.raises(NetworkError):
            await request.do_request(url, "POST", RequestData())
    finally:
        await request.shutdown()
    assert [record.getMessage() for record in caplog.records] == [
        "sendMessage failed (NetworkError); attempt 1 of 3",
        "sendMessage failed (NetworkError); attempt 2 of 3",
    ]
