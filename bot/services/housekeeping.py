"""What the tick does besides reminders: deleting unconfirmed caseload files once they expire, the
retention rule (``bot.services.person_data``), and the daily backup.

Each job runs on its own: one that fails is logged (in SQLite's words for a database error) and the
others, and the dispatcher after them, still run.
"""

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot import faults
from bot.config import Settings
from bot.services import imports, person_data
from bot.services.daily_backup import DailyBackup
from bot.store import Database

log = logging.getLogger(__name__)


class Housekeeping:
    """One per running bot (the daily backup remembers a failed attempt)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._daily_backup = DailyBackup(settings.backup, settings.service.tz)

    async def run(self, db: Database, now: datetime) -> None:
        jobs: dict[str, Callable[[], Awaitable[object]]] = {
            "expiring unconfirmed imports": lambda: self._expire_pending_imports(db, now),
            "the retention rule": lambda: person_data.apply_retention(
                db, years=self._settings.retention.erase_after_years, now=now, tz=self._settings.service.tz
            ),
            "the daily backup": lambda: self._daily_backup.run(db.path, now),
        }
        for name, job in jobs.items():
            try:
                await job()
            except Exception as error:  # one job's fault must not stop the others or the dispatcher
                log.error("housekeeping: %s failed: %s", name, faults.describe(error))

    @staticmethod
    async def _expire_pending_imports(db: Database, now: datetime) -> None:
        if deleted := await imports.delete_expired(db, now):
            log.info("deleted %d caseload files never confirmed in the chat", deleted)
