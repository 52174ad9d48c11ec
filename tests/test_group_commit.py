"""Many small transactions, one commit: what the dispatcher's claims and marks share. Each is still whole on
its own, and safely written when it returns."""

import asyncio
import contextlib
import sqlite3
from datetime import UTC, datetime

import pytest

from bot.models import OutboxMessage
from bot.store import Database, outbox
from bot.store.group_commit import GroupCommit

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def message(key: str) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=key, kind="reminder:contact", chat_id=5, text="text", due_at=NOW, created_at=NOW
    )


async def keys(db: Database) -> list[str]:
    """What is committed, as another connection sees it."""
    return [
        row[0] for row in await db.reader.execute_fetchall("SELECT idempotency_key FROM outbox ORDER BY 1")
    ]


async def test_transactions_that_joined_share_one_commit_and_each_is_whole_on_its_own(db: Database) -> None:
    group = GroupCommit(db)

    async def write(key: str, *, fail: bool = False) -> None:
        with group.joined():
            async with db.transaction() as tx:
                await outbox.enqueue(tx, message(f"{key}:first"))
                if fail:
                    raise RuntimeError("something went wrong half-way")
                await outbox.enqueue(tx, message(f"{key}:second"))
        assert f"{key}:second" in await keys(db)  # committed by the time it returns

    results = await asyncio.gather(write("a"), write("b", fail=True), write("c"), return_exceptions=True)
    assert [type(result).__name__ for result in results] == ["NoneType", "RuntimeError", "NoneType"]
    assert await keys(db) == ["a:first", "a:second", "c:first", "c:second"]  # nothing of b's half-way
    assert (group.commits, group.transactions) == (1, 2)


async def test_others_writing_meanwhile_wait_their_turn_and_lose_nothing(db: Database) -> None:
    group = GroupCommit(db)

    async def joined(key: str) -> None:
        with group.joined():
            async with db.transaction() as tx:
                await outbox.enqueue(tx, message(key))

    async def apart(key: str) -> None:
        async with db.transaction() as tx:
            await outbox.enqueue(tx, message(key))

    await asyncio.gather(joined("a"), apart("b"), joined("c"), apart("d"))
    assert await keys(db) == ["a", "b", "c", "d"]
    assert group.commits == 1


async def test_a_transaction_in_a_hurry_does_not_wait_for_others_and_takes_those_waiting_along(
    db: Database,
) -> None:
    group = GroupCommit(db, linger=60)  # a mark waits up to a minute for others to share its commit ...
    hurry = False

    async def write(key: str) -> None:
        with group.joined(hurry=lambda: hurry):
            async with db.transaction() as tx:
                await outbox.enqueue(tx, message(key))

    mark = asyncio.create_task(write("mark"))
    await asyncio.sleep(0)
    hurry = True  # ... until a claim comes, whose message is waiting to go
    async with asyncio.timeout(5):
        await asyncio.gather(write("claim"), mark)
    assert await keys(db) == ["claim", "mark"]
    assert group.commits == 1


async def test_a_task_that_has_not_joined_writes_as_ever(db: Database) -> None:
    group = GroupCommit(db)
    with group.joined():
        pass
    async with db.transaction() as tx:
        await outbox.enqueue(tx, message("alone"))
    assert await keys(db) == ["alone"]
    assert group.commits == 0


async def test_a_failed_commit_is_reported_to_every_transaction_in_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = GroupCommit(db)
    real_writer_alone = db.writer_alone

    @contextlib.asynccontextmanager
    async def refusing_commits():  # type: ignore[no-untyped-def]
        async with real_writer_alone() as writer:
            yield _NoCommit(writer)

    monkeypatch.setattr(db, "writer_alone", refusing_commits)

    async def write(key: str) -> None:
        with group.joined():
            async with db.transaction() as tx:
                await outbox.enqueue(tx, message(key))

    results = await asyncio.gather(write("a"), write("b"), return_exceptions=True)
    assert all("not committed" in str(result) for result in results)
    monkeypatch.undo()
    assert await keys(db) == []


class _NoCommit:
    """A writer whose COMMIT fails, as on a full disk."""

    def __init__(self, writer: object) -> None:
        self._writer = writer

    async def execute(self, sql: str, *args: object) -> object:
        if sql == "COMMIT":
            raise sqlite3.OperationalError("database or disk is full")
        return await self._writer.execute(sql, *args)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._writer, name)
