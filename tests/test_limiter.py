"""The one limiter: the whole bot within Telegram's 30 a second, a chat one a second, a group 20 a minute,
a 429 pausing everyone, and urgent alerts before replies before routine reminders. On a virtual clock:
requests "arrive at Telegram" the moment the limiter lets them go, and answer a round trip later."""

import asyncio
import itertools
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.outbox.limiter import Limiter, Priority
from tests.virtual_time import VirtualTime

ROUND_TRIP = 0.08


class FakeTelegram:
    """Counts what arrives when, as Telegram's flood limits would, and answers a round trip later."""

    def __init__(self, clock: VirtualTime) -> None:
        self.clock = clock
        self.arrived: list[tuple[float, int, str]] = []
        self.refuse: dict[int, int] = {}  # chat -> seconds to wait, for its next request only

    def request(self, chat: int, endpoint: str = "sendMessage") -> Callable[[], Coroutine[Any, Any, dict]]:
        async def call() -> dict:
            self.arrived.append((self.clock.now, chat, endpoint))
            await self.clock.pause(ROUND_TRIP)
            if chat in self.refuse:
                raise RetryAfter(timedelta(seconds=self.refuse.pop(chat)))
            return {"ok": True}

        return call

    def times(self, chat: int | None = None, endpoint: str = "sendMessage") -> list[float]:
        return [at for at, to, method in self.arrived if method == endpoint and chat in (None, to)]


def shortest_gap(times: list[float]) -> float:
    return min(later - earlier for earlier, later in itertools.pairwise(times))


def most_in_a_second(times: list[float], seconds: float = 1.0) -> int:
    """The most requests Telegram saw within any ``seconds`` (counted as its flood limits count)."""
    return max(sum(1 for other in times if at - seconds < other <= at) for at in times)


async def reply(limiter: Limiter, telegram: FakeTelegram, chat: int, endpoint: str = "sendMessage") -> Any:
    """A request as python-telegram-bot hands it to the limiter (a chat reply, an alert sent at once)."""
    return await limiter.process_request(
        telegram.request(chat, endpoint), (), {}, endpoint, {"chat_id": chat}, None
    )


async def queued(limiter: Limiter, telegram: FakeTelegram, chat: int, priority: Priority) -> None:
    """A row the dispatcher sends: a turn first, then the request on it."""
    turn = await limiter.reserve(chat, priority)
    try:
        await limiter.send_on(turn, telegram.request(chat))
    finally:
        limiter.release(turn)


@pytest.fixture
def clock() -> VirtualTime:
    return VirtualTime()


@pytest.fixture
def telegram(clock: VirtualTime) -> FakeTelegram:
    return FakeTelegram(clock)


@pytest.fixture
def limiter(clock: VirtualTime) -> Limiter:
    return Limiter(pause=clock.pause, monotonic=clock.monotonic)


async def together(*work: Coroutine[Any, Any, Any]) -> list[Any]:
    return await asyncio.gather(*work)


async def test_the_whole_bot_sends_at_30_a_second_evenly_and_never_more(
    clock: VirtualTime, telegram: FakeTelegram, limiter: Limiter
) -> None:
    await clock.run(together(*(reply(limiter, telegram, chat) for chat in range(1, 121))))
    times = telegram.times()
    assert len(times) == 120
    assert most_in_a_second(times) <= 30
    assert (len(times) - 1) / (times[-1] - times[0]) >= 29  # at the limit, not under it
    assert shortest_gap(times) >= 0.033  # evenly, never in a burst


async def test_without_pacing_still_never_more_than_30_in_a_second(
    clock: VirtualTime, telegram: FakeTelegram
) -> None:
    """As the dispatcher's own limiter runs when the application has none (its tests)."""
    limiter = Limiter(paced=False, lead=0.0, batch=1, pause=clock.pause, monotonic=clock.monotonic)
    await clock.run(together(*(reply(limiter, telegram, chat) for chat in range(1, 91))))
    times = telegram.times()
    assert len(times) == 90
    assert most_in_a_second(times) <= 30


