"""Backing the database up while the bot runs, and putting a backup back.

A backup is made with SQLite's online backup API in a single step: one read transaction, so it is a
consistent snapshot even while the bot writes (in WAL mode a reader never blocks the writer). It is
written beside its final name, checked (``PRAGMA quick_check``), made a single self-contained file
(rollback journal, not WAL) and only then renamed into place, so a half-written backup never looks like a
good one.

A restore never writes into the database it replaces (that file may be the broken one): the backup is
copied to a new file beside it, checked, and renamed over it; the file it replaces, with its WAL and SHM
files, is kept beside it under a ``.before-restore-<time>`` name. Synchronous on purpose: the CLI calls
these directly and the tick in a worker thread.
"""

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message names the file and why."""


@dataclass(frozen=True)
class Copied:
    path: Path
    bytes: int
    seconds: float
    set_aside: tuple[Path, ...] = ()


def back_up(source: Path, target: Path) -> Copied:
    """Write a consistent copy of the database ``source`` to ``target`` (which must not exist yet)."""
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new name")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    started = time.perf_counter()
    _copy_beside(source, target).rename(target)
    _sync_folder(target.parent)
    return Copied(target, target.stat().st_size, time.perf_counter() - started)


def restore(backup: Path, target: Path, *, now: datetime) -> Copied:
    """Put the backup in place of the database ``target``. The caller makes sure no bot is running."""
    check_backup(backup)
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    started = time.perf_counter()
    incoming = _copy_beside(backup, target)
    set_aside = []
    stamp = now.strftime("%Y%m%dT%H%M%S")
    for suffix in ("", *SIDE_FILES):
        current = target.with_name(target.name + suffix)
        if current.exists():
            aside = target.with_name(f"{target.name}.before-restore-{stamp}{suffix}")
            current.rename(aside)
            set_aside.append(aside)
    incoming.rename(target)
    _sync_folder(target.parent)
    return Copied(target, target.stat().st_size, time.perf_counter() - started, tuple(set_aside))


def check_backup(path: Path) -> None:
    """A backup must be a sound SQLite file that a carebot made (it has the migrations table)."""
    if not path.is_file():
        raise BackupError(f"there is no backup at {path}")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{path} is damaged: {verdict}")
            known = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be read as a database: {error}") from None
    if known is None:
        raise BackupError(f"{path} is not a carebot database")


def _copy_beside(source: Path, target: Path) -> Path:
    """Copy ``source`` into a new, checked, owner-only file beside ``target``, for the caller to rename
    into place. Returns where the copy is."""
    partial = target.with_name(f".{target.name}.partial")
    for leftover in (partial, *(partial.with_name(partial.name + suffix) for suffix in SIDE_FILES)):
        leftover.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as reader,
            contextlib.closing(sqlite3.connect(partial)) as writer,
        ):
            reader.backup(writer)  # every page in one step: one read transaction, one consistent state
            writer.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            verdict = writer.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"the copy of {source} failed its check: {verdict}")
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        partial.chmod(0o600)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error):
            raise BackupError(f"cannot copy {source}: {error}") from None
        raise
    return partial


def _sync_folder(folder: Path) -> None:
    """Make a rename durable: without this a power cut can undo it."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
