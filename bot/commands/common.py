"""What every subcommand shares: ``--config``/``--db``, loading settings, opening the store."""

import argparse
import os
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from bot.config import Settings, load_settings
from bot.store import Database, DatabaseUnusable


class CommandError(Exception):
    """A problem the person at the terminal can fix; printed as one line, exit status 1."""


OWNER_ONLY_UMASK = 0o077


@contextmanager
def owner_only_files() -> Iterator[None]:
    """Every file made meanwhile (the database and its WAL and SHM files, backups, exports) is readable and
    writable by its owner only: they hold young people's personal data."""
    previous = os.umask(OWNER_ONLY_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def confirmed(question: str, *, assume_yes: bool) -> bool:
    """``--yes``, or the person at the terminal answering "yes". Never assumed without a terminal."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise CommandError("there is no terminal to ask for confirmation: add --yes to go ahead")
    return input(f"{question}\nType yes to go on: ").strip().lower() == "yes"


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML config file (default: config.toml if present)")
    parser.add_argument("--db", type=Path, help="SQLite database file (overrides the config)")


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(args.config, database=args.db)


@asynccontextmanager
async def open_store(settings: Settings, *, migrate: bool = True) -> AsyncIterator[Database]:
    """The configured database, open; one line naming the file and SQLite's reason if it is unusable."""
    try:
        database = await Database.open(
            settings.database.path, busy_timeout_ms=settings.database.busy_timeout_ms, migrate=migrate
        )
    except DatabaseUnusable as error:
        raise CommandError(str(error)) from None
    try:
        yield database
    finally:
        await database.close()
