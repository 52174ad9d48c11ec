"""Many small transactions committed as one: for the dispatcher, which claims and marks many outbox rows a
second, each in ``send_one``'s own small transactions.

A task that has joined a ``GroupCommit`` (``with group.joined():``) has every ``Database.transaction()`` it
opens run inside a transaction shared with the other tasks that joined: each as a savepoint, so it still
commits or rolls back whole on its own, and each returns only once the shared transaction is committed, so
what it wrote is as safe as after a transaction of its own. Transactions opened within ``linger`` seconds
of the first share one commit (with no linger, those opened in the same turn of the event loop), unless
one of them is in a hurry (``hurry()`` is true for its task: a claim, with its message waiting to go),
which has the shared transaction begin at once with those already there. Nobody else's writes join: they
wait for the shared transaction as for any other, a few milliseconds.

Why: a commit is the dear part of a small write (SQLite writes to its log on every commit), and at
Telegram's 30 messages a second, one claim and one mark per message would be 60 commits a second.
"""

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import aiosqlite

if TYPE_CHECKING:
    from bot.store.db import Database

_JOINED: ContextVar[tuple["GroupCommit", Callable[[], bool]] | None] = ContextVar(
    "carebot_group_commit", default=None
)


def joined_group(db: "Database") -> "GroupCommit | None":
    """The group this task has joined for ``db``, if any."""
    joined = _JOINED.get()
    return joined[0] if joined is not None and joined[0].db is db else None


def _never() -> bool:
    return False


@dataclass(eq=False)
class _Shared:
    """One shared transaction: the writers who came in time for it, and how it ended."""

    members: int = 0
    hurry: asyncio.Event = field(default_factory=asyncio.Event)
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    all_out: asyncio.Event = field(default_factory=asyncio.Event)
    committed: asyncio.Event = field(default_factory=asyncio.Event)
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    writer: aiosqlite.Connection | None = None
    error: BaseException | None = None

    def leave(self) -> None:
        self.members -= 1
        if self.members == 0:
            self.all_out.set()


class GroupCommit:
    """Shared transactions on ``db`` for the tasks that join; ``commits`` and ``transactions`` count them."""

    def __init__(self, db: "Database", *, linger: float = 0.0) -> None:
        self.db = db
        self.linger = linger
        self.commits = 0
        self.transactions = 0
        self._forming: _Shared | None = None
        self._leaders: set[asyncio.Task] = set()

    @contextmanager
    def joined(self, hurry: Callable[[], bool] = _never) -> Iterator[None]:
        """While inside, this task's transactions on ``db`` go into shared ones; those opened while
        ``hurry()`` is true do not wait for others."""
        token = _JOINED.set((self, hurry))
        try:
            yield
        finally:
            _JOINED.reset(token)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """What ``Database.transaction()`` gives a task that joined: a savepoint in the shared transaction,
        one writer at a time; back once the whole is committed (or raising why it was not)."""
        shared = self._forming
        if shared is None:
            shared = self._forming = _Shared()
            leader = asyncio.create_task(self._lead(shared))
            self._leaders.add(leader)
            leader.add_done_callback(self._leaders.discard)
        shared.members += 1
        joined = _JOINED.get()
        if joined is not None and joined[1]():
            shared.hurry.set()
        try:
            await shared.opened.wait()
            if shared.error is not None or shared.writer is None:
                raise sqlite3.OperationalError("the shared transaction could not begin") from shared.error
            writer = shared.writer
            async with shared.turn:
                await writer.execute("SAVEPOINT grouped")
                try:
                    yield writer
                except BaseException:
                    await writer.execute("ROLLBACK TO grouped")
                    await writer.execute("RELEASE grouped")
                    raise
                await writer.execute("RELEASE grouped")
                self.transactions += 1
        finally:
            shared.leave()
        await shared.committed.wait()
        if shared.error is not None:
            raise sqlite3.OperationalError("the shared transaction was not committed") from shared.error

    async def _lead(self, shared: _Shared) -> None:
        try:
            if self.linger > 0 and not shared.hurry.is_set():
                with suppress(TimeoutError):
                    await asyncio.wait_for(shared.hurry.wait(), self.linger)
            await asyncio.sleep(0)  # those who come in the same turn of the event loop join too
            if self._forming is shared:
                self._forming = None  # whoever comes now starts the next one
            async with self.db.writer_alone() as writer:
                await writer.execute("BEGIN IMMEDIATE")
                shared.writer = writer
                shared.opened.set()
                try:
                    if shared.members:
                        await shared.all_out.wait()
                    await writer.execute("COMMIT")
                    self.commits += 1
                except BaseException:
                    with suppress(sqlite3.Error):
                        await writer.execute("ROLLBACK")
                    raise
        except BaseException as error:
            shared.error = error
            if self._forming is shared:
                self._forming = None
            raise
        finally:
            shared.opened.set()
            shared.committed.set()
