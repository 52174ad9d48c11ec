"""``carebot db upgrade``: apply the schema migrations (they also run automatically at start)."""

import argparse
import asyncio

from bot.commands.common import add_common_options, open_store, settings_from


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="database maintenance")
    actions = db.add_subparsers(dest="db_action", required=True)
    upgrade = actions.add_parser("upgrade", help="apply schema migrations")
    add_common_options(upgrade)
    upgrade.set_defaults(handler=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    settings = settings_from(args)

    async def upgrade() -> list[str]:
        async with open_store(settings, migrate=False) as database:
            return await database.migrate()

    applied = asyncio.run(upgrade())
    print(f"applied: {', '.join(applied)}" if applied else "database is up to date")
    return 0
