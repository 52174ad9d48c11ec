"""The audit log: who read or changed whose record, and when."""

from datetime import UTC, datetime
from typing import NamedTuple

import aiosqlite

from bot.models import AuditEntry
from bot.store.rows import fetch_all, insert


async def record(tx: aiosqlite.Connection, entry: AuditEntry) -> None:
    await insert(tx, "audit_log", entry)


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[AuditEntry]:
    return await fetch_all(
        connection,
        AuditEntry,
        "SELECT * FROM audit_log WHERE young_person_id = ? ORDER BY at, id",
        (person_id,),
    )


async def recent(connection: aiosqlite.Connection, limit: int = 100) -> list[AuditEntry]:
    return await fetch_all(
        connection, AuditEntry, "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
    )


class AuditLine(NamedTuple):
    """One audit row as ``carebot audit`` shows it: with the case reference (a tombstone's, once erased)
    and the staff member's name."""

    entry: AuditEntry
    case_ref: str | None
    erased: bool
    staff_name: str | None


async def search(
    connection: aiosqlite.Connection,
    *,
    case_ref: str | None,
    staff_id: int | None,
    since: datetime | None,
    limit: int,
) -> tuple[list[AuditLine], bool]:
    """The newest ``limit`` rows that match, oldest first, and whether older ones were left out."""
    rows = await connection.execute_fetchall(
        "SELECT a.*, coalesce(y.case_ref, e.case_ref) AS shown_case_ref, e.id IS NOT NULL AS is_erased,"
        " s.name AS staff_name FROM audit_log a"
        " LEFT JOIN young_people y ON y.id = a.young_person_id"
        " LEFT JOIN erased_people e ON e.id = a.erased_person_id"
        " LEFT JOIN staff s ON s.id = a.actor_staff_id"
        " WHERE (:case_ref IS NULL OR y.case_ref = :case_ref OR e.case_ref = :case_ref)"
        " AND (:staff_id IS NULL OR a.actor_staff_id = :staff_id) AND (:since IS NULL OR a.at >= :since)"
        " ORDER BY a.at DESC, a.id DESC LIMIT :limit",
        {
            "case_ref": case_ref,
            "staff_id": staff_id,
            # Instants are stored in UTC, and compared as text.
            "since": since.astimezone(UTC).isoformat() if since else None,
            "limit": limit + 1,
        },
    )
    lines = [
        AuditLine(
            AuditEntry.model_validate({name: row[name] for name in AuditEntry.model_fields}),
            row["shown_case_ref"],
            bool(row["is_erased"]),
            row["staff_name"],
        )
        for row in rows[:limit]
    ]
    return lines[::-1], len(rows) > limit
