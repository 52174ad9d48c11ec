"""The local Bot API server's webhook: it posts updates as Telegram does (JSON, the secret token header, a
retry until the webhook answers 2xx) and refuses the webhooks Telegram refuses, but for http to loopback."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, Conflict

from bot.localapi import LocalBotApi

TOKEN = "4242:LOCAL"
USER = 501
SECRET = "s3cret_token-1"


@dataclass
class Receiver:
    """A webhook listener on 127.0.0.1 that answers with ``status`` and keeps what it was sent."""

    status: int = 200
    posts: list[tuple[dict[str, Any], str | None, str]] = field(default_factory=list)
    url: str = ""

    async def take(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.posts.append(
            (body, request.headers.get("X-Telegram-Bot-Api-Secret-Token"), request.content_type)
        )
        return web.Response(status=self.status)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    listener = Receiver()
    app = web.Application()
    app.add_routes([web.post("/hook", listener.take)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    listener.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield listener
    await runner.cleanup()


@pytest.fixture
async def server() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi(TOKEN) as local:
        yield local


@pytest.fixture
async def bot(server: LocalBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as client:
        yield client


async def test_updates_are_posted_as_json_with_the_secret_token(
    server: LocalBotApi, bot: Bot, receiver: Receiver
) -> None:
    await server.world.user_sends(USER, "before the webhook", first_name="Kai")
    assert await bot.set_webhook(receiver.url, secret_token=SECRET)
    await server.world.user_sends(USER, "/start", first_name="Kai")

    await server.world.wait_for(lambda: len(receiver.posts) == 2, within=5)
    (first, secret, content_type), (second, _, _) = receiver.posts
    assert (secret, content_type) == (SECRET, "application/json")
    assert first["message"]["text"] == "before the webhook" and second["message"]["text"] == "/start"
    assert first["update_id"] < second["update_id"]
    await server.world.wait_for(lambda: not server.world.updates, within=5)
    assert (await bot.get_webhook_info()).pending_update_count == 0
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)


async def test_an_update_the_webhook_refuses_is_tried_again_and_the_error_shown(
    server: LocalBotApi, bot: Bot, receiver: Receiver
) -> None:
    receiver.status = 403
    await bot.set_webhook(receiver.url, secret_token=SECRET)
    await server.world.user_sends(USER, "hello", first_name="Kai")
    await server.world.wait_for(lambda: len(receiver.posts) >= 2, within=5)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 1
    assert info.last_error_message == "Wrong response from the webhook: 403"

    receiver.status = 200
    await server.world.wait_for(lambda: not server.world.updates, within=5)
    assert {post[0]["update_id"] for post in receiver.posts} == {server.webhook_deliveries[0].update_id}
    assert [delivery.status for delivery in server.webhook_deliveries][-1] == 200


async def test_after_delete_webhook_the_pending_updates_go_to_get_updates(
    server: LocalBotApi, bot: Bot, receiver: Receiver
) -> None:
    receiver.status = 500
    await bot.set_webhook(receiver.url)
    await server.world.user_sends(USER, "hello", first_name="Kai")
    await server.world.wait_for(lambda: receiver.posts, within=5)
    assert await bot.delete_webhook()
    [update] = await bot.get_updates(timeout=0)
    assert update.message.text == "hello"
    assert receiver.posts[0][1] is None  # no secret token was set, so no header


@pytest.mark.parametrize(
    ("url", "refusal"),
    [
        ("http://example.org/hook", "(?i)an https url must be provided"),
        ("https://example.org:8080/hook", "(?i)only on ports 80, 88, 443 or 8443"),
        ("ftp://127.0.0.1/hook", "(?i)an https url must be provided"),
    ],
)
async def test_webhooks_telegram_refuses_are_refused(bot: Bot, url: str, refusal: str) -> None:
    with pytest.raises(BadRequest, match=refusal):
        await bot.set_webhook(url)


@pytest.mark.parametrize("secret", ["has space", "semi;colon", "é"])
async def test_a_secret_token_outside_telegrams_characters_is_refused(bot: Bot, secret: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)secret token contains unallowed characters"):
        await bot.set_webhook("http://127.0.0.1:8443/hook", secret_token=secret)


async def test_a_webhook_elsewhere_is_accepted_but_never_posted_to(server: LocalBotApi, bot: Bot) -> None:
    assert await bot.set_webhook("https://bot.example.org/hook")
    await server.world.user_sends(USER, "hello", first_name="Kai")
    await server.world.wait_for(lambda: server.world.webhook.last_error_message, within=5)
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 1
    assert info.last_error_message == "the local Bot API server delivers to loopback addresses only"
    assert server.webhook_deliveries == []
