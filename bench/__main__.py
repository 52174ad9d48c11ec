"""Every benchmark in one run, and one table of figures, targets and ratios.

    python -m bench [--quick] [--before REF] [--only NAME ...] [--rounds N] [--profile]

``--quick`` runs each benchmark at a tiny size (a smoke test: the figures mean nothing). ``--before REF``
also runs the whole-process steps on the code at git ``REF`` (for example the commit a change started
from), on the same data in the same run, and checks that the commands' output is unchanged.
``--profile`` ends with a profile of the slowest path (``bench.profile``).

Each benchmark is a module in this folder with ``rows_for(options) -> list[Row]`` (see ``bench.harness``);
adding one is adding its name to ``BENCHES``. A module without ``rows_for`` is run as ``python -m
bench.<name>`` and its own output printed as it is. Each also runs on its own: ``python -m bench.<name>``.
"""

import argparse
import importlib
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import ROOT, Options, Row, load, machine

# "understanding" (how well typed messages are understood) has no rows: its own report is printed.
BENCHES = (
    "figures",
    "process",
    "dispatch",
    "updates",
    "sweep",
    "summary",
    "import_list9",
    "leaver_text",
    "understanding",
)


def checkout(ref: str, folder: Path) -> Path:
    """The code at git ``ref``, unpacked into ``folder``."""
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def table(rows: list[Row], with_before: bool) -> str:
    """The rows as a Markdown table (the README keeps the latest)."""
    heads = ["benchmark", "step", "figure"] + (["before"] if with_before else []) + ["target", "met", "note"]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        cells = [row.bench, row.step, row.figure] + ([row.before] if with_before else [])
        lines.append("| " + " | ".join([*cells, row.target, met, row.note]) + " |")
    return "\n".join(lines)


def run_one(name: str, options: Options) -> list[Row]:
    module = importlib.import_module(f"bench.{name}")
    if hasattr(module, "rows_for"):
        return module.rows_for(options)
    output = subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=ROOT, capture_output=True, text=True)
    print(f"\n== bench.{name} ==\n{output.stdout}{output.stderr}", flush=True)
    if output.returncode != 0:
        raise RuntimeError(f"bench.{name} failed with status {output.returncode}")
    return []


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test, not figures")
    parser.add_argument("--before", metavar="REF", help="also run the code at this git commit or branch")
    parser.add_argument("--only", nargs="+", choices=BENCHES, help="run only these benchmarks")
    parser.add_argument("--rounds", type=int, help="times each timed step runs (default 3; 1 with --quick)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench-data", help="seeded services kept here")
    parser.add_argument("--profile", action="store_true", help="end with a profile of the slowest path")
    args = parser.parse_args(argv)
    names = [name for name in args.only or BENCHES if importlib.util.find_spec(f"bench.{name}")]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="carebot-before-") as folder:
        before = checkout(args.before, Path(folder)) if args.before else None
        rounds = args.rounds or (1 if args.quick else 3)
        options = Options(quick=args.quick, workdir=args.workdir, before=before, rounds=rounds)
        print(f"{machine()}; at start: {load()}", flush=True)
        started = time.perf_counter()
        for name in names:
            print(f"running bench.{name} ...", flush=True)
            rows += run_one(name, options)
        if args.profile:
            importlib.import_module("bench.profile").report(options)
    print(f"\n{table(rows, before is not None)}\n")
    print(f"{machine()}; at end: {load()}; {time.perf_counter() - started:.0f} s in all")
    if args.before:
        print(f"'before' is git {args.before}")
    return rows


if __name__ == "__main__":
    main()
