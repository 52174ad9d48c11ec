"""The one row ``/healthz`` rewrites to show that the database takes writes."""

from datetime import datetime

import aiosqlite


async def record(tx: aiosqlite.Connection, at: datetime) -> None:
    await tx.execute(
        "INSERT INTO health_check (id, checked_at) VALUES (1, ?)"
        " ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        (at.isoformat(),),
    )
