"""Sending an alert at once while keeping it safe in the outbox.

An alert that must go now is queued due now *and* sent straight away: on success the row is marked sent;
on failure it stays pending (with the error's class name, never its text), so the outbox dispatcher
retries it. A crash between the two steps loses nothing either way.
"""

import json
import logging
from datetime import datetime

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.store import Database, outbox

log = logging.getLogger(__name__)


def markup_json(markup: InlineKeyboardMarkup | None) -> str | None:
    return None if markup is None else json.dumps(markup.to_dict())


async def send_now(db: Database, bot: Bot, keys: list[str], now: datetime) -> list[str]:
    """Send the pending outbox rows with these keys; returns the keys that went."""
    sent = []
    for key in keys:
        message = await outbox.by_key(db.reader, key)
        if message is None or message.id is None or message.sent_at or message.cancelled_at:
            continue
        markup = (
            InlineKeyboardMarkup.de_json(json.loads(message.reply_markup), bot)
            if message.reply_markup
            else None
        )
        try:
            await bot.send_message(message.chat_id, message.text, reply_markup=markup)
        except TelegramError as error:
            log.warning("outbox %s (%s) not sent yet: %s", message.id, message.kind, type(error).__name__)
            async with db.transaction() as tx:
                await outbox.mark_failed(tx, message.id, type(error).__name__, retry_at=now)
            continue
        async with db.transaction() as tx:
            await outbox.mark_sent(tx, message.id, now)
        sent.append(key)
    return sent
