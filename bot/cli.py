"""``carebot``: the command line. Each subcommand lives in its own module under ``bot/commands``."""

import argparse
import logging
import sys

from bot import logs
from bot.commands import (
    audit,
    content,
    db,
    deadlines,
    demo,
    import_,
    invite,
    person,
    reminders,
    run,
    seed,
    staff,
    summary,
)
from bot.commands.common import CommandError, owner_only_files
from bot.config import ConfigError

COMMAND_MODULES = (
    run,
    db,
    staff,
    invite,
    person,
    audit,
    seed,
    deadlines,
    reminders,
    import_,
    content,
    demo,
    summary,
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="carebot", description="A Telegram bot for a leaving-care service.")
    subparsers = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        logs.configure(logging.INFO if args.command == "run" else logging.WARNING)
        with owner_only_files():
            return args.handler(args)
    except (ConfigError, CommandError) as error:
        print(logs.REDACTOR(f"carebot: {error}"), file=sys.stderr)
        return 2 if isinstance(error, ConfigError) else 1


if __name__ == "__main__":
    raise SystemExit(main())
