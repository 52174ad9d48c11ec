"""What the tick does besides reminders: deleting unconfirmed caseload files once they expire, the
retention rule (``bot.services.person_data``), and the daily backup.

Each job runs on its own: one that fails is logged (in SQLite's words for a database error) and the
others, and the dispatcher after them, still run.
"""

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot import faults
from bot.config import Settings
from bot.services import imports, person_data
from bot.services.daily_backup import DailyBackup
from bot.store import Database

log = logging.getLogger(__name__)


RETENTION_EVERY = timedelta(hours=1)
"""How often the retention rule looks for records to erase (a scan of everyone; no need every minute).
It looks again at the next tick while it still finds a full batch."""


class Housekeeping:
    """One per running bot (the daily backup remembers a failed attempt, retention when it last ran)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._daily_backup = DailyBackup(settings.backup, settings.service.tz)
        self._retention_due: datetime | None = None

    async def run(self, db: Database, now: datetime) -> None:
        jobs: dict[str, Callable[[], Awaitable[object]]] = {
            "expiring unconfirmed imports": lambda: self._expire_pending_imports(db, now),
            "the retention rule": lambda: self._apply_retention(db, now),
            "the daily backup": lambda: self._daily_backup.run(db.path, now),
        }
        for name, job in jobs.items():
            try:
                await job()
            except Exception as error:  # one job's fault must not stop the others or the dispatcher
                log.error("housekeeping: %s failed: %s", name, faults.describe(error))

    async def _apply_retention(self, db: Database, now: datetime) -> None:
        if self._retention_due is not None and now < self._retention_due:
            return
        erased = await person_data.apply_retention(
            db, years=self._settings.retention.erase_after_years, now=now, tz=self._settings.service.tz
        )
        more_to_do = len(erased) == person_data.RETENTION_BATCH
        self._retention_due = None if more_to_do else now + RETENTION_EVERY

    @staticmethod
    async def _expire_pending_imports(db: Database, now: datetime) -> None:
        if deleted := await imports.delete_expired(db, now):
            log.info("deleted %d caseload files never confirmed in the chat", deleted)
