"""``carebot deadlines``: every open deadline at a given time, for checking and auditing the rules.

A whole service has hundreds of thousands of open deadlines, so lines are written as they are made, from
the rules' light form, and each repeated piece (a kind, a rule, a PA, a due day) is formatted once.
"""

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.services.deadlines import open_dues
from bot.store import staff
from scheduler.rules import Due

LINES_A_WRITE = 8192


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("deadlines", help="print every open deadline at a given time")
    add_common_options(command)
    add_now_option(command)
    command.add_argument("--json", action="store_true", help="one JSON object a line")
    command.set_defaults(handler=run_deadlines)


def add_now_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--now",
        help="ISO 8601 time to ask about (default: now); without an offset it is the service's local time",
    )


def parse_now(value: str | None, tz: ZoneInfo) -> datetime:
    if value is None:
        return system_clock()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now {value!r} is not an ISO 8601 time, e.g. 2026-11-23T09:00+00:00") from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def run_deadlines(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    tz = settings.service.tz
    now = parse_now(args.now, tz)

    async def collect() -> tuple[list[Due], dict[int, str]]:
        async with open_store(settings) as database:
            return await open_dues(database, now, settings), await staff.worker_labels(database.reader)

    found, pa_labels = asyncio.run(collect())
    lines = (json_lines if args.json else text_lines)(found, tz, pa_labels)
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == LINES_A_WRITE:
            sys.stdout.writelines(batch)
            batch.clear()
    sys.stdout.writelines(batch)
    return 0


class _Formatted(dict):
    """Each distinct value formatted once (see the module's docstring)."""

    def __init__(self, form: Callable) -> None:
        super().__init__()
        self._form = form

    def __missing__(self, key: object) -> str:
        text = self[key] = self._form(key)
        return text


def json_lines(found: Iterable[Due], tz: ZoneInfo, pa_labels: dict[int, str]) -> Iterator[str]:
    """One JSON object a line, byte for byte as ``json.dumps`` writes the row (kind, case_ref, pa,
    due_at, status, rule)."""
    quoted = _Formatted(json.dumps)  # kinds, statuses and rules: a few dozen strings in all
    due = _Formatted(lambda due_at: json.dumps(due_at.astimezone(tz).isoformat()))
    pa = _Formatted(lambda pa_id: json.dumps(pa_labels.get(pa_id) if pa_id is not None else None))
    for item in found:
        yield (
            f'{{"kind": {quoted[item.kind.value]}, "case_ref": {json.dumps(item.person.case_ref)}, '
            f'"pa": {pa[item.person.pa_id]}, "due_at": {due[item.due_at]}, '
            f'"status": {quoted[item.status.value]}, "rule": {quoted[item.rule]}}}\n'
        )


def text_lines(found: Iterable[Due], tz: ZoneInfo, pa_labels: dict[int, str]) -> Iterator[str]:
    due = _Formatted(lambda due_at: due_at.astimezone(tz).isoformat())
    for item in found:
        pa = pa_labels.get(item.person.pa_id) if item.person.pa_id is not None else None
        yield (
            f"{due[item.due_at]}  {item.status.value:<8} {item.kind.value:<16} {item.person.case_ref:<10} "
            f"pa={pa or '-'}  {item.rule}\n"
        )
