"""A small service with every figure worked out by hand, for the managers' summary tests.

Now is Monday 23 November 2026, 10:00 (GMT, so London time is the same). The caseload target is 2, so one
PA is above it. The expected figures are written next to the data in the tests that check them.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.config import Settings
from bot.models import (
    Category,
    EpisodeKind,
    MissingEpisode,
    PassportProgress,
    PassportStatus,
    Role,
    Staff,
    Team,
    YoungPerson,
)
from bot.models_leaver import Feedback, FeedbackKind
from bot.store import Database, feedback, missing, passport, people, staff, teams

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
MANAGER_NORTH, MANAGER_SOUTH, ADMIN, PA_ROBIN, PA_SAM, LEAVER_AMY = 7001, 7002, 7003, 7101, 7102, 7201


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class KnownService:
    north: Team
    south: Team
    robin: Staff
    sam: Staff
    pat: Staff
    lee: Staff
    person_ids: dict[str, int]


def known_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"managers": settings.managers.model_copy(update={"caseload_target": 2})}
    )


async def build(db: Database) -> KnownService:
    async with db.transaction() as tx:
        north = await teams.add(tx, Team(name="North"))
        south = await teams.add(tx, Team(name="South"))

        async def member(name: str, role: Role, team: Team | None, user: int | None) -> Staff:
            return await staff.add(
                tx,
                Staff(
                    name=name,
                    role=role,
                    team_id=team.id if team else None,
                    worker_id=f"W-{name}",
                    telegram_user_id=user,
                ),
            )

        await member("Mo Khan", Role.MANAGER, north, MANAGER_NORTH)
        await member("Sue Hall", Role.MANAGER, south, MANAGER_SOUTH)
        await member("Ada Jones", Role.ADMIN, None, ADMIN)
        robin = await member("Robin Hall", Role.PA, north, PA_ROBIN)
        sam = await member("Sam Lee", Role.PA, north, PA_SAM)
        pat = await member("Pat Green", Role.PA, north, None)
        lee = await member("Lee Smith", Role.PA, south, None)

        ids: dict[str, int] = {}
        for name, born, pa, team, in_touch, suitable, activity in [
            ("Amy", date(2009, 1, 10), robin, north, "YES", True, "F2"),  # 17
            ("Ben", date(2008, 11, 24), robin, north, "YES", False, "G5"),  # 17, 18 tomorrow
            ("Cal", date(2008, 11, 23), robin, north, "NO", None, None),  # 18 today
            ("Dee", date(2006, 6, 1), sam, north, "YES", True, "P5"),  # 20
            ("Eve", date(2004, 1, 1), sam, north, "YES", True, "G6"),  # 22
            ("Fay", date(2002, 12, 1), None, north, "REFU", True, "F1"),  # 23, no PA
            ("Gus", date(2009, 12, 1), robin, north, "YES", True, "F2"),  # 16
            ("Hal", date(2007, 3, 3), None, north, "DIED", None, None),  # 19, died
            ("Ivy", date(2009, 5, 5), lee, south, "YES", True, "F2"),  # 17, South
        ]:
            person = await people.add(
                tx,
                YoungPerson(
                    case_ref=f"CL-{name}",
                    preferred_name=name,
                    date_of_birth=born,
                    category=Category.RELEVANT if born.year >= 2008 else Category.FORMER_RELEVANT,
                    pa_id=pa.id if pa else None,
                    team_id=team.id,
                    in_touch=in_touch,
                    accommodation_suitable=suitable,
                    activity_code=activity,
                    telegram_user_id=LEAVER_AMY if name == "Amy" else None,
                ),
            )
            assert person.id is not None
            ids[name] = person.id
        await people.add(  # left the service: in no figure at all
            tx,
            YoungPerson(
                case_ref="CL-Old",
                preferred_name="Old",
                date_of_birth=date(2009, 2, 2),
                category=Category.RELEVANT,
                pa_id=robin.id,
                team_id=north.id,
                in_touch="YES",
                left_service_on=date(2026, 1, 1),
            ),
        )

        for who, kind, started, returned, offered, completed, declined in [
            ("Amy", "missing", "2026-11-09T20:00", "2026-11-10T12:00", "2026-11-12T12:00", None, None),
            ("Ben", "missing", "2026-11-01T22:00", "2026-11-02T09:00", "2026-11-06T09:00", None, None),
            ("Cal", "missing", "2026-10-31T20:00", "2026-11-01T08:00", None, None, None),
            ("Gus", "missing", "2026-11-21T10:00", "2026-11-22T10:00", None, None, None),
            ("Amy", "missing", "2026-11-14T10:00", "2026-11-15T10:00", None, None, "2026-11-16T10:00"),
            ("Amy", "away", "2026-11-17T10:00", "2026-11-18T10:00", None, None, None),
            ("Dee", "missing", "2026-11-18T10:00", "2026-11-19T10:00", None, None, None),
            ("Ben", "missing", "2026-11-21T10:00", None, None, None, None),
            ("Amy", "missing", "2026-10-19T10:00", "2026-10-20T10:00", None, "2026-10-22T10:00", None),
            ("Ben", "missing", "2026-10-04T10:00", "2026-10-05T10:00", "2026-10-06T10:00", None, None),
            ("Gus", "missing", "2026-08-09T10:00", "2026-08-10T10:00", "2026-08-11T10:00", None, None),
            ("Amy", "missing", "2026-08-31T10:00", "2026-09-01T10:00", "2026-09-04T10:00", None, None),
            ("Ivy", "missing", "2026-11-19T10:00", "2026-11-20T10:00", None, None, None),
        ]:
            await missing.add(
                tx,
                MissingEpisode(
                    young_person_id=ids[who],
                    kind=EpisodeKind(kind),
                    started_at=at(started),
                    returned_at=at(returned) if returned else None,
                    rhi_offered_at=at(offered) if offered else None,
                    rhi_completed_at=at(completed) if completed else None,
                    rhi_declined_at=at(declined) if declined else None,
                ),
            )

        for who, item, status in [
            ("Amy", "mon_bank", "done"),
            ("Amy", "mon_bills", "done"),
            ("Amy", "mon_budget", "help"),
            ("Ben", "mon_bank", "done"),
            ("Cal", "mon_bills", "todo"),
            ("Dee", "mon_budget", "help"),
            ("Dee", "home_meters", "help"),
            ("Ivy", "mon_budget", "help"),
        ]:
            await passport.set_status(
                tx,
                PassportProgress(
                    young_person_id=ids[who], item_id=item, status=PassportStatus(status), updated_at=NOW
                ),
            )
        for who, kind, value, when in [
            ("Amy", FeedbackKind.HELPED, 1, "2026-11-20T10:00"),
            ("Ben", FeedbackKind.HELPED, 1, "2026-11-01T10:00"),
            ("Dee", FeedbackKind.HELPED, 0, "2026-11-10T10:00"),
            ("Amy", FeedbackKind.READINESS, 3, "2026-11-20T10:00"),
            ("Dee", FeedbackKind.READINESS, 4, "2026-11-10T10:00"),
            ("Ben", FeedbackKind.HELPED, 0, "2026-10-01T10:00"),  # before the last 30 days
            ("Ivy", FeedbackKind.HELPED, 0, "2026-11-20T10:00"),  # South
        ]:
            await feedback.add(
                tx,
                Feedback(
                    young_person_id=ids[who],
                    team_id=south.id if who == "Ivy" else north.id,
                    kind=kind,
                    value=value,
                    at=at(when),
                ),
            )
    return KnownService(north=north, south=south, robin=robin, sam=sam, pat=pat, lee=lee, person_ids=ids)
