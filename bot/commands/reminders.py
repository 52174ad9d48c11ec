"""``carebot reminders``: what the sweep would queue at a given time, without queuing or sending it."""

import argparse
import asyncio
import json

from bot.commands.common import add_common_options, open_store, settings_from
from bot.commands.deadlines import add_now_option, parse_now
from bot.models import OutboxMessage
from scheduler.sweep import plan_messages


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("reminders", help="print what the reminder sweep would queue at a time")
    add_common_options(command)
    add_now_option(command)
    command.add_argument("--json", action="store_true", help="one JSON object a line")
    command.set_defaults(handler=run_reminders)


def run_reminders(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    tz = settings.service.tz
    now = parse_now(args.now, tz)

    async def collect() -> list[OutboxMessage]:
        async with open_store(settings) as database:
            planned = await plan_messages(database, now, settings, everyone=True)
        return [message for message in planned.messages if message.cancelled_at is None]

    for message in asyncio.run(collect()):
        row = {
            "key": message.idempotency_key,
            "kind": message.kind,
            "chat_id": message.chat_id,
            "send_at": message.due_at.astimezone(tz).isoformat(),
            "text": message.text,
        }
        if args.json:
            print(json.dumps(row))
        else:
            first_line = message.text.splitlines()[0]
            print(f"{row['send_at']}  chat {row['chat_id']:<12} {row['key']}\n    {first_line}")
    return 0
