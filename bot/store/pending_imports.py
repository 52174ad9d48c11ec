"""Caseload files waiting for an admin's confirmation."""

from datetime import date, datetime

import aiosqlite
from pydantic import BaseModel, ConfigDict, Field

from bot.models import Instant
from bot.store.rows import fetch_one, insert


class PendingImport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int | None = None
    staff_id: int
    file_name: str = Field(min_length=1, max_length=255)
    content: bytes
    as_of: date
    created_at: Instant


async def add(tx: aiosqlite.Connection, pending: PendingImport) -> PendingImport:
    return pending.model_copy(update={"id": await insert(tx, "pending_imports", pending)})


async def get(connection: aiosqlite.Connection, pending_id: int) -> PendingImport | None:
    return await fetch_one(
        connection, PendingImport, "SELECT * FROM pending_imports WHERE id = ?", (pending_id,)
    )


async def remove(tx: aiosqlite.Connection, pending_id: int) -> bool:
    cursor = await tx.execute("DELETE FROM pending_imports WHERE id = ?", (pending_id,))
    return cursor.rowcount == 1


async def remove_older_than(tx: aiosqlite.Connection, cutoff: datetime) -> int:
    cursor = await tx.execute("DELETE FROM pending_imports WHERE created_at < ?", (cutoff.isoformat(),))
    return cursor.rowcount
