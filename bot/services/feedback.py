"""Young people's voice: "Did this help?" and "How ready do you feel?", for their PA and, counted without
names, for managers' summaries.

One answer per item a day: a second press on the same item within ``ONE_ANSWER_PER`` changes nothing (the
first answer stands) and is thanked all the same, so pressing again and again cannot tilt the figures.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.models import Role
from bot.models_leaver import Feedback, FeedbackKind
from bot.services.access import AccessDenied, log_staff_action, open_record
from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, feedback
from content.schema import CouncilContent, Need

READINESS_SCALE = range(1, 6)
ONE_ANSWER_PER = timedelta(days=1)


async def record_helped(
    db: Database, identity: Identity, content: CouncilContent, topic: str, helped: bool, *, now: datetime
) -> bool:
    """``topic`` is what the answer was about: an entitlement, a money-help need or a passport section.
    False when this topic already had an answer from them today (nothing changes)."""
    if topic not in feedback_topics(content):
        raise ValueError("unknown topic")
    return await _record(db, identity, FeedbackKind.HELPED, topic, int(helped), now)


def feedback_topics(content: CouncilContent) -> set[str]:
    return {
        *(item.id for item in content.entitlements),
        *(item.id for item in content.money_help),
        *(need.value for need in Need),
        *(section.id for section in content.passport),
    }


async def record_readiness(db: Database, identity: Identity, score: int, *, now: datetime) -> bool:
    """False when they already said how ready they feel today (nothing changes)."""
    if score not in READINESS_SCALE:
        raise ValueError("readiness is 1 to 5")
    return await _record(db, identity, FeedbackKind.READINESS, None, score, now)


async def _record(
    db: Database, identity: Identity, kind: FeedbackKind, topic: str | None, value: int, now: datetime
) -> bool:
    person = own_record(identity)
    assert person.id is not None
    async with db.transaction() as tx:
        if await feedback.answered_since(tx, person.id, kind, topic, now - ONE_ANSWER_PER):
            return False
        await feedback.add(
            tx,
            Feedback(
                young_person_id=person.id, team_id=person.team_id, kind=kind, topic=topic, value=value, at=now
            ),
        )
    return True


async def readiness_due(db: Database, identity: Identity, *, now: datetime, every_days: int = 28) -> bool:
    """Ask "how ready do you feel?" now and then: not if they answered in the last ``every_days`` days."""
    person = own_record(identity)
    assert person.id is not None
    answers = [
        entry
        for entry in await feedback.for_person(db.reader, person.id)
        if entry.kind is FeedbackKind.READINESS
    ]
    return not answers or (now - answers[-1].at).days >= every_days


async def for_person(db: Database, identity: Identity, person_id: int, *, now: datetime) -> list[Feedback]:
    """One young person's feedback, for their PA (audited like any staff read)."""
    await open_record(db, identity, person_id, action="feedback.read", now=now)
    return await feedback.for_person(db.reader, person_id)


@dataclass(frozen=True)
class TeamFeedback:
    """Counts only: no names, no ids, no topics tied to a person."""

    team_id: int | None
    helped_yes: int = 0
    helped_no: int = 0
    readiness: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    @property
    def readiness_answers(self) -> int:
        return sum(self.readiness)

    @property
    def readiness_average(self) -> float | None:
        answers = self.readiness_answers
        return (
            None
            if not answers
            else sum(score * n for score, n in zip(READINESS_SCALE, self.readiness, strict=True)) / answers
        )


async def anonymised_counts(
    db: Database, identity: Identity, start: datetime, end: datetime, *, now: datetime
) -> list[TeamFeedback]:
    """Feedback given in ``[start, end)``, counted per team: a manager sees their team, an admin all.

    For the managers' summaries: whether the passport and the advice make a difference, with no way back
    to a person."""
    if identity.staff is None or identity.role not in (Role.MANAGER, Role.ADMIN):
        raise AccessDenied()
    team_id = identity.staff.team_id if identity.role is Role.MANAGER else None
    if identity.role is Role.MANAGER and team_id is None:
        return []
    rows = await feedback.counts(db.reader, start, end, team_id)
    async with db.transaction() as tx:
        await log_staff_action(
            tx, identity, "feedback.summary", now, detail=f"{start:%Y-%m-%d}..{end:%Y-%m-%d}"
        )
    teams: dict[int | None, dict] = {}
    for row_team, kind, value, count in rows:
        entry = teams.setdefault(row_team, {"helped_yes": 0, "helped_no": 0, "readiness": [0] * 5})
        if kind == FeedbackKind.HELPED.value:
            entry["helped_yes" if value else "helped_no"] += count
        else:
            entry["readiness"][value - 1] += count
    return [
        TeamFeedback(team, entry["helped_yes"], entry["helped_no"], tuple(entry["readiness"]))
        for team, entry in teams.items()
    ]
