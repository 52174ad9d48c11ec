"""The audit log: who read or changed whose record, and when."""

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
