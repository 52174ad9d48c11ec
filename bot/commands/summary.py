"""``carebot summary``: the managers' summary at the terminal, as text or JSON, from the same service."""

import argparse
import asyncio
from datetime import datetime

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.services.access import AccessDenied
from bot.services.summary import summary_for_command_line
from bot.summaries.report import PLAIN, render
from bot.summaries.summary import Summary


def register(subparsers: argparse._SubParsersAction) -> None:
    summary = subparsers.add_parser("summary", help="caseloads, deadlines, RHIs and outcomes for managers")
    add_common_options(summary)
    summary.add_argument("--team", help="one team by name (default: every team)")
    summary.add_argument(
        "--now",
        type=datetime.fromisoformat,
        help="the instant to report as of, ISO 8601 (without an offset: the service's local time)",
    )
    summary.add_argument("--json", action="store_true", help="print JSON instead of text")
    summary.set_defaults(handler=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    now = args.now or system_clock()
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.service.tz)

    async def build() -> Summary:
        async with open_store(settings) as database:
            try:
                return await summary_for_command_line(database, now, settings, team=args.team)
            except AccessDenied as error:
                raise CommandError(str(error)) from None

    async def text() -> str:
        # The text, not the Summary, is what asyncio.run returns: as it ends it puts Ctrl-C's handler
        # back, and on Python 3.11 asking for the handler it set writes out the repr of the task's
        # result, twice (signal.getsignal tries it as a Handlers member): 50 ms for a whole service.
        summary = await build()
        return summary.model_dump_json(indent=2) if args.json else render(summary, PLAIN)

    print(asyncio.run(text()))
    return 0
