"""Caseload per PA against the configured target (a local policy: no statutory ratio exists).

Caseloads count the young people still in the service and alive: one who has died is on nobody's
caseload, and the total says how many it leaves out for that reason. A PA who has left is still listed,
marked, while young people are recorded against them, but is not in the average or above target: those
young people need a new PA, and are counted with the ones who have none.
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
    has_left: bool = False


class Caseloads(BaseModel):
    model_config = ConfigDict(frozen=True)

    target: int
    pas: list[PaCaseload]
    young_people: int
    without_pa: int
    """Young people with no PA working here: none recorded, or one who has left (``pa_left``)."""
    average: float | None
    """Young people with a working PA divided by the working PAs listed (a PA with no cases counts);
    None with no PAs."""
    pa_left: int = 0
    """Of ``without_pa``, those still recorded against a PA who has left."""
    died: int = 0
    """Young people recorded as died, left out of every count above."""

    @computed_field
    @property
    def working(self) -> int:
        """PAs listed who still work here."""
        return sum(not pa.has_left for pa in self.pas)

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
            above_target=pa.active and by_pa[staff_id] > target,
            has_left=not pa.active,
        )
        for staff_id, pa in listed.items()
    ]
    rows.sort(key=lambda row: (row.has_left, -row.young_people, row.name, row.staff_id))
    working = [row for row in rows if not row.has_left]
    allocated = sum(row.young_people for row in working)
    return Caseloads(
        target=target,
        pas=rows,
        young_people=len(people),
        without_pa=len(people) - allocated,
        average=allocated / len(working) if working else None,
        died=died,
        pa_left=sum(row.young_people for row in rows if row.has_left),
    )
