"""``carebot invite create``: a single-use deep link for a young person or a staff member."""

import argparse
import asyncio
from datetime import timedelta

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.services import invites


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("invite", help="invite links")
    actions = group.add_subparsers(dest="invite_action", required=True)
    create = actions.add_parser("create", help="create a single-use invite link")
    add_common_options(create)
    subject = create.add_mutually_exclusive_group(required=True)
    subject.add_argument("--case-ref", help="the young person's case reference")
    subject.add_argument("--staff", type=int, help="the staff id printed by 'carebot staff add'")
    create.set_defaults(handler=run_create)


def run_create(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    valid_for = timedelta(hours=settings.invites.expiry_hours)
    username = settings.telegram.username

    async def create() -> invites.NewInvite:
        async with open_store(settings) as database:
            now = system_clock()
            try:
                if args.case_ref:
                    return await invites.create_for_young_person(
                        database, args.case_ref, now=now, valid_for=valid_for, bot_username=username
                    )
                return await invites.create_for_staff(
                    database, args.staff, now=now, valid_for=valid_for, bot_username=username
                )
            except invites.InviteError as error:
                raise CommandError(str(error)) from None

    invite = asyncio.run(create())
    local = invite.expires_at.astimezone(settings.service.tz)
    print(invite.link)
    print(f"code: {invite.code}")
    print(f"single use; expires {local:%d %b %Y %H:%M %Z}")
    return 0
