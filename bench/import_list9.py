"""Benchmark: import a generated 10,000-row Annex A List 9 workbook (17 columns, Excel date cells).

Prints the time to write the workbook, to import it into a new database (read, plan and apply in one
transaction), to import it again (nothing changes), and the peak memory: Python allocations during the
import (tracemalloc) and the process's maximum resident set size.

    python bench/import_list9.py [--rows 10000] [--json]    (or as part of python -m bench)

As part of ``python -m bench`` it runs in a process of its own, so the process's peak memory is the
import's alone.
"""

import argparse
import asyncio
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Options, Row, checked, run_process
from bot.models import Role, Staff, Team
from bot.services.imports import run_import
from bot.store import Database, staff, teams

AS_OF = date(2026, 11, 23)
HEADERS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age",
    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
    "Does the Child have a Disability",
    "Allocated Team",
    "Allocated Worker",
    "Allocated Personal Advisor",
    "Eligibility Category",
    "Latest Pathway Plan Review Date",
    "LA in Touch",
    "Latest Date of Contact",
    "Type of Accommodation",
    "Suitability of Accommodation",
    "Activity Status",
]
CATEGORIES = ["a) Relevant child", "b) Former relevant child", "c) Qualifying care leaver", "FR"]
IN_TOUCH = ["a) Yes", "a) Yes", "a) Yes", "b) No", "d) Refu", "01 - Yes, resident in the UK"]
ACCOMMODATION = ["U: Independent living", "D: Semi-independent, transitional accommodation", "Z1", "E"]
ACTIVITY = ["F1: Full time in higher education", "G5", "F5", "P2: Part time in education other than higher"]
PAS, TEAMS = 450, 25


def write_workbook(path: Path, rows: int) -> None:
    rng = random.Random(7)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_cell = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("List 9")
    sheet.write_row(0, 0, HEADERS)
    for row in range(1, rows + 1):
        born = AS_OF - timedelta(days=rng.randint(16 * 366, 25 * 365))
        pa = rng.randrange(PAS)
        cells = [
            1_000_000 + row,
            "a) Male",
            "a) WBRI",
            born,
            (AS_OF - born).days / 365.25,
            "b) No",
            "b) No",
            f"Pathways {pa % TEAMS:02d}",
            f"Worker {pa:03d}",
            f"PA{pa:04d}",
            "b) Former relevant child" if (AS_OF - born).days > 18 * 366 else rng.choice(CATEGORIES[:1]),
            AS_OF - timedelta(days=rng.randint(0, 200)),
            rng.choice(IN_TOUCH),
            AS_OF - timedelta(days=rng.randint(0, 120)),
            rng.choice(ACCOMMODATION),
            "a) Suitable",
            rng.choice(ACTIVITY),
        ]
        for column, value in enumerate(cells):
            if isinstance(value, date):
                sheet.write_datetime(row, column, datetime.combine(value, datetime.min.time()), date_cell)
            else:
                sheet.write(row, column, value)
    book.close()


async def add_staff(db: Database) -> None:
    async with db.transaction() as tx:
        team_ids = [(await teams.add(tx, Team(name=f"Pathways {t:02d}"))).id for t in range(TEAMS)]
        for pa in range(PAS):
            member = Staff(
                name=f"PA {pa}", role=Role.PA, team_id=team_ids[pa % TEAMS], worker_id=f"PA{pa:04d}"
            )
            await staff.add(tx, member)


async def import_into_new_database(
    folder: Path, name: str, book: Path, content: bytes, *, again: bool = False
):
    db = await Database.open(folder / name)
    try:
        await add_staff(db)
        tz, now = ZoneInfo("Europe/London"), datetime(2026, 11, 23, 10, tzinfo=UTC)
        timings = []
        for _ in range(2 if again else 1):
            started = time.perf_counter()
            outcome = await run_import(db, [(book.name, content)], as_of=AS_OF, tz=tz, now=now)
            timings.append((time.perf_counter() - started, outcome))
        return timings
    finally:
        await db.close()


async def measure(rows: int) -> dict:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        book = folder / "annex_a.xlsx"
        started = time.perf_counter()
        write_workbook(book, rows)
        written = time.perf_counter() - started
        content = book.read_bytes()
        (imported, first), (again, second) = await import_into_new_database(
            folder, "timed.sqlite3", book, content, again=True
        )
        # Memory is measured in a separate run: tracing allocations slows Python down several times.
        tracemalloc.start()
        await import_into_new_database(folder, "traced.sqlite3", book, content)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert first.applied and first.plan.count("new") == rows, first.plan.problems[:3]
    assert second.plan.count("unchanged") == rows
    return {
        "rows": rows,
        "workbook_mb": len(content) / 2**20,
        "written": written,
        "first": imported,
        "again": again,
        "traced_mb": peak / 2**20,
        "process_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def rows_for(options: Options) -> list[Row]:
    size = 200 if options.quick else 10_000
    argv = [sys.executable, "-m", "bench.import_list9", "--rows", str(size), "--json"]
    found = json.loads(checked(run_process(argv), "import_list9").stdout)
    where = f"List 9 workbook of {size:,} rows"
    return [
        Row("import", f"first import, {where}", f"{found['first']:.2f} s"),
        Row("import", f"same file again (nothing changes), {where}", f"{found['again']:.2f} s"),
        Row(
            "import",
            f"memory, {where}",
            f"{found['traced_mb']:.1f} MB Python allocations, {found['process_mb']:.0f} MB process peak",
        ),
    ]


def main(rows: int, as_json: bool) -> None:
    found = asyncio.run(measure(rows))
    if as_json:
        print(json.dumps(found))
        return
    print(f"List 9 workbook: {rows} rows, {found['workbook_mb']:.1f} MB, written in {found['written']:.2f} s")
    print(f"first import (read, plan, apply {rows} new with contacts and reviews): {found['first']:.2f} s")
    print(f"second import (same file, nothing changes): {found['again']:.2f} s")
    print(f"peak Python allocations during an import: {found['traced_mb']:.1f} MB")
    print(f"process peak resident memory: {found['process_mb']:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    main(arguments.rows, arguments.json)
