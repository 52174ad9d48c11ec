"""When the reminder sweep next needs to evaluate each young person (see migration 021)."""

from collections.abc import Iterable
from datetime import datetime

import aiosqlite

NEVER = "9999"  # until a trigger marks them: people with no deadlines (left the service, turned 25)


async def due(connection: aiosqlite.Connection, now: datetime) -> dict[int, int]:
    """The people whose time has come, each with the schedule version the sweep read."""
    rows = await connection.execute_fetchall(
        "SELECT young_person_id, version FROM sweep_schedule WHERE next_at <= ?", (now.isoformat(),)
    )
    return {row[0]: row[1] for row in rows}


async def reschedule(tx: aiosqlite.Connection, wakes: Iterable[tuple[int, str, int]], now: datetime) -> None:
    """Set each (person, next time, version read) unless a fact changed since the sweep read it, and
    note ``now`` as when the sweep first looked at anyone it had never looked at before."""
    await tx.executemany(
        "UPDATE sweep_schedule SET first_swept_at = coalesce(first_swept_at, ?),"
        " next_at = CASE WHEN version = ? THEN ? ELSE next_at END WHERE young_person_id = ?",
        ((now.isoformat(), version, next_at, person_id) for person_id, next_at, version in wakes),
    )
