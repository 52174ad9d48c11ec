"""Open deadlines for the whole service, a team or one PA's caseload, from the pure rules.

The facts are read in a few bulk queries inside one snapshot, so every rule sees the same moment.
"""

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from itertools import chain
from operator import attrgetter

from bot.bulk import collector_paused
from bot.config import Settings
from bot.store import Database, deadline_facts
from scheduler.deadlines import Deadline
from scheduler.rules import Due, EpisodeFacts, PersonFacts, RuleContext, deadlines_for, fact_window


def run_rules(
    people: list[PersonFacts], episodes: dict[int, list[EpisodeFacts]], context: RuleContext
) -> Iterator[Due]:
    no_episodes: list[EpisodeFacts] = []
    for person in people:
        yield from deadlines_for(person, episodes.get(person.id, no_episodes), context)


async def open_dues(
    db: Database,
    now: datetime,
    settings: Settings,
    *,
    pa_id: int | None = None,
    team_id: int | None = None,
    person_id: int | None = None,
) -> list[Due]:
    """Open deadlines in the rules' light form, soonest first."""
    dues: list[Due] = []
    with collector_paused():
        async for some in dues_in_chunks(
            db, now, settings, pa_id=pa_id, team_id=team_id, person_id=person_id
        ):
            dues += some
        return soonest_first(dues)


def soonest_first(dues: Iterable[Due]) -> list[Due]:
    """By due instant, and by subject at the same instant.

    A whole service's 270,000 deadlines fall due at a few thousand instants (most at a midnight): sorted
    by subject (strings compare fast), then gathered by instant, and only the instants sorted. Sorting
    them all by instant as well took half as long again: comparing two datetimes costs more than putting
    a deadline in its instant's list.
    """
    by_instant: dict[datetime, list[Due]] = defaultdict(list)
    for due in sorted(dues, key=attrgetter("subject")):
        by_instant[due.due_at].append(due)
    return list(chain.from_iterable(by_instant[instant] for instant in sorted(by_instant)))


async def dues_in_chunks(
    db: Database,
    now: datetime,
    settings: Settings,
    *,
    pa_id: int | None = None,
    team_id: int | None = None,
    person_id: int | None = None,
) -> AsyncIterator[list[Due]]:
    """Open deadlines a chunk of people at a time, in no order: for counting a whole service's deadlines
    without holding them all at once (a third less time and half the memory for 270,000)."""
    context = RuleContext.at(now, settings.rules, settings.service.tz)
    which = deadline_facts.scope(
        pa_id=pa_id, team_id=team_id, person_ids=None if person_id is None else [person_id]
    )
    today, no_episodes, window = context.today, [], fact_window(context)
    with collector_paused():
        async with db.snapshot() as reader:
            episodes = await deadline_facts.load_episodes(
                reader, which, today=today, born_after=window.born_after, window_start=window.window_start
            )
            chunks = deadline_facts.stream_people(reader, which, today=today, born_after=window.born_after)
            async for people in chunks:
                dues: list[Due] = []
                for person in people:
                    dues += deadlines_for(person, episodes.get(person.id, no_episodes), context)
                yield dues


async def open_deadlines(
    db: Database, now: datetime, settings: Settings, *, pa_id: int | None = None, team_id: int | None = None
) -> list[Deadline]:
    """Every open deadline at ``now`` (of one PA's caseload, or one team, if asked), soonest first.

    No role check here: callers (the sweep, the CLI, the managers' summaries, the PA's lists) decide who
    may see which; staff-facing callers go through ``bot.services.access``.
    """
    dues = await open_dues(db, now, settings, pa_id=pa_id, team_id=team_id)
    return [due.as_deadline() for due in dues]
