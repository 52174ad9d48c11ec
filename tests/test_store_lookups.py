"""The store's quick paths: lookups on the loop's thread and one-statement writes keep the store's rules."""

import asyncio
import sqlite3
from datetime import UTC, datetime

import pytest

from bot.models_leaver import ConversationState
from bot.store import Database, conversations

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def state(user: int, step: str) -> ConversationState:
    return ConversationState(telegram_user_id=user, step=step, data={}, updated_at=NOW)


async def test_a_lookup_sees_a_write_as_soon_as_it_is_committed(db: Database) -> None:
    assert await conversations.get(db.lookups, 5) is None
    async with db.one_statement() as writer:
        await conversations.put(writer, state(5, "question"))
    assert (await conversations.get(db.lookups, 5)).step == "question"


async def test_lookups_cannot_write(db: Database) -> None:
    with pytest.raises(sqlite3.OperationalError):
        await db.lookups.execute_fetchall("DELETE FROM conversation_state")


async def test_a_one_statement_write_waits_for_a_transaction_under_way_and_is_not_part_of_it(
    db: Database,
) -> None:
    """If it did not wait, it would run inside the other transaction and be rolled back with it."""
    inside, asked = asyncio.Event(), asyncio.Event()

    async def failing_transaction() -> None:
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await conversations.put(tx, state(1, "pa_reason"))
                inside.set()
                await asked.wait()
                for _ in range(5):  # let the other write reach the database if nothing holds it back
                    await asyncio.sleep(0)
                raise RuntimeError("the change is abandoned")

    async def one_write() -> None:
        await inside.wait()
        asked.set()
        async with db.one_statement() as writer:
            await conversations.put(writer, state(2, "question"))

    await asyncio.gather(failing_transaction(), one_write())
    assert await conversations.get(db.lookups, 1) is None
    assert (await conversations.get(db.lookups, 2)).step == "question"