async def test_a_chat_gets_its_next_message_a_second_after_telegram_answered_the_last(
    clock: VirtualTime, telegram: FakeTelegram, limiter: Limiter
) -> None:
    await clock.run(
        together(
            reply(limiter, telegram, 5),
            reply(limiter, telegram, 5),
            reply(limiter, telegram, 5, "editMessageText"),
            reply(limiter, telegram, 6),
            reply(limiter, telegram, 5),
        )
    )
    first, second, third = telegram.times(5)
    assert second - first >= 1 + ROUND_TRIP and third - second >= 1 + ROUND_TRIP
    [other] = telegram.times(6)
    assert other < second  # the other chat did not wait for this one's spacing
    [edit] = telegram.times(5, "editMessageText")
    assert edit < second  # an edit is not a new message: only the whole bot's limit holds it


async def test_a_group_gets_at_most_20_messages_a_minute(
    clock: VirtualTime, telegram: FakeTelegram, limiter: Limiter
) -> None:
    await clock.run(together(*(reply(limiter, telegram, -100) for _ in range(25))))
    times = telegram.times(-100)
    assert len(times) == 25
    assert most_in_a_second(times, seconds=60) <= 20
    assert times[20] - times[0] >= 60


async def test_a_429_pauses_every_chat_then_the_refused_reply_goes_again(
    clock: VirtualTime, telegram: FakeTelegram, limiter: Limiter
) -> None:
    telegram.refuse[1] = 5
    await clock.run(together(*(reply(limiter, telegram, chat) for chat in range(1, 11))))
    refused_at = telegram.times(1)[0] + ROUND_TRIP  # when Telegram's answer said to wait
    times = telegram.times()
    assert len(times) == 11  # ten chats, and the refused reply once more
    assert [at for at in times if refused_at <= at < refused_at + 5] == []  # nobody went meanwhile
    after = [at for at in times if at >= refused_at + 5]
    assert len(after) >= 8  # those given their moments before the 429 are given new ones after it ...
    assert shortest_gap(after) >= 0.033  # ... spaced as ever
    assert limiter.floods == 1


async def test_urgent_alerts_go_before_replies_and_replies_before_routine_reminders(
    clock: VirtualTime, telegram: FakeTelegram, limiter: Limiter
) -> None:
    async def backlog_then_alert_and_reply() -> None:
        routine = [
            asyncio.create_task(queued(limiter, telegram, chat, Priority.ROUTINE)) for chat in range(100, 160)
        ]
        await asyncio.sleep(0)  # the backlog is queued first
        await together(
            queued(limiter, telegram, 1, Priority.URGENT),
            reply(limiter, telegram, 2),
            *routine,
        )

    await clock.run(backlog_then_alert_and_reply())
    order = [chat for _, chat, _ in telegram.arrived]
    assert len(order) == 62
    # Only the first batch of routine turns, given before the alert and the reply were queued, goes first.
    assert order.index(1) < order.index(2) <= 7


@pytest.mark.parametrize("paced", [True, False])
async def test_a_turn_is_given_shortly_before_it_goes_not_while_it_must_wait(
    clock: VirtualTime, telegram: FakeTelegram, paced: bool
) -> None:
    """So a row cancelled while it waits (a PA settled the deadline) is not claimed already."""
    limiter = Limiter(
        paced=paced, pause=clock.pause, monotonic=clock.monotonic, **({} if paced else {"lead": 0})
    )
    given: dict[int, float] = {}

    async def row(chat: int) -> None:
        turn = await limiter.reserve(chat, Priority.ROUTINE)
        given[chat] = clock.now
        await limiter.send_on(turn, telegram.request(chat))
        limiter.release(turn)

    await clock.run(together(*(row(chat) for chat in range(1, 61))))
    waited = [at - given[chat] for at, chat, _ in telegram.arrived]
    assert len(waited) == 60 and max(waited) < 0.3


async def test_a_turn_not_used_leaves_its_chat_free_at_once(
    clock: VirtualTime, telegram: FakeTelegram, limiter: Limiter
) -> None:
    async def unused_then_used() -> float:
        turn = await limiter.reserve(5, Priority.ROUTINE)
        limiter.release(turn)  # the row had been sent or cancelled by someone else meanwhile
        started = clock.now
        await queued(limiter, telegram, 5, Priority.ROUTINE)
        return telegram.times(5)[0] - started

    assert await clock.run(unused_then_used()) < 0.5
