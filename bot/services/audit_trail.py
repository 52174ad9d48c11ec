"""Reading the audit log from the command line (``carebot audit``): who read or changed whose record.
Reading it is itself written to it, so a look at the log leaves a trace too."""

from datetime import datetime

from bot.models import AuditEntry
from bot.store import Database, audit
from bot.store.audit import AuditLine


async def read(
    db: Database,
    *,
    case_ref: str | None,
    staff_id: int | None,
    since: datetime | None,
    limit: int,
    now: datetime,
) -> tuple[list[AuditLine], bool]:
    """The newest ``limit`` matching rows, oldest first, and whether older ones were left out."""
    found = await audit.search(db.reader, case_ref=case_ref, staff_id=staff_id, since=since, limit=limit)
    asked = " ".join(
        f"{name}={value}"
        for name, value in (("case", case_ref), ("staff", staff_id), ("since", since and since.date()))
        if value is not None
    )
    async with db.transaction() as tx:
        await audit.record(
            tx,
            AuditEntry(at=now, actor_role="cli", action="audit.read", detail=(asked or "everything")[:200]),
        )
    return found
