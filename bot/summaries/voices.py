"""Young people's own answers, counted without names: "Did this help?" and "How ready do you feel?"."""

from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict, computed_field

from bot.models_leaver import FeedbackKind


class VoiceFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: datetime
    end: datetime
    helped_yes: int
    helped_no: int
    readiness: list[int]
    """How many answered 1, 2, 3, 4 and 5 to "How ready do you feel to live on your own?"."""

    @computed_field
    @property
    def readiness_average(self) -> float | None:
        answers = sum(self.readiness)
        return (
            sum(score * count for score, count in enumerate(self.readiness, 1)) / answers if answers else None
        )


def voice_figures(
    rows: Iterable[tuple[int | None, str, int, int]], start: datetime, end: datetime
) -> VoiceFigures:
    """Sum the store's ``(team, kind, value, count)`` rows over teams."""
    helped = {True: 0, False: 0}
    readiness = [0] * 5
    for _team, kind, value, count in rows:
        if kind == FeedbackKind.HELPED.value:
            helped[bool(value)] += count
        elif kind == FeedbackKind.READINESS.value and 1 <= value <= 5:
            readiness[value - 1] += count
    return VoiceFigures(
        start=start, end=end, helped_yes=helped[True], helped_no=helped[False], readiness=readiness
    )
