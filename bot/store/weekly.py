"""Weekly records of each team's overdue deadlines, by ISO week (``2026-W48``), for the trend chart."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime

import aiosqlite


async def record_overdue(
    tx: aiosqlite.Connection, team_id: int, week: str, counts: Mapping[str, int], at: datetime
) -> None:
    """Keep the first record of a week: a second run in the same week changes nothing."""
    await tx.executemany(
        "INSERT INTO weekly_overdue (team_id, week, kind, overdue, recorded_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (team_id, week, kind) DO NOTHING",
        [(team_id, week, kind, count, at.isoformat()) for kind, count in counts.items()],
    )


async def overdue_by_week(
    connection: aiosqlite.Connection, weeks: Iterable[str], team_id: int | None = None
) -> dict[str, dict[str, int]]:
    """Overdue counts by week and kind, for one team or summed over every team; unrecorded weeks absent."""
    weeks = list(weeks)
    marks = ", ".join("?" for _ in weeks)
    sql = f"SELECT week, kind, SUM(overdue) FROM weekly_overdue WHERE week IN ({marks})"
    params: list = list(weeks)
    if team_id is not None:
        sql += " AND team_id = ?"
        params.append(team_id)
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for week, kind, overdue in await connection.execute_fetchall(sql + " GROUP BY week, kind", params):
        found[week][kind] = overdue
    return dict(found)


async def has_week(connection: aiosqlite.Connection, week: str) -> bool:
    async with connection.execute("SELECT 1 FROM weekly_overdue WHERE week = ? LIMIT 1", (week,)) as cursor:
        return await cursor.fetchone() is not None
