"""Turning models into rows and rows into models, the same way for every table."""

from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import aiosqlite
from pydantic import BaseModel

from bot.store.db import Reads

M = TypeVar("M", bound=BaseModel)


def to_column(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_row(model: BaseModel, *, exclude: Iterable[str] = ("id",)) -> dict[str, Any]:
    skip = set(exclude)
    return {name: to_column(getattr(model, name)) for name in type(model).model_fields if name not in skip}


def from_row(model: type[M], row: Mapping[str, Any] | aiosqlite.Row) -> M:
    return model.model_validate({key: row[key] for key in row.keys()})  # noqa: SIM118 (Row has no items())


async def insert(
    tx: aiosqlite.Connection, table: str, model: BaseModel, *, on_conflict: str = ""
) -> int | None:
    """Insert a model's fields (all but ``id``) and return the new row id.

    With ``on_conflict="DO NOTHING"`` a row that clashes with a unique key is skipped and None returned.
    """
    row = to_row(model)
    columns = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    conflict = f" ON CONFLICT {on_conflict}" if on_conflict else ""
    cursor = await tx.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflict}", row)
    return cursor.lastrowid if cursor.rowcount == 1 else None


async def fetch_all(connection: Reads, model: type[M], sql: str, params: Any = ()) -> list[M]:
    return [from_row(model, row) for row in await connection.execute_fetchall(sql, params)]


async def fetch_one(connection: Reads, model: type[M], sql: str, params: Any = ()) -> M | None:
    """The row a unique key (or ``LIMIT 1``) picks out, as ``model``. One trip to the database thread,
    not three (execute, fetch, close): this runs several times for every update the bot handles."""
    rows = await connection.execute_fetchall(sql, params)
    return from_row(model, rows[0]) if rows else None


@asynccontextmanager
async def plain_rows(
    connection: aiosqlite.Connection, sql: str, params: Any = ()
) -> AsyncIterator[aiosqlite.Cursor]:
    """A cursor over ``sql`` whose rows are plain tuples, for bulk reads that take columns by position.

    The connections make a ``sqlite3.Row`` of every row (columns by name, for ``from_row``): for a whole
    service's 100,000 young people that extra object a row costs about 50 ms, a tenth of the read."""
    cursor = await connection.execute(sql, params)
    cursor.row_factory = None  # read at each fetch, so every row of this cursor is a tuple
    try:
        yield cursor
    finally:
        await cursor.close()


async def fetch_plain(connection: aiosqlite.Connection, sql: str, params: Any = ()) -> list[tuple]:
    """Every row of ``sql`` as a plain tuple (see ``plain_rows``)."""
    async with plain_rows(connection, sql, params) as cursor:
        return list(await cursor.fetchall())
