"""Planning an import: what the files would change in the store, worked out without writing anything.

Pure: it takes what the store holds now (``Existing``) and what the files say (``ParsedImport``) and
returns an ``ImportPlan``: new, updated and unchanged young people, those who left the service, history
rows to add, and every problem. ``bot.services.imports`` loads ``Existing`` and applies the plan.

History is never lost: a contact or review date from a file is added as a row when the bot has no row for
that day, and nothing is deleted, so the latest date wins whichever side it came from.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pydantic import ValidationError

from bot.imports.problems import Problem
from bot.imports.records import EpisodeRecord, ParsedImport, PersonRecord, StaffRecord, WorkerRef
from bot.models import MissingEpisode, Staff, Team, YoungPerson

# Fields a file can state about a young person; the rest belong to the bot (Telegram link, overrides).
FILE_FIELDS = (
    "preferred_name",
    "date_of_birth",
    "category",
    "pa_id",
    "team_id",
    "in_touch",
    "activity_code",
    "accommodation_code",
    "accommodation_suitable",
    "accommodation_started_on",
    "council_provided_accommodation",
    "lives_in_area",
    "stepped_back",
    "contact_interval_days",
    "eligible_since",
    "left_service_on",
)


@dataclass
class Existing:
    """What the store holds before the import."""

    people: dict[str, YoungPerson] = field(default_factory=dict)
    staff: list[Staff] = field(default_factory=list)
    teams: dict[str, Team] = field(default_factory=dict)
    contact_days: set[tuple[int, date]] = field(default_factory=set)
    review_days: set[tuple[int, date]] = field(default_factory=set)
    episodes: dict[int, list[MissingEpisode]] = field(default_factory=dict)
    erased_on_request: dict[str, date] = field(default_factory=dict)
    """Case references whose records were erased at the young person's request, and when."""


@dataclass
class PersonChange:
    """One young person: ``before`` is None when new. ``pa_staff`` and ``team`` name a staff member or team
    this import creates (their ids are only known once written)."""

    case_ref: str
    before: YoungPerson | None
    after: YoungPerson
    changed: list[str]
    pa_staff: StaffRecord | None = None
    team: str | None = None
    contact_on: date | None = None
    review_on: date | None = None

    @property
    def status(self) -> str:
        if self.before is None:
            return "new"
        return "updated" if self.changed or self.contact_on or self.review_on else "unchanged"


@dataclass
class EpisodeChange:
    case_ref: str
    episode: MissingEpisode
    is_new: bool


@dataclass
class ImportPlan:
    as_of: date
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables_read: list[str] = field(default_factory=list)
    people: list[PersonChange] = field(default_factory=list)
    episodes: list[EpisodeChange] = field(default_factory=list)
    leaving: list[YoungPerson] = field(default_factory=list)
    new_staff: list[StaffRecord] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    full_caseload: bool = False
    close_missing: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, status: str) -> int:
        return sum(change.status == status for change in self.people)


def _erased_before(existing: Existing, plan: ImportPlan) -> None:
    """The council's file is the record, so someone erased on request who is in it again is added again:
    said in the report, so an admin can take them out of the file first."""
    again = [
        f"{change.case_ref} (erased {existing.erased_on_request[change.case_ref].isoformat()})"
        for change in plan.people
        if change.before is None and change.case_ref in existing.erased_on_request
    ]
    if again:
        plan.notes.append(
            f"{len(again)} young people whose records were erased at their request are in this file and will"
            f" be added again: {', '.join(again)}."
        )


def plan_import(existing: Existing, parsed: ParsedImport, *, as_of: date, close_missing: bool) -> ImportPlan:
    plan = ImportPlan(
        as_of=as_of,
        problems=list(parsed.problems),
        notes=list(parsed.notes),
        tables_read=list(parsed.tables_read),
        full_caseload=parsed.full_caseload,
        close_missing=close_missing,
    )
    workers = _Workers(existing.staff, parsed.staff, plan)
    changes: dict[str, PersonChange] = {}
    for record in parsed.people:
        if record.creates:
            change = _person_change(existing, record, workers, plan)
            if change is not None:
                changes[record.case_ref] = change
    _supplements(existing, parsed.people, changes, plan)
    plan.people = list(changes.values())
    _erased_before(existing, plan)
    _episodes(existing, parsed, changes, plan)
    if parsed.full_caseload:
        in_file = {record.case_ref for record in parsed.people if record.creates}
        plan.leaving = [
            person
            for case_ref, person in existing.people.items()
            if case_ref not in in_file and person.left_service_on is None
        ]
    plan.new_teams = sorted(
        {change.team for change in plan.people if change.team} - set(existing.teams)
        | {record.team for record in plan.new_staff if record.team and record.team not in existing.teams}
    )
    return plan


