"""End-to-end fixtures: the local Bot API server on 127.0.0.1 and the real Application polling it.

Override ``flood_limits`` (to enforce Telegram's rate limits), ``bot_request`` (to talk through a
request object of your own) or ``updates_by`` ("webhook": the server posts each update to the bot's
webhook, with the secret token, instead of the bot polling) in a test module to change how the bot meets
the server.
"""

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager

import pytest
from telegram.ext import Application
from telegram.request import BaseRequest

from bot.app import build_application
from bot.clock import MovableClock
from bot.config import Settings
from bot.localapi import LocalBotApi
from bot.polling import polling
from bot.webhook import webhook
from tests.e2e.harness import Chat
from tests.net import free_port

WEBHOOK_SECRET = "e2e-webhook-secret_1"


@pytest.fixture
def flood_limits() -> bool:
    return False


@pytest.fixture
def bot_request() -> BaseRequest | None:
    return None


@pytest.fixture
def updates_by() -> str:
    return "polling"


@pytest.fixture
async def local_api(settings: Settings, flood_limits: bool) -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi(
        settings.telegram.token, flood_limits=flood_limits, bot_username=settings.telegram.username
    ) as server:
        yield server


@pytest.fixture
def e2e_settings(settings: Settings, local_api: LocalBotApi, updates_by: str) -> Settings:
    telegram = {"base_url": local_api.base_url, "base_file_url": local_api.base_file_url}
    if updates_by == "webhook":
        port = free_port()
        telegram |= {
            "webhook_url": f"http://127.0.0.1:{port}/telegram",
            "webhook_port": port,
            "webhook_secret": WEBHOOK_SECRET,
        }
    return settings.model_copy(update={"telegram": settings.telegram.model_copy(update=telegram)})


@pytest.fixture
async def running_app(
    e2e_settings: Settings, clock: MovableClock, bot_request: BaseRequest | None
) -> AsyncIterator[Application]:
    app = build_application(e2e_settings, clock, request=bot_request)
    receiving: AbstractAsyncContextManager[Application] = (
        webhook(app, e2e_settings.telegram)
        if e2e_settings.telegram.webhook_url
        else polling(app, poll_timeout=5)
    )
    async with receiving:
        yield app


@pytest.fixture
async def chat(local_api: LocalBotApi, running_app: Application, clock: MovableClock) -> Chat:
    return Chat(local_api, running_app, clock)
