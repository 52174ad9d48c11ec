"""``carebot seed``: fill a new database with a synthetic service."""

import argparse
import asyncio
import time
from datetime import date

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.seed import SeedError, plan, write


def register(subparsers: argparse._SubParsersAction) -> None:
    seed = subparsers.add_parser("seed", help="create a synthetic service for demos, tests and benchmarks")
    add_common_options(seed)
    seed.add_argument("--leavers", type=int, default=60, help="how many young people (default 60)")
    seed.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same data")
    seed.add_argument("--as-of", type=date.fromisoformat, help="the day the data is 'today' for (YYYY-MM-DD)")
    seed.set_defaults(handler=run_seed)


def run_seed(args: argparse.Namespace) -> int:
    if args.leavers < 1:
        raise CommandError("--leavers must be at least 1")
    settings = settings_from(args)
    as_of = args.as_of or system_clock().astimezone(settings.service.tz).date()
    started = time.perf_counter()
    summary = plan(args.leavers, seed=args.seed, as_of=as_of)

    async def save() -> None:
        async with open_store(settings) as database:
            try:
                await write(database, summary)
            except SeedError as error:
                raise CommandError(str(error)) from None

    asyncio.run(save())
    print(
        f"seeded {summary.young_people} young people, {summary.staff} staff in {summary.teams} teams, "
        f"{summary.contacts} contacts, {summary.reviews} reviews, "
        f"{summary.missing_episodes} missing episodes as of {as_of} "
        f"in {time.perf_counter() - started:.1f} s -> {settings.database.path}"
    )
    return 0
