"""One SQLite database: a single writer behind a lock, a separate connection for reads, and migrations.

SQLite allows one writer at a time, and aiosqlite runs every call on one thread per connection, so two
coroutines sharing a connection would interleave their statements inside each other's transactions. All
writes therefore go through ``Database.transaction()``: an ``asyncio.Lock`` plus ``BEGIN IMMEDIATE`` (the
write lock is taken at the start, so a transaction never fails half-way on a lock upgrade). Reads use
their own connection; in WAL mode they see the last committed state and never block the writer.

Reads of a few rows by key (who is this Telegram user, where is their conversation up to) go through
``Database.lookups`` instead, which runs them at once on the event loop's thread: the trip to
aiosqlite's thread and back costs more than such a read, and the bot makes several for every update.
"""

import asyncio
import logging
import os
import sqlite3
import stat
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.group_commit import joined_group

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "bot.store.migrations"


class DatabaseUnusable(Exception):
    """The database cannot be opened, read or written at all. One line, naming the file and SQLite's own
    reason, for the person who runs the bot: carrying on would only fail again on every update."""


class Lookups:
    """Reads of a few rows by key, run at once on the event loop's own thread (see the module's
    docstring). Anything that may read many rows goes through ``Database.reader``: a scan here would hold
    up every chat. Same shape as an aiosqlite connection's ``execute_fetchall``, so the store's read
    functions take either."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    async def execute_fetchall(self, sql: str, parameters: Any = ()) -> list[sqlite3.Row]:
        return self._connection.execute(sql, parameters).fetchall()

    def close(self) -> None:
        self._connection.close()


Reads = aiosqlite.Connection | Lookups
"""What the store's read functions take: the reader (or a transaction), or ``Database.lookups``."""


