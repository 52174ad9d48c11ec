"""``carebot audit``: who read or changed whose record, newest last, as tab-separated lines."""

import argparse
import asyncio
from datetime import date, datetime, time

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.services import audit_trail
from bot.store.audit import AuditLine

COLUMNS = ("when", "who", "action", "case", "detail")


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("audit", help="read the audit log (who read or changed whose record)")
    add_common_options(command)
    command.add_argument(
        "--case", metavar="REF", help="only rows about this case reference (erased ones too)"
    )
    command.add_argument("--staff", type=int, metavar="ID", help="only rows by this staff id")
    command.add_argument(
        "--since", type=date.fromisoformat, metavar="DATE", help="from this day on (YYYY-MM-DD)"
    )
    command.add_argument(
        "--limit", type=int, default=1000, help="at most this many, the newest (default 1000)"
    )
    command.set_defaults(handler=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    settings = settings_from(args)
    tz = settings.service.tz
    since = datetime.combine(args.since, time(0), tzinfo=tz) if args.since else None

    async def read() -> tuple[list[AuditLine], bool]:
        async with open_store(settings) as database:
            return await audit_trail.read(
                database,
                case_ref=args.case,
                staff_id=args.staff,
                since=since,
                limit=args.limit,
                now=system_clock(),
            )

    lines, more = asyncio.run(read())
    if more:
        print(
            f"# only the newest {args.limit} rows: narrow with --since, --case or --staff, or raise --limit"
        )
    print("\t".join(COLUMNS))
    for line in lines:
        entry = line.entry
        who = entry.actor_role
        if entry.actor_staff_id is not None:
            who = f"{entry.actor_role} #{entry.actor_staff_id} {line.staff_name or ''}".rstrip()
        case = f"{line.case_ref} (erased)" if line.erased else (line.case_ref or "")
        when = entry.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        print("\t".join((when, who, entry.action, case, entry.detail or "")))
    return 0
