"""What a deadline is, for everyone who reads them: the sweep, the PA's lists, managers' summaries, the CLI.

The rules that produce deadlines are pure functions elsewhere in this package; this module only says what
they produce.
"""

from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.models import Instant


class DeadlineKind(StrEnum):
    RHI = "rhi"
    REPEAT_MISSING = "repeat_missing"
    PATHWAY_REVIEW = "pathway_review"
    NEEDS_ASSESSMENT = "needs_assessment"
    CONTACT = "contact"
    TRANSITION_18 = "transition_18"
    TRANSITION_21 = "transition_21"
    TRANSITION_25 = "transition_25"


class DeadlineStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"


def deadline_status(opens_at: datetime, overdue_at: datetime | None, now: datetime) -> DeadlineStatus:
    """How a deadline stands at ``now``: the one answer every list, count, export and reminder reads.

    Upcoming before it opens, due from then, overdue from ``overdue_at`` (never, if None). A day-based
    deadline opens at the start of its due day and is overdue from the start of the next; an RHI opens at
    the return and is overdue when the hours run out; a transition opens on its notice day and is
    overdue only once the birthday comes unplanned.
    """
    if now < opens_at:
        return DeadlineStatus.UPCOMING
    if overdue_at is None or now < overdue_at:
        return DeadlineStatus.DUE
    return DeadlineStatus.OVERDUE


_JUST_BEFORE = timedelta(microseconds=1)


@lru_cache(maxsize=16384)
def local_day(instant: datetime, tz: ZoneInfo) -> date:
    """The calendar day of an instant in ``tz``, worked out once per instant: the sweep asks it of tens of
    thousands of deadlines that share a few hundred instants (midnights, birthdays)."""
    return instant.astimezone(tz).date()


def last_day_in_time(overdue_at: datetime, tz: ZoneInfo) -> date:
    """The last day a deadline could still be met (the due day of a day-based deadline, the day before
    a transition's birthday, the day an RHI's hours run out)."""
    return local_day(overdue_at - _JUST_BEFORE, tz)


def days_overdue(overdue_at: datetime | None, today: date, tz: ZoneInfo) -> int:
    """Whole days since the last day a deadline could still be met; 0 while it is not overdue."""
    if overdue_at is None:
        return 0
    return max(0, (today - last_day_in_time(overdue_at, tz)).days)


class Deadline(BaseModel):
    """One open deadline for one young person.

    ``subject`` names what the deadline is about, stable across sweeps (``rhi:<episode id>``,
    ``contact:<person id>:<due day>``), so reminders built from it can carry unique idempotency keys.
    ``due_at`` is the exact instant for an RHI, and midnight at the start of the due day (service
    timezone) for the day-based kinds and of the notice day for a transition. ``overdue_at`` is when it
    becomes overdue (``deadline_status``); None for a flag that is never overdue.
    """

    model_config = ConfigDict(frozen=True)

    kind: DeadlineKind
    subject: str
    young_person_id: int
    case_ref: str
    pa_id: int | None
    team_id: int | None
    due_at: Instant
    status: DeadlineStatus
    rule: str
    overdue_at: Instant | None = None
