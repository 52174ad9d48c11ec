"""Knowing whether a bot is running on a database: a lock on a file beside it, held while it runs.

``carebot run`` holds it for its whole life, so a second bot on the same database (which would send every
reminder twice) is refused, and so is ``carebot db restore`` (which would swap the file under a running
bot). The operating system releases the lock when the process ends, however it ends, so a crash never
leaves a stale lock behind. The lock is ``flock``, separate from the ``fcntl`` locks SQLite itself uses.
"""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class InUse(Exception):
    """Someone holds the database: the message says what to do."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextmanager
def holding(database: Path, *, otherwise: str) -> Iterator[None]:
    """Hold the database's lock for the block; ``InUse`` at once if someone else holds it, ending with
    ``otherwise`` (what to do about it)."""
    descriptor = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy = f"a carebot is running on {database}, or a restore is under way"
            raise InUse(f"{busy}: {otherwise}") from None
        yield
    finally:
        os.close(descriptor)