class _Workers:
    """Staff as the files name them: the council's worker id first, then the name (ignoring case)."""

    def __init__(self, staff: list[Staff], listed: list[StaffRecord], plan: ImportPlan) -> None:
        self._plan = plan
        self.by_id: dict[str, Staff | StaffRecord] = {}
        self.by_name: dict[str, list[Staff | StaffRecord]] = defaultdict(list)
        for member in staff:
            self._index(member)
        for record in listed:
            if self.find(WorkerRef(record.where, worker_id=record.worker_id, name=record.name)) is None:
                self._index(record)
                plan.new_staff.append(record)

    def _index(self, member: Staff | StaffRecord) -> None:
        if member.worker_id:
            self.by_id[member.worker_id.casefold()] = member
        self.by_name[_name_key(member.name)].append(member)

    def find(self, ref: WorkerRef) -> Staff | StaffRecord | None:
        for worker_id in (ref.worker_id, ref.other_id):
            if worker_id and (member := self.by_id.get(worker_id.casefold())):
                return member
        if ref.name:
            named = self.by_name.get(_name_key(ref.name), [])
            if len(named) == 1:
                return named[0]
        return None

    def resolve(self, ref: WorkerRef) -> Staff | StaffRecord | None:
        member = self.find(ref)
        if member is None:
            named = self.by_name.get(_name_key(ref.name), []) if ref.name else []
            if len(named) > 1:
                why = (
                    f"{len(named)} staff are called {ref.name}: give each a worker id "
                    "(carebot staff add --worker-id) and put the id in the file"
                )
            else:
                why = (
                    "no staff member has this worker id or name. Add them first "
                    "(carebot staff add --worker-id, or a staff CSV), then import again"
                )
            self._plan.problems.append(Problem(ref.where, why))
        return member


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _person_change(
    existing: Existing, record: PersonRecord, workers: _Workers, plan: ImportPlan
) -> PersonChange | None:
    before = existing.people.get(record.case_ref)
    # Annex A has no names: the name stays unknown (None) until a file with names or the young person
    # gives one. A name the young person chose themselves is theirs: no file replaces it.
    data = before.model_dump() if before else {"case_ref": record.case_ref}
    data.update(record.facts)
    if before is not None and before.named_themselves:
        data["preferred_name"] = before.preferred_name
    data["left_service_on"] = None
    problems_before = len(plan.problems)
    member = workers.resolve(record.pa) if record.pa else None
    pa_staff = member if isinstance(member, StaffRecord) else None
    if record.pa_given:
        data["pa_id"] = member.id if isinstance(member, Staff) else None
    new_team = None
    if record.team_given and record.team:
        team = existing.teams.get(record.team)
        data["team_id"] = team.id if team else None
        new_team = None if team else record.team
    elif isinstance(member, Staff) and member.team_id:
        data["team_id"] = member.team_id  # no team in the file: the young person's team is their PA's
    elif pa_staff is not None and pa_staff.team:
        team = existing.teams.get(pa_staff.team)
        data["team_id"] = team.id if team else None
        new_team = None if team else pa_staff.team
    elif record.team_given:
        data["team_id"] = None
    for label, day in (("latest contact", record.contacted_on), ("latest review", record.reviewed_on)):
        if day is not None and day > plan.as_of:
            plan.problems.append(Problem(record.where, f"the {label} date {day:%d/%m/%Y} is in the future"))
    try:
        after = YoungPerson.model_validate(data, context={"today": plan.as_of})
    except ValidationError as error:
        for item in error.errors():
            message = str(item["msg"]).removeprefix("Value error, ")
            plan.problems.append(Problem(record.where, message))
        return None
    if len(plan.problems) > problems_before:
        return None
    changed = [
        name for name in FILE_FIELDS if before is not None and getattr(before, name) != getattr(after, name)
    ]
    if new_team or pa_staff:
        changed += ["team_id" if new_team else "pa_id"]
    person_id = before.id if before else None
    return PersonChange(
        case_ref=record.case_ref,
        before=before,
        after=after,
        changed=sorted(set(changed)),
        pa_staff=pa_staff,
        team=new_team,
        contact_on=_new_day(record.contacted_on, person_id, existing.contact_days),
        review_on=_new_day(record.reviewed_on, person_id, existing.review_days),
    )


def _new_day(day: date | None, person_id: int | None, recorded: set[tuple[int, date]]) -> date | None:
    if day is None or (person_id is not None and (person_id, day) in recorded):
        return None
    return day


