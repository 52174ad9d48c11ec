"""One summary: every figure a manager is asked for, for one scope, as of one instant."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.summaries.alerts import AlertFigures
from bot.summaries.caseloads import Caseloads
from bot.summaries.deadline_counts import DeadlineFigures
from bot.summaries.outcomes import BandFigures, LeftOut
from bot.summaries.passport import PassportFigures
from bot.summaries.rhi import RhiComparison
from bot.summaries.voices import VoiceFigures


class ScopeKind(StrEnum):
    TEAM = "team"
    SERVICE = "all"
    CASELOAD = "pa"


class Scope(BaseModel):
    """Whose young people a summary covers: one team, the whole service, or one PA's caseload."""

    model_config = ConfigDict(frozen=True)

    kind: ScopeKind
    name: str
    team_id: int | None = None
    pa_id: int | None = None

    @property
    def key(self) -> str:
        """Short and stable, for the audit log and button data: ``team:3``, ``all``, ``pa:5``."""
        match self.kind:
            case ScopeKind.TEAM:
                return f"team:{self.team_id}"
            case ScopeKind.CASELOAD:
                return f"pa:{self.pa_id}"
            case _:
                return "all"


class TeamLine(BaseModel):
    """One team's caseloads, for the whole-service summary (which has too many PAs to list one by one)."""

    model_config = ConfigDict(frozen=True)

    team_id: int
    name: str
    pas: int
    young_people: int
    average: float | None
    above_target: int


class RhiRules(BaseModel):
    """Which returns the interview figures cover, so the summary can say so."""

    model_config = ConfigDict(frozen=True)

    hours: int
    for_adults: bool
    for_away: bool


class Summary(BaseModel):
    model_config = ConfigDict(frozen=True)

    scope: Scope
    as_of: datetime
    timezone: str
    caseloads: Caseloads
    teams: list[TeamLine]
    deadlines: DeadlineFigures
    rhi_rules: RhiRules
    rhi_last_30_days: RhiComparison
    rhi_quarter: RhiComparison
    still_missing: int
    outcomes: list[BandFigures]
    outcomes_left_out: LeftOut
    passport: PassportFigures
    voice: VoiceFigures | None
    """Young people's answers over the last 30 days; left out of a PA's own summary (too few to be
    anonymous)."""
    alerts: AlertFigures | None = None
    """Crisis alerts and requests to the PA: raised in the last 7 days, and any still unanswered."""
