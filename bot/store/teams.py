"""Teams of PAs with their managers."""

import aiosqlite

from bot.models import Team
from bot.store.db import Reads
from bot.store.rows import fetch_all, fetch_one, insert


async def add(tx: aiosqlite.Connection, team: Team) -> Team:
    return team.model_copy(update={"id": await insert(tx, "teams", team)})


async def get(connection: Reads, team_id: int) -> Team | None:
    return await fetch_one(connection, Team, "SELECT * FROM teams WHERE id = ?", (team_id,))


async def by_name(connection: aiosqlite.Connection, name: str) -> Team | None:
    return await fetch_one(connection, Team, "SELECT * FROM teams WHERE name = ?", (name,))


async def get_or_add(tx: aiosqlite.Connection, name: str) -> Team:
    return await by_name(tx, name) or await add(tx, Team(name=name))


async def all_teams(connection: aiosqlite.Connection) -> list[Team]:
    return await fetch_all(connection, Team, "SELECT * FROM teams ORDER BY name")
