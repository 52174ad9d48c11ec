"""The plain facts the store reads in bulk for the rules and the summaries: one leaf module that both sides
import, so the store never imports the code that uses what it reads.

They are plain dataclasses and named tuples, not pydantic models: a summary of the whole service reads
100,000 young people, and building a full ``YoungPerson`` for each takes about two seconds (a frozen
dataclass takes twice as long as a named tuple).
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from bot.models import age_on


@dataclass(frozen=True, slots=True)
class FactWindow:
    """How far back facts are read for the rules at ``today``: people born after ``born_after`` (older ones
    have no deadlines left), and episodes started since ``window_start`` (the repeat-missing count)."""

    today: date
    born_after: date
    window_start: datetime


@dataclass(slots=True)
class PersonFacts:
    """What the rules need to know about one young person, with their latest contact, visit and review,
    when the reminder sweep first looked at them (None: not yet), and the once-only steps recorded as
    done (``done``: milestone kinds, as ``bot.models.MilestoneKind`` values). The store reads the latest
    visit only where the council provides the accommodation, the one place a rule uses it."""

    id: int
    case_ref: str
    preferred_name: str | None
    pa_id: int | None
    team_id: int | None
    date_of_birth: date
    category: str
    eligible_since: date | None = None
    left_service_on: date | None = None
    stepped_back: bool = False
    contact_interval_days: int | None = None
    council_provided_accommodation: bool = False
    accommodation_started_on: date | None = None
    last_contact_on: date | None = None
    last_visit_on: date | None = None
    last_review_on: date | None = None
    died: bool = False
    first_swept_at: datetime | None = None
    done: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EpisodeFacts:
    """One missing or away episode. ``returned_at`` is the start of the return day when only the date is
    known (``return_time_known`` False)."""

    id: int
    young_person_id: int
    kind: str
    started_at: datetime
    returned_at: datetime | None = None
    return_time_known: bool = True
    rhi_completed_at: datetime | None = None
    rhi_declined_at: datetime | None = None


class CaseFacts(NamedTuple):
    id: int
    case_ref: str
    preferred_name: str | None
    date_of_birth: date
    pa_id: int | None
    team_id: int | None
    in_touch: str | None
    accommodation_suitable: bool | None
    activity_code: str | None

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)

    @property
    def died(self) -> bool:
        """Recorded as died (SSDA903 in-touch code ``DIED``): no longer on anyone's caseload."""
        return _means_died(self.in_touch)


@lru_cache(maxsize=256)
def _means_died(in_touch: str | None) -> bool:
    """Once per distinct in-touch code (a whole service has a handful): the summary asks it of everyone."""
    return (in_touch or "").strip().upper() == "DIED"


@dataclass(frozen=True, slots=True)
class PassportTally:
    """One young person's passport so far: items done, and items they asked for help with."""

    done: int
    help: int

    @property
    def started(self) -> bool:
        return self.done + self.help > 0
