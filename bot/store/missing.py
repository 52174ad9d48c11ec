"""Missing and away episodes, with the return home interview's outcome."""

import json
from datetime import datetime

import aiosqlite

from bot.models import MissingEpisode
from bot.store.db import Reads
from bot.store.rows import fetch_all, fetch_one, insert, to_row


async def add(tx: aiosqlite.Connection, episode: MissingEpisode) -> MissingEpisode:
    return episode.model_copy(update={"id": await insert(tx, "missing_episodes", episode)})


async def get(connection: Reads, episode_id: int) -> MissingEpisode | None:
    return await fetch_one(
        connection, MissingEpisode, "SELECT * FROM missing_episodes WHERE id = ?", (episode_id,)
    )


async def update(tx: aiosqlite.Connection, episode: MissingEpisode) -> None:
    """Save a corrected episode (return time, RHI outcome). The model has already checked the order."""
    row = to_row(episode)
    assignments = ", ".join(f"{name} = :{name}" for name in row)
    await tx.execute(f"UPDATE missing_episodes SET {assignments} WHERE id = :id", {**row, "id": episode.id})


async def for_person(connection: aiosqlite.Connection, person_id: int) -> list[MissingEpisode]:
    return await fetch_all(
        connection,
        MissingEpisode,
        "SELECT * FROM missing_episodes WHERE young_person_id = ? ORDER BY started_at",
        (person_id,),
    )


async def started_since(connection: aiosqlite.Connection, since: datetime) -> list[MissingEpisode]:
    return await fetch_all(
        connection,
        MissingEpisode,
        "SELECT * FROM missing_episodes WHERE started_at >= ? ORDER BY started_at",
        (since.isoformat(),),
    )


async def open_for_people(connection: Reads, person_ids: list[int]) -> list[MissingEpisode]:
    """The episodes of these young people that have not ended (missing or away now), oldest first."""
    return await fetch_all(
        connection,
        MissingEpisode,
        "SELECT * FROM missing_episodes WHERE returned_at IS NULL"
        " AND young_person_id IN (SELECT value FROM json_each(?)) ORDER BY started_at",
        (json.dumps(sorted(set(person_ids))),),
    )
