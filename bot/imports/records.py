"""What the files say, format by format, before it meets the database: one record per fact."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.imports.problems import Problem, Where
from bot.models import EpisodeKind, Role


@dataclass(frozen=True)
class WorkerRef:
    """A worker as the file names them: the council's worker id, a name, or both (SSD gives both)."""

    where: Where
    worker_id: str | None = None
    name: str | None = None
    other_id: str | None = None

    def label(self) -> str:
        return " / ".join(part for part in (self.name, self.worker_id) if part)


@dataclass
class PersonRecord:
    """One young person in a caseload file (or a supplement such as 903 OC3, which only updates).

    ``facts`` holds the ``YoungPerson`` fields this file states; a field it does not carry is absent, so
    the value already held is kept. ``pa`` and ``team`` are absent, None (the file says "nobody") or the
    worker and team as the file names them.
    """

    where: Where
    case_ref: str
    facts: dict[str, Any] = field(default_factory=dict)
    pa: WorkerRef | None = None
    pa_given: bool = False
    team: str | None = None
    team_given: bool = False
    contacted_on: date | None = None
    reviewed_on: date | None = None
    creates: bool = True


@dataclass(frozen=True)
class EpisodeRecord:
    """A missing or away episode; ``returned_at`` starts the return-interview clock."""

    where: Where
    case_ref: str
    kind: EpisodeKind
    started_at: datetime
    returned_at: datetime | None
    rhi_offered: bool | None = None
    rhi_accepted: bool | None = None
    return_time_known: bool = True


@dataclass(frozen=True)
class LastEpisodeInterview:
    """Annex A List 8: whether a return interview was offered and accepted after the last missing episode."""

    where: Where
    case_ref: str
    offered: bool | None
    accepted: bool | None


@dataclass(frozen=True)
class StaffRecord:
    where: Where
    name: str
    role: Role
    team: str | None
    worker_id: str | None


@dataclass
class ParsedImport:
    people: list[PersonRecord] = field(default_factory=list)
    episodes: list[EpisodeRecord] = field(default_factory=list)
    interviews: list[LastEpisodeInterview] = field(default_factory=list)
    staff: list[StaffRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables_read: list[str] = field(default_factory=list)
    full_caseload: bool = False

    def extend(self, other: "ParsedImport") -> None:
        self.people += other.people
        self.episodes += other.episodes
        self.interviews += other.interviews
        self.staff += other.staff
        self.problems += other.problems
        self.notes += other.notes
        self.tables_read += other.tables_read
        self.full_caseload = self.full_caseload or other.full_caseload
