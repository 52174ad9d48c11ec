"""The dispatcher: sends what is due, once, spaced per chat, and retries failures as Telegram asks."""

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot

from bot.clock import MovableClock
from bot.config import ReminderSettings, Settings
from bot.models import OutboxMessage
from bot.outbox.dispatcher import Dispatcher, retry_delay
from bot.outbox.send import send_now
from bot.store import Database, outbox
from bot.store import db as store_db
from tests.botapi_stub import RecordingRequest

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SETTINGS = ReminderSettings()
SEND_LEASE = SETTINGS.send_lease


@pytest.fixture
async def bot(transport: RecordingRequest) -> AsyncIterator[Bot]:
    telegram_bot = Bot("123:TEST", request=transport, get_updates_request=transport)
    async with telegram_bot:
        yield telegram_bot


class FakeTime:
    """Monotonic time that moves only when the dispatcher pauses, recording each pause."""

    def __init__(self) -> None:
        self.now = 100.0
        self.pauses: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


async def queue(db: Database, key: str, chat_id: int = 5, **extra: object) -> None:
    fields = {"kind": "reminder:contact", "due_at": NOW, **extra}
    async with db.transaction() as tx:
        await outbox.enqueue(
            tx,
            OutboxMessage(idempotency_key=key, chat_id=chat_id, text=f"text {key}", created_at=NOW, **fields),
        )


def sent(transport: RecordingRequest) -> list[tuple[int, str]]:
    return [
        (int(call.params["chat_id"]), call.params["text"])
        for call in transport.calls
        if call.method == "sendMessage"
    ]


async def test_due_rows_of_any_kind_are_sent_once_with_their_buttons(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "RHI done", "callback_data": "a1:rd:4"}]]})
    await queue(db, "rhi:4:x:left24", reply_markup=markup)
    await queue(db, "handoff:9", chat_id=6, kind="handoff")
    await queue(db, "later", chat_id=6, due_at=NOW + timedelta(hours=1))
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    clock = MovableClock(NOW)
    assert await dispatcher.dispatch(db, bot, clock) == 2
    assert await dispatcher.dispatch(db, bot, clock) == 0
    # The hand-off is urgent, so it goes before the reminder queued before it.
    assert sent(transport) == [(6, "text handoff:9"), (5, "text rhi:4:x:left24")]
    [reminder] = [
        call for call in transport.calls if call.method == "sendMessage" and call.params["chat_id"] == 5
    ]
    assert "a1:rd:4" in json.dumps(reminder.params["reply_markup"], default=str)
    assert [row.idempotency_key for row in await outbox.pending(db.reader, NOW + timedelta(hours=1))] == [
        "later"
    ]


