"""Hand-offs from a young person to a person: who was asked, when, and what they said they would do."""

from datetime import datetime

import aiosqlite

from bot.models_leaver import Handoff, HandoffKind, Response
from bot.store.rows import fetch_all, fetch_one, insert


async def add(tx: aiosqlite.Connection, handoff: Handoff) -> Handoff:
    return handoff.model_copy(update={"id": await insert(tx, "handoffs", handoff)})


async def get(connection: aiosqlite.Connection, handoff_id: int) -> Handoff | None:
    return await fetch_one(connection, Handoff, "SELECT * FROM handoffs WHERE id = ?", (handoff_id,))


async def respond(tx: aiosqlite.Connection, handoff_id: int, response: Response, at: datetime) -> None:
    """Record the PA's answer; the first answer's time is kept as the acknowledgement."""
    await tx.execute(
        "UPDATE handoffs SET response = ?, acknowledged_at = COALESCE(acknowledged_at, ?) WHERE id = ?",
        (response.value, at.isoformat(), handoff_id),
    )


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[Handoff]:
    return await fetch_all(
        connection,
        Handoff,
        "SELECT * FROM handoffs WHERE young_person_id = ? ORDER BY created_at, id",
        (person_id,),
    )


async def latest_unanswered(
    connection: aiosqlite.Connection, person_id: int, kind: HandoffKind, since: datetime
) -> Handoff | None:
    """The newest hand-off of this kind made since ``since`` that nobody has answered yet."""
    return await fetch_one(
        connection,
        Handoff,
        "SELECT * FROM handoffs WHERE young_person_id = ? AND kind = ? AND created_at >= ?"
        " AND acknowledged_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
        (person_id, kind.value, since.isoformat()),
    )


async def unacknowledged(connection: aiosqlite.Connection) -> list[Handoff]:
    """Every hand-off (crisis alerts among them) that nobody has answered yet, oldest first."""
    return await fetch_all(
        connection, Handoff, "SELECT * FROM handoffs WHERE acknowledged_at IS NULL ORDER BY created_at, id"
    )
