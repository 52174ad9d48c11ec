"""The dispatcher: sends outbox rows whose time has come, whatever their kind, through ``send.send_one``.

Reminders, digests, a care leaver's "talk to my PA" and crisis alerts all go through here. A failed send
is retried with back-off (a 429 waits as long as Telegram says); python-telegram-bot's ``AIORateLimiter``
keeps to the overall flood limits but does not space messages to one private chat, so this keeps at least
``chat_spacing_seconds`` between two messages to the same chat. A chat that has blocked the bot (403)
is not retried: the row is given up with its error.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from telegram import Bot

from bot.clock import Clock
from bot.config import ReminderSettings
from bot.models import OutboxMessage
from bot.outbox.send import Outcome, Sender, send_one
from bot.store import Database, outbox

ROUND_SECONDS = 45  # one dispatch round at most, so the next tick's sweep is not held up long


def _taking_turns(messages: list[OutboxMessage]) -> list[OutboxMessage]:
    """The messages with chats taking turns (each chat's own order kept), so waiting out one chat's
    spacing rarely holds up the others: a, a, b, c -> a, b, c, a."""
    by_chat: dict[int, list[OutboxMessage]] = {}
    for message in messages:
        by_chat.setdefault(message.chat_id, []).append(message)
    queues = list(by_chat.values())
    return [
        queue[turn]
        for turn in range(max(map(len, queues), default=0))
        for queue in queues
        if turn < len(queue)
    ]


def retry_delay(attempts: int, settings: ReminderSettings) -> timedelta:
    """Exponential back-off from ``retry_seconds``, doubling per failed attempt, capped."""
    seconds = min(settings.retry_seconds * 2 ** min(attempts, 20), settings.retry_max_seconds)
    return timedelta(seconds=seconds)


class Dispatcher:
    """Sends due outbox rows. One per application: it remembers when each chat last got a message."""

    def __init__(
        self,
        settings: ReminderSettings,
        *,
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        senders: Mapping[str, Sender] | None = None,
    ) -> None:
        self._settings = settings
        self._senders = dict(senders or {})
        self._pause = pause
        self._monotonic = monotonic
        self._last_sent: dict[int, float] = {}
        # The scheduler runs one tick at a time, but the demo and tests also run the job directly: two
        # rounds at once would both read the same pending rows.
        self._one_round = asyncio.Lock()

    async def dispatch(self, db: Database, bot: Bot, clock: Clock, *, batch: int = 200) -> int:
        """Send what is due now, batch after batch for up to ``ROUND_SECONDS``; returns how many were
        sent. Stops early when Telegram says to wait (a 429)."""
        async with self._one_round:
            started, sent = self._monotonic(), 0
            while self._monotonic() - started < ROUND_SECONDS:
                due = await outbox.pending(db.reader, clock(), batch)
                sent_now, flood_wait = await self._send_batch(db, bot, clock, due)
                sent += sent_now
                if flood_wait or len(due) < batch:
                    break
            return sent

    async def _send_batch(
        self, db: Database, bot: Bot, clock: Clock, due: list[OutboxMessage]
    ) -> tuple[int, bool]:
        """(how many were sent, whether Telegram asked us to wait)."""
        sent = 0
        for message in _taking_turns(due):
            await self._space(message.chat_id)
            # Claimed, not just re-read (inside send_one): a PA may have settled the deadline (cancelling
            # the row) since the batch was read, or an alert may be going out through send_now.
            try:
                result = await send_one(
                    db,
                    bot,
                    message,
                    clock(),
                    self._settings.send_lease,
                    senders=self._senders,
                    backoff=retry_delay(message.attempts, self._settings),
                )
            finally:
                self._last_sent[message.chat_id] = self._monotonic()
            if result.outcome is Outcome.WAIT:
                return sent, True
            sent += result.outcome is Outcome.SENT
        return sent, False

    async def _space(self, chat_id: int) -> None:
        last = self._last_sent.get(chat_id)
        if last is not None:
            wait = self._settings.chat_spacing_seconds - (self._monotonic() - last)
            if wait > 0:
                await self._pause(wait)
