"""Running ``carebot`` as its own process, the way a service manager does, and reading all it printed.

Used where only a real process shows the behaviour: what reaches stdout and stderr (tracebacks included),
the exit status, and that it exits at all instead of hanging.
"""

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

EXIT_WITHIN_SECONDS = 60.0


@dataclass(frozen=True)
class Finished:
    status: int
    output: str
    """stdout and stderr together, as a terminal or the journal would show them."""


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any ``CAREBOT_`` setting, plus ``settings`` (as
    ``CAREBOT_<SECTION>__<KEY>``, e.g. ``TELEGRAM__TOKEN``)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CAREBOT_")}
    env.update({f"CAREBOT_{name}": value for name, value in settings.items()})
    return env


async def start_carebot(*args: str, cwd: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
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


async def finished(process: asyncio.subprocess.Process, within: float = EXIT_WITHIN_SECONDS) -> Finished:
    """Wait for the process to exit by itself; a process still running after ``within`` fails the test."""
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout=within)
    except TimeoutError:
        process.kill()
        output, _ = await process.communicate()
        raise AssertionError(
            f"carebot was still running after {within} s; it printed:\n{output.decode(errors='replace')}"
        ) from None
    assert process.returncode is not None
    return Finished(process.returncode, output.decode(errors="replace"))


async def run_carebot(*args: str, cwd: Path, env: dict[str, str]) -> Finished:
    return await finished(await start_carebot(*args, cwd=cwd, env=env))
