"""Sending one outbox row: claim it, send it, mark it sent or failed. Everything that sends a queued message
comes through ``send_one``: the dispatcher for what is due, and ``send_now`` for an alert that must go at
once (queued due now *and* sent straight away, so a crash between the two loses nothing).

Two senders may reach the same row at once (the dispatcher and ``send_now``), so each claims the row first
for a lease (``reminders.send_lease_seconds``: longer than one send can take); the other sees it taken and
leaves it, and the row goes once. Errors are stored by their class name only: their text can quote what
was being sent.

A kind may be sent three ways: as its stored text and buttons; through a ``SendFunction`` registered for
it (a chart, drawn when it goes); or through a ``Rendering`` registered for it, which writes the text and
buttons afresh at the moment of sending, or withdraws the row when what it was about is no longer true (a
reminder whose deadline has closed). The row keeps what was actually sent.
"""

import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot import metrics
from bot.models import OutboxMessage
from bot.outbox.buttons import Keyboard, from_json, to_json
from bot.outbox.markup import markup
from bot.store import Database, outbox

log = logging.getLogger(__name__)

SendFunction = Callable[[Bot, Database, OutboxMessage], Awaitable[None]]
"""Sends one outbox row of a kind that is not plain text (a chart, say); raises a TelegramError to retry."""

Fresh = tuple[str, Keyboard | None]
"""A row's text and buttons as they should read at the moment it is sent."""

Renderer = Callable[[Database, OutboxMessage, datetime], Awaitable[Fresh | None]]
"""Writes a row's text and buttons at the instant given, or None to withdraw it (no longer true)."""


@dataclass(frozen=True)
class Rendering:
    """Registered for a kind whose text is written when it goes (``Renderer``); the services and the
    scheduler still return data, and the tick's wiring registers the renderer."""

    render: Renderer


Sender = SendFunction | Rendering
"""How one kind of row is sent, when not as its stored text."""


class Outcome(StrEnum):
    SENT = "sent"
    TAKEN = "taken"  # sent, cancelled or claimed by someone else meanwhile
    WITHDRAWN = "withdrawn"  # no longer true when its time came (its deadline closed): cancelled, not sent
    RETRY = "retry"  # failed; left pending for a later try
    WAIT = "wait"  # Telegram said to slow down (a 429)
    GONE = "gone"  # the chat has blocked the bot: not retried


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    retry_after: timedelta | None = None


def retry_after(error: RetryAfter) -> timedelta:
    with warnings.catch_warnings():  # PTB 22 warns that the int it gives will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


async def send_one(
    db: Database,
    bot: Bot,
    message: OutboxMessage,
    now: datetime,
    lease: timedelta,
    *,
    senders: Mapping[str, Sender] | None = None,
    backoff: timedelta = timedelta(0),
) -> Result:
    """Send one row: as text with its buttons, or through the sender registered for its kind (written
    afresh at ``now`` for a ``Rendering``, and withdrawn if it is no longer true). A failure leaves it
    pending, to be tried again ``backoff`` from now (a 429: when Telegram says)."""
    assert message.id is not None
    async with db.transaction() as tx:
        if not await outbox.claim(tx, message.id, now, lease):
            return Result(Outcome.TAKEN)
    send = (senders or {}).get(message.kind)
    fresh: Fresh | None = None
    if isinstance(send, Rendering):
        fresh = await send.render(db, message, now)
        if fresh is None:
            return await _withdraw(db, message, now)
    try:
        if fresh is not None:
            await bot.send_message(chat_id=message.chat_id, text=fresh[0], reply_markup=markup(fresh[1]))
        elif send is not None and not isinstance(send, Rendering):
            await send(bot, db, message)
        else:
            await bot.send_message(
                chat_id=message.chat_id,
                text=message.text,
                reply_markup=markup(from_json(message.reply_markup)),
            )
    except RetryAfter as error:
        wait = retry_after(error)
        await _failed(db, message, error, now + wait)
        return Result(Outcome.WAIT, wait)
    except Forbidden as error:
        metrics.message_failed(message.kind, error)
        log.warning("outbox %s: %s, not retried", message.id, type(error).__name__)
        async with db.transaction() as tx:
            await outbox.give_up(tx, message.id, type(error).__name__, now)
        return Result(Outcome.GONE)
    except TelegramError as error:
        await _failed(db, message, error, now + backoff)
        return Result(Outcome.RETRY)
    # The one unavoidable edge: if the process dies here, after Telegram accepted the message and before
    # the row below is committed, the row is sent again once its claim's lease ends. Nothing else can be
    # lost or doubled: the row stays unsent until this commit, and claimed until then.
    async with db.transaction() as tx:
        if fresh is None:
            await outbox.mark_sent(tx, message.id, now)
        else:
            await outbox.mark_sent(tx, message.id, now, text=fresh[0], reply_markup=to_json(fresh[1]))
    metrics.message_sent(message.kind)
    return Result(Outcome.SENT)


async def _withdraw(db: Database, message: OutboxMessage, now: datetime) -> Result:
    """What the row was about is no longer true (its deadline closed since it was queued): not sent."""
    assert message.id is not None
    log.info("outbox %s (%s): withdrawn, no longer true", message.id, message.kind)
    async with db.transaction() as tx:
        await outbox.withdraw(tx, [message.id], now)
    return Result(Outcome.WITHDRAWN)


async def _failed(db: Database, message: OutboxMessage, error: TelegramError, retry_at: datetime) -> None:
    assert message.id is not None
    metrics.message_failed(message.kind, error)
    log.warning(
        "outbox %s (%s): send failed (%s), retrying at %s",
        message.id,
        message.kind,
        type(error).__name__,
        retry_at.isoformat(timespec="seconds"),
    )
    async with db.transaction() as tx:
        await outbox.mark_failed(tx, message.id, type(error).__name__, retry_at)


async def send_now(db: Database, bot: Bot, keys: list[str], now: datetime, lease: timedelta) -> list[str]:
    """Send the pending rows with these keys at once; returns the keys that went. What fails stays
    queued, and the dispatcher tries it again."""
    sent = []
    for key in keys:
        message = await outbox.by_key(db.reader, key)
        if message is not None and (await send_one(db, bot, message, now, lease)).outcome is Outcome.SENT:
            sent.append(key)
    return sent
