"""Sending an alert at once while keeping it safe in the outbox, and the claim every sender makes.

An alert that must go now is queued due now *and* sent straight away: on success the row is marked sent;
on failure it stays pending (with the error's class name, never its text), so the outbox dispatcher
retries it. A crash between the two steps loses nothing either way.

The dispatcher may read the same row while it is being sent here. So whoever sends a row claims it first
(``claim``): the other sees it taken and leaves it, and the row goes once.
"""

import json
import logging
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot import metrics
from bot.store import Database, outbox

log = logging.getLogger(__name__)


def markup_json(markup: InlineKeyboardMarkup | None) -> str | None:
    """A keyboard as the outbox stores it."""
    return None if markup is None else json.dumps(markup.to_dict())


def markup_from_json(stored: str | None, bot: Bot) -> InlineKeyboardMarkup | None:
    """The keyboard ``markup_json`` stored, ready to send again."""
    return None if stored is None else InlineKeyboardMarkup.de_json(json.loads(stored), bot)


async def claim(db: Database, message_id: int, now: datetime, lease: timedelta) -> bool:
    """Take an unsent outbox row for sending, for ``lease`` (``reminders.send_lease_seconds``: longer
    than one send can take, so a row is never claimed again while its first send is still going); False
    if it was sent, cancelled or taken meanwhile."""
    async with db.transaction() as tx:
        return await outbox.claim(tx, message_id, now, lease)


async def give_up(db: Database, message_id: int, error: Forbidden, now: datetime) -> None:
    """The chat has blocked the bot (or removed it from a group): retrying cannot help, so stop."""
    log.warning("outbox %s: %s, not retried", message_id, type(error).__name__)
    async with db.transaction() as tx:
        await outbox.give_up(tx, message_id, type(error).__name__, now)


async def send_now(db: Database, bot: Bot, keys: list[str], now: datetime, lease: timedelta) -> list[str]:
    """Send the pending outbox rows with these keys, each claimed for ``lease``; returns the keys that
    went."""
    sent = []
    for key in keys:
        message = await outbox.by_key(db.reader, key)
        if message is None or message.id is None or not await claim(db, message.id, now, lease):
            continue
        try:
            await bot.send_message(
                message.chat_id, message.text, reply_markup=markup_from_json(message.reply_markup, bot)
            )
        except Forbidden as error:
            metrics.message_failed(message.kind, error)
            await give_up(db, message.id, error, now)
            continue
        except TelegramError as error:
            metrics.message_failed(message.kind, error)
            log.warning("outbox %s (%s) not sent yet: %s", message.id, message.kind, type(error).__name__)
            async with db.transaction() as tx:
                await outbox.mark_failed(tx, message.id, type(error).__name__, retry_at=now)
            continue
        # As in the dispatcher: a crash here, after Telegram accepted the message and before the row is
        # marked sent, means the dispatcher sends this one message again once the claim's lease ends.
        async with db.transaction() as tx:
            await outbox.mark_sent(tx, message.id, now)
        metrics.message_sent(message.kind)
        sent.append(key)
    return sent
