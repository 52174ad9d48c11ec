"""What a deadline is, for everyone who reads them: the sweep, the PA's lists, managers' summaries, the CLI.

The rules that produce deadlines are pure functions elsewhere in this package; this module only says what
they produce.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.models import Instant


class DeadlineKind(StrEnum):
    RHI = "rhi"
    REPEAT_MISSING = "repeat_missing"
    PATHWAY_REVIEW = "pathway_review"
    NEEDS_ASSESSMENT = "needs_assessment"
    CONTACT = "contact"
    TRANSITION_18 = "transition_18"
    TRANSITION_21 = "transition_21"
    TRANSITION_25 = "transition_25"


class DeadlineStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"


class Deadline(BaseModel):
    """One open deadline for one young person.

    ``subject`` names what the deadline is about, stable across sweeps (``rhi:<episode id>``,
    ``contact:<person id>:<due day>``), so reminders built from it can carry unique idempotency keys.
    ``due_at`` is the exact instant for an RHI, and midnight at the start of the due day (service
    timezone) for the day-based kinds.
    """

    model_config = ConfigDict(frozen=True)

    kind: DeadlineKind
    subject: str
    young_person_id: int
    case_ref: str
    pa_id: int | None
    team_id: int | None
    due_at: Instant
    status: DeadlineStatus
    rule: str
