"""Figures in a second: the managers' summary and every open deadline, from 1,000 to 100,000 young people.

    python -m bench.figures [--quick] [--before REF]

For each size, on a service seeded with ``carebot seed --as-of 2026-11-23``, as whole processes:

- the floor: reading every fact row the two commands need, once, in plain ``sqlite3`` (``bench/floor.py``);
- ``carebot summary --json`` (every team) and ``carebot deadlines --json``: time, against the floor, and
  peak memory;
- re-evaluating everyone's deadlines inside one process (``bench/reevaluate.py``).

Targets at 100,000: the summary within 3x the floor, the deadlines within 5x, each under 250 MB at its
peak; re-evaluating everyone under 1 s. With ``--before``, each step also runs on the code before, and
both outputs of each command are compared byte for byte.
"""

import hashlib
import json
import sys
from pathlib import Path

from bench.harness import (
    NOW,
    ROOT,
    Options,
    Row,
    Spread,
    carebot,
    checked,
    copy_of,
    run_process,
    scratch,
    seeded,
    size_label,
)

BENCH = "figures"
SIZES, QUICK_SIZES = (1_000, 10_000, 100_000), (200,)
TARGET_SIZE = 100_000
FLOOR_TIMES = {"summary": 3, "deadlines": 5}
PEAK_MB = 250
REEVALUATE_SECONDS = 1.0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _command(name: str, database: Path, tree: Path, output: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, sha256 of the output) of ``carebot <name> --json`` on ``tree``'s code."""
    argv = carebot(name, "--json", "--db", str(database), "--now", NOW)
    measured = checked(run_process(argv, tree=tree, stdout_path=output), f"carebot {name} ({tree})")
    return measured.seconds, measured.peak_mb, _digest(output)


def _reevaluate(database: Path, tree: Path, rounds: int) -> tuple[Spread, float, int]:
    argv = [sys.executable, str(ROOT / "bench" / "reevaluate.py"), str(database), NOW, str(rounds)]
    measured = checked(run_process(argv, tree=tree), f"re-evaluating ({tree})")
    found = json.loads(measured.stdout)
    return Spread(found["seconds"]), measured.peak_mb, found["deadlines"]


def measure(options: Options, size: int) -> dict:
    """Every step at one size, on each checkout: {tree label: {step: figures}} and the floor."""
    figures: dict = {label: {"summary": Spread(), "deadlines": Spread()} for label, _ in options.trees()}
    floor = Spread()
    peaks: dict = {label: {"summary": 0.0, "deadlines": 0.0} for label, _ in options.trees()}
    digests: dict = {label: {} for label, _ in options.trees()}
    with scratch() as folder:
        database = copy_of(seeded(options, size), Path(folder))  # the summary audits itself: a copy
        for _ in range(options.rounds):  # rounds interleaved, so a change in load touches every step
            reading = [sys.executable, str(ROOT / "bench" / "floor.py"), str(database)]
            floor.values.append(checked(run_process(reading), "floor").seconds)
            for label, tree in options.trees():
                for name in ("summary", "deadlines"):
                    seconds, peak, digest = _command(name, database, tree, Path(folder) / f"{label}-{name}")
                    figures[label][name].values.append(seconds)
                    peaks[label][name] = max(peaks[label][name], peak)
                    digests[label][name] = digest
        for label, tree in options.trees():
            figures[label]["reevaluate"] = _reevaluate(database, tree, options.rounds)
    return {"floor": floor, "figures": figures, "peaks": peaks, "digests": digests}


def _command_row(size: int, name: str, found: dict, options: Options) -> Row:
    floor = found["floor"].median
    after, peak = found["figures"]["after"][name], found["peaks"]["after"][name]
    times = FLOOR_TIMES[name]
    row = Row(
        BENCH,
        f"carebot {name} --json, {size_label(size)}",
        f"{after.seconds()}, {after.median / floor:.1f}x floor, {peak:.0f} MB",
    )
    if size == TARGET_SIZE:
        row.target = f"≤ {times}x floor, < {PEAK_MB} MB"
        row.met = after.median <= times * floor and peak < PEAK_MB
    if "before" in found["figures"]:
        before, before_peak = found["figures"]["before"][name], found["peaks"]["before"][name]
        row.before = f"{before.seconds()}, {before.median / floor:.1f}x floor, {before_peak:.0f} MB"
        same = found["digests"]["before"][name] == found["digests"]["after"][name]
        row.note = "output byte-identical to before" if same else "OUTPUT DIFFERS FROM BEFORE"
    return row


def rows_for(options: Options) -> list[Row]:
    sizes = options.sizes(SIZES, QUICK_SIZES)
    found = {size: measure(options, size) for size in sizes}
    table = []
    for size in sizes:
        floor = found[size]["floor"]
        table.append(Row(BENCH, f"floor: read every fact row once, {size_label(size)}", floor.seconds()))
        table += [_command_row(size, name, found[size], options) for name in ("summary", "deadlines")]
        spread, peak, count = found[size]["figures"]["after"]["reevaluate"]
        row = Row(BENCH, f"re-evaluate everyone's deadlines, {size_label(size)}", f"{spread.seconds()}")
        row.note = f"{count} open deadlines, process peak {peak:.0f} MB"
        if size == TARGET_SIZE:
            row.target, row.met = f"< {REEVALUATE_SECONDS:.0f} s", spread.median < REEVALUATE_SECONDS
        if "before" in found[size]["figures"]:
            row.before = found[size]["figures"]["before"]["reevaluate"][0].seconds()
        table.append(row)
    if len(sizes) > 1:
        table.append(_growth(sizes, found))
    return table


def _median(found: dict, size: int, step: str) -> float:
    """The median seconds of one step at one size, on this code."""
    figures = found[size]["figures"]["after"][step]
    return (figures[0] if step == "reevaluate" else figures).median  # re-evaluating also gives memory


def _growth(sizes: list[int], found: dict) -> Row:
    """How each step grows with the service: time at each size over time at the smallest."""
    parts = []
    for step in ("summary", "deadlines", "reevaluate"):
        smallest = _median(found, sizes[0], step)
        parts.append(
            f"{step} " + " : ".join(f"{_median(found, size, step) / smallest:.1f}" for size in sizes)
        )
    labels = " : ".join(size_label(size) for size in sizes)
    return Row(BENCH, f"growth in time ({labels} young people)", "; ".join(parts))


if __name__ == "__main__":
    from bench.__main__ import main

    main(["--only", BENCH, *sys.argv[1:]])
