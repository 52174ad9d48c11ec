"""One limiter for everything the bot sends, so that Telegram never has to say "too many requests".

Telegram allows a bot about 30 messages a second in all, one a second in a chat and 20 a minute in a
group. Every request that names a chat goes through the one ``Limiter``, whoever makes it:
python-telegram-bot hands it each request (``process_request``: chat replies, alerts sent at once), and the
dispatcher takes a turn for each queued row (``reserve``), so the limiter sees the whole bot.

- **The whole bot**: each request is given a moment to leave, ``window / per_second`` after the one before
  (34 ms: 30 in every 1.02 s, the 20 ms spare for the network's unevenness: Telegram counts a request when
  it arrives, the limiter when it leaves). Evenly spaced, never in bursts: 30 requests sent "at once" reach
  the network one after another, and the last would be counted in the next second with the next ones.
  Whatever happens, no request leaves while ``per_second`` others have left in the last ``window``.
- **One chat**: a new message (``send...``, copy, forward) only ``chat_spacing`` seconds after Telegram
  *answered* the one before, so however the network delays them, Telegram sees them that far apart; to a
  group (a negative chat id), also at most ``group_per_minute`` a minute. Edits and other requests that
  name a chat count for the whole bot only.
- **A 429** pauses the whole limiter for Telegram's ``retry_after``: every chat waits, not only the one it
  was about, and the moments given before it are given again after it. A chat reply is then tried again
  (up to ``max_retries``); a queued row goes back to the outbox, which tries it again when Telegram said.

Waiting requests go by priority, then in order of arrival: urgent alerts (crisis, hand-offs), then anything
not queued (replies in a chat, alerts sent at once), then routine reminders, so a backlog of thousands of
reminders never holds up an alert or a reply for long. A request whose chat must wait does not hold up one
whose chat is free. The dispatcher's turns are given ``batch`` at a time, at least ``lead`` seconds before
their moments: rows given turns together are claimed in one commit, and each still leaves at its moment.
"""

import asyncio
import itertools
import math
import time
from bisect import insort
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, TypeVar

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.outbox.send import retry_after

T = TypeVar("T")
Chat = int | str

TELEGRAM_PER_SECOND = 30
GROUP_PER_MINUTE = 20
WINDOW_SECONDS = 1.02
"""The second Telegram counts 30 requests in, and 20 ms for the network's unevenness."""
LEAD_SECONDS = 0.1
"""Time for the dispatcher to claim a row between being given its turn and the turn's moment."""
BATCH = 6
"""The dispatcher's turns given at once: about five batches, so five claim commits, a second."""


class Priority(IntEnum):
    URGENT = 0
    PROMPT = 1
    ROUTINE = 2


@dataclass(eq=False)
class Turn:
    """A moment (``at``, on the limiter's clock) for one request to a chat; the chat is held until the
    turn is released."""

    chat_id: Chat
    at: float
    message: bool = True
    left_at: float | None = None
    answered_at: float | None = None
    released: bool = False


@dataclass(eq=False)
class _Waiter:
    priority: Priority
    arrival: int
    chat: Chat
    message: bool
    ahead: bool  # given its turn ahead of its moment, with others (the dispatcher's)
    granted: asyncio.Future

    @property
    def order(self) -> tuple[int, int]:
        return self.priority, self.arrival


_ON_TURN: ContextVar[Turn | None] = ContextVar("carebot_turn", default=None)


def _chat_of(data: dict[str, Any]) -> Chat | None:
    chat = data.get("chat_id")
    if isinstance(chat, str):
        try:
            return int(chat)
        except ValueError:
            return chat  # "@channel": a group for the limits
    return chat if isinstance(chat, int) else None


def _is_group(chat: Chat) -> bool:
    return isinstance(chat, str) or chat < 0


def _new_message(endpoint: str) -> bool:
    """Whether a request puts a new message in a chat (what the one-a-second rule is about)."""
    if endpoint == "sendChatAction":
        return False
    return endpoint.lower().startswith(("send", "copymessage", "forwardmessage"))


