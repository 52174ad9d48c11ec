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
    """What whoever answered a hand-off or an alert said: a PA's "I'll call today" or "later", anyone's
    "I've seen it" or "I'm on it", and "Done"."""

    SEEN = "seen"
    ON_IT = "on_it"
    TODAY = "today"
    LATER = "later"
    DONE = "done"

    @property
    def state(self) -> "AlertState":
        """The state this answer moves a hand-off to (never back: see ``AlertState.after``)."""
        if self is Response.SEEN:
            return AlertState.SEEN
        return AlertState.CLOSED if self is Response.DONE else AlertState.ACTED


class AlertState(StrEnum):
    """Where a hand-off or a crisis alert is: nobody has answered it yet (raised), someone has seen it, is
    acting on it, or has closed it. Only "raised" escalates; only "closed" is no longer open work."""

    RAISED = "raised"
    SEEN = "seen"
    ACTED = "acted"
    CLOSED = "closed"

    def after(self, answer: Response) -> "AlertState":
        """The state once ``answer`` is given: states only move forward (a late "I've seen it" after
        "I'm on it" changes nothing)."""
        order = list(AlertState)
        return max(self, answer.state, key=order.index)


class Told(StrEnum):
    """Who a hand-off reached at once, so the young person can be told honestly."""

    PA = "pa"
    DUTY = "duty"
    MANAGER = "manager"
    NOBODY = "nobody"


class Handoff(_Model):
    """A young person's request, or a crisis alert about them, that a person picks up: work with an owner
    (the PA; out of hours, for a crisis, the duty contact too) and a state until someone closes it.
    ``reason`` and ``preferred_time`` are codes from fixed lists, never what the young person typed.

    ``escalation_level`` is the highest rung of the ladder queued (0 its owners, 1 the team manager, 2 and
    on the configured chain); ``look_again_at`` when the tick must next look at it (None: never).
    ``repeats`` counts further presses of the same kind added to it while it was open."""

    id: int | None = None
    young_person_id: int
    kind: HandoffKind
    to_staff_id: int | None = None
    to_chat_id: int | None = None
    told: Told
    reason: str | None = Field(default=None, max_length=40)
    preferred_time: str | None = Field(default=None, max_length=40)
    danger_now: bool = False
    created_at: Instant
    state: AlertState = AlertState.RAISED
    acknowledged_at: Instant | None = None
    acknowledged_by_staff_id: int | None = None
    acknowledged_by_chat_id: int | None = None
    response: Response | None = None
    closed_at: Instant | None = None
    escalation_level: int = Field(default=0, ge=0)
    look_again_at: Instant | None = None
    repeats: int = Field(default=0, ge=0)
    last_raised_at: Instant | None = None

    @property
    def is_open(self) -> bool:
        return self.state is not AlertState.CLOSED


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
