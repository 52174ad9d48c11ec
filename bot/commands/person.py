"""``carebot person export REF`` and ``carebot person erase REF``: a young person's data rights.

See ``bot.services.person_data`` for what is exported, what erasing removes and what it keeps.
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, confirmed, open_store, settings_from
from bot.services import person_data


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("person", help="a young person's data: export it, or erase it")
    actions = group.add_subparsers(dest="person_action", required=True)
    export = actions.add_parser(
        "export", help="everything held about a young person, as JSON (for a subject access request)"
    )
    add_common_options(export)
    export.add_argument("case_ref", metavar="REF", help="the young person's case reference")
    export.add_argument("--out", type=Path, help="write to this new file (owner-only) instead of the screen")
    export.set_defaults(handler=run_export)

    erase = actions.add_parser(
        "erase", help="erase a young person's record, keeping only their case reference and the audit log"
    )
    add_common_options(erase)
    erase.add_argument("case_ref", metavar="REF", help="the young person's case reference")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(handler=run_erase)


def run_export(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.out is not None and args.out.exists():
        raise CommandError(f"{args.out} already exists: choose a new name")

    async def export() -> dict:
        async with open_store(settings) as database:
            try:
                return await person_data.export(database, args.case_ref, now=system_clock())
            except person_data.PersonNotFound as error:
                raise CommandError(str(error)) from None

    text = json.dumps(asyncio.run(export()), indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote everything held about {args.case_ref} to {args.out}")
    return 0


def run_erase(args: argparse.Namespace) -> int:
    settings = settings_from(args)

    async def erase() -> person_data.Erased | None:
        async with open_store(settings) as database:
            try:
                counts = await person_data.what_erasing_removes(database, args.case_ref)
                listed = ", ".join(
                    f"{count} {name.replace('_', ' ')}" for name, count in counts.items() if count
                )
                question = (
                    f"Erase the record of {args.case_ref} and everything about it"
                    f" ({listed or 'nothing else'})? Only the case reference and the audit log are kept;"
                    " their feedback stays, unlinked, in the team's counts. This cannot be undone."
                )
                if not confirmed(question, assume_yes=args.yes):
                    return None
                return await person_data.erase(database, args.case_ref, now=system_clock())
            except person_data.PersonNotFound as error:
                raise CommandError(str(error)) from None

    erased = asyncio.run(erase())
    if erased is None:
        print("nothing erased", file=sys.stderr)
        return 1
    print(f"erased the record of {erased.case_ref}; its audit rows now point at tombstone {erased.tombstone}")
    return 0