class Database:
    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._lookups: Lookups | None = None
        self._write_lock = asyncio.Lock()
        self._snapshot_lock = asyncio.Lock()
        self._file_identity: tuple[int, int] | None = None

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int = 5000, migrate: bool = True) -> "Database":
        """Open (creating the file if needed, never its folder) and bring the schema up to date.

        Raises ``DatabaseUnusable`` when the file cannot be used: corrupt, read-only, a folder, or in a
        folder that does not exist (a missing folder is more likely a mistake, or a disk not mounted,
        than a place to start a new database).
        """
        database = cls(path, busy_timeout_ms=busy_timeout_ms)
        try:
            await database._connect()
            if migrate:
                await database.migrate()
        except BaseException as error:
            await database.close()
            if isinstance(error, sqlite3.Error):
                raise DatabaseUnusable(unusable_reason(path, error)) from error
            raise
        return database

    async def _connect(self) -> None:
        # Tried first without aiosqlite: when a connection cannot even be opened, aiosqlite's worker
        # thread outlives the failure and complains about a closed event loop on the way out.
        sqlite3.connect(self.path).close()
        self._writer = await self._connection()
        await self._pragma(self._writer, "journal_mode = WAL")
        self._reader = await self._connection()
        self._lookups = Lookups(self._inline_connection())
        opened = os.stat(self.path)
        self._file_identity = (opened.st_dev, opened.st_ino)

    async def _connection(self) -> aiosqlite.Connection:
        connection = await aiosqlite.connect(self.path, isolation_level=None)
        try:
            connection.row_factory = aiosqlite.Row
            for pragma in (
                f"busy_timeout = {int(self._busy_timeout_ms)}",
                "foreign_keys = ON",
                "synchronous = NORMAL",
            ):
                await self._pragma(connection, pragma)
        except BaseException:
            # Closed here, as nobody else holds it: its worker thread would keep the process alive.
            await connection.close()
            raise
        return connection

    def _inline_connection(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None)
        connection.row_factory = sqlite3.Row
        for pragma in (f"busy_timeout = {int(self._busy_timeout_ms)}", "query_only = ON"):
            connection.execute(f"PRAGMA {pragma}").fetchall()
        return connection

    @staticmethod
    async def _pragma(connection: aiosqlite.Connection, pragma: str) -> None:
        # Fetch and close: a pragma's cursor left open keeps its statement, and its lock, alive.
        await connection.execute_fetchall(f"PRAGMA {pragma}")

    async def close(self) -> None:
        if self._lookups is not None:
            self._lookups.close()
        for connection in (self._reader, self._writer):
            if connection is not None:
                await connection.close()
        self._reader = self._writer = self._lookups = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """The only way to write: one transaction at a time, committed on success, rolled back on error.

        In a task that has joined a ``GroupCommit`` (the dispatcher's sends), a savepoint in a transaction
        shared with the others that joined, committed once for all of them (``bot.store.group_commit``)."""
        if (group := joined_group(self)) is not None:
            async with group.transaction() as shared:
                yield shared
            return
        writer = self._require(self._writer)
        async with self._write_lock:
            await writer.execute("BEGIN IMMEDIATE")
            try:
                yield writer
            except BaseException:
                await writer.execute("ROLLBACK")
                raise
            await writer.execute("COMMIT")

    @asynccontextmanager
    async def one_statement(self) -> AsyncIterator[aiosqlite.Connection]:
        """For a write that is a single statement: it runs under the same lock as ``transaction()`` and
        commits on its own (SQLite's autocommit), one trip to the database thread instead of three
        (BEGIN, the statement, COMMIT). Conversation steps are written on most button presses.

        Only one statement: a second would be a transaction of its own, not part of the first's.
        """
        writer = self._require(self._writer)
        async with self._write_lock:
            yield writer

    @asynccontextmanager
    async def writer_alone(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writer under the write lock, with no transaction of its own: for ``GroupCommit``, which
        begins and commits one transaction around several writers' savepoints."""
        writer = self._require(self._writer)
        async with self._write_lock:
            yield writer

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[aiosqlite.Connection]:
        """A read-only view that stays consistent across several queries.

        One at a time: the reader connection can hold only one open transaction.
        """
        reader = self._require(self._reader)
        async with self._snapshot_lock:
            await reader.execute("BEGIN")
            try:
                yield reader
            finally:
                await reader.execute("ROLLBACK")

    def file_problem(self) -> str | None:
        """Why the file opened is no longer there, or None while it is.

        SQLite keeps writing to a deleted file (the open handle keeps it alive) until the process ends,
        and everything since would then be lost: a file deleted or replaced under the running bot must
        stop it.
        """
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return f"the database file {self.path} was deleted while the bot was running"
        except OSError as error:
            return f"the database file {self.path} cannot be checked ({error.strerror})"
        if self._file_identity is not None and (now.st_dev, now.st_ino) != self._file_identity:
            return f"the database file {self.path} was replaced while the bot was running"
        return None

    @property
    def reader(self) -> aiosqlite.Connection:
        """For single-statement reads (each sees the latest committed state)."""
        return self._require(self._reader)

    @property
    def lookups(self) -> Lookups:
        """For reads of a few rows by key (see ``Lookups``)."""
        if self._lookups is None:
            raise RuntimeError("the database is not open")
        return self._lookups

    @staticmethod
    def _require(connection: aiosqlite.Connection | None) -> aiosqlite.Connection:
        if connection is None:
            raise RuntimeError("the database is not open")
        return connection

    async def migrate(self) -> list[str]:
        """Apply every migration file not yet recorded, in name order, each in its own transaction.

        Applied migrations are recorded by name (not a single version number), so features that add their
        own numbered files can land in any order without one being skipped.

        Foreign keys are off while migrating, as SQLite's documented way of rebuilding a table (create new,
        copy, drop, rename) requires: with them on, dropping a table that others refer to would first
        delete its rows and cascade to theirs. Each migration checks every foreign key before it commits.
        """
        async with self.transaction() as tx:
            await tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY,"
                " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
            )
            applied = {row[0] for row in await tx.execute_fetchall("SELECT name FROM schema_migrations")}
        done = []
        writer = self._require(self._writer)
        await self._pragma(writer, "foreign_keys = OFF")  # a no-op inside a transaction: set it before
        try:
            for name, sql in available_migrations():
                if name in applied:
                    continue
                async with self.transaction() as tx:
                    for statement in _statements(sql):
                        await tx.execute(statement)
                    if await tx.execute_fetchall("PRAGMA foreign_key_check"):
                        raise sqlite3.IntegrityError(f"migration {name} breaks a foreign key")
                    await tx.execute("INSERT INTO schema_migrations (name) VALUES (?)", (name,))
                log.info("applied migration %s", name)
                done.append(name)
        finally:
            await self._pragma(writer, "foreign_keys = ON")
        return done


def unusable_reason(path: Path, error: sqlite3.Error) -> str:
    """``cannot use the database PATH: <SQLite's reason>``, with what SQLite cannot say about the path."""
    hint = ""
    if not path.parent.is_dir():
        hint = f" (the folder {path.parent} does not exist)"
    elif path.is_dir():
        hint = " (it is a folder)"
    return f"cannot use the database {path}: {error}{hint}"


def make_owner_only(path: Path) -> list[Path]:
    """Take away other users' access to the database and its WAL and SHM files (SQLite gives new WAL and
    SHM files the database file's permissions); returns the files changed. For a database made before
    the bot set an owner-only umask."""
    changed = []
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = file.stat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode) and mode & 0o077:
            try:
                file.chmod(mode & 0o700)
            except OSError:
                continue  # not ours to change: opening it says what is wrong, if anything
            changed.append(file)
    return changed


def available_migrations() -> list[tuple[str, str]]:
    folder = resources.files(MIGRATIONS_PACKAGE)
    files = sorted(item for item in folder.iterdir() if item.name.endswith(".sql"))
    return [(item.name, item.read_text(encoding="utf-8")) for item in files]


def _statements(script: str) -> Iterable[str]:
    """Split a migration into statements (``executescript`` would commit our transaction mid-way)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        raise ValueError("a migration ends with an unfinished statement")
