"""``carebot staff add``: register a PA, manager or admin."""

import argparse
import asyncio

from pydantic import ValidationError

from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.models import Role, Staff
from bot.store import staff, teams


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("staff", help="manage staff")
    actions = group.add_subparsers(dest="staff_action", required=True)
    add = actions.add_parser("add", help="add a PA, manager or admin")
    add_common_options(add)
    add.add_argument("--name", required=True)
    add.add_argument(
        "--role", required=True, choices=[role.value for role in Role if role is not Role.LEAVER]
    )
    add.add_argument("--team", help="team name (created if new); required for PAs and managers")
    add.add_argument("--worker-id", help="the council's own id for this worker, used to match imports")
    add.set_defaults(handler=run_add)


def run_add(args: argparse.Namespace) -> int:
    if args.role in (Role.PA, Role.MANAGER) and not args.team:
        raise CommandError("a PA or manager needs --team")
    settings = settings_from(args)

    async def add() -> Staff:
        async with open_store(settings) as database, database.transaction() as tx:
            if args.worker_id and await staff.by_worker_id(tx, args.worker_id):
                raise CommandError(f"worker id {args.worker_id!r} is already in use")
            team = await teams.get_or_add(tx, args.team) if args.team else None
            try:
                member = Staff(
                    name=args.name,
                    role=Role(args.role),
                    team_id=team.id if team else None,
                    worker_id=args.worker_id,
                )
            except ValidationError as error:
                raise CommandError(error.errors()[0]["msg"]) from None
            return await staff.add(tx, member)

    member = asyncio.run(add())
    print(f"added {member.role.value} {member.name} with staff id {member.id}")
    print(f"next: carebot invite create --staff {member.id}")
    return 0