async def test_messages_to_one_chat_are_at_least_a_second_apart(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    for number in range(3):
        await queue(db, f"same:{number}", chat_id=5)
    await queue(db, "other", chat_id=6)
    fake = FakeTime()
    dispatcher = Dispatcher(SETTINGS, pause=fake.pause, monotonic=fake.monotonic)
    assert await dispatcher.dispatch(db, bot, MovableClock(NOW)) == 4
    assert fake.pauses == [1.0, 1.0]
    assert [chat for chat, _ in sent(transport)] == [5, 6, 5, 5]  # the other chat did not wait its turn


async def test_a_round_goes_on_batch_after_batch(db: Database, bot: Bot, transport: RecordingRequest) -> None:
    for number in range(7):
        await queue(db, f"reminder:{number}", chat_id=100 + number)
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    assert await dispatcher.dispatch(db, bot, MovableClock(NOW), batch=3) == 7
    assert len(sent(transport)) == 7


async def test_a_429_is_retried_after_the_time_telegram_gives(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    await queue(db, "a")
    await queue(db, "b", chat_id=6)
    transport.fail_next("sendMessage", 429, "Too Many Requests: retry after 40", retry_after=40)
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    clock = MovableClock(NOW)
    assert await dispatcher.dispatch(db, bot, clock) == 0  # stops the round: everyone waits
    waiting = await outbox.pending(db.reader, NOW + timedelta(seconds=39))
    assert [row.idempotency_key for row in waiting] == ["b"]  # "a" waits the 40 s; "b" was not tried
    clock.set(NOW + timedelta(seconds=40))
    assert await dispatcher.dispatch(db, bot, clock) == 2
    assert await outbox.pending(db.reader, NOW + timedelta(days=1)) == []


async def test_other_failures_back_off_and_are_retried(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    await queue(db, "a")
    transport.fail_next("sendMessage", 502, "Bad Gateway")
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    clock = MovableClock(NOW)
    assert await dispatcher.dispatch(db, bot, clock) == 0
    [row] = await outbox.pending(db.reader, NOW + timedelta(seconds=30))
    assert (row.attempts, row.last_error) == (1, "NetworkError")
    clock.set(NOW + timedelta(seconds=29))
    assert await dispatcher.dispatch(db, bot, clock) == 0
    clock.set(NOW + timedelta(seconds=30))
    assert await dispatcher.dispatch(db, bot, clock) == 1


def test_back_off_doubles_up_to_a_cap() -> None:
    assert [retry_delay(n, SETTINGS).total_seconds() for n in (0, 1, 2, 7, 50)] == [30, 60, 120, 3600, 3600]


async def test_a_row_cancelled_after_it_was_read_is_not_sent(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    await queue(db, "rhi:4:x:left6")

    await queue(db, "rhi:4:x:overdue")
    fake = FakeTime()

    async def cancel_then_pause(seconds: float) -> None:
        async with db.transaction() as tx:
            await outbox.cancel(tx, "rhi:4:", NOW)
        await fake.pause(seconds)

    dispatcher = Dispatcher(SETTINGS, pause=cancel_then_pause, monotonic=fake.monotonic)
    assert await dispatcher.dispatch(db, bot, MovableClock(NOW)) == 1
    assert sent(transport) == [(5, "text rhi:4:x:left6")]


@dataclass
class HeldRequest(RecordingRequest):
    """Holds the first sendMessage inside Telegram (recorded, not yet answered) until released, so a test
    can run a second sender in exactly that window."""

    inside: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def do_request(self, url: str, method: str, *args: object, **kwargs: object) -> tuple[int, bytes]:
        answer = await super().do_request(url, method, *args, **kwargs)
        if url.endswith("/sendMessage") and not self.inside.is_set():
            self.inside.set()
            await self.release.wait()
        return answer


@pytest.fixture
async def held() -> AsyncIterator[tuple[HeldRequest, Bot]]:
    transport = HeldRequest()
    async with Bot("123:TEST", request=transport, get_updates_request=transport) as telegram_bot:
        yield transport, telegram_bot


async def test_an_alert_being_sent_at_once_is_not_sent_again_by_the_dispatcher(
    db: Database, held: tuple[HeldRequest, Bot]
) -> None:
    transport, bot = held
    await queue(db, "handoff:1:pa", kind="handoff")
    alert = asyncio.create_task(send_now(db, bot, ["handoff:1:pa"], NOW, SEND_LEASE))
    await transport.inside.wait()  # the alert is with Telegram, not yet marked sent
    assert await Dispatcher(SETTINGS, pause=FakeTime().pause).dispatch(db, bot, MovableClock(NOW)) == 0
    transport.release.set()
    assert await alert == ["handoff:1:pa"]
    assert sent(transport) == [(5, "text handoff:1:pa")]
    assert await outbox.pending(db.reader, NOW + SEND_LEASE) == []


async def test_a_row_the_dispatcher_is_sending_is_not_sent_again_at_once(
    db: Database, held: tuple[HeldRequest, Bot]
) -> None:
    transport, bot = held
    await queue(db, "handoff:1:pa", kind="handoff")
    round_ = asyncio.create_task(
        Dispatcher(SETTINGS, pause=FakeTime().pause).dispatch(db, bot, MovableClock(NOW))
    )
    await transport.inside.wait()
    assert await send_now(db, bot, ["handoff:1:pa"], NOW, SEND_LEASE) == []
    transport.release.set()
    assert await round_ == 1
    assert sent(transport) == [(5, "text handoff:1:pa")]


async def test_a_sender_that_died_after_claiming_holds_the_row_back_only_for_the_lease(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    await queue(db, "a")
    [row] = await outbox.pending(db.reader, NOW)
    async with db.transaction() as tx:
        assert await outbox.claim(tx, row.id, NOW, SEND_LEASE)  # ... and then the process was killed
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    clock = MovableClock(NOW + SEND_LEASE - timedelta(seconds=1))
    assert await dispatcher.dispatch(db, bot, clock) == 0
    clock.set(NOW + SEND_LEASE)
    assert await dispatcher.dispatch(db, bot, clock) == 1
    assert sent(transport) == [(5, "text a")]


async def test_a_chat_that_blocked_the_bot_is_not_retried(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    await queue(db, "a")
    await queue(db, "b", chat_id=6)
    transport.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    clock = MovableClock(NOW)
    assert await dispatcher.dispatch(db, bot, clock) == 1  # the next chat still gets its message
    clock.set(NOW + timedelta(days=1))
    assert await dispatcher.dispatch(db, bot, clock) == 0
    assert [call.params["chat_id"] for call in transport.calls_to("sendMessage")] == [5, 6]
    blocked = await outbox.by_key(db.reader, "a")
    assert blocked is not None and blocked.sent_at is None
    assert (blocked.attempts, blocked.last_error, blocked.cancelled_at) == (1, "Forbidden", NOW)


async def test_an_alert_to_a_chat_that_blocked_the_bot_is_given_up_not_retried(
    db: Database, bot: Bot, transport: RecordingRequest
) -> None:
    await queue(db, "handoff:1:pa", kind="handoff")
    transport.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert await send_now(db, bot, ["handoff:1:pa"], NOW, SEND_LEASE) == []
    assert await outbox.pending(db.reader, NOW + timedelta(days=1)) == []
    given_up = await outbox.by_key(db.reader, "handoff:1:pa")
    assert given_up is not None and given_up.last_error == "Forbidden"


@dataclass
class CountingRequest(RecordingRequest):
    """Answers each call after letting the event loop turn, and counts how many were with it at once.
    Each message sent moves ``clock`` on by ``step``, so time passes as a backlog goes."""

    at_once: int = 0
    most_at_once: int = 0
    clock: MovableClock | None = None
    step: timedelta = timedelta(seconds=0.1)

    async def do_request(self, url: str, method: str, *args: object, **kwargs: object) -> tuple[int, bytes]:
        self.at_once += 1
        self.most_at_once = max(self.most_at_once, self.at_once)
        try:
            if url.endswith("/sendMessage") and self.clock is not None:
                self.clock.set(self.clock() + self.step)
            answer = await super().do_request(url, method, *args, **kwargs)
            for _ in range(3):
                await asyncio.sleep(0)
            return answer
        finally:
            self.at_once -= 1


@pytest.fixture
async def counting() -> AsyncIterator[tuple[CountingRequest, Bot]]:
    transport = CountingRequest()
    async with Bot("123:TEST", request=transport, get_updates_request=transport) as telegram_bot:
        yield transport, telegram_bot


async def test_rows_to_many_chats_are_sent_at_once_each_once(
    db: Database, counting: tuple[CountingRequest, Bot]
) -> None:
    transport, bot = counting
    for number in range(20):
        await queue(db, f"reminder:{number}", chat_id=100 + number)
    assert await Dispatcher(SETTINGS, pause=FakeTime().pause).dispatch(db, bot, MovableClock(NOW)) == 20
    assert transport.most_at_once > 10  # not one round trip after another
    assert sorted(chat for chat, _ in sent(transport)) == list(range(100, 120))


async def test_urgent_alerts_go_before_the_routine_backlog_even_when_due_mid_round(
    db: Database, counting: tuple[CountingRequest, Bot]
) -> None:
    transport, bot = counting
    for number in range(150):
        await queue(db, f"reminder:{number}", chat_id=1000 + number)
    await queue(db, "handoff:1:pa", chat_id=7, kind="handoff_contact", due_at=NOW + timedelta(seconds=1))
    # Due once 20 messages have gone (each moves the clock on 0.1 s), with 130 of the backlog still queued.
    await queue(db, "stranger:1:1:duty", chat_id=8, kind="crisis_duty", due_at=NOW + timedelta(seconds=3))
    transport.clock = MovableClock(NOW + timedelta(seconds=1))
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    assert await dispatcher.dispatch(db, bot, transport.clock) == 152
    order = [chat for chat, _ in sent(transport)]
    assert order[0] == 7  # queued after the backlog, and due later, but urgent
    # Read as soon as a quarter of the 60 rows in flight have gone, and sent after at most those: not
    # after the backlog.
    assert order.index(8) < 20 + 15 + 60


async def test_claims_and_marks_share_commits(db: Database, bot: Bot, transport: RecordingRequest) -> None:
    for number in range(30):
        await queue(db, f"reminder:{number}", chat_id=100 + number)
    dispatcher = Dispatcher(SETTINGS, pause=FakeTime().pause)
    assert await dispatcher.dispatch(db, bot, MovableClock(NOW)) == 30
    assert dispatcher.last_round.commits < 30 / 2  # two a message, each in its own commit, before
    assert await outbox.pending(db.reader, NOW + timedelta(days=1)) == []


async def test_rows_queued_before_the_urgent_column_are_marked_by_kind(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = store_db.available_migrations()
    monkeypatch.setattr(store_db, "available_migrations", lambda: [m for m in everything if m[0] < "060"])
    database = await Database.open(settings.database.path)
    try:
        async with database.transaction() as tx:
            await tx.executemany(
                "INSERT INTO outbox (idempotency_key, kind, chat_id, text, due_at, created_at)"
                " VALUES (?, ?, 5, 'text', ?, ?)",
                [
                    (key, kind, NOW.isoformat(), NOW.isoformat())
                    for key, kind in [("r", "reminder:rhi"), ("h", "handoff_question"), ("c", "crisis_duty")]
                ],
            )
        monkeypatch.setattr(store_db, "available_migrations", lambda: everything)
        assert "060_outbox_urgent.sql" in await database.migrate()
        assert [row.idempotency_key for row in await outbox.pending(database.reader, NOW)] == ["h", "c", "r"]
    finally:
        await database.close()
