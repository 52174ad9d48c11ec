"""``carebot db``: apply the schema migrations (also done at start), back the database up, restore it."""

import argparse
import asyncio
import sys
from pathlib import Path

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, confirmed, open_store, settings_from
from bot.store import backup, running


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="database maintenance")
    actions = db.add_subparsers(dest="db_action", required=True)
    upgrade = actions.add_parser("upgrade", help="apply schema migrations")
    add_common_options(upgrade)
    upgrade.set_defaults(handler=run_upgrade)

    back_up = actions.add_parser("backup", help="copy the database to PATH, safely while the bot runs")
    add_common_options(back_up)
    back_up.add_argument("path", type=Path, metavar="PATH", help="the backup file to write (must be new)")
    back_up.set_defaults(handler=run_backup)

    restore = actions.add_parser(
        "restore", help="replace the database with the backup at PATH (stop the bot first)"
    )
    add_common_options(restore)
    restore.add_argument("path", type=Path, metavar="PATH", help="a backup made by 'carebot db backup'")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(handler=run_restore)


def run_upgrade(args: argparse.Namespace) -> int:
    settings = settings_from(args)

    async def upgrade() -> list[str]:
        async with open_store(settings, migrate=False) as database:
            return await database.migrate()

    applied = asyncio.run(upgrade())
    print(f"applied: {', '.join(applied)}" if applied else "database is up to date")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    database = settings_from(args).database.path
    try:
        copied = backup.back_up(database, args.path)
    except backup.BackupError as error:
        raise CommandError(str(error)) from None
    print(f"backed up {database} to {copied.path} ({_size(copied.bytes)}) in {copied.seconds:.2f} s")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    database = settings_from(args).database.path
    try:
        backup.check_backup(args.path)
        with running.holding(database, otherwise="stop the bot before you restore"):
            question = (
                f"Replace the database {database} with the backup {args.path}? Anything written since"
                " the backup was made will be lost."
            )
            if not confirmed(question, assume_yes=args.yes):
                print("nothing restored", file=sys.stderr)
                return 1
            restored = backup.restore(args.path, database, now=system_clock())
    except (backup.BackupError, running.InUse) as error:
        raise CommandError(str(error)) from None
    print(f"restored {args.path} to {database} ({_size(restored.bytes)}) in {restored.seconds:.2f} s")
    for kept in restored.set_aside:
        print(f"the file it replaced is kept as {kept}")
    return 0


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.0f} KB"
