"""Young people's one-tap feedback: did an answer help, and how ready they feel to live on their own."""

from datetime import datetime

import aiosqlite

from bot.models_leaver import Feedback, FeedbackKind
from bot.store.rows import fetch_all, insert


async def add(tx: aiosqlite.Connection, entry: Feedback) -> None:
    await insert(tx, "feedback", entry)


async def answered_since(
    connection: aiosqlite.Connection, person_id: int, kind: FeedbackKind, topic: str | None, since: datetime
) -> bool:
    """Whether this young person answered this item (kind and topic) after ``since``."""
    rows = await connection.execute_fetchall(
        "SELECT 1 FROM feedback WHERE young_person_id = ? AND kind = ? AND topic IS ? AND at > ? LIMIT 1",
        (person_id, kind.value, topic, since.isoformat()),
    )
    return bool(rows)


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[Feedback]:
    return await fetch_all(
        connection, Feedback, "SELECT * FROM feedback WHERE young_person_id = ? ORDER BY at", (person_id,)
    )


async def counts(
    connection: aiosqlite.Connection, start: datetime, end: datetime, team_id: int | None = None
) -> list[tuple[int | None, str, int, int]]:
    """``(team_id, kind, value, count)`` for feedback given in ``[start, end)``: counts only, no people."""
    sql = (
        "SELECT team_id, kind, value, COUNT(*) AS n FROM feedback WHERE at >= ? AND at < ?"
        + (" AND team_id = ?" if team_id is not None else "")
        + " GROUP BY team_id, kind, value ORDER BY team_id, kind, value"
    )
    params: tuple = (start.isoformat(), end.isoformat())
    if team_id is not None:
        params += (team_id,)
    rows = await connection.execute_fetchall(sql, params)
    return [(row["team_id"], row["kind"], row["value"], row["n"]) for row in rows]
