"""Hand-offs and crisis alerts: who was asked, when, how far it has escalated, and who answered."""

import json
from datetime import datetime

import aiosqlite

from bot.models_leaver import AlertState, Handoff, HandoffKind, Response
from bot.store.db import Reads
from bot.store.rows import fetch_all, fetch_one, insert, to_row


async def add(tx: aiosqlite.Connection, handoff: Handoff) -> Handoff:
    return handoff.model_copy(update={"id": await insert(tx, "handoffs", handoff)})


async def get(connection: Reads, handoff_id: int) -> Handoff | None:
    return await fetch_one(connection, Handoff, "SELECT * FROM handoffs WHERE id = ?", (handoff_id,))


async def save(tx: aiosqlite.Connection, handoff: Handoff) -> None:
    """Write back a changed hand-off (its state, answer, escalation or repeats)."""
    row = to_row(handoff)
    assignments = ", ".join(f"{name} = :{name}" for name in row)
    await tx.execute(f"UPDATE handoffs SET {assignments} WHERE id = :id", {**row, "id": handoff.id})


async def respond(
    tx: aiosqlite.Connection,
    handoff_id: int,
    response: Response,
    at: datetime,
    *,
    staff_id: int | None = None,
    chat_id: int | None = None,
) -> Handoff | None:
    """Record an answer: the state moves on (never back), the first answer's time and who gave it are kept
    as the acknowledgement, and the tick stops looking at it. None if there is no such hand-off."""
    record = await get(tx, handoff_id)
    if record is None:
        return None
    state = record.state.after(response)
    answered = record.model_copy(
        update={
            "state": state,
            "response": response,
            "acknowledged_at": record.acknowledged_at or at,
            "acknowledged_by_staff_id": record.acknowledged_by_staff_id or staff_id,
            "acknowledged_by_chat_id": record.acknowledged_by_chat_id or chat_id,
            "closed_at": record.closed_at or (at if state is AlertState.CLOSED else None),
            "look_again_at": None,
        }
    )
    await save(tx, answered)
    return answered


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[Handoff]:
    return await fetch_all(
        connection,
        Handoff,
        "SELECT * FROM handoffs WHERE young_person_id = ? ORDER BY created_at, id",
        (person_id,),
    )


async def open_of_kind(connection: Reads, person_id: int, kind: HandoffKind) -> Handoff | None:
    """The young person's open hand-off of this kind (the newest, if old data holds more than one)."""
    return await fetch_one(
        connection,
        Handoff,
        "SELECT * FROM handoffs WHERE young_person_id = ? AND kind = ? AND state != 'closed'"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        (person_id, kind.value),
    )


async def count_since(connection: Reads, person_id: int, kind: HandoffKind, since: datetime) -> int:
    rows = await connection.execute_fetchall(
        "SELECT count(*) FROM handoffs WHERE young_person_id = ? AND kind = ? AND created_at >= ?",
        (person_id, kind.value, since.isoformat()),
    )
    return rows[0][0]


async def to_look_at(connection: Reads, now: datetime) -> list[Handoff]:
    """Unanswered hand-offs the escalation must look at by ``now``, oldest first."""
    return await fetch_all(
        connection,
        Handoff,
        "SELECT * FROM handoffs WHERE look_again_at IS NOT NULL AND look_again_at <= ?"
        " AND state = 'raised' ORDER BY created_at, id",
        (now.isoformat(),),
    )


async def open_for_people(connection: Reads, person_ids: list[int]) -> list[Handoff]:
    """Every open (not closed) hand-off of these young people, oldest first."""
    return await fetch_all(
        connection,
        Handoff,
        "SELECT * FROM handoffs WHERE state != 'closed'"
        " AND young_person_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id",
        (json.dumps(sorted(set(person_ids))),),
    )


async def in_scope_since(
    connection: Reads, since: datetime, *, team_id: int | None = None, pa_id: int | None = None
) -> list[Handoff]:
    """Hand-offs raised since ``since`` or still open, of the young people in a team, a PA's caseload, or
    (neither given) the whole service: for the managers' figures."""
    where = ["(h.created_at >= :since OR h.state != 'closed')"]
    params: dict[str, object] = {"since": since.isoformat()}
    if team_id is not None:
        where.append("p.team_id = :team_id")
        params["team_id"] = team_id
    if pa_id is not None:
        where.append("p.pa_id = :pa_id")
        params["pa_id"] = pa_id
    return await fetch_all(
        connection,
        Handoff,
        "SELECT h.* FROM handoffs h JOIN young_people p ON p.id = h.young_person_id WHERE "
        + " AND ".join(where)
        + " ORDER BY h.created_at, h.id",
        params,
    )


async def unacknowledged(connection: aiosqlite.Connection) -> list[Handoff]:
    """Every hand-off (crisis alerts among them) that nobody has answered yet, oldest first."""
    return await fetch_all(
        connection, Handoff, "SELECT * FROM handoffs WHERE state = 'raised' ORDER BY created_at, id"
    )
