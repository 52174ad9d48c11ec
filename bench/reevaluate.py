"""Re-evaluate every young person's deadlines, as the sweep's daily look at everyone and the managers'
figures do, and print how long each round took.

    python bench/reevaluate.py DATABASE NOW ROUNDS

One process, timed inside it (start-up is not counted): reading the facts, running the rules for
everyone, and sorting the open deadlines. It runs on whichever checkout is on ``PYTHONPATH`` (the code
before a change too), so it calls only ``bot.services.deadlines.open_dues``, which both have.
Prints JSON: {"seconds": [...], "deadlines": N}.
"""

import asyncio
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from bot.config import Settings
from bot.services.deadlines import open_dues
from bot.store import Database


async def main(path: Path, now: datetime, rounds: int) -> dict:
    settings = Settings.model_validate({"database": {"path": path}})
    database = await Database.open(path)
    try:
        seconds, found = [], 0
        for _ in range(rounds):
            started = time.perf_counter()
            found = len(await open_dues(database, now, settings))
            seconds.append(time.perf_counter() - started)
        return {"seconds": seconds, "deadlines": found}
    finally:
        await database.close()


if __name__ == "__main__":
    database, now, rounds = Path(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(asyncio.run(main(database, now, rounds))))
