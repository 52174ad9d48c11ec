"""How long ``/summary``'s service takes: one team of 2,000 young people, and every team of 100,000.

    python -m bench.summary [--rounds N] [--workdir DIR]    (or as part of python -m bench)

Seeds two synthetic services with ``carebot seed`` (kept in --workdir and reused on the next run),
gathers the 2,000 into one team (in a copy), then times ``bot.services.summary.summary_for`` as a manager
and as an admin would call it (role check, audit row, every figure including the deadline rules). Prints
the median and the spread, and how much of it the deadline rules alone take (``open_dues``, shared with
the sweep).
Targets: under 200 ms for the team, under 2 s for the whole service.
"""

import argparse
import asyncio
import sqlite3
import statistics
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import Options, Row, copy_of, scratch, seeded
from bot.config import Settings
from bot.models import Role
from bot.services.deadlines import open_dues
from bot.services.identity import Identity
from bot.services.summary import summary_for
from bot.store import Database, staff

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def one_team(path: Path) -> None:
    """Put every young person and PA of a small seeded service into team 1."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE young_people SET team_id = 1")
        connection.execute("UPDATE staff SET team_id = 1 WHERE role IN ('pa', 'manager')")


async def time_summary(path: Path, role: Role, rounds: int) -> tuple[list[float], list[float], int]:
    settings = Settings.model_validate({"database": {"path": path}})
    database = await Database.open(path)
    try:
        member = next(item for item in await staff.all_staff(database.reader) if item.role is role)
        identity = Identity(telegram_user_id=1, role=role, staff=member)
        times, rules = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            summary = await summary_for(database, identity, NOW, settings)
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            await open_dues(database, NOW, settings, team_id=summary.scope.team_id)
            rules.append(time.perf_counter() - started)
        return times, rules, summary.caseloads.young_people
    finally:
        await database.close()


def figures(options: Options, rounds: int) -> list[tuple[str, list[float], list[float], int, float]]:
    """(label, times, rules' times, young people, target in ms) for one team and for every team."""
    team_size, service_size = (200, 200) if options.quick else (2_000, 100_000)
    found = []
    with scratch() as folder:
        team_db = copy_of(seeded(options, team_size), Path(folder))
        one_team(team_db)
        found.append(("one team (manager)", *asyncio.run(time_summary(team_db, Role.MANAGER, rounds)), 200))
        service_db = copy_of(seeded(options, service_size), Path(folder))  # the summary audits: a copy
        found.append(("every team (admin)", *asyncio.run(time_summary(service_db, Role.ADMIN, rounds)), 2000))
    return found


def report(label: str, times: list[float], rules: list[float], young_people: int, target_ms: float) -> None:
    median = statistics.median(times) * 1000
    print(
        f"{label}: {young_people} young people, median {median:.0f} ms over {len(times)} runs "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); target {target_ms:.0f} ms; "
        f"of which the deadline rules alone: median {statistics.median(rules) * 1000:.0f} ms"
    )


def rows_for(options: Options) -> list[Row]:
    table = []
    for label, times, rules, young_people, target_ms in figures(options, max(options.rounds, 3)):
        median = statistics.median(times) * 1000
        row = Row("summary", f"summary service, {label}, {young_people:,} young people", f"{median:.0f} ms")
        row.note = f"deadline rules alone {statistics.median(rules) * 1000:.0f} ms; in one process, warm"
        if not options.quick:
            row.target, row.met = f"< {target_ms:,} ms", median < target_ms
        table.append(row)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Options().workdir)
    args = parser.parse_args()
    for found in figures(Options(workdir=args.workdir), args.rounds):
        report(*found)


if __name__ == "__main__":
    main()
