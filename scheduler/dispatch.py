"""The dispatcher: sends outbox rows whose time has come, whatever their kind, and marks them sent.

Reminders, digests, a care leaver's "talk to my PA" and crisis alerts all go through here. A failed send
is retried with back-off (a 429 waits as long as Telegram says); python-telegram-bot's ``AIORateLimiter``
keeps to the overall flood limits but does not space messages to one private chat, so this keeps at least
``chat_spacing_seconds`` between two messages to the same chat. A chat that has blocked the bot (403)
is not retried: the row is given up with its error.
"""

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot import metrics
from bot.clock import Clock
from bot.config import ReminderSettings
from bot.models import OutboxMessage
from bot.services import delivery
from bot.store import Database, outbox

log = logging.getLogger(__name__)

ROUND_SECONDS = 45  # one dispatch round at most, so the next tick's sweep is not held up long
Sender = Callable[[Bot, Database, OutboxMessage], Awaitable[None]]
"""Sends one outbox row of a kind that is not plain text (a chart, say); raises a TelegramError to retry."""


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


def _retry_after(error: RetryAfter) -> timedelta:
    with warnings.catch_warnings():  # PTB 22 warns that the int it gives will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


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
            assert message.id is not None
            # Claimed, not just re-read: a PA may have settled the deadline (cancelling the row) since
            # the batch was read, or an alert may be going out through ``send_now`` at this moment.
            if not await delivery.claim(db, message.id, clock(), self._settings.send_lease):
                continue
            try:
                send = self._senders.get(message.kind)
                if send is not None:
                    await send(bot, db, message)
                else:
                    await bot.send_message(
                        chat_id=message.chat_id,
                        text=message.text,
                        reply_markup=delivery.markup_from_json(message.reply_markup, bot),
                    )
            except RetryAfter as error:
                await self._failed(db, message, error, clock(), _retry_after(error))
                return sent, True
            except Forbidden as error:
                metrics.message_failed(message.kind, error)
                await delivery.give_up(db, message.id, error, clock())
                continue
            except TelegramError as error:
                await self._failed(db, message, error, clock(), retry_delay(message.attempts, self._settings))
                continue
            finally:
                self._last_sent[message.chat_id] = self._monotonic()
            # The one unavoidable edge: if the process dies here, after Telegram accepted the message and
            # before the row below is committed, the row is sent again once its claim's lease ends.
            # Nothing else can be lost or doubled: the row stays unsent until this commit, and claimed
            # by this round until then.
            async with db.transaction() as tx:
                await outbox.mark_sent(tx, message.id, clock())
            metrics.message_sent(message.kind)
            sent += 1
        return sent, False

    async def _space(self, chat_id: int) -> None:
        last = self._last_sent.get(chat_id)
        if last is not None:
            wait = self._settings.chat_spacing_seconds - (self._monotonic() - last)
            if wait > 0:
                await self._pause(wait)

    @staticmethod
    async def _failed(
        db: Database, message: OutboxMessage, error: TelegramError, now: datetime, delay: timedelta
    ) -> None:
        assert message.id is not None
        metrics.message_failed(message.kind, error)
        log.warning("outbox %s: send failed (%s), retrying in %s", message.id, type(error).__name__, delay)
        async with db.transaction() as tx:
            # The error's class only: its text can quote what was being sent.
            await outbox.mark_failed(tx, message.id, type(error).__name__, now + delay)
