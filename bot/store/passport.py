"""Passport-to-independence progress: one row per young person and checklist item."""

import aiosqlite

from bot.models import PassportProgress
from bot.store.db import Reads
from bot.store.rows import fetch_all, to_row


async def set_status(tx: aiosqlite.Connection, progress: PassportProgress) -> None:
    row = to_row(progress, exclude=())
    await tx.execute(
        "INSERT INTO passport_progress (young_person_id, item_id, status, updated_by_staff_id, updated_at)"
        " VALUES (:young_person_id, :item_id, :status, :updated_by_staff_id, :updated_at)"
        " ON CONFLICT (young_person_id, item_id) DO UPDATE SET status = excluded.status,"
        " updated_by_staff_id = excluded.updated_by_staff_id, updated_at = excluded.updated_at",
        row,
    )


async def for_person(connection: Reads, person_id: int) -> list[PassportProgress]:
    return await fetch_all(
        connection,
        PassportProgress,
        "SELECT * FROM passport_progress WHERE young_person_id = ? ORDER BY item_id",
        (person_id,),
    )
