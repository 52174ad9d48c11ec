"""The dispatcher: sends outbox rows whose time has come, whatever their kind, through ``send.send_one``.

Reminders, digests, a care leaver's "talk to my PA" and crisis alerts all go through here. Rows are sent
many at once, each when the bot's one ``Limiter`` gives it a turn, so the bot sends at Telegram's limit
(30 a second) instead of one round trip at a time, and never faster: each chat at most once a second.
Urgent rows (crisis alerts, hand-offs) are read first and take their turns before routine ones.

- **Claims and marks are committed together.** Each row is still claimed, sent and marked by ``send_one``
  in its own small transactions, but the sends of a round have joined a ``GroupCommit``: the rows given
  turns together (a few at a time, ``limiter.BATCH``) are claimed in one commit, and the marks of the
  answers that came in the meantime, or within ``linger`` seconds, share it or the next.
- **Slow start.** One row at a time at first, and again after a 429, until Telegram accepts one: a bot
  that Telegram has just told to wait is not sent a whole batch at once.
- **Failures.** A failed send is retried with back-off. A 429 pauses the limiter, so every chat waits, and
  ends the round (rows already given turns go when the pause is over); the row waits as long as Telegram
  says. A chat that has blocked the bot (403) is not retried: the row is given up with its error.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot

from bot.clock import Clock
from bot.config import ReminderSettings
from bot.models import OutboxMessage
from bot.outbox.limiter import Limiter, Priority
from bot.outbox.send import Outcome, Result, Sender, send_one
from bot.store import Database, outbox
from bot.store.group_commit import GroupCommit

log = logging.getLogger(__name__)

ROUND_SECONDS = 45  # rows are taken for one round this long at most, so the next tick's sweep is not held up
IN_FLIGHT = 60
"""Rows being sent at once, at most (two seconds' worth at Telegram's 30 a second); more are read when a
quarter have gone, so an urgent row queued meanwhile is read within about half a second."""
COMMIT_LINGER_SECONDS = 0.25
"""How long the running bot's marks wait to share a commit: the next batch's claims (five a second) take
them along. A message whose mark waits is sent again if the bot dies meanwhile (see ``send``)."""


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


@dataclass
class RoundResult:
    """What one round did: messages sent, and the commits their claims and marks took."""

    sent: int = 0
    commits: int = 0


class Dispatcher:
    """Sends due outbox rows. One per application, sharing the application's ``Limiter``, so it knows
    when each chat last had a message. Without one (its tests), it makes its own on ``pause`` and
    ``monotonic``, which sends each row as soon as the limits allow."""

    def __init__(
        self,
        settings: ReminderSettings,
        *,
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        senders: Mapping[str, Sender] | None = None,
        limiter: Limiter | None = None,
        linger: float = 0.0,
    ) -> None:
        self._settings = settings
        self._senders = dict(senders or {})
        self._monotonic = monotonic
        self._limiter = limiter or Limiter(
            chat_spacing=settings.chat_spacing_seconds,
            paced=False,
            lead=0.0,
            batch=1,
            pause=pause,
            monotonic=monotonic,
        )
        self._linger = linger
        self._width = 1  # rows at once: one until Telegram has accepted one, and again after a 429
        self.last_round = RoundResult()
        # The scheduler runs one tick at a time, but the demo and tests also run the job directly: two
        # rounds at once would both read the same pending rows.
        self._one_round = asyncio.Lock()

    async def dispatch(self, db: Database, bot: Bot, clock: Clock, *, batch: int = 200) -> int:
        """Send what is due now, reading more as rows go, for up to ``ROUND_SECONDS``; returns how many
        were sent. Stops taking rows when Telegram says to wait (a 429). ``batch``: rows in flight at most."""
        async with self._one_round:
            group = GroupCommit(db, linger=self._linger)
            sent = await self._round(db, bot, clock, group, min(batch, IN_FLIGHT))
            self.last_round = RoundResult(sent, group.commits)
            return sent

    async def _round(self, db: Database, bot: Bot, clock: Clock, group: GroupCommit, most: int) -> int:
        started, sent = self._monotonic(), 0
        in_flight: dict[int, asyncio.Task[Result]] = {}
        more, wait = True, False

        def alone() -> bool:
            return len(in_flight) <= 1

        try:
            while True:
                width = min(self._width, most)
                room = width - len(in_flight)
                taking = more and not wait and self._monotonic() - started < ROUND_SECONDS
                if taking and room >= max(1, width // 4):
                    # Rows in flight are read again until claimed: read enough to fill the room all the same.
                    due = await outbox.pending(db.reader, clock(), room + len(in_flight))
                    fresh = [message for message in due if message.id not in in_flight]
                    more = len(due) == room + len(in_flight) or len(fresh) > room
                    for message in _taking_turns(fresh[:room]):
                        assert message.id is not None
                        in_flight[message.id] = asyncio.create_task(
                            self._send(db, bot, clock, group, message, alone)
                        )
                if not in_flight:
                    return sent
                done, _ = await asyncio.wait(in_flight.values(), return_when=asyncio.FIRST_COMPLETED)
                for message_id in [key for key, task in in_flight.items() if task in done]:
                    outcome = in_flight.pop(message_id).result().outcome
                    sent += outcome is Outcome.SENT
                    if outcome is Outcome.SENT:
                        self._width = IN_FLIGHT
                    elif outcome is Outcome.WAIT:
                        self._width, wait = 1, True
        finally:
            for task in in_flight.values():
                task.cancel()
            await asyncio.gather(*in_flight.values(), return_exceptions=True)

    async def _send(
        self,
        db: Database,
        bot: Bot,
        clock: Clock,
        group: GroupCommit,
        message: OutboxMessage,
        alone: Callable[[], bool],
    ) -> Result:
        """One row: its turn first, then ``send_one`` (claimed again there: a PA may have settled the
        deadline, cancelling the row, or an alert may be going out through ``send_now``)."""
        priority = Priority.URGENT if message.urgent else Priority.ROUTINE
        turn = await self._limiter.reserve(message.chat_id, priority)
        try:
            # The claim, with the message waiting to go, is committed at once; the mark may wait for others,
            # if there are others.
            with group.joined(hurry=lambda: turn.left_at is None or alone()):
                return await send_one(
                    db,
                    self._limiter.on_turn(bot, turn),
                    message,
                    clock(),
                    self._settings.send_lease,
                    senders=self._senders,
                    backoff=retry_delay(message.attempts, self._settings),
                )
        finally:
            self._limiter.release(turn)
