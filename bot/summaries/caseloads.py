"""Caseload per PA against the configured target (a local policy: no statutory ratio exists).

Caseloads count the young people still in the service and alive: one who has died is on nobody's
caseload, and the total says how many it leaves out for that reason.
"""

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, computed_field

from bot.facts import CaseFacts
from bot.models import Staff


class PaCaseload(BaseModel):
    model_config = ConfigDict(frozen=True)

    staff_id: int
    name: str
    worker_id: str | None
    team_id: int | None
    young_people: int
    above_target: bool


class Caseloads(BaseModel):
    model_config = ConfigDict(frozen=True)

    target: int
    pas: list[PaCaseload]
    young_people: int
    without_pa: int
    average: float | None
    """Young people with a PA divided by the PAs listed (a PA with no cases counts); None with no PAs."""
    died: int = 0
    """Young people recorded as died, left out of every count above."""

    @computed_field
    @property
    def above_target(self) -> int:
        return sum(pa.young_people > self.target for pa in self.pas)


def living(people: Iterable[CaseFacts]) -> tuple[list[CaseFacts], int]:
    """The young people alive, and how many are recorded as died."""
    everyone = list(people)
    alive = [person for person in everyone if not person.died]
    return alive, len(everyone) - len(alive)


def caseloads(people: Iterable[CaseFacts], pas: Iterable[Staff], target: int, *, died: int = 0) -> Caseloads:
    """Count each PA's young people: ``people`` are the living (see ``living``), and ``died`` how many who
    died are left out. ``pas`` must include every PA a young person here is allocated to; the team's PAs
    with no cases are listed too, so an empty caseload is visible (and lowers the average).
    """
    people = list(people)
    by_pa = Counter(person.pa_id for person in people if person.pa_id is not None)
    listed = {pa.id: pa for pa in pas if pa.id is not None}
    if unknown := set(by_pa) - set(listed):
        raise ValueError(f"young people are allocated to staff not given: {sorted(unknown)}")
    rows = [
        PaCaseload(
            staff_id=staff_id,
            name=pa.name,
            worker_id=pa.worker_id,
            team_id=pa.team_id,
            young_people=by_pa[staff_id],
            above_target=by_pa[staff_id] > target,
        )
        for staff_id, pa in listed.items()
    ]
    rows.sort(key=lambda row: (-row.young_people, row.name, row.staff_id))
    allocated = sum(by_pa.values())
    return Caseloads(
        target=target,
        pas=rows,
        young_people=len(people),
        without_pa=len(people) - allocated,
        average=allocated / len(rows) if rows else None,
        died=died,
    )
