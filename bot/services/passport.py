"""The passport to independence: a young person's own ticks, and their PA's view of everyone's progress."""

from dataclasses import dataclass
from datetime import datetime

from bot.config import Settings
from bot.models import PassportProgress, PassportStatus, Role, YoungPerson
from bot.models_leaver import FeedbackKind
from bot.services import handoff
from bot.services.access import AccessDenied, log_staff_action
from bot.services.identity import Identity
from bot.services.leaver_access import own_record
from bot.store import Database, feedback, passport, people
from content.schema import CouncilContent, PassportSection


@dataclass(frozen=True)
class SectionProgress:
    section: PassportSection
    statuses: dict[str, PassportStatus]

    @property
    def done(self) -> int:
        return sum(1 for item in self.section.items if self.statuses.get(item.id) is PassportStatus.DONE)

    @property
    def wants_help(self) -> int:
        return sum(1 for item in self.section.items if self.statuses.get(item.id) is PassportStatus.HELP)

    @property
    def total(self) -> int:
        return len(self.section.items)

    @property
    def finished(self) -> bool:
        return self.done == self.total


def _progress(content: CouncilContent, rows: list[PassportProgress]) -> list[SectionProgress]:
    """Per-section progress; rows for items no longer in the content are ignored, not counted."""
    statuses = {row.item_id: row.status for row in rows}
    return [SectionProgress(section, statuses) for section in content.passport]


async def my_passport(db: Database, identity: Identity, content: CouncilContent) -> list[SectionProgress]:
    person = own_record(identity)
    assert person.id is not None
    return _progress(content, await passport.for_person(db.lookups, person.id))


@dataclass(frozen=True)
class Marked:
    progress: SectionProgress
    just_finished: bool
    help_request: handoff.HandedOff | None


async def mark(
    db: Database,
    identity: Identity,
    content: CouncilContent,
    item_id: str,
    status: PassportStatus,
    *,
    settings: Settings,
    now: datetime,
) -> Marked:
    """Tick, untick or ask for help with one item. Asking for help tells the PA (once per item)."""
    person = own_record(identity)
    assert person.id is not None
    found = content.passport_item(item_id)
    if found is None:
        raise ValueError("no such passport item")
    section, item = found
    before = _section_of(content, await passport.for_person(db.lookups, person.id), section.id)
    async with db.transaction() as tx:
        await passport.set_status(
            tx, PassportProgress(young_person_id=person.id, item_id=item_id, status=status, updated_at=now)
        )
    after = _section_of(content, await passport.for_person(db.lookups, person.id), section.id)
    help_request = None
    if status is PassportStatus.HELP and before.statuses.get(item_id) is not PassportStatus.HELP:
        help_request = await handoff.passport_help(
            db, person, section.title, item.text, settings=settings, now=now
        )
    return Marked(after, after.finished and not before.finished, help_request)


def _section_of(content: CouncilContent, rows: list[PassportProgress], section_id: str) -> SectionProgress:
    return next(progress for progress in _progress(content, rows) if progress.section.id == section_id)


@dataclass(frozen=True)
class PersonPassport:
    """One young person's passport, with how ready they last said they feel (1-5), for their PA."""

    person: YoungPerson
    sections: list[SectionProgress]
    readiness: int | None = None

    @property
    def done(self) -> int:
        return sum(part.done for part in self.sections)

    @property
    def total(self) -> int:
        return sum(part.total for part in self.sections)

    @property
    def help_wanted(self) -> list[str]:
        return [
            item.text
            for part in self.sections
            for item in part.section.items
            if part.statuses.get(item.id) is PassportStatus.HELP
        ]


async def caseload_progress(
    db: Database, identity: Identity, content: CouncilContent, *, now: datetime
) -> list[PersonPassport]:
    """Passport progress for a PA's caseload (a manager: their team). Each record read is audited."""
    if identity.staff is None or identity.role not in (Role.PA, Role.MANAGER):
        raise AccessDenied()
    if identity.role is Role.PA:
        assert identity.staff.id is not None
        caseload = await people.for_pa(db.reader, identity.staff.id)
    elif identity.staff.team_id is not None:
        caseload = await people.in_team(db.reader, identity.staff.team_id)
    else:
        caseload = []
    result = []
    async with db.transaction() as tx:
        for person in caseload:
            assert person.id is not None
            await log_staff_action(tx, identity, "passport.read", now, person_id=person.id)
    for person in caseload:
        assert person.id is not None
        answers = [
            entry.value
            for entry in await feedback.for_person(db.reader, person.id)
            if entry.kind is FeedbackKind.READINESS
        ]
        progress = _progress(content, await passport.for_person(db.lookups, person.id))
        result.append(PersonPassport(person, progress, answers[-1] if answers else None))
    return result
