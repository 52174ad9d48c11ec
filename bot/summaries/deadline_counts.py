"""Overdue and due-this-week counts by kind, and the young people behind each count, PA by PA.

A pure function of the open deadlines the deadline rules produce, counted by the status they carry
(``scheduler.deadlines.deadline_status``): the summary never works a deadline out itself, so its numbers
always agree with the reminders PAs get, ``carebot deadlines`` and the export. Every kind is counted.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from bot.facts import CaseFacts
from scheduler.deadlines import Deadline, DeadlineKind, DeadlineStatus

SUMMARY_KINDS = (
    DeadlineKind.CONTACT,
    DeadlineKind.PATHWAY_REVIEW,
    DeadlineKind.RHI,
    DeadlineKind.NEEDS_ASSESSMENT,
    DeadlineKind.TRANSITION_18,
    DeadlineKind.TRANSITION_21,
    DeadlineKind.TRANSITION_25,
    DeadlineKind.REPEAT_MISSING,
)
WEEK = timedelta(days=7)
NO_PA = "No PA"


class Counted(Protocol):
    """What counting needs of a deadline: a ``Deadline``, or the rules' lighter ``Due`` (building 270,000
    ``Deadline`` models for a whole service takes seconds)."""

    @property
    def kind(self) -> DeadlineKind: ...
    @property
    def status(self) -> DeadlineStatus: ...
    @property
    def due_at(self) -> datetime: ...


class KindCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: DeadlineKind
    overdue: int
    due_this_week: int


class DeadlineFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    week_ends: datetime
    kinds: list[KindCount]


class Behind(BaseModel):
    """One young person behind a count."""

    model_config = ConfigDict(frozen=True)

    case_ref: str
    preferred_name: str | None
    due_at: datetime
    overdue: bool
    overdue_at: datetime | None = None


class PaGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    pa: str
    young_people: list[Behind]


def in_week(deadline: Counted, now: datetime) -> bool:
    """Overdue, or falling due before a week from now."""
    return deadline.status is DeadlineStatus.OVERDUE or deadline.due_at < now + WEEK


class Tally:
    """Overdue and due-this-week counts by kind, built up a batch of deadlines at a time, so a whole
    service's deadlines need not all be held at once."""

    def __init__(self, now: datetime) -> None:
        self.week_ends = now + WEEK
        self.overdue: dict[DeadlineKind, int] = defaultdict(int)
        self.due: dict[DeadlineKind, int] = defaultdict(int)

    def add(self, deadlines: Iterable[Counted]) -> None:
        overdue, due, week_ends = self.overdue, self.due, self.week_ends
        for deadline in deadlines:
            if deadline.status is DeadlineStatus.OVERDUE:
                overdue[deadline.kind] += 1
            elif deadline.due_at < week_ends:
                due[deadline.kind] += 1

    def figures(self) -> DeadlineFigures:
        return DeadlineFigures(
            week_ends=self.week_ends,
            kinds=[
                KindCount(kind=kind, overdue=self.overdue[kind], due_this_week=self.due[kind])
                for kind in SUMMARY_KINDS
            ],
        )


def count(deadlines: Iterable[Counted], now: datetime) -> DeadlineFigures:
    tally = Tally(now)
    tally.add(deadlines)
    return tally.figures()


def behind(
    deadlines: Iterable[Deadline],
    kind: DeadlineKind,
    now: datetime,
    people: Mapping[int, CaseFacts],
    pa_names: Mapping[int, str],
) -> list[PaGroup]:
    """The young people behind ``kind``'s counts, grouped by PA (by name; those with no PA last), overdue
    first within each PA, then by due time."""
    groups: dict[str, list[Behind]] = defaultdict(list)
    for deadline in deadlines:
        if deadline.kind is not kind or not in_week(deadline, now):
            continue
        person = people.get(deadline.young_person_id)
        pa = pa_names.get(deadline.pa_id, NO_PA) if deadline.pa_id is not None else NO_PA
        groups[pa].append(
            Behind(
                case_ref=deadline.case_ref,
                preferred_name=person.preferred_name if person else None,
                due_at=deadline.due_at,
                overdue=deadline.status is DeadlineStatus.OVERDUE,
                overdue_at=deadline.overdue_at,
            )
        )
    order = sorted(groups, key=lambda name: (name == NO_PA, name))
    return [
        PaGroup(pa=name, young_people=sorted(groups[name], key=lambda row: (not row.overdue, row.due_at)))
        for name in order
    ]
