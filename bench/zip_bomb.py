"""Benchmark: the memory ``carebot import`` takes for a zip bomb, refused and (with the cap raised) opened.

    python bench/zip_bomb.py [--unpacked-mb 300]

A workbook a megabyte or so in size that unpacks to ``--unpacked-mb`` MB of cells is imported with
``--dry-run``, each time in a new process, and the process's peak resident memory is reported:

- baseline: a one-row caseload file, for what the command needs anyway;
- refused: the bomb with the default caps (``imports.max_unpacked_mb``), checked before opening;
- opened: the bomb with the cap raised above it, which is what any import did before the cap.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.workbooks import inflated, workbook

HEADERS = ["Child Unique ID", "Date of Birth", "Eligibility"]


def peak_memory(file: Path, folder: Path, **env: str) -> str:
    """Run one import in a child process; its peak RSS (the child's own), time and first report line."""
    script = (
        "import resource, subprocess, sys;"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "print(done.stdout.splitlines()[1] if len(done.stdout.splitlines()) > 1 else done.stdout)"
    )
    command = [
        sys.executable,
        "-m",
        "bot",
        "import",
        str(file),
        "--dry-run",
        "--db",
        str(folder / "db.sqlite3"),
    ]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    seconds = time.perf_counter() - started
    kilobytes, first_line = done.stdout.split("\n", 1)
    return f"{int(kilobytes) / 1024:6.0f} MB peak, {seconds:5.1f} s: {first_line.strip()[:110]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unpacked-mb", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small = workbook({"List 9": [HEADERS, ["CL1", "01/01/2008", "b) Former relevant"]]})
        (folder / "small.xlsx").write_bytes(small)
        bomb = folder / "bomb.xlsx"
        bomb.write_bytes(inflated(small, args.unpacked_mb * 2**20))
        print(f"bomb: {bomb.stat().st_size / 2**10:.0f} KB zipped, {args.unpacked_mb} MB unpacked")
        print("baseline:", peak_memory(folder / "small.xlsx", folder))
        print("refused: ", peak_memory(bomb, folder))
        raised = str(args.unpacked_mb * 2)
        print("opened:  ", peak_memory(bomb, folder, CAREBOT_IMPORTS__MAX_UNPACKED_MB=raised))


if __name__ == "__main__":
    main()
