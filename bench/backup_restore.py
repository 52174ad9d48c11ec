"""Benchmark: ``carebot db backup`` and ``carebot db restore`` for 1k, 10k and 100k young people.

    python bench/backup_restore.py [--sizes 1000 10000]

Each size is seeded with ``carebot seed`` into a temporary file, then the command line is timed as an
administrator would run it (a new process each time, so start-up is included, and the copy itself as
the command reports it): a backup, then a restore
of that backup over a database whose first page has been destroyed. The restore is checked to give back
exactly the rows that were backed up. Figures are wall-clock seconds on whatever machine runs this.
"""

import argparse
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2026-11-23"


def carebot(*args: str) -> str:
    """The command's wall-clock time, and the copy's own time as the command reports it."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", *args], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    copy = re.search(r" in (\d+\.\d+) s", done.stdout)
    return f"{wall:5.2f} s" + (f" (copying {copy.group(1)} s)" if copy else "")


def rows(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def measure(folder: Path, leavers: int) -> str:
    database, saved = folder / f"live-{leavers}.sqlite3", folder / f"backup-{leavers}.sqlite3"
    carebot("seed", "--db", str(database), "--leavers", str(leavers), "--as-of", AS_OF)
    backed_up = carebot("db", "backup", "--db", str(database), str(saved))
    kept = rows(saved)
    with open(database, "r+b") as broken:
        broken.write(b"\x00" * 4096)
    restored = carebot("db", "restore", "--db", str(database), str(saved), "--yes")
    assert rows(database) == kept, "the restore gave back something else"
    size = database.stat().st_size / 2**20
    return f"{leavers:>7} young people, {size:5.1f} MB: backup {backed_up}, restore {restored}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for leavers in args.sizes:
            print(measure(Path(folder), leavers), flush=True)


if __name__ == "__main__":
    main()
