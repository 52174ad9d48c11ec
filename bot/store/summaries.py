"""Reads for managers' summaries: narrow columns and totals over one team, one PA's caseload, or everyone.

These read only what the figures need (see ``bot.facts`` for why not whole records), always for
young people still in the service.
"""

from datetime import date, datetime

import aiosqlite

from bot.facts import CaseFacts, PassportTally
from bot.models import MissingEpisode
from bot.store.rows import fetch_all, fetch_plain


def _scope(team_id: int | None, pa_id: int | None, *, living: bool = False) -> tuple[str, tuple[int, ...]]:
    """A WHERE clause over ``young_people AS p`` for the scope, with its parameters; ``living`` leaves out
    those recorded as died."""
    clause, params = "p.left_service_on IS NULL", ()
    if living:
        clause += " AND coalesce(upper(trim(p.in_touch)), '') != 'DIED'"
    if team_id is not None:
        clause, params = clause + " AND p.team_id = ?", (*params, team_id)
    if pa_id is not None:
        clause, params = clause + " AND p.pa_id = ?", (*params, pa_id)
    return clause, params


async def case_facts(
    connection: aiosqlite.Connection, *, team_id: int | None = None, pa_id: int | None = None
) -> list[CaseFacts]:
    where, params = _scope(team_id, pa_id)
    rows = await fetch_plain(
        connection,
        "SELECT p.id, p.case_ref, p.preferred_name, p.date_of_birth, p.pa_id, p.team_id, p.in_touch,"
        f" p.accommodation_suitable, p.activity_code FROM young_people AS p WHERE {where} ORDER BY p.id",
        params,
    )
    born: dict[str, date] = {}  # many share a birthday: parse each date once
    return [
        CaseFacts(
            row[0],
            row[1],
            row[2],
            born.get(row[3]) or born.setdefault(row[3], date.fromisoformat(row[3])),
            row[4],
            row[5],
            row[6],
            None if row[7] is None else bool(row[7]),
            row[8],
        )
        for row in rows
    ]


async def episodes_returned_since(
    connection: aiosqlite.Connection,
    since: datetime,
    *,
    team_id: int | None = None,
    pa_id: int | None = None,
) -> list[MissingEpisode]:
    """Episodes that ended on or after ``since``, and those not ended yet."""
    where, params = _scope(team_id, pa_id)
    return await fetch_all(
        connection,
        MissingEpisode,
        "SELECT e.* FROM missing_episodes AS e JOIN young_people AS p ON p.id = e.young_person_id"
        f" WHERE (e.returned_at >= ? OR e.returned_at IS NULL) AND {where} ORDER BY e.id",
        (since.isoformat(), *params),
    )


async def passport_tallies(
    connection: aiosqlite.Connection, *, team_id: int | None = None, pa_id: int | None = None
) -> dict[int, PassportTally]:
    """Each living young person's passport so far."""
    where, params = _scope(team_id, pa_id, living=True)
    rows = await connection.execute_fetchall(
        "SELECT g.young_person_id, SUM(g.status = 'done'), SUM(g.status = 'help') FROM passport_progress AS g"
        f" JOIN young_people AS p ON p.id = g.young_person_id WHERE {where} GROUP BY g.young_person_id",
        params,
    )
    return {row[0]: PassportTally(done=row[1], help=row[2]) for row in rows}


async def passport_help_by_item(
    connection: aiosqlite.Connection, *, team_id: int | None = None, pa_id: int | None = None
) -> dict[str, int]:
    """How many living young people have each item marked 'I need help' now."""
    where, params = _scope(team_id, pa_id, living=True)
    rows = await connection.execute_fetchall(
        "SELECT g.item_id, COUNT(*) FROM passport_progress AS g"
        f" JOIN young_people AS p ON p.id = g.young_person_id WHERE g.status = 'help' AND {where}"
        " GROUP BY g.item_id",
        params,
    )
    return {row[0]: row[1] for row in rows}
