"""Open work a PA must not lose sight of: alerts and requests nobody has closed (with how long they have
waited), and young people missing now (with the return home interview clock that starts when they are
back). Read once for a set of young people (one PA's caseload for /due, every caseload a morning's digests
cover) and written as lines for the PA's morning digest and /due.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.config import RuleSettings
from bot.models import MissingEpisode, age_on
from bot.models_leaver import Handoff, HandoffKind
from bot.store import handoffs, missing
from bot.store.db import Reads
from bot.wording import pa as pa_words
from bot.wording import staff as staff_words
from content.schema import Risk

LINES_PER_SECTION = 10


class Named(Protocol):
    """A young person as the lines name them: ``PersonFacts`` for the digest, ``YoungPerson`` for /due."""

    @property
    def case_ref(self) -> str: ...
    @property
    def preferred_name(self) -> str | None: ...
    @property
    def date_of_birth(self) -> date: ...


@dataclass(frozen=True)
class OpenWork:
    alerts: tuple[Handoff, ...] = ()
    missing: tuple[MissingEpisode, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.alerts or self.missing)

    def people(self) -> list[int]:
        return sorted({item.young_person_id for item in (*self.alerts, *self.missing)})


async def read(connection: Reads, person_ids: list[int]) -> OpenWork:
    if not person_ids:
        return OpenWork()
    return OpenWork(
        alerts=tuple(await handoffs.open_for_people(connection, person_ids)),
        missing=tuple(await missing.open_for_people(connection, person_ids)),
    )


def split(work: OpenWork, owner_of: Mapping[int, int]) -> dict[int, OpenWork]:
    """One ``OpenWork`` per owner (a PA), given each young person's owner."""
    alerts: dict[int, list[Handoff]] = defaultdict(list)
    episodes: dict[int, list[MissingEpisode]] = defaultdict(list)
    for alert in work.alerts:
        alerts[owner_of[alert.young_person_id]].append(alert)
    for episode in work.missing:
        episodes[owner_of[episode.young_person_id]].append(episode)
    return {
        owner: OpenWork(tuple(alerts.get(owner, ())), tuple(episodes.get(owner, ())))
        for owner in {*alerts, *episodes}
    }


def age_text(since: datetime, now: datetime) -> str:
    """How long ago, as a PA reads it on a phone: minutes under two hours, hours under two days."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 120:
        return pa_words.AGE_MINUTES.format(count=minutes)
    if minutes < 48 * 60:
        return pa_words.AGE_HOURS.format(count=minutes // 60)
    return pa_words.AGE_DAYS.format(count=minutes // (24 * 60))


def _what(alert: Handoff) -> str:
    risk = alert.reason if alert.kind is HandoffKind.CRISIS and alert.reason in set(Risk) else None
    what = pa_words.OPEN_KINDS[alert.kind].format(risk=pa_words.RISKS[Risk(risk)] if risk else "")
    return what + (pa_words.OPEN_TIMES.format(count=alert.repeats + 1) if alert.repeats else "")


def alert_line(alert: Handoff, person: Named, now: datetime) -> str:
    return pa_words.OPEN_LINE.format(
        person=staff_words.who(person.preferred_name, person.case_ref),
        what=_what(alert),
        age=age_text(alert.created_at, now),
        state=pa_words.OPEN_STATES[alert.state],
    )


def rhi_applies(
    episode: MissingEpisode, person: Named, now: datetime, rules: RuleSettings, tz: ZoneInfo
) -> bool:
    """Whether a return today would start a return home interview clock (as ``scheduler.rules`` would
    decide it on the day they are back)."""
    if episode.kind.value != "missing" and not rules.rhi_for_away:
        return False
    return rules.rhi_for_adults or age_on(person.date_of_birth, now.astimezone(tz).date()) < 18


def missing_line(
    episode: MissingEpisode, person: Named, now: datetime, rules: RuleSettings, tz: ZoneInfo
) -> str:
    line = pa_words.MISSING_LINE.format(
        person=staff_words.who(person.preferred_name, person.case_ref),
        kind=episode.kind.value,
        moment=staff_words.moment_text(episode.started_at, tz),
        age=age_text(episode.started_at, now),
    )
    if rhi_applies(episode, person, now, rules, tz):
        line += pa_words.MISSING_RHI.format(hours=rules.rhi_hours)
    return line


def _section(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    shown = lines[:LINES_PER_SECTION]
    if len(lines) > len(shown):
        shown.append(pa_words.DIGEST_MORE.format(count=len(lines) - len(shown)))
    return ["", f"{title} ({len(lines)}):", *(f"- {line}" for line in shown)]


def digest_sections(
    work: OpenWork, people: Mapping[int, Named], now: datetime, rules: RuleSettings, tz: ZoneInfo
) -> list[str]:
    """The digest's open-work sections: alerts first (the most urgent), then who is missing."""
    alerts = [alert_line(alert, people[alert.young_person_id], now) for alert in work.alerts]
    gone = [
        missing_line(episode, people[episode.young_person_id], now, rules, tz) for episode in work.missing
    ]
    return _section(pa_words.OPEN_ALERTS, alerts) + _section(pa_words.MISSING_NOW, gone)


def with_digest(
    digest: str | None,
    work: OpenWork | None,
    people: Mapping[int, Named],
    now: datetime,
    rules: RuleSettings,
    tz: ZoneInfo,
) -> str | None:
    """The morning digest with open work put after its title: a digest goes when there is open work even
    if no deadline is due."""
    if not work:
        return digest
    sections = digest_sections(work, people, now, rules, tz)
    if digest is None:
        today = staff_words.day_text(now.astimezone(tz).date())
        return "\n".join([pa_words.DIGEST_TITLE.format(day=today), *sections, "", pa_words.DIGEST_HINT])
    title, _, rest = digest.partition("\n")
    return "\n".join([title, *sections, rest])
