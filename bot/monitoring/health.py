"""``/healthz``: is the bot doing its work? Two things must hold.

- The tick has finished recently: within three tick intervals, plus the longest a dispatch round may take.
  Before the first tick (one interval after start) the start counts as the last sign of life.
- The database takes a write: one row is rewritten, so a full disk, a read-only file or a lock held by
  another process shows here before a young person's request is lost to it.
"""

import asyncio
from datetime import datetime, timedelta

from bot.outbox.dispatcher import ROUND_SECONDS
from bot.runtime import Heartbeat, Runtime
from bot.store import Database, health_check

TICKS_BEFORE_STALE = 3
WRITE_WITHIN_SECONDS = 5.0


def tick_problem(heartbeat: Heartbeat, now: datetime, tick_seconds: int) -> str | None:
    """Why the tick looks stuck, or None while it keeps finishing."""
    if heartbeat.ready_at is None:
        return "the bot has not started yet"
    allowed = timedelta(seconds=TICKS_BEFORE_STALE * tick_seconds + ROUND_SECONDS)
    last = heartbeat.last_tick_at or heartbeat.ready_at
    if now - last <= allowed:
        return None
    ago = int((now - last).total_seconds())
    if heartbeat.last_tick_at is None:
        problem = f"no tick has finished since the bot started {ago} s ago"
    else:
        problem = f"the tick last finished {ago} s ago"
    if heartbeat.last_tick_error:
        problem += f"; the latest tick failed with {heartbeat.last_tick_error}"
    return f"{problem} (it runs every {tick_seconds} s)"


class HealthCheck:
    """Answers ``/healthz`` for one running bot."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._write: asyncio.Task | None = None

    async def problems(self) -> list[str]:
        """What is wrong, in words for the person on call; empty when the bot is healthy."""
        runtime = self._runtime
        found = []
        if problem := tick_problem(runtime.heartbeat, runtime.now(), runtime.settings.reminders.tick_seconds):
            found.append(problem)
        if problem := await self._database_problem():
            found.append(problem)
        return found

    async def _database_problem(self) -> str | None:
        if self._runtime.db_handle is None:
            return "the database is not open"
        # The write runs to its end even when this check stops waiting: cancelling it half-way through
        # BEGIN would leave the bot's one writer connection inside a transaction. A check that comes while
        # an earlier write is still waiting (for a lock, say) waits on that one rather than queue another.
        if self._write is None or self._write.done():
            self._write = asyncio.ensure_future(_write_once(self._runtime.db, self._runtime.now()))
            self._write.add_done_callback(_retrieve)
        try:
            await asyncio.wait_for(asyncio.shield(self._write), WRITE_WITHIN_SECONDS)
        except TimeoutError:
            return f"the database took no write within {WRITE_WITHIN_SECONDS:g} s"
        except Exception as error:  # whatever stops the write (sqlite3's errors, a closed connection)
            return f"the database takes no writes: {type(error).__name__}: {error}"
        return None


async def _write_once(db: Database, now: datetime) -> None:
    async with db.transaction() as tx:
        await health_check.record(tx, now)


def _retrieve(task: asyncio.Task) -> None:
    """Collect a late write's error (it was reported, or will be, by the check that waited on it)."""
    if not task.cancelled():
        task.exception()
