"""``carebot import``: load the caseload from Annex A, SSD exports, SSDA903 tables or our own CSV."""

import argparse
import asyncio
from datetime import date
from pathlib import Path

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.imports.parse import Format
from bot.imports.readers import ReadLimits
from bot.services import import_report
from bot.services.imports import ImportOutcome, run_import


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "import",
        help="import the caseload from Annex A, SSD, SSDA903 or CSV files",
        description="Import the caseload. Nothing is written if any row has a problem.",
    )
    add_common_options(command)
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".xlsx, .xls, .ods or .csv")
    command.add_argument(
        "--format", choices=[fmt.value for fmt in Format], default=Format.AUTO.value, help="default: auto"
    )
    command.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    command.add_argument("--as-of", type=date.fromisoformat, help="the day the files describe (YYYY-MM-DD)")
    command.add_argument(
        "--close-missing",
        action="store_true",
        help="mark young people who are not in the caseload file as having left the service",
    )
    command.set_defaults(handler=run_import_command)


def run_import_command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    caps = settings.imports
    limits = ReadLimits.in_megabytes(caps.max_file_mb, caps.max_unpacked_mb)
    files = []
    for path in args.files:
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        if (size := path.stat().st_size) > limits.max_file_bytes:
            raise CommandError(
                f"{path} is {size / 2**20:.1f} MB, more than the {caps.max_file_mb} MB this service imports"
                " (imports.max_file_mb)"
            )
        files.append((path.name, path.read_bytes()))
    now = system_clock()
    tz = settings.service.tz
    as_of = args.as_of or now.astimezone(tz).date()

    async def go() -> ImportOutcome:
        async with open_store(settings) as database:
            return await run_import(
                database,
                files,
                fmt=Format(args.format),
                as_of=as_of,
                tz=tz,
                now=now,
                dry_run=args.dry_run,
                close_missing=args.close_missing,
                limits=limits,
            )

    outcome = asyncio.run(go())
    print(import_report.render(outcome.plan, applied=outcome.applied))
    return 0 if outcome.plan.ok else 1
