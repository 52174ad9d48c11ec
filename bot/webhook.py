"""Receiving updates by webhook: Telegram posts each update to ``telegram.webhook_url``; a web server in
front (nginx, say) passes it to ``webhook_listen``:``webhook_port``, at the same path, where this takes it.

python-telegram-bot's own webhook server needs tornado, and logs whole updates (what the young person
wrote, and their name) when one cannot be read. This one is a few lines on aiohttp, which the bot already
has: it refuses any request without the secret token set with ``setWebhook`` (compared in constant time),
logs ids and reasons only, and hands each update to the application's queue, as polling does.

``carebot run`` imports this module only when a webhook is configured, so aiohttp loads only then.
"""

import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot import metrics
from bot.config import TelegramSettings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@asynccontextmanager
async def webhook(app: Application, telegram: TelegramSettings) -> AsyncIterator[Application]:
    """The bot answers updates posted to its webhook while the block runs, and shuts down in order when it
    ends: as ``bot.polling.polling`` does for long polling, step for step."""
    path = urlsplit(telegram.webhook_url).path or "/"
    receiver = web.Application()
    receiver.add_routes([web.post(path, _Receiver(app, telegram.webhook_secret).receive)])
    runner = web.AppRunner(receiver, access_log=None, shutdown_timeout=5.0)
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await runner.setup()
        try:
            await web.TCPSite(runner, telegram.webhook_listen, telegram.webhook_port).start()
            log.info("webhook listening on %s:%d", telegram.webhook_listen, telegram.webhook_port)
            # Telegram starts posting as soon as this returns, so the listener is up first.
            await app.bot.set_webhook(
                telegram.webhook_url, secret_token=telegram.webhook_secret, allowed_updates=Update.ALL_TYPES
            )
            await app.start()
        except BaseException:
            await runner.cleanup()
            raise
        try:
            yield app
        finally:
            # Stop taking updates first: one accepted now could not be answered. Those already taken
            # are answered before the application stops.
            await runner.cleanup()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


class _Receiver:
    def __init__(self, app: Application, secret: str) -> None:
        self._app = app
        self._secret = secret.encode()

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            metrics.webhook_refused("secret")
            log.warning("webhook: a request without the right secret token was refused")
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), self._app.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            metrics.webhook_refused("body")
            log.warning("webhook: a request that is not an update was refused (%s)", type(error).__name__)
            return web.Response(status=400)
        await self._app.update_queue.put(update)
        return web.Response()
