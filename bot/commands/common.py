"""What every subcommand shares: ``--config``/``--db``, loading settings, opening the store."""

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.config import Settings, load_settings
from bot.store import Database


class CommandError(Exception):
    """A problem the person at the terminal can fix; printed as one line, exit status 1."""


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML config file (default: config.toml if present)")
    parser.add_argument("--db", type=Path, help="SQLite database file (overrides the config)")


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(args.config, database=args.db)


@asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Database]:
    database = await Database.open(settings.database.path, busy_timeout_ms=settings.database.busy_timeout_ms)
    try:
        yield database
    finally:
        await database.close()
