"""A light process: how fast ``carebot`` starts, and the running bot's memory with 100,000 young people.

    python -m bench.process [--quick] [--before REF]

- ``carebot --help``, as a whole process (target under 0.5 s).
- ``carebot run`` against the local Bot API stand-in (``bot/localapi/``), on a seeded service, with the
  tick every second: the time from starting the process to its first ``getUpdates`` (target under 1.5 s),
  and its peak resident memory while it runs (target under 150 MB), in two states of the service:
  - *steady*: everyone has been looked at by the reminder sweep before (the bot's normal day);
  - *go-live*: nobody has been looked at yet (the first start after importing everyone), so the first
    tick evaluates the whole service at once.
"""

import asyncio
import sqlite3
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import (
    Options,
    Row,
    Spread,
    carebot,
    carebot_run,
    checked,
    copy_of,
    run_process,
    scratch,
    seeded,
    size_label,
)

BENCH = "process"
HELP_SECONDS, FIRST_POLL_SECONDS, RUNNING_MB = 0.5, 1.5, 150
SIZE, QUICK_SIZE = 100_000, 200
TOKEN = "123456:BENCH"
TICKS_AFTER_START = 5  # ticks (one a second) watched once the first sweep has looked at everyone


def _help_rows(options: Options) -> list[Row]:
    found = {}
    for label, tree in options.trees():
        spread = Spread()
        for _ in range(max(options.rounds, 3)):
            spread.values.append(checked(run_process(carebot("--help"), tree=tree), "carebot --help").seconds)
        found[label] = spread
    row = Row(BENCH, "carebot --help", found["after"].seconds(), f"< {HELP_SECONDS} s")
    row.met = found["after"].median < HELP_SECONDS
    row.before = found["before"].seconds() if "before" in found else ""
    return [row]


async def _sweep_everyone(database: Path) -> None:
    """Let the reminder sweep look at everyone once, as a running bot would have by now."""
    from bot.config import Settings
    from bot.store import Database
    from scheduler.sweep import sweep

    settings = Settings.model_validate({"database": {"path": database}})
    store = await Database.open(database)
    try:
        await sweep(store, datetime.now(UTC), settings)
    finally:
        await store.close()


def _not_yet_looked_at(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection, connection:
        [(count,)] = connection.execute("SELECT COUNT(*) FROM sweep_schedule WHERE next_at = ''").fetchall()
    return count


def _memory_mb(pid: int) -> tuple[float, float]:
    """(now, peak) resident memory of a running process, in MB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def _run_bot(database: Path, tree: Path, watch_seconds: float) -> dict:
    """Start ``carebot run`` on ``database`` against the stand-in; time its first poll and watch memory
    until the sweep has looked at everyone and a few more ticks have run."""
    from bot.localapi import LocalBotApi

    first_poll: list[float] = []

    class Watched(LocalBotApi):
        async def _bot_call(self, request):
            if request.match_info["method"].lower() == "getupdates" and not first_poll:
                first_poll.append(time.perf_counter())
            return await super()._bot_call(request)

    async with Watched(TOKEN) as server:
        started = time.perf_counter()
        async with carebot_run(tree, database, server, TOKEN) as running:
            bot = running.process
            deadline = started + 120
            while not first_poll or _not_yet_looked_at(database):
                if bot.returncode is not None or time.perf_counter() > deadline:
                    raise RuntimeError("the bot stopped or stalled")
                await asyncio.sleep(0.05)
            looked_at_all = time.perf_counter() - started
            await asyncio.sleep(watch_seconds)
            rss, peak = _memory_mb(bot.pid)
    return {"first_poll": first_poll[0] - started, "everyone": looked_at_all, "rss": rss, "peak": peak}


def _bot_rows(options: Options) -> list[Row]:
    size = QUICK_SIZE if options.quick else SIZE
    rows = []
    with scratch() as folder:
        for state in ("steady", "go-live"):
            found: dict[str, list[dict]] = {}
            for _ in range(options.rounds):
                for label, tree in options.trees():
                    database = copy_of(seeded(options, size), Path(folder))
                    if state == "steady":
                        asyncio.run(_sweep_everyone(database))
                    watch = 1 if options.quick else TICKS_AFTER_START
                    found.setdefault(label, []).append(asyncio.run(_run_bot(database, tree, watch)))
            rows += _state_rows(state, size, found, options)
    return rows


def _state_rows(state: str, size: int, found: dict[str, list[dict]], options: Options) -> list[Row]:
    def figures(label: str) -> tuple[Spread, float, float]:
        runs = found[label]
        return (
            Spread([run["first_poll"] for run in runs]),
            max(run["peak"] for run in runs),
            max(run["rss"] for run in runs),
        )

    poll, peak, rss = figures("after")
    where = f"{size_label(size)} young people, {state}"
    poll_row = Row(BENCH, f"carebot run: start to first getUpdates, {where}", poll.seconds())
    memory = f"{peak:.0f} MB peak, {rss:.0f} MB at the end"
    memory_row = Row(BENCH, f"carebot run: peak memory, {where}", memory)
    if not options.quick:
        poll_row.target, poll_row.met = f"< {FIRST_POLL_SECONDS} s", poll.median < FIRST_POLL_SECONDS
        memory_row.target, memory_row.met = f"< {RUNNING_MB} MB", peak < RUNNING_MB
    if "before" in found:
        before_poll, before_peak, before_rss = figures("before")
        poll_row.before = before_poll.seconds()
        memory_row.before = f"{before_peak:.0f} MB peak, {before_rss:.0f} MB at the end"
    if state == "go-live":
        everyone = max(run["everyone"] for run in found["after"])
        memory_row.note = f"the sweep had looked at everyone {everyone:.1f} s after start"
    return [poll_row, memory_row]


def rows_for(options: Options) -> list[Row]:
    return _help_rows(options) + _bot_rows(options)


if __name__ == "__main__":
    from bench.__main__ import main

    main(["--only", BENCH, *sys.argv[1:]])
