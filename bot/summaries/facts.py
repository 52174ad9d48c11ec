"""The narrow facts the summaries read about each young person.

A summary of the whole service covers 100,000 young people: building a full ``YoungPerson`` model for each
takes about two seconds, so the store reads just these columns into named tuples instead (a frozen
dataclass takes twice as long to build).
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from bot.models import age_on


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


@dataclass(frozen=True, slots=True)
class PassportTally:
    """One young person's passport so far: items done, and items they asked for help with."""

    done: int
    help: int

    @property
    def started(self) -> bool:
        return self.done + self.help > 0
