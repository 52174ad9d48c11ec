"""Models for the care leaver's side: where a conversation is up to, facts they told us, hand-offs to a
person, and their feedback. Kept apart from ``bot.models`` (the shared core) because only this side
writes them."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.models import Instant


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ConversationState(_Model):
    """Where one user's conversation is up to (``step``) and the little it needs to carry on."""

    telegram_user_id: int
    step: str = Field(min_length=1, max_length=40)
    data: dict[str, Any] = Field(default_factory=dict)
    updated_at: Instant


class SelfReported(_Model):
    """Facts the council's record lacks, as the young person gave them. The record itself is not changed:
    the PA stays the one who updates it."""

    young_person_id: int
    lives_in_area: bool | None = None
    activity: str | None = Field(default=None, max_length=20)
    is_parent: bool | None = None
    # Facts they chose not to say (``content.personalise.Fact`` values, space-separated): not asked again.
    not_said: str = Field(default="", max_length=80)
    updated_at: Instant

    def declined(self, fact: str) -> bool:
        return fact in self.not_said.split()


class HandoffKind(StrEnum):
    CONTACT = "contact"
    QUESTION = "question"
    PASSPORT_HELP = "passport_help"
    CRISIS = "crisis"


class ContactReason(StrEnum):
    """What a young person wants to talk to their PA about: a code from a fixed list, never their words."""

    MONEY = "money"
    HOME = "home"
    HEALTH = "health"
    WORK = "work"
    PLAN = "plan"
    OTHER = "other"


class PreferredTime(StrEnum):
    """When a young person would like their PA to get in touch."""

    SOON = "soon"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    MESSAGE = "message"


class Response(StrEnum):
    """What the PA said they would do."""

    TODAY = "today"
    LATER = "later"
    DONE = "done"


class Told(StrEnum):
    """Who a hand-off reached at once, so the young person can be told honestly."""

    PA = "pa"
    DUTY = "duty"
    MANAGER = "manager"
    NOBODY = "nobody"


class Handoff(_Model):
    """A young person's request that a person (PA, manager or duty worker) picks up. ``reason`` and
    ``preferred_time`` are codes from fixed lists, never what the young person typed."""

    id: int | None = None
    young_person_id: int
    kind: HandoffKind
    to_staff_id: int | None = None
    to_chat_id: int | None = None
    told: Told
    reason: str | None = Field(default=None, max_length=40)
    preferred_time: str | None = Field(default=None, max_length=40)
    created_at: Instant
    acknowledged_at: Instant | None = None
    response: Response | None = None


class FeedbackKind(StrEnum):
    HELPED = "helped"
    READINESS = "readiness"


class Feedback(_Model):
    id: int | None = None
    young_person_id: int | None
    team_id: int | None
    kind: FeedbackKind
    topic: str | None = Field(default=None, max_length=40)
    value: int
    at: Instant
