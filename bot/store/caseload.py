"""Whole-caseload reads for an import: everything it compares the files against, in a few queries."""

from collections import defaultdict
from datetime import date

import aiosqlite

from bot.models import MissingEpisode, YoungPerson
from bot.store.rows import fetch_all


async def all_people(connection: aiosqlite.Connection) -> list[YoungPerson]:
    """Everyone, including those who have left the service (a later file may bring them back)."""
    return await fetch_all(connection, YoungPerson, "SELECT * FROM young_people ORDER BY id")


async def contact_days(connection: aiosqlite.Connection) -> set[tuple[int, date]]:
    rows = await connection.execute_fetchall("SELECT DISTINCT young_person_id, contacted_on FROM contacts")
    return {(row[0], date.fromisoformat(row[1])) for row in rows}


async def review_days(connection: aiosqlite.Connection) -> set[tuple[int, date]]:
    rows = await connection.execute_fetchall("SELECT young_person_id, reviewed_on FROM pathway_reviews")
    return {(row[0], date.fromisoformat(row[1])) for row in rows}


async def episodes_by_person(connection: aiosqlite.Connection) -> dict[int, list[MissingEpisode]]:
    episodes: dict[int, list[MissingEpisode]] = defaultdict(list)
    for episode in await fetch_all(
        connection, MissingEpisode, "SELECT * FROM missing_episodes ORDER BY started_at"
    ):
        episodes[episode.young_person_id].append(episode)
    return episodes
