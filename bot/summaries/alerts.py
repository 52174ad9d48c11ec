"""Crisis alerts and requests to the PA as managers count them: how many in the period, of which kind, where
each is now, how fast someone first answered, and what nobody has answered yet.

Counted from the ``handoffs`` rows of the scope's young people: those raised in the period, plus any still
unanswered from before it (the oldest unanswered is what a manager must see first).
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from statistics import median

from pydantic import BaseModel, ConfigDict

from bot.models_leaver import AlertState, Handoff, HandoffKind


class AnswerTimes(BaseModel):
    """How fast the first answer came, for one group: the median, over those answered."""

    model_config = ConfigDict(frozen=True)

    raised: int
    answered: int
    median_minutes: float | None


class AlertFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: datetime
    end: datetime
    by_kind: dict[HandoffKind, int]
    """Raised in the period, by kind (every kind present, zero included)."""
    crisis_by_risk: dict[str, int]
    """Crisis alerts raised in the period, by the kind of risk (only those that happened)."""
    danger_now: int
    """Crisis alerts raised in the period that sounded like danger now."""
    by_state: dict[AlertState, int]
    """Where those raised in the period are now (every state present)."""
    crisis_answers: AnswerTimes
    request_answers: AnswerTimes
    unanswered_now: int
    """Not answered by anyone yet, raised at any time."""
    oldest_unanswered: timedelta | None
    oldest_unanswered_kind: HandoffKind | None


def _answer_times(records: list[Handoff]) -> AnswerTimes:
    waits = [
        (record.acknowledged_at - record.created_at).total_seconds() / 60
        for record in records
        if record.acknowledged_at is not None
    ]
    return AnswerTimes(
        raised=len(records), answered=len(waits), median_minutes=median(waits) if waits else None
    )


def alert_figures(records: Iterable[Handoff], start: datetime, now: datetime) -> AlertFigures:
    """The figures for the period ``[start, now)`` from the scope's hand-offs (raised in it, or open)."""
    every = list(records)
    raised = [record for record in every if start <= record.created_at < now]
    crisis = [record for record in raised if record.kind is HandoffKind.CRISIS]
    waiting = sorted(
        (record for record in every if record.state is AlertState.RAISED and record.created_at < now),
        key=lambda record: record.created_at,
    )
    kinds = Counter(record.kind for record in raised)
    states = Counter(record.state for record in raised)
    return AlertFigures(
        start=start,
        end=now,
        by_kind={kind: kinds[kind] for kind in HandoffKind},
        crisis_by_risk=dict(Counter(record.reason or "unknown" for record in crisis)),
        danger_now=sum(record.danger_now for record in crisis),
        by_state={state: states[state] for state in AlertState},
        crisis_answers=_answer_times(crisis),
        request_answers=_answer_times([record for record in raised if record.kind is not HandoffKind.CRISIS]),
        unanswered_now=len(waiting),
        oldest_unanswered=now - waiting[0].created_at if waiting else None,
        oldest_unanswered_kind=waiting[0].kind if waiting else None,
    )
