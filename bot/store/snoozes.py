"""PAs' snoozes: reminders for one deadline (by its subject) wait until a chosen instant."""

from datetime import datetime

import aiosqlite


async def snooze(
    tx: aiosqlite.Connection,
    subject: str,
    person_id: int,
    until: datetime,
    staff_id: int | None,
    now: datetime,
) -> None:
    await tx.execute(
        "INSERT INTO snoozes (subject, young_person_id, until, staff_id, created_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (subject) DO UPDATE SET until = excluded.until, staff_id = excluded.staff_id,"
        " created_at = excluded.created_at",
        (subject, person_id, until.isoformat(), staff_id, now.isoformat()),
    )


async def all_snoozes(connection: aiosqlite.Connection) -> dict[str, datetime]:
    """Every snooze by deadline subject. Ended snoozes stay: they name the "reminder again" that follows."""
    rows = await connection.execute_fetchall("SELECT subject, until FROM snoozes")
    return {row[0]: datetime.fromisoformat(row[1]) for row in rows}


async def until(connection: aiosqlite.Connection, subject: str) -> datetime | None:
    """When the snooze on this deadline ends (or ended), if it was ever snoozed."""
    rows = await connection.execute_fetchall("SELECT until FROM snoozes WHERE subject = ?", (subject,))
    return datetime.fromisoformat(rows[0][0]) if rows else None
