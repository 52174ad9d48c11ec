"""A small team for reminder tests: a PA and a manager with Telegram linked, and young people to add."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.models import Contact, ContactMethod, MissingEpisode, PathwayReview, Role, Staff, Team, YoungPerson
from bot.store import Database, contacts, missing, people, reviews, staff, teams

PA_CHAT = 7001
MANAGER_CHAT = 7002
OTHER_PA_CHAT = 7003
# When the sweep first looked at the caseload: reminders have been running since long before the tests'
# dates, unless a test imports someone afresh (``watched_since=None``) to see the go-live backlog.
WATCHED_SINCE = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@dataclass
class Caseload:
    db: Database
    team_id: int
    pa_id: int
    manager_id: int
    other_pa_id: int

    async def person(
        self,
        case_ref: str = "CL1",
        *,
        name: str | None = "Kai",
        born: date = date(2009, 6, 1),
        category: str = "relevant",
        pa_id: int | None = -1,
        contacted_on: date | None = None,
        reviewed_on: date | None = None,
        watched_since: datetime | None = WATCHED_SINCE,
        **facts: object,
    ) -> YoungPerson:
        async with self.db.transaction() as tx:
            person = await people.add(
                tx,
                YoungPerson(
                    case_ref=case_ref,
                    preferred_name=name,
                    date_of_birth=born,
                    category=category,
                    pa_id=self.pa_id if pa_id == -1 else pa_id,
                    team_id=self.team_id,
                    **facts,
                ),
            )
            assert person.id is not None
            if contacted_on is not None:
                await contacts.add(
                    tx,
                    Contact(
                        young_person_id=person.id,
                        contacted_on=contacted_on,
                        method=ContactMethod.VISIT,
                        in_person=True,
                    ),
                )
            if reviewed_on is not None:
                await reviews.add(tx, PathwayReview(young_person_id=person.id, reviewed_on=reviewed_on))
            if watched_since is not None:
                await tx.execute(
                    "UPDATE sweep_schedule SET first_swept_at = ? WHERE young_person_id = ?",
                    (watched_since.isoformat(), person.id),
                )
        return person

    async def returned(
        self, person: YoungPerson, started_at: datetime, returned_at: datetime | None
    ) -> MissingEpisode:
        assert person.id is not None
        async with self.db.transaction() as tx:
            return await missing.add(
                tx, MissingEpisode(young_person_id=person.id, started_at=started_at, returned_at=returned_at)
            )


async def make_caseload(db: Database) -> Caseload:
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        pa = await staff.add(
            tx, Staff(name="Robin", role=Role.PA, team_id=team.id, worker_id="W1", telegram_user_id=PA_CHAT)
        )
        manager = await staff.add(
            tx, Staff(name="Morgan", role=Role.MANAGER, team_id=team.id, telegram_user_id=MANAGER_CHAT)
        )
        other = await staff.add(
            tx, Staff(name="Sky", role=Role.PA, team_id=team.id, telegram_user_id=OTHER_PA_CHAT)
        )
    assert team.id and pa.id and manager.id and other.id
    return Caseload(db=db, team_id=team.id, pa_id=pa.id, manager_id=manager.id, other_pa_id=other.id)
