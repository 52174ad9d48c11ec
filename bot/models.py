"""The domain: who the service supports, who supports them, and what has happened.

Models validate on the way in (from the CLI, the chat, an import or the store), so impossible data never
reaches the rules. Instants are timezone-aware and stored in UTC; calendar facts (a birthday, the day of a
review) are dates.
"""

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

YOUNGEST_AGE = 15
OLDEST_AGE = 26


def _aware_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("an instant needs a timezone")
    return value.astimezone(UTC)


Instant = Annotated[datetime, AfterValidator(_aware_utc)]


class Role(StrEnum):
    LEAVER = "leaver"
    PA = "pa"
    MANAGER = "manager"
    ADMIN = "admin"


STAFF_ROLES = (Role.PA, Role.MANAGER, Role.ADMIN)


def _staff_role(role: Role) -> Role:
    if role not in STAFF_ROLES:
        raise ValueError("staff are a pa, a manager or an admin")
    return role


class Category(StrEnum):
    """Care-leaver status under the Children Act 1989 (domain.md section 1)."""

    ELIGIBLE = "eligible"
    RELEVANT = "relevant"
    FORMER_RELEVANT = "former_relevant"
    QUALIFYING = "qualifying"


class ContactMethod(StrEnum):
    """How a PA was in touch. ``UNRECORDED``: a contact happened but how is not known, as when a council's
    file gives only the day of the latest contact. It is never a visit, and a PA never chooses it."""

    VISIT = "visit"
    PHONE = "phone"
    VIDEO = "video"
    MESSAGE = "message"
    UNRECORDED = "unrecorded"


# The ways a PA can say they were in touch: they were there, so they know how.
RECORDABLE_CONTACT_METHODS = tuple(
    method for method in ContactMethod if method is not ContactMethod.UNRECORDED
)


class EpisodeKind(StrEnum):
    """SSDA903 MIS_TYPE: ``M`` missing (whereabouts unknown), ``A`` away (whereabouts known)."""

    MISSING = "missing"
    AWAY = "away"


class PassportStatus(StrEnum):
    TODO = "todo"
    DONE = "done"
    HELP = "help"


class Source(StrEnum):
    """Where a fact came from: recorded in the chat, by a command, by an import or by the seed."""

    CHAT = "chat"
    CLI = "cli"
    IMPORT = "import"
    SEED = "seed"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Team(_Model):
    id: int | None = None
    name: str = Field(min_length=1, max_length=100)


class Staff(_Model):
    id: int | None = None
    name: str = Field(min_length=1, max_length=100)
    role: Annotated[Role, AfterValidator(_staff_role)]
    team_id: int | None = None
    worker_id: str | None = Field(default=None, max_length=64)
    telegram_user_id: int | None = None
    active: bool = True


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years old on ``day``. Born on 29 February: a year older on 1 March in other years."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


class YoungPerson(_Model):
    """A care leaver (or eligible 16-17-year-old) the service supports. No case notes: only what the
    rules, the personalised offer and the managers' summaries need."""

    id: int | None = None
    case_ref: str = Field(min_length=1, max_length=64)
    # None until a file with names or the young person gives one: a name is never made up.
    preferred_name: str | None = Field(default=None, min_length=1, max_length=60)
    # The young person chose their preferred name in the chat: no file replaces it.
    named_themselves: bool = False
    date_of_birth: date
    category: Category
    pa_id: int | None = None
    team_id: int | None = None
    lives_in_area: bool | None = None
    activity_code: str | None = Field(default=None, max_length=8)
    accommodation_code: str | None = Field(default=None, max_length=8)
    accommodation_suitable: bool | None = None
    accommodation_started_on: date | None = None
    council_provided_accommodation: bool = False
    in_touch: str | None = Field(default=None, max_length=8)
    in_custody: bool = False
    is_parent: bool | None = None
    stepped_back: bool = False
    contact_interval_days: int | None = Field(default=None, gt=0)
    eligible_since: date | None = None
    left_service_on: date | None = None
    telegram_user_id: int | None = None

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)

    @model_validator(mode="after")
    def _named_themselves_with_a_name(self) -> "YoungPerson":
        if self.named_themselves and self.preferred_name is None:
            raise ValueError("a name the young person chose cannot be empty")
        return self

    @model_validator(mode="after")
    def _plausible_age(self, info: ValidationInfo) -> "YoungPerson":
        """With ``context={"today": date}``, reject a date of birth that makes someone under 15 or over 26.

        The check needs today's date, so it runs where the caller supplies one: every import, seed and
        command does; reading back from the store does not (records outlive their 26th birthday).
        """
        today = (info.context or {}).get("today")
        if today is not None:
            age = self.age_on(today)
            if not YOUNGEST_AGE <= age <= OLDEST_AGE:
                raise ValueError(
                    f"date of birth {self.date_of_birth.isoformat()} makes them {age} today; "
                    f"the service supports ages {YOUNGEST_AGE} to {OLDEST_AGE}"
                )
        return self


