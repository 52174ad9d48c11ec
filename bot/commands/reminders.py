"""``carebot reminders``: every message planned at a given time, without queuing or sending anything.

Three kinds of line: ``queued`` (in the outbox, not sent yet: held for working hours or a retry),
``new`` (what the sweep would queue at that time) and ``waiting`` (what would be sent but cannot be yet,
because the PA, or every manager of the team, has not joined the bot: it goes when they join).
"""

import argparse
import asyncio
import json
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.commands.common import add_common_options, open_store, settings_from
from bot.commands.deadlines import add_now_option, parse_now
from bot.config import Settings
from bot.store import Database, outbox, staff, teams
from bot.wording import staff as staff_words
from scheduler import compose
from scheduler.reminders import ReminderContext
from scheduler.routing import Waiting
from scheduler.sweep import plan_messages


@dataclass(frozen=True)
class Line:
    state: str
    key: str
    kind: str
    chat_id: int | None
    send_at: datetime | None
    waiting_for: str | None
    text: str


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "reminders",
        help="print every planned message at a time: queued, new, and waiting to be sent",
    )
    add_common_options(command)
    add_now_option(command)
    command.add_argument("--json", action="store_true", help="one JSON object a line")
    command.set_defaults(handler=run_reminders)


async def planned_lines(database: Database, now: datetime, settings: Settings) -> list[Line]:
    """Queued rows, the sweep's new rows, and the reminders waiting for someone to join, in that order."""
    queued = [
        Line("queued", row.idempotency_key, row.kind, row.chat_id, row.due_at, None, row.text)
        for row in await outbox.unsent(database.reader)
    ]
    planned = await plan_messages(database, now, settings, everyone=True)
    new = [
        Line("new", row.idempotency_key, row.kind, row.chat_id, row.due_at, None, row.text)
        for row in planned.messages
        if row.cancelled_at is None
    ]
    return queued + new + await _waiting_lines(database, planned.waiting, now, settings)


async def _waiting_lines(
    database: Database, waiting: list[Waiting], now: datetime, settings: Settings
) -> list[Line]:
    members = {member.id: member for member in await staff.all_staff(database.reader)}
    team_names = {team.id: team.name for team in await teams.all_teams(database.reader)}
    context = ReminderContext.at(now, settings.reminders, settings.rules, settings.service)
    lines = []
    for item in waiting:
        due = item.planned.due
        pa = members.get(due.person.pa_id) if due.person.pa_id is not None else None
        pa_name = pa.name if pa is not None else staff_words.NO_PA
        if item.staff_id is not None:
            who = f"{members[item.staff_id].name}, who has not joined"
        else:
            who = f"a manager of {team_names.get(due.person.team_id, 'their team')}, none has joined"
        text = compose.reminder_text(due, item.route, context, pa_name)
        kind = f"{item.route.value}:{due.kind.value}"
        lines.append(Line("waiting", item.planned.key, kind, None, None, who, text))
    return lines


def run_reminders(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    tz = settings.service.tz
    now = parse_now(args.now, tz)

    async def collect() -> list[Line]:
        async with open_store(settings) as database:
            return await planned_lines(database, now, settings)

    for line in asyncio.run(collect()):
        print(_json(line, tz) if args.json else _text(line, tz))
    return 0


def _json(line: Line, tz: ZoneInfo) -> str:
    return json.dumps(
        {
            "state": line.state,
            "key": line.key,
            "kind": line.kind,
            "chat_id": line.chat_id,
            "send_at": line.send_at.astimezone(tz).isoformat() if line.send_at else None,
            "waiting_for": line.waiting_for,
            "text": line.text,
        }
    )


def _text(line: Line, tz: ZoneInfo) -> str:
    first_line = line.text.splitlines()[0]
    if line.send_at is None:
        return f"waiting for {line.waiting_for}  {line.key}\n    {first_line}"
    return (
        f"{line.send_at.astimezone(tz).isoformat()}  {line.state:<6}  chat {line.chat_id:<12} {line.key}\n"
        f"    {first_line}"
    )