def _supplements(
    existing: Existing, records: list[PersonRecord], changes: dict[str, PersonChange], plan: ImportPlan
) -> None:
    """Records that only update (903 OC3): they fill what the caseload file in this import did not say."""
    skipped = 0
    stated = {record.case_ref: set(record.facts) for record in records if record.creates}
    for record in records:
        if record.creates:
            continue
        change = changes.get(record.case_ref)
        if change is None:
            before = existing.people.get(record.case_ref)
            if before is None:
                skipped += 1
                continue
            change = PersonChange(record.case_ref, before, before, [])
            changes[record.case_ref] = change
        facts = {
            name: value
            for name, value in record.facts.items()
            if name not in stated.get(record.case_ref, set()) or getattr(change.after, name) is None
        }
        after = change.after.model_copy(update=facts)
        change.after = after
        if change.before is not None:
            change.changed = sorted(
                {name for name in FILE_FIELDS if getattr(change.before, name) != getattr(after, name)}
                | set(change.changed)
            )
    if skipped:
        plan.notes.append(f"{skipped} supplement rows are about children not in the caseload; skipped.")


def _episodes(
    existing: Existing, parsed: ParsedImport, changes: dict[str, PersonChange], plan: ImportPlan
) -> None:
    known = set(changes) | set(existing.people)
    skipped = 0
    planned: dict[str, list[MissingEpisode]] = defaultdict(list)
    for record in parsed.episodes:
        if record.case_ref not in known:
            skipped += 1
            continue
        person = existing.people.get(record.case_ref)
        stored = existing.episodes.get(person.id, []) if person and person.id else []
        match = next((e for e in stored if e.started_at == record.started_at.astimezone(UTC)), None)
        episode = _episode(record, match, person.id if person and person.id else 0, plan)
        if episode is not None and episode != match:
            plan.episodes.append(EpisodeChange(record.case_ref, episode, match is None))
        if episode is not None:
            planned[record.case_ref].append(episode)
    if skipped:
        plan.notes.append(f"{skipped} missing episodes are about children not in the caseload; skipped.")
    for interview in parsed.interviews:
        person = existing.people.get(interview.case_ref)
        episodes = list(existing.episodes.get(person.id, []) if person and person.id else [])
        episodes += planned.get(interview.case_ref, [])
        returned = [e for e in episodes if e.returned_at is not None]
        if not returned:
            if interview.offered or interview.accepted:
                plan.notes.append(
                    f"{interview.where.describe()}: a return interview is recorded for the last missing "
                    "episode, but no episode with a return date is on record to attach it to."
                )
            continue
        last = max(returned, key=lambda e: e.started_at)
        updated = _with_interview(last, interview.offered, interview.accepted)
        if updated != last:
            plan.episodes = [c for c in plan.episodes if c.episode is not last]
            plan.episodes.append(EpisodeChange(interview.case_ref, updated, last.id is None))


def _episode(
    record: EpisodeRecord, stored: MissingEpisode | None, person_id: int, plan: ImportPlan
) -> MissingEpisode | None:
    """The episode as it should be stored: a stored one only gains a return time and an RHI outcome."""
    try:
        if stored is None:
            episode = MissingEpisode(
                young_person_id=person_id,
                kind=record.kind,
                started_at=record.started_at,
                returned_at=record.returned_at,
                return_time_known=record.return_time_known,
                source="import",
            )
        else:
            episode = stored
            if stored.returned_at is None and record.returned_at is not None:
                episode = MissingEpisode.model_validate(
                    stored.model_dump()
                    | {"returned_at": record.returned_at, "return_time_known": record.return_time_known}
                )
    except ValidationError as error:
        plan.problems.append(
            Problem(record.where, str(error.errors()[0]["msg"]).removeprefix("Value error, "))
        )
        return None
    return _with_interview(episode, record.rhi_offered, record.rhi_accepted)


def _with_interview(episode: MissingEpisode, offered: bool | None, accepted: bool | None) -> MissingEpisode:
    """The file's return-interview outcome, when the bot has none yet.

    The files say whether an interview was offered and accepted, not when. The return time stands in for
    both, so the deadline closes without claiming a later time; the episode's ``source`` says "import", so
    measures of "within 72 hours" can leave these out.
    """
    returned = episode.returned_at
    has_outcome = episode.rhi_completed_at or episode.rhi_declined_at
    if returned is None or has_outcome or not (offered or accepted):
        return episode
    update: dict[str, datetime] = {"rhi_offered_at": episode.rhi_offered_at or returned}
    if accepted:
        update["rhi_completed_at"] = returned
    elif accepted is False:
        update["rhi_declined_at"] = returned
    return episode.model_copy(update=update)
