"""``carebot``: the command line. Each subcommand lives in its own module under ``bot/commands``.

A subcommand's module is imported only when that subcommand runs: ``carebot --help`` lists the commands
from ``COMMANDS`` alone, and ``carebot summary`` never loads the Telegram library, the chart library or
the spreadsheet readers that other commands need. That keeps every command quick to start.
"""

import argparse
import importlib
import logging
import sys

from bot import logs

# Adding a subcommand is one line: its name, its module in bot/commands (which has ``register``), and the
# help line shown by ``carebot --help`` (the module's own help for it must say the same: a test checks).
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("run", "run the bot"),
    "db": ("db", "database maintenance"),
    "staff": ("staff", "manage staff"),
    "invite": ("invite", "invite links"),
    "person": ("person", "a young person's data: export it, or erase it"),
    "audit": ("audit", "read the audit log (who read or changed whose record)"),
    "seed": ("seed", "create a synthetic service for demos, tests and benchmarks"),
    "deadlines": ("deadlines", "print every open deadline at a given time"),
    "reminders": ("reminders", "print every planned message at a time: queued, new, and waiting to be sent"),
    "import": ("import_", "import the caseload from Annex A, SSD, SSDA903 or CSV files"),
    "content": ("content", "the council's content (offer, passport, help, contacts)"),
    "demo": ("demo", "try the bot offline in a web browser (no token needed)"),
    "summary": ("summary", "caseloads, deadlines, RHIs and outcomes for managers"),
}


def command_module(name: str):
    """The module that registers and runs subcommand ``name``."""
    return importlib.import_module(f"bot.commands.{COMMANDS[name][0]}")


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser for the subcommand ``argv`` names; every other subcommand is only listed."""
    top = argparse.ArgumentParser(prog="carebot", description="A Telegram bot for a leaving-care service.")
    subparsers = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # The top level has no options of its own except --help, so the first word that is not an option is
    # the subcommand.
    chosen = next((word for word in argv or [] if not word.startswith("-")), None)
    for name, (_, help_line) in COMMANDS.items():
        if name == chosen:
            command_module(name).register(subparsers)
        else:
            subparsers.add_parser(name, help=help_line)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(argv).parse_args(argv)
    # Imported after parsing: --help and a mistyped command need neither settings nor the store.
    from bot.commands.common import CommandError, owner_only_files
    from bot.config import ConfigError

    try:
        logs.configure(logging.INFO if args.command == "run" else logging.WARNING)
        with owner_only_files():
            return args.handler(args)
    except (ConfigError, CommandError) as error:
        print(logs.REDACTOR(f"carebot: {error}"), file=sys.stderr)
        return 2 if isinstance(error, ConfigError) else 1


if __name__ == "__main__":
    raise SystemExit(main())
