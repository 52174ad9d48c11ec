"""Webhook delivery, as Telegram does it: once ``setWebhook`` is set, each pending update is POSTed to the
URL as JSON, with the ``X-Telegram-Bot-Api-Secret-Token`` header when a secret token was given. A 2xx
answer confirms the update; anything else (or no answer) is recorded for ``getWebhookInfo`` and tried again
after a pause that grows, while later updates wait behind it.

Unlike Telegram: one update at a time, in order (Telegram may use up to ``max_connections`` at once), and
only to loopback addresses. A test double on a developer's machine never posts anywhere else; an update
for any other URL stays pending, and ``getWebhookInfo`` says why.
"""

import contextlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.localapi.methods import is_loopback
from bot.localapi.world import Webhook, World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FIRST_RETRY_SECONDS = 0.05
LAST_RETRY_SECONDS = 2.0
POST_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Delivery:
    """One attempt to post an update: the HTTP status the webhook answered, or None if it did not."""

    update_id: int
    status: int | None


class WebhookSender:
    def __init__(self, world: World) -> None:
        self.world = world
        self.deliveries: list[Delivery] = []

    def _next(self) -> tuple[Webhook, dict[str, Any]] | None:
        webhook = self.world.webhook
        if webhook is None:
            return None
        pending = self.world.pending_updates(None, 1, webhook.allowed_updates)
        return (webhook, pending[0]) if pending else None

    async def run(self) -> None:
        """Deliver until the world closes."""
        failures = 0
        async with aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=POST_TIMEOUT_SECONDS)
        ) as session:
            while True:
                found = await self.world.wait_for(self._next, within=None)
                if self.world.closed:
                    return
                webhook, update = found
                if await self._post(session, webhook, update):
                    failures = 0
                    await self.world.delivered(update)
                    continue
                failures += 1
                pause = min(FIRST_RETRY_SECONDS * 2 ** (failures - 1), LAST_RETRY_SECONDS)
                with contextlib.suppress(TimeoutError):  # a new or removed webhook ends the pause
                    await self.world.wait_for(
                        lambda hook=webhook: self.world.webhook is not hook, within=pause
                    )

    async def _post(self, session: aiohttp.ClientSession, webhook: Webhook, update: dict[str, Any]) -> bool:
        if not is_loopback(urlsplit(webhook.url).hostname):
            await self._failed(webhook, "the local Bot API server delivers to loopback addresses only")
            return False
        headers = {SECRET_HEADER: webhook.secret_token} if webhook.secret_token else {}
        try:
            async with session.post(webhook.url, json=update, headers=headers) as response:
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            self.deliveries.append(Delivery(update["update_id"], None))
            await self._failed(webhook, f"Connection failed: {type(error).__name__}")
            return False
        self.deliveries.append(Delivery(update["update_id"], status))
        if 200 <= status < 300:
            return True
        await self._failed(webhook, f"Wrong response from the webhook: {status}")
        return False

    async def _failed(self, webhook: Webhook, message: str) -> None:
        """Record the error for ``getWebhookInfo``; waiters see the change as any other."""
        webhook.last_error_date = self.world.now()
        webhook.last_error_message = message
        await self.world.touch()
