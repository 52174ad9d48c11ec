"""Return home interviews: how many were offered within the time the guidance sets, period by period.

The DfE's statutory guidance (2014) says an independent return interview is offered within 72 hours of
the return (domain.md section 4). The service's figure is the share of returns whose interview was offered
in time: an interview done, or offered and declined, was offered, so the earliest of the three instants
counts as the offer. Episodes are counted in the period in which the young person returned, and only
where the guidance applies under the service's rules (under 18 at return, missing rather than away, unless
config widens it), the same settings the deadline rules use.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, computed_field

from bot.config import RuleSettings
from bot.models import EpisodeKind, MissingEpisode, age_on
from bot.summaries.periods import Period


class Outcome(StrEnum):
    WITHIN = "within"
    OFFERED_LATE = "offered_late"
    NOT_OFFERED_LATE = "not_offered_late"
    RUNNING = "running"


class RhiFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: datetime
    end: datetime
    returned: int = 0
    within: int = 0
    offered_late: int = 0
    not_offered_late: int = 0
    running: int = 0
    """No offer yet, and the time to offer one has not run out."""
    declined: int = 0

    @computed_field
    @property
    def late(self) -> int:
        return self.offered_late + self.not_offered_late

    @computed_field
    @property
    def decided(self) -> int:
        """Returns whose outcome is known: offered in time, or not."""
        return self.within + self.late

    @computed_field
    @property
    def percent_within(self) -> float | None:
        """None when no outcome is known yet in the period: there is nothing to divide."""
        return 100 * self.within / self.decided if self.decided else None


class RhiComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    current: RhiFigures
    previous: RhiFigures


def applies(episode: MissingEpisode, date_of_birth: date, rules: RuleSettings, tz: ZoneInfo) -> bool:
    """Whether the RHI guidance covers this episode under the service's rules."""
    if episode.kind is EpisodeKind.AWAY and not rules.rhi_for_away:
        return False
    if rules.rhi_for_adults:
        return True
    day = (episode.returned_at or episode.started_at).astimezone(tz).date()
    return age_on(date_of_birth, day) < 18


def offered_at(episode: MissingEpisode) -> datetime | None:
    stamps = [
        stamp
        for stamp in (episode.rhi_offered_at, episode.rhi_completed_at, episode.rhi_declined_at)
        if stamp is not None
    ]
    return min(stamps, default=None)


def outcome(episode: MissingEpisode, now: datetime, hours: int) -> Outcome:
    """How a returned episode's interview stands at ``now``."""
    if episode.returned_at is None:
        raise ValueError("an episode still open has no return interview yet")
    deadline = episode.returned_at + timedelta(hours=hours)
    offer = offered_at(episode)
    if offer is not None:
        return Outcome.WITHIN if offer <= deadline else Outcome.OFFERED_LATE
    # Like the deadline rules: with no offer recorded, the deadline is missed from its very instant.
    return Outcome.RUNNING if now < deadline else Outcome.NOT_OFFERED_LATE


def figures(episodes: Iterable[MissingEpisode], period: Period, now: datetime, hours: int) -> RhiFigures:
    """Tally the returns in ``period``. ``episodes`` must already be the ones the guidance covers."""
    tally = {outcome_: 0 for outcome_ in Outcome}
    returned = declined = 0
    for episode in episodes:
        if episode.returned_at is None or not period.holds(episode.returned_at):
            continue
        returned += 1
        tally[outcome(episode, now, hours)] += 1
        declined += episode.rhi_declined_at is not None
    return RhiFigures(
        start=period.start,
        end=period.end,
        returned=returned,
        within=tally[Outcome.WITHIN],
        offered_late=tally[Outcome.OFFERED_LATE],
        not_offered_late=tally[Outcome.NOT_OFFERED_LATE],
        running=tally[Outcome.RUNNING],
        declined=declined,
    )


def covered(
    episodes: Iterable[MissingEpisode],
    dates_of_birth: Mapping[int, date],
    rules: RuleSettings,
    tz: ZoneInfo,
) -> list[MissingEpisode]:
    """The episodes of the young people in ``dates_of_birth`` that the guidance covers."""
    return [
        episode
        for episode in episodes
        if episode.young_person_id in dates_of_birth
        and applies(episode, dates_of_birth[episode.young_person_id], rules, tz)
    ]


def still_missing(episodes: Iterable[MissingEpisode], now: datetime) -> int:
    return sum(episode.returned_at is None and episode.started_at <= now for episode in episodes)
