"""``carebot deadlines``: every open deadline at a given time, for checking and auditing the rules."""

import argparse
import asyncio
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.services.deadlines import open_deadlines
from bot.store import staff
from scheduler.deadlines import Deadline


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("deadlines", help="print every open deadline at a given time")
    add_common_options(command)
    add_now_option(command)
    command.add_argument("--json", action="store_true", help="one JSON object a line")
    command.set_defaults(handler=run_deadlines)


def add_now_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--now",
        help="ISO 8601 time to ask about (default: now); without an offset it is the service's local time",
    )


def parse_now(value: str | None, tz: ZoneInfo) -> datetime:
    if value is None:
        return system_clock()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now {value!r} is not an ISO 8601 time, e.g. 2026-11-23T09:00+00:00") from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def run_deadlines(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    tz = settings.service.tz
    now = parse_now(args.now, tz)

    async def collect() -> tuple[list[Deadline], dict[int, str]]:
        async with open_store(settings) as database:
            found = await open_deadlines(database, now, settings)
            members = await staff.all_staff(database.reader)
        return found, {member.id: member.worker_id or str(member.id) for member in members if member.id}

    found, pa_names = asyncio.run(collect())
    for deadline in found:
        row = {
            "kind": deadline.kind.value,
            "case_ref": deadline.case_ref,
            "pa": pa_names.get(deadline.pa_id) if deadline.pa_id is not None else None,
            "due_at": deadline.due_at.astimezone(tz).isoformat(),
            "status": deadline.status.value,
            "rule": deadline.rule,
        }
        if args.json:
            print(json.dumps(row))
        else:
            print(
                f"{row['due_at']}  {row['status']:<8} {row['kind']:<16} {row['case_ref']:<10} "
                f"pa={row['pa'] or '-'}  {row['rule']}"
            )
    return 0