class Contact(_Model):
    """One PA contact. ``in_person`` is None exactly when the method is unrecorded (nobody knows)."""

    id: int | None = None
    young_person_id: int
    contacted_on: date
    staff_id: int | None = None
    method: ContactMethod
    in_person: bool | None
    source: Source = Source.CHAT

    @model_validator(mode="after")
    def _in_person_known_with_method(self) -> "Contact":
        if (self.method is ContactMethod.UNRECORDED) != (self.in_person is None):
            raise ValueError("whether a contact was in person is unknown exactly when how it happened is")
        return self


class PathwayReview(_Model):
    id: int | None = None
    young_person_id: int
    reviewed_on: date
    staff_id: int | None = None
    source: Source = Source.CHAT


class MissingEpisode(_Model):
    id: int | None = None
    young_person_id: int
    kind: EpisodeKind = EpisodeKind.MISSING
    started_at: Instant
    returned_at: Instant | None = None
    return_time_known: bool = True
    rhi_offered_at: Instant | None = None
    rhi_completed_at: Instant | None = None
    rhi_declined_at: Instant | None = None
    source: Source = Source.CHAT

    @model_validator(mode="after")
    def _in_order(self) -> "MissingEpisode":
        if self.returned_at is not None and self.returned_at < self.started_at:
            raise ValueError("the return is before the start of the missing episode")
        for happened in (self.rhi_offered_at, self.rhi_completed_at, self.rhi_declined_at):
            if happened is not None and (self.returned_at is None or happened < self.returned_at):
                raise ValueError("a return interview can only be offered, done or declined after the return")
        return self


class MilestoneKind(StrEnum):
    """Once-only steps a PA records as done, named as the deadlines they close."""

    NEEDS_ASSESSMENT = "needs_assessment"
    TRANSITION_18 = "transition_18"
    TRANSITION_21 = "transition_21"
    TRANSITION_25 = "transition_25"


class Milestone(_Model):
    """A once-only step done on ``done_on``: the needs assessment, or planning for a transition."""

    young_person_id: int
    kind: MilestoneKind
    done_on: date
    staff_id: int | None = None
    source: Source = Source.CHAT
    recorded_at: Instant


class PassportProgress(_Model):
    young_person_id: int
    item_id: str = Field(min_length=1, max_length=64)
    status: PassportStatus
    updated_by_staff_id: int | None = None
    updated_at: Instant


class Invite(_Model):
    id: int | None = None
    code_hash: str = Field(min_length=64, max_length=64)
    role: Role
    young_person_id: int | None = None
    staff_id: int | None = None
    created_at: Instant
    expires_at: Instant
    used_at: Instant | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> "Invite":
        for_leaver = self.role is Role.LEAVER
        if for_leaver != (self.young_person_id is not None) or for_leaver == (self.staff_id is not None):
            raise ValueError("an invite is for one young person or one staff member")
        return self


URGENT_KIND_PREFIXES = ("crisis", "handoff")
"""Outbox kinds that go before any routine reminder, whatever the backlog: crisis alerts (``crisis_duty``)
and hand-offs to a person (``handoff_<kind>``: the PA's copy, the manager's escalation, the young person's
"your PA has seen it"). A new kind of alert gets a name that starts with one of these."""


def is_urgent(kind: str) -> bool:
    return kind.startswith(URGENT_KIND_PREFIXES)


class OutboxMessage(_Model):
    """A message the bot owes someone. The idempotency key makes queuing the same reminder twice a no-op.

    ``urgent`` is set from the kind when the message is made (``is_urgent``), and kept with the row."""

    id: int | None = None
    idempotency_key: str = Field(min_length=1, max_length=200)
    kind: str = Field(min_length=1, max_length=40)
    chat_id: int
    text: str = Field(min_length=1, max_length=4096)
    reply_markup: str | None = None
    due_at: Instant
    created_at: Instant
    sent_at: Instant | None = None
    cancelled_at: Instant | None = None
    attempts: int = 0
    next_attempt_at: Instant | None = None
    last_error: str | None = None
    person_id: int | None = None
    """The young person a reminder is about (None for a digest, an alert or a notice about no one)."""
    subject: str | None = None
    """The deadline a reminder is about (``Deadline.subject``): checked still open when it goes."""
    urgent: bool = False

    @model_validator(mode="before")
    @classmethod
    def _urgent_by_kind(cls, data: Any) -> Any:
        if isinstance(data, dict) and "urgent" not in data and isinstance(data.get("kind"), str):
            return data | {"urgent": is_urgent(data["kind"])}
        return data


class AuditEntry(_Model):
    id: int | None = None
    at: Instant
    actor_staff_id: int | None = None
    actor_role: str
    action: str = Field(min_length=1, max_length=60)
    young_person_id: int | None = None
    detail: str | None = Field(default=None, max_length=200)
    erased_person_id: int | None = None
    """Set when the young person's record was erased: the tombstone in ``erased_people``."""
