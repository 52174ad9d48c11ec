"""The caseload fields several formats share (status codes, PA, team, last contact and review), read the
same way whatever the file, so a value means the same in Annex A, SSD and our own CSV."""

from collections.abc import Callable

from bot.imports.columns import Column, RowCells
from bot.imports.records import PersonRecord, WorkerRef
from bot.imports.values import (
    ACTIVITY,
    IN_TOUCH,
    SUITABILITY,
    accommodation,
    parse_date,
    text,
)

# Keys every format maps its own headers to.
STATUS_KEYS = ("in_touch", "accommodation", "suitability", "activity", "contact", "review", "team", "pa")


def by_name(worker: str, row: RowCells, key: str) -> WorkerRef:
    """A worker cell that may hold either the council's worker id or a name: both are tried."""
    return WorkerRef(row.cell(key), worker_id=worker, name=worker)


def read_status(
    row: RowCells,
    record: PersonRecord,
    *,
    worker_ref: Callable[[str, RowCells, str], WorkerRef] = by_name,
    team_name: Callable[[str], str] = str,
) -> None:
    """Fill ``record`` from the status columns this table has; columns it lacks leave the stored value."""
    if row.has("in_touch"):
        record.facts["in_touch"] = row.read("in_touch", IN_TOUCH.read)
    if row.has("accommodation"):
        letter, suitable = row.read("accommodation", accommodation) or (None, None)
        record.facts["accommodation_code"] = letter
        if suitable is not None or not row.has("suitability"):
            record.facts["accommodation_suitable"] = suitable
    if row.has("suitability") and (suitable := row.read("suitability", SUITABILITY.read)) is not None:
        record.facts["accommodation_suitable"] = suitable
    if row.has("activity"):
        record.facts["activity_code"] = row.read("activity", ACTIVITY.read)
    if row.has("contact"):
        record.contacted_on = row.read("contact", parse_date)
    if row.has("review"):
        record.reviewed_on = row.read("review", parse_date)
    if row.has("team"):
        record.team_given = True
        team = text(row.raw("team"))
        record.team = team_name(team) if team else None
    for key in ("pa", "worker"):
        worker = text(row.raw(key))
        if row.has(key):
            record.pa_given = True
        if worker:
            record.pa = worker_ref(worker, row, key)
            break


STATUS_COLUMNS_ANNEX_A = [
    Column("team", r"allocated team"),
    Column("pa", r"personal advis[eo]r"),
    Column("worker", r"allocated worker|^worker$"),
    Column("review", r"pathway plan"),
    Column("in_touch", r"in touch"),
    Column("contact", r"date of contact|latest contact"),
    Column("accommodation", r"^(type of )?accommodation( type)?$"),
    Column("suitability", r"suitab"),
    Column("activity", r"activity"),
]
