"""What the log says about an error while the bot runs: enough to find the fault, never what people typed.

An error's own message may quote someone's words, so by default only its class and where it was raised
are written. SQLite's messages are the exception: they are fixed phrases ("database is locked", "attempt
to write a readonly database", "UNIQUE constraint failed: staff.worker_id") that never carry values, and
they are what the person on call needs. A database error tends to repeat on every update and every tick
until someone fixes it, so each kind is written once a minute, with a count of the ones left out.
"""

import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("bot", "handlers", "scheduler", "content")
LIBRARY_FRAMES_SHOWN = 3


def describe(error: BaseException) -> str:
    """``OperationalError (database is locked) at bot/store/outbox.py:41 in mark_sent`` for a database
    error; ``KeyError at a.py:3 < b.py:9`` (innermost three frames) for anything else."""
    frames = traceback.extract_tb(error.__traceback__)
    if isinstance(error, sqlite3.Error):
        frame = first_project_frame(frames)
        where = f" at {_project_path(frame.filename)}:{frame.lineno} in {frame.name}" if frame else ""
        return f"{type(error).__name__} ({error}){where}"
    shown = frames[-LIBRARY_FRAMES_SHOWN:]
    where = " < ".join(f"{Path(frame.filename).name}:{frame.lineno}" for frame in reversed(shown))
    return f"{type(error).__name__} at {where}"


def first_project_frame(frames: traceback.StackSummary) -> traceback.FrameSummary | None:
    """The innermost frame in our own code: where our code called into the library that raised."""
    for frame in reversed(frames):
        parts = Path(frame.filename).resolve().parts
        root = PROJECT_ROOT.parts
        if parts[: len(root)] == root and len(parts) > len(root) and parts[len(root)] in PROJECT_PACKAGES:
            return frame
    return None


def _project_path(filename: str) -> str:
    return Path(filename).resolve().relative_to(PROJECT_ROOT).as_posix()


def kind_of(error: BaseException) -> str:
    """Errors of one kind are rate-limited together: a database error by its class and SQLite's words."""
    if isinstance(error, sqlite3.Error):
        return f"{type(error).__name__}: {error}"
    return type(error).__name__


@dataclass
class OncePerPeriod:
    """Says whether to write an error of this kind now (the first in ``period_seconds``), and how many of
    that kind were left out since the last one written."""

    period_seconds: float = 60.0
    monotonic: Callable[[], float] = time.monotonic
    _last_written: dict[str, float] = field(default_factory=dict)
    _left_out: dict[str, int] = field(default_factory=dict)

    def take(self, kind: str) -> int | None:
        """None: leave this one out. Otherwise write it, noting the returned count of ones left out."""
        now = self.monotonic()
        last = self._last_written.get(kind)
        if last is not None and now - last < self.period_seconds:
            self._left_out[kind] = self._left_out.get(kind, 0) + 1
            return None
        self._last_written[kind] = now
        return self._left_out.pop(kind, 0)


DATABASE_ERRORS = OncePerPeriod()
"""One per process, shared by the update handlers and the tick (both report through the error handler)."""


def database_error_line(error: sqlite3.Error, limiter: OncePerPeriod | None = None) -> str | None:
    """The line to log for a database error, or None when one like it was logged less than a minute ago."""
    left_out = (limiter or DATABASE_ERRORS).take(kind_of(error))
    if left_out is None:
        return None
    more = f" ({left_out} more like it in the last minute not logged)" if left_out else ""
    return f"database error: {describe(error)}{more}"
