"""What every benchmark shares: options, seeded services, whole-process timing, and the table's rows.

Whole processes are timed from start to exit, with their peak resident memory from the kernel
(``wait4``), so a figure includes Python's start-up and imports, as a user at the terminal would see it.
A process can run on another checkout of the code (``--before REF``): the same step on the code before a
change and after it, in the same run, on the same data, under the same load.
"""

import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"
NOW = "2026-11-23T10:00:00+00:00"  # a Monday morning in working hours, the day the services are seeded for


@dataclass(frozen=True)
class Options:
    """How a run goes. ``quick`` uses tiny sizes (a smoke test, not figures to read); ``before`` is a
    checkout of the code to compare with, or None."""

    quick: bool = False
    workdir: Path = ROOT / "bench-data"
    before: Path | None = None
    rounds: int = 3

    def sizes(self, full: Sequence[int], quick: Sequence[int] = (200,)) -> list[int]:
        return list(quick if self.quick else full)

    def trees(self) -> list[tuple[str, Path]]:
        """(label, checkout) of each version of the code to run: this one, and the one before if asked."""
        return [("after", ROOT)] + ([("before", self.before)] if self.before else [])


@dataclass
class Row:
    """One line of the table: a step, its figure (and the same on the code before, if compared), the
    target and whether it was met (None: no target)."""

    bench: str
    step: str
    figure: str
    target: str = ""
    met: bool | None = None
    before: str = ""
    note: str = ""


@dataclass
class Measured:
    """One finished process: wall seconds, peak resident memory in MB, exit status, and its output."""

    seconds: float
    peak_mb: float
    status: int
    stdout: bytes = b""
    stderr: bytes = b""


@dataclass
class Spread:
    """The median and range of several measurements of one step."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def seconds(self) -> str:
        if len(self.values) == 1:
            return f"{self.values[0]:.2f} s"
        return f"{self.median:.2f} s ({min(self.values):.2f}-{max(self.values):.2f})"


def environment(tree: Path, **extra: str) -> dict[str, str]:
    """The environment for a process that runs ``tree``'s code: ours without any CAREBOT_ settings."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CAREBOT_")}
    env["PYTHONPATH"] = str(tree)
    return env | extra


def run_process(
    argv: Sequence[str], *, tree: Path = ROOT, stdout_path: Path | None = None, env: dict | None = None
) -> Measured:
    """Run ``argv`` to the end in ``tree`` and measure it. Output goes to ``stdout_path`` if given (large
    outputs: ``Measured.stdout`` is then empty), else it is kept."""
    with tempfile.TemporaryFile() as kept, tempfile.TemporaryFile() as errors:
        out = stdout_path.open("wb") if stdout_path else kept
        try:
            started = time.perf_counter()
            env = env or environment(tree)
            process = subprocess.Popen(argv, cwd=tree, env=env, stdout=out, stderr=errors)
            # wait4, not Popen.wait: it also gives this child's own peak memory.
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
        finally:
            if stdout_path:
                out.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        kept.seek(0)
        errors.seek(0)
        return Measured(seconds, usage.ru_maxrss / 1024, process.returncode, kept.read(), errors.read())


def carebot(*arguments: str) -> list[str]:
    """A ``carebot`` command line for ``run_process`` (``python -m bot``: the checkout it runs in)."""
    return [sys.executable, "-m", "bot", *arguments]


@dataclass
class RunningBot:
    """A ``carebot run`` in a process of its own, and its log, read as it comes."""

    process: asyncio.subprocess.Process
    log: "asyncio.Task[bytes]"


@asynccontextmanager
async def carebot_run(tree: Path, database: Path, server: Any, token: str) -> AsyncIterator[RunningBot]:
    """``carebot run`` on ``database`` against the Bot API stand-in ``server``, ticking every second, as a
    service manager runs it: its log is read as it comes (a full pipe would stall the bot), and on the way
    out it is stopped with SIGTERM (killed if it has not stopped in 20 s)."""
    env = environment(
        tree,
        CAREBOT_TELEGRAM__TOKEN=token,
        CAREBOT_TELEGRAM__BASE_URL=server.base_url,
        CAREBOT_TELEGRAM__BASE_FILE_URL=server.base_file_url,
        CAREBOT_DATABASE__PATH=str(database),
        CAREBOT_REMINDERS__TICK_SECONDS="1",
    )
    process = await asyncio.create_subprocess_exec(
        *carebot("run"), cwd=tree, env=env, stderr=asyncio.subprocess.PIPE
    )
    assert process.stderr is not None
    running = RunningBot(process, asyncio.create_task(process.stderr.read()))
    try:
        yield running
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()
        await running.log


def checked(measured: Measured, what: str) -> Measured:
    if measured.status != 0:
        raise RuntimeError(f"{what} failed ({measured.status}): {measured.stderr.decode()[-2000:]}")
    return measured


def seeded(options: Options, leavers: int) -> Path:
    """A service of ``leavers`` young people seeded with ``carebot seed`` (kept in the workdir and reused:
    seeding 100,000 takes several seconds). Benchmarks that write take a ``copy_of`` it. A kept one made by
    older code is brought up to date first, untimed, so no timed step pays for its migrations."""
    options.workdir.mkdir(parents=True, exist_ok=True)
    path = options.workdir / f"seed-{leavers}-{AS_OF}.sqlite3"
    if path.exists():
        checked(
            run_process(carebot("db", "upgrade", "--db", str(path))), f"upgrading the kept seed of {leavers}"
        )
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    command = carebot("seed", "--db", str(partial), "--leavers", str(leavers), "--as-of", AS_OF)
    checked(run_process(command), f"seeding {leavers}")
    partial.rename(path)
    return path


def copy_of(path: Path, folder: Path) -> Path:
    """A fresh copy of a seeded database in ``folder``. The journal of an earlier copy is removed first:
    SQLite would read it as part of the new file and find the database malformed."""
    target = folder / path.name
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, target)
    return target


def scratch() -> tempfile.TemporaryDirectory:
    """A folder for one benchmark's copies and outputs, removed afterwards."""
    return tempfile.TemporaryDirectory(prefix="carebot-bench-")


def size_label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def machine() -> str:
    """Where the figures were measured: processor, cores, Python, and the load when asked."""
    model = "unknown processor"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    version = ".".join(str(part) for part in sys.version_info[:3])
    return f"{model}, {os.cpu_count()} cores, Python {version}"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"
