"""Where the time goes: a profile (cProfile) of the slowest path, ``carebot summary --json`` for every team.

    python -m bench.profile [--quick] [--size N] [--top N] [COMMAND ...]

Runs a ``carebot`` command in this process under cProfile, on a seeded service (100,000 young people by
default), with the cycle collector as the command leaves it, and prints the functions that take the most
time of their own and the most time in all. Any other command can be profiled the same way, for example
``python -m bench.profile deadlines --json``. Part of ``python -m bench --profile``.
"""

import argparse
import contextlib
import cProfile
import io
import pstats
import sys
from pathlib import Path

from bench.harness import NOW, Options, copy_of, scratch, seeded

SLOWEST = ("summary", "--json")


def profile(options: Options, command: tuple[str, ...], size: int, top: int) -> str:
    """The profile report of one run of ``carebot <command>`` on a seeded service of ``size``."""
    from bot.cli import main

    with scratch() as folder:
        database = copy_of(seeded(options, size), Path(folder))
        argv = [*command, "--db", str(database), "--now", NOW]
        profiler = cProfile.Profile()
        with contextlib.redirect_stdout(io.StringIO()):  # the command's own output is not the point
            profiler.runcall(main, argv)
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return report.getvalue()


def report(options: Options) -> None:
    size = 200 if options.quick else 100_000
    print(f"\n== profile: carebot {' '.join(SLOWEST)}, {size:,} young people ==", flush=True)
    print(profile(options, SLOWEST, size, 25))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 young people instead of 100,000")
    parser.add_argument("--size", type=int, help="young people in the seeded service")
    parser.add_argument("--top", type=int, default=25, help="functions to list in each order")
    parser.add_argument("command", nargs="*", help="the carebot command (default: summary --json)")
    args = parser.parse_args()
    options = Options(quick=args.quick)
    size = args.size or (200 if args.quick else 100_000)
    print(profile(options, tuple(args.command) or SLOWEST, size, args.top))


if __name__ == "__main__":
    sys.exit(main())
