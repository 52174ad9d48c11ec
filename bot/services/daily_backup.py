"""The daily backup the bot makes itself (``[backup]`` in the config), run from the tick.

One file a day, ``carebot-YYYY-MM-DD.sqlite3`` (the service's local day), made at the first tick after
``daily_at``; the newest ``keep`` are kept and older ones deleted. The copy runs in a worker thread so the
bot carries on answering meanwhile. A backup that fails is logged and tried again an hour later, not at
every tick.
"""

import asyncio
import logging
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import BackupSettings
from bot.store import backup

log = logging.getLogger(__name__)

NAME = "carebot-{day}.sqlite3"
OUR_BACKUP = re.compile(r"^carebot-\d{4}-\d{2}-\d{2}\.sqlite3$")
RETRY_AFTER = timedelta(hours=1)


class DailyBackup:
    """One per running bot: it remembers a failed attempt, so the next is an hour later."""

    def __init__(self, settings: BackupSettings, tz: ZoneInfo) -> None:
        self._settings = settings
        self._tz = tz
        self._not_before: datetime | None = None

    def due(self, now: datetime) -> Path | None:
        """The file to write now, or None (off, too early in the day, already made, or waiting to retry)."""
        if not self._settings.folder or (self._not_before is not None and now < self._not_before):
            return None
        local = now.astimezone(self._tz)
        if local.time() < self._settings.daily_at:
            return None
        target = Path(self._settings.folder) / NAME.format(day=local.date().isoformat())
        return None if target.exists() else target

    async def run(self, database: Path, now: datetime) -> backup.Copied | None:
        """Make today's backup if it is due, then delete the oldest beyond ``keep``."""
        target = self.due(now)
        if target is None:
            return None
        try:
            copied = await asyncio.to_thread(backup.back_up, database, target)
        except (backup.BackupError, OSError) as error:
            self._not_before = now + RETRY_AFTER
            log.error("daily backup to %s failed (%s); trying again in an hour", target, error)
            return None
        self._not_before = None
        log.info("daily backup written to %s (%d bytes) in %.2f s", target, copied.bytes, copied.seconds)
        for old in prune(target.parent, self._settings.keep):
            log.info("deleted old backup %s", old)
        return copied


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups in ``folder`` (only files named as ours)."""
    ours = sorted(path for path in folder.iterdir() if OUR_BACKUP.match(path.name) and path.is_file())
    old = ours[:-keep] if keep else ours
    for path in old:
        path.unlink()
    return old
