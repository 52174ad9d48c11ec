"""Running ``carebot`` as its own process, the way a service manager does, and reading all it printed.

Used where only a real process shows the behaviour: what reaches stdout and stderr (tracebacks included),
the exit status, and that it exits at all instead of hanging.
"""

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

EXIT_WITHIN_SECONDS = 60.0


@dataclass(frozen=True)
class Finished:
    status: int
    output: str
    """stdout and stderr together, as a terminal or the journal would show them."""


@dataclass
class Running:
    """A carebot process, its output read as it comes (so a full pipe never blocks it)."""

    process: asyncio.subprocess.Process
    printed: bytearray = field(default_factory=bytearray)
    reader: asyncio.Task | None = None
    finished: Finished | None = None
    """Set once it has exited (``carebot_running``)."""

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while chunk := await self.process.stdout.read(65536):
            self.printed += chunk

    def terminate(self) -> None:
        """SIGTERM, as a service manager stops it."""
        self.process.terminate()

    @property
    def output(self) -> str:
        return self.printed.decode(errors="replace")


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any ``CAREBOT_`` setting, plus ``settings`` (as
    ``CAREBOT_<SECTION>__<KEY>``, e.g. ``TELEGRAM__TOKEN``)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CAREBOT_")}
    env.update({f"CAREBOT_{name}": value for name, value in settings.items()})
    return env


async def start_carebot(*args: str, cwd: Path, env: dict[str, str]) -> Running:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    running = Running(process)
    running.reader = asyncio.create_task(running._read())
    return running


async def finished(running: Running, within: float = EXIT_WITHIN_SECONDS) -> Finished:
    """Wait for the process to exit by itself; a process still running after ``within`` fails the test."""
    try:
        await asyncio.wait_for(running.process.wait(), timeout=within)
    except TimeoutError:
        running.process.kill()
        await running.process.wait()
        assert running.reader is not None
        await running.reader
        raise AssertionError(
            f"carebot was still running after {within} s; it printed:\n{running.output}"
        ) from None
    assert running.reader is not None and running.process.returncode is not None
    await running.reader
    return Finished(running.process.returncode, running.output)


@asynccontextmanager
async def carebot_running(*args: str, cwd: Path, env: dict[str, str]) -> AsyncIterator[Running]:
    """The bot running for the block; stopped with SIGTERM after it (however the block ends), and its
    exit status and output kept in ``finished``."""
    running = await start_carebot(*args, cwd=cwd, env=env)
    try:
        yield running
    finally:
        if running.process.returncode is None:
            running.terminate()
        running.finished = await finished(running)


async def run_carebot(*args: str, cwd: Path, env: dict[str, str]) -> Finished:
    return await finished(await start_carebot(*args, cwd=cwd, env=env))
