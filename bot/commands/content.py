"""``carebot content check``: validate the council's content and list items past their review date.

Exit status 1 on any error (the bot would refuse to start with it), 0 otherwise, with a warning line for
each stale item so the people who keep the content know what to re-check.
"""

import argparse
from pathlib import Path

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, settings_from
from bot.services.content import folder_for
from content.loader import ContentError, load, stale_items


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("content", help="the council's content (offer, passport, help, contacts)")
    actions = group.add_subparsers(dest="content_action", required=True)
    check = actions.add_parser("check", help="validate the content and list items past their review date")
    add_common_options(check)
    check.add_argument("--folder", type=Path, help="check this folder instead of the configured council's")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    folder = args.folder or folder_for(settings.service)
    try:
        content = load(folder)
    except ContentError as error:
        raise CommandError(f"{folder}: {error}") from None
    today = system_clock().astimezone(settings.service.tz).date()
    stale = stale_items(content, today)
    for item in stale:
        print(f"warning: {item.file}: {item.item_id} last reviewed {item.reviewed.isoformat()}")
    counts = (
        f"{len(content.entitlements)} entitlements, "
        f"{sum(len(section.items) for section in content.passport)} passport items, "
        f"{len(content.money_help)} money-help items, {len(content.crisis)} crisis contacts"
    )
    print(f"{folder}: ok ({counts}; {len(stale)} past review)")
    return 0
