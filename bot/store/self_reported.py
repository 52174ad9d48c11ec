"""Facts young people told the bot about themselves, where the council's record has none."""

import aiosqlite

from bot.models_leaver import SelfReported
from bot.store.db import Reads
from bot.store.rows import fetch_one, to_row


async def get(connection: Reads, person_id: int) -> SelfReported | None:
    return await fetch_one(
        connection, SelfReported, "SELECT * FROM self_reported WHERE young_person_id = ?", (person_id,)
    )


async def put(tx: aiosqlite.Connection, facts: SelfReported) -> None:
    row = to_row(facts, exclude=())
    await tx.execute(
        "INSERT INTO self_reported"
        " (young_person_id, lives_in_area, activity, is_parent, not_said, updated_at)"
        " VALUES (:young_person_id, :lives_in_area, :activity, :is_parent, :not_said, :updated_at)"
        " ON CONFLICT (young_person_id) DO UPDATE SET lives_in_area = excluded.lives_in_area,"
        " activity = excluded.activity, is_parent = excluded.is_parent, not_said = excluded.not_said,"
        " updated_at = excluded.updated_at",
        row,
    )
