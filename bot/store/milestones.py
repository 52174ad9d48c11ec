"""Once-only steps a PA records as done: the needs assessment, and planning for each transition."""

import aiosqlite

from bot.models import Milestone
from bot.store.rows import fetch_all


async def record(tx: aiosqlite.Connection, milestone: Milestone) -> None:
    """Record a step as done on its day; recording it again keeps the later day (a plan made again)."""
    await tx.execute(
        "INSERT INTO milestones (young_person_id, kind, done_on, staff_id, source, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (young_person_id, kind) DO UPDATE SET"
        " done_on = max(done_on, excluded.done_on), staff_id = excluded.staff_id,"
        " source = excluded.source, recorded_at = excluded.recorded_at",
        (
            milestone.young_person_id,
            milestone.kind.value,
            milestone.done_on.isoformat(),
            milestone.staff_id,
            milestone.source.value,
            milestone.recorded_at.isoformat(),
        ),
    )


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[Milestone]:
    return await fetch_all(
        connection,
        Milestone,
        "SELECT * FROM milestones WHERE young_person_id = ? ORDER BY kind",
        (person_id,),
    )
