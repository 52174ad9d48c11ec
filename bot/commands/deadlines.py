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
from json.encoder import encode_basestring_ascii
from zoneinfo import ZoneInfo

from bot.bulk import collector_paused
from bot.clock import system_clock
from bot.commands.common import CommandError, add_common_options, open_store, settings_from
from bot.services.deadlines import open_dues
from bot.store import staff
from scheduler.rules import Due

LINES_A_WRITE = 8192
# What json.dumps calls for a string (ensure_ascii is its default), without its checks around it.
_json_string = encode_basestring_ascii


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

    with collector_paused():  # hundreds of thousands of deadlines are alive until the last line is out
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
    # Kinds and statuses are looked up by member, not by .value: a dict finds a str-based member by the
    # string's own hash, while .value is a Python-level property (a fifth of the formatting time).
    kinds = _Formatted(lambda kind: json.dumps(kind.value))
    statuses = _Formatted(lambda status: json.dumps(status.value))
    rules = _Formatted(json.dumps)  # a few dozen distinct rules
    due = _Formatted(lambda due_at: json.dumps(due_at.astimezone(tz).isoformat()))
    pa = _Formatted(lambda pa_id: json.dumps(pa_labels.get(pa_id) if pa_id is not None else None))
    for item in found:
        yield (
            f'{{"kind": {kinds[item.kind]}, "case_ref": {_json_string(item.person.case_ref)}, '
            f'"pa": {pa[item.person.pa_id]}, "due_at": {due[item.due_at]}, '
            f'"status": {statuses[item.status]}, "rule": {rules[item.rule]}}}\n'
        )


def text_lines(found: Iterable[Due], tz: ZoneInfo, pa_labels: dict[int, str]) -> Iterator[str]:
    due = _Formatted(lambda due_at: due_at.astimezone(tz).isoformat())
    for item in found:
        pa = pa_labels.get(item.person.pa_id) if item.person.pa_id is not None else None
        yield (
            f"{due[item.due_at]}  {item.status.value:<8} {item.kind.value:<16} {item.person.case_ref:<10} "
            f"pa={pa or '-'}  {item.rule}\n"
        )
