"""Benchmark: the reminder sweep for 1k, 10k and 100k young people, and how it grows.

    python bench/sweep.py [--sizes 1000 10000 100000]    (or as part of python -m bench)

Each size is seeded with ``carebot seed`` into a temporary file (every staff member linked to Telegram,
so every reminder has a chat), then timed at fixed moments of a Monday in November:

- cold: the first sweep after the import; everyone is evaluated and every reminder due is queued.
- evaluate all: the rules and planning for everyone, writing nothing (what a sweep that did not keep a
  schedule would cost every minute).
- tick: the next minute, nothing changed.
- tick, 1% changed: after 1% of young people had a contact recorded.
- midnight: the first tick of the next day, when the day-based stages begin.
- digest tick: 08:30, the first batch of PAs' morning digests.

Figures are wall-clock seconds on whatever machine runs this; ratios between sizes show the growth.
"""

import argparse
import asyncio
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import AS_OF, Options, Row, copy_of, scratch, seeded, size_label
from bot.config import Settings
from bot.store import Database
from scheduler.sweep import plan_messages, sweep

EARLY = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday, before the digest time
COLUMNS = ("cold", "evaluate all", "tick", "tick, 1% changed", "midnight", "digest tick")


async def timed(label: str, work, figures: dict[str, str]) -> None:
    started = time.perf_counter()
    result = await work
    seconds = time.perf_counter() - started
    figures[label] = f"{seconds:7.3f} s ({result.evaluated} looked at, {len(result.messages)} new)"
    figures[label + " seconds"] = seconds


async def measure(path: Path, settings: Settings) -> dict:
    db = await Database.open(path)
    figures: dict = {}
    try:
        async with db.transaction() as tx:
            await tx.execute("UPDATE staff SET telegram_user_id = 100000 + id")
        await timed("cold", sweep(db, EARLY, settings), figures)
        await timed("evaluate all", plan_messages(db, EARLY, settings, everyone=True), figures)
        await timed("tick", sweep(db, EARLY + timedelta(minutes=1), settings), figures)
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO contacts (young_person_id, contacted_on, staff_id, method, in_person, source)"
                " SELECT id, ?, pa_id, 'phone', 0, 'cli' FROM young_people WHERE id % 100 = 0",
                (AS_OF,),
            )
        await timed("tick, 1% changed", sweep(db, EARLY + timedelta(minutes=2), settings), figures)
        midnight = datetime(2026, 11, 24, 0, 1, tzinfo=UTC)
        await timed("midnight", sweep(db, midnight, settings), figures)
        digest_time = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
        await timed("digest tick", sweep(db, digest_time, settings), figures)
    finally:
        await db.close()
    return figures


def measure_sizes(sizes: list[int], options: Options) -> dict[int, dict]:
    settings = Settings()
    results = {}
    for size in sizes:
        with scratch() as folder:
            path = copy_of(seeded(options, size), Path(folder))  # the sweep writes: a copy
            results[size] = asyncio.run(measure(path, settings))
    return results


def rows_for(options: Options) -> list[Row]:
    sizes = options.sizes([1000, 10000, 100000])
    results = measure_sizes(sizes, options)
    table = [
        Row("sweep", f"{label}, {size_label(size)}", results[size][label].strip())
        for size in sizes
        for label in COLUMNS
    ]
    if len(sizes) > 1:
        smallest, largest = sizes[0], sizes[-1]
        ratios = "; ".join(
            f"{label} x{results[largest][label + ' seconds'] / results[smallest][label + ' seconds']:.0f}"
            for label in COLUMNS
        )
        table.append(Row("sweep", f"growth {size_label(smallest)} to {size_label(largest)} (time)", ratios))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    results = measure_sizes(args.sizes, Options())
    for size in args.sizes:
        print(f"\n{size} young people")
        for label in COLUMNS:
            print(f"  {label:<18} {results[size][label]}")
    if len(args.sizes) > 1:
        print("\ngrowth (time ratio to the smallest size; size ratio in brackets)")
        smallest = args.sizes[0]
        for size in args.sizes[1:]:
            ratios = ", ".join(
                f"{label} x{results[size][label + ' seconds'] / results[smallest][label + ' seconds']:.1f}"
                for label in COLUMNS
            )
            print(f"  {size} (x{size // smallest}): {ratios}")


if __name__ == "__main__":
    main()