class Limiter(BaseRateLimiter[None]):
    """Keeps the whole bot within Telegram's limits (see the module's docstring). One per application.

    ``paced=False`` (with no ``lead`` and a ``batch`` of 1) gives each request the earliest moment the
    limits allow instead of spacing them evenly: for a dispatcher that has no application's limiter to
    share (its tests, and a bench measuring the bot without the limits)."""

    def __init__(
        self,
        *,
        per_second: int = TELEGRAM_PER_SECOND,
        window: float = WINDOW_SECONDS,
        chat_spacing: float = 1.0,
        group_per_minute: int = GROUP_PER_MINUTE,
        paced: bool = True,
        lead: float = LEAD_SECONDS,
        batch: int = BATCH,
        max_retries: int = 3,
        pause: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._window, self._chat_spacing = window, chat_spacing
        self._gap = window / per_second if paced else 0.0
        self._group_limit, self._group_window = group_per_minute, 60 * window
        self._lead, self._span = lead, (batch - 1) * self._gap
        self._max_retries = max_retries
        self._pause, self._monotonic = pause, monotonic
        self._planned: deque[float] = deque(maxlen=per_second)  # the last moments given, in order
        self._left: deque[float] = deque(maxlen=per_second)  # when the last requests actually left
        self._group_left: dict[Chat, deque[float]] = {}
        self._busy: set[Chat] = set()  # chats with a message on its way
        self._free_at: dict[Chat, float] = {}  # when each chat may have its next message
        self._paused_until = -math.inf
        self._waiting: list[_Waiter] = []
        self._arrivals = itertools.count()
        self._sleeper: asyncio.Task | None = None
        self._wake_at = math.inf
        self._slept_until = -math.inf
        self.floods = 0
        """429s met: there should be none."""

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        if self._sleeper is not None:
            self._sleeper.cancel()
            self._sleeper = None

    # -- the dispatcher's side ----------------------------------------------------------------------------

    async def reserve(self, chat_id: int, priority: Priority) -> Turn:
        """Wait for a turn to send one message to ``chat_id``; send on it (``on_turn``), then ``release``."""
        return await self._wait(chat_id, message=True, ahead=True, priority=priority)

    def on_turn(self, bot: T, turn: Turn) -> T:
        """``bot`` as the one message of ``turn`` sees it: its sending methods go at the turn's moment."""
        return _OnTurn(bot, self, turn)  # type: ignore[return-value]

    async def send_on(self, turn: Turn, send: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Make the turn's request at its moment."""
        await self._leave(turn)
        token = _ON_TURN.set(turn)
        try:
            return await send()
        finally:
            _ON_TURN.reset(token)
            turn.answered_at = self._now()

    def release(self, turn: Turn) -> None:
        """The turn is over: its chat's next message may go ``chat_spacing`` after the answer (at once if
        nothing was sent on it: the row was sent or cancelled by someone else meanwhile)."""
        if turn.released:
            return
        turn.released = True
        if turn.message:
            self._busy.discard(turn.chat_id)
            if turn.answered_at is not None:
                self._free_at[turn.chat_id] = turn.answered_at + self._chat_spacing
        self._pump()

    # -- python-telegram-bot's side -----------------------------------------------------------------------

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Any:
        if _ON_TURN.get() is not None:
            _ON_TURN.set(None)  # the turn is for this one request
            return await self._call(callback, args, kwargs)  # a 429 goes back to the outbox with the row
        chat = _chat_of(data)
        if chat is None:
            return await callback(*args, **kwargs)
        message = _new_message(endpoint)
        for attempt in itertools.count():
            turn = await self._wait(chat, message=message, ahead=False, priority=Priority.PROMPT)
            try:
                await self._leave(turn)
                return await self._call(callback, args, kwargs)
            except RetryAfter:
                if attempt >= self._max_retries:
                    raise
            finally:
                if turn.left_at is not None:
                    turn.answered_at = self._now()
                self.release(turn)
        raise AssertionError("unreachable")

    async def _call(self, callback: Callable[..., Coroutine[Any, Any, T]], args: Any, kwargs: Any) -> T:
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            self.floods += 1
            wait = retry_after(error).total_seconds()
            self._paused_until = max(self._paused_until, self._now() + wait)
            self._pump()
            raise

    # -- time ---------------------------------------------------------------------------------------------

    def _now(self) -> float:
        return max(self._monotonic(), self._slept_until)

    async def _sleep(self, seconds: float) -> None:
        """Pause; afterwards the limiter takes it that at least that long has passed (a timer may fire a
        hair early, and the dispatcher's tests pause on a clock of their own)."""
        until = self._now() + seconds
        await self._pause(seconds)
        self._slept_until = max(self._slept_until, until)

    async def _leave(self, turn: Turn) -> None:
        """Wait for the turn's moment, then record that its request leaves. A moment given before a 429's
        pause is given again after it; and whatever was late, no more than ``per_second`` leave in a
        ``window``."""
        while True:
            now = self._now()
            if turn.at < self._paused_until:
                turn.at = self._plan(now, 0.0)
            full = len(self._left) == self._left.maxlen
            moment = max(turn.at, self._left[0] + self._window if full else -math.inf)
            if moment <= now:
                break
            await self._sleep(moment - now)
        self._left.append(now)
        turn.left_at = now
        if turn.message and _is_group(turn.chat_id):
            self._group_left.setdefault(turn.chat_id, deque(maxlen=self._group_limit)).append(now)

    # -- turns ----------------------------------------------------------------------------------------------

    async def _wait(self, chat: Chat, *, message: bool, ahead: bool, priority: Priority) -> Turn:
        loop = asyncio.get_running_loop()
        waiter = _Waiter(priority, next(self._arrivals), chat, message, ahead, loop.create_future())
        insort(self._waiting, waiter, key=lambda queued: queued.order)
        self._pump()
        try:
            return await waiter.granted
        except asyncio.CancelledError:
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            elif waiter.granted.done() and not waiter.granted.cancelled():
                self.release(waiter.granted.result())  # given a turn, then cancelled before using it
            self._pump()
            raise

    def _next_moment(self, now: float, lead: float) -> float:
        moment = max(now + lead, self._paused_until)
        if self._planned:
            moment = max(moment, self._planned[-1] + self._gap)
            if len(self._planned) == self._planned.maxlen:
                moment = max(moment, self._planned[0] + self._window)
        return moment

    def _plan(self, now: float, lead: float) -> float:
        moment = self._next_moment(now, lead)
        self._planned.append(moment)
        return moment

    def _chat_free_at(self, waiter: _Waiter) -> float:
        if not waiter.message:
            return -math.inf
        if waiter.chat in self._busy:
            return math.inf
        at = self._free_at.get(waiter.chat, -math.inf)
        in_group = self._group_left.get(waiter.chat)
        if in_group is not None and len(in_group) == self._group_limit:
            at = max(at, in_group[0] + self._group_window)
        return at

    def _moment_for(self, waiter: _Waiter, now: float) -> tuple[float, float]:
        """(the moment this waiter would get now, the time by which it must be given its turn)."""
        lead = self._lead if waiter.ahead else 0.0
        moment = max(self._next_moment(now, lead), self._chat_free_at(waiter))
        return moment, moment - lead

    def _pump(self) -> None:
        """Give the turns due now, in order: once one must be given (its moment is less than ``lead``
        away), those whose moments follow within a batch are given with it. Then sleep until the next."""
        now = self._now()
        pressing = any(self._moment_for(waiter, now)[1] <= now for waiter in self._waiting)
        while pressing and self._waiting:
            chosen = None
            for waiter in self._waiting:
                moment, give_by = self._moment_for(waiter, now)
                if give_by <= now + self._span:
                    chosen = waiter
                    break
            if chosen is None:
                break
            self._waiting.remove(chosen)
            if chosen.granted.done():  # cancelled while it waited
                continue
            if chosen.message:
                self._busy.add(chosen.chat)
            self._planned.append(moment)
            chosen.granted.set_result(Turn(chosen.chat, moment, chosen.message))
        if len(self._free_at) > 4096:  # forget chats whose spacing is long over
            self._free_at = {chat: at for chat, at in self._free_at.items() if at > now}
        wake = min((self._moment_for(waiter, now)[1] for waiter in self._waiting), default=math.inf)
        self._sleep_until(max(wake, now), now)

    def _sleep_until(self, wake: float, now: float) -> None:
        """Pump again at ``wake`` (none if infinite: an answer from Telegram pumps then)."""
        if math.isinf(wake):
            return
        if self._sleeper is not None and not self._sleeper.done():
            if self._wake_at <= wake:
                return
            self._sleeper.cancel()
        self._wake_at = wake
        self._sleeper = asyncio.create_task(self._wake_later(wake - now))

    async def _wake_later(self, seconds: float) -> None:
        if seconds > 0:
            await self._sleep(seconds)
        self._sleeper = None
        self._wake_at = math.inf
        self._pump()


class _OnTurn:
    """A bot whose sending methods use one turn: what ``Limiter.on_turn`` hands ``send_one``."""

    def __init__(self, bot: Any, limiter: Limiter, turn: Turn) -> None:
        self._bot, self._limiter, self._turn = bot, limiter, turn

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._bot, name)
        if name == "send_chat_action" or not name.startswith(("send_", "copy_message", "forward_message")):
            return found

        async def on_its_turn(*args: Any, **kwargs: Any) -> Any:
            return await self._limiter.send_on(self._turn, lambda: found(*args, **kwargs))

        return on_its_turn
