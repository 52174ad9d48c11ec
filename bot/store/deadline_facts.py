"""Bulk reads of the facts the deadline rules run on: a few queries for the whole service, not one a person.

Rows become the rules' plain dataclasses directly (no pydantic on this path): the sweep reads every young
person in the service each minute.

People can be read a chunk at a time (``stream_people``), so the whole service's rows are never all held
at once beside the facts and deadlines made from them.
"""

import json
from collections.abc import AsyncIterator, Iterable
from datetime import date, datetime

import aiosqlite

from bot.bulk import collector_paused
from bot.facts import EpisodeFacts, FactWindow, PersonFacts
from bot.store.db import Database
from bot.store.rows import fetch_plain, plain_rows

# The last visit matters only where the council provides the accommodation (the contact rule's visit
# clause), so it is looked up only there: a fifth of this query's time for the whole service. The sweep's
# row is joined, not looked up in a subquery: one row a person either way, and 5% less time.
_PEOPLE = """
SELECT p.id, p.case_ref, p.preferred_name, p.pa_id, p.team_id, p.date_of_birth, p.category,
       p.eligible_since, p.left_service_on, p.stepped_back, p.contact_interval_days,
       p.council_provided_accommodation, p.accommodation_started_on,
       (SELECT MAX(c.contacted_on) FROM contacts c WHERE c.young_person_id = p.id),
       CASE WHEN p.council_provided_accommodation THEN
           (SELECT MAX(c.contacted_on) FROM contacts c WHERE c.young_person_id = p.id AND c.method = 'visit')
       END,
       (SELECT MAX(r.reviewed_on) FROM pathway_reviews r WHERE r.young_person_id = p.id),
       p.in_touch = 'DIED',
       s.first_swept_at
FROM young_people p LEFT JOIN sweep_schedule s ON s.young_person_id = p.id
WHERE (p.left_service_on IS NULL OR p.left_service_on > :today) AND p.date_of_birth > :born_after
"""

# Milestones (a needs assessment done, transitions planned) are few beside the people: read them apart,
# rather than looking for them once a person in the query above.
_MILESTONES = """
SELECT m.young_person_id, group_concat(m.kind)
FROM milestones m JOIN young_people p ON p.id = m.young_person_id
WHERE (p.left_service_on IS NULL OR p.left_service_on > :today) AND p.date_of_birth > :born_after
"""

_EPISODES = """
SELECT e.id, e.young_person_id, e.kind, e.started_at, e.returned_at, e.return_time_known,
       e.rhi_completed_at, e.rhi_declined_at
FROM missing_episodes e JOIN young_people p ON p.id = e.young_person_id
WHERE (p.left_service_on IS NULL OR p.left_service_on > :today) AND p.date_of_birth > :born_after
  AND ((e.returned_at IS NOT NULL AND e.rhi_completed_at IS NULL AND e.rhi_declined_at IS NULL)
       OR e.started_at >= :window_start)
"""


def scope(
    *,
    pa_id: int | None = None,
    team_id: int | None = None,
    person_ids: Iterable[int] | None = None,
    pa_ids: Iterable[int] | None = None,
) -> tuple[str, dict]:
    """Which young people to read: everyone, or one PA's, one team's, or lists of people or PAs (a
    clause to add to the queries, and its parameters)."""
    clauses, params = [], {}
    for column, value in (("pa_id", pa_id), ("team_id", team_id)):
        if value is not None:
            clauses.append(f" AND p.{column} = :{column}")
            params[column] = value
    for column, name, values in (("id", "person_ids", person_ids), ("pa_id", "pa_ids", pa_ids)):
        if values is not None:
            clauses.append(f" AND p.{column} IN (SELECT value FROM json_each(:{name}))")
            params[name] = json.dumps(list(values))
    return "".join(clauses), params


class _Days(dict[str | None, date | None]):
    """ISO days parsed once each, and None kept as None: thousands of young people share a birthday or
    the day of a last contact, and a look-up here costs a fifth of parsing through a helper."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, value: str) -> date:
        day = self[value] = date.fromisoformat(value)
        return day


class _Kinds(dict[str, frozenset[str]]):
    """Each distinct list of milestones done (``group_concat``'s "a,b") as a set, made once: people share
    a handful of lists."""

    def __missing__(self, value: str) -> frozenset[str]:
        kinds = self[value] = frozenset(value.split(","))
        return kinds


NONE_DONE: frozenset[str] = frozenset()


def _instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


CHUNK = 16384  # people a read: measured, smaller chunks cost more in hand-overs, larger ones in memory


async def read(
    db: Database,
    window: FactWindow,
    *,
    pa_id: int | None = None,
    team_id: int | None = None,
    person_ids: Iterable[int] | None = None,
    pa_ids: Iterable[int] | None = None,
) -> tuple[list[PersonFacts], dict[int, list[EpisodeFacts]]]:
    """``load`` from one consistent snapshot, with Python's cycle collector paused while rows become
    facts (they are built in bulk)."""
    with collector_paused():
        async with db.snapshot() as reader:
            return await load(
                reader,
                today=window.today,
                born_after=window.born_after,
                window_start=window.window_start,
                pa_id=pa_id,
                team_id=team_id,
                person_ids=person_ids,
                pa_ids=pa_ids,
            )


async def load(
    connection: aiosqlite.Connection,
    *,
    today: date,
    born_after: date,
    window_start: datetime,
    pa_id: int | None = None,
    team_id: int | None = None,
    person_ids: Iterable[int] | None = None,
    pa_ids: Iterable[int] | None = None,
) -> tuple[list[PersonFacts], dict[int, list[EpisodeFacts]]]:
    """People in the service born after ``born_after``, with the episodes that can still make a deadline:
    returned without an RHI outcome, or started since ``window_start`` (for the repeat-missing count).

    Narrowed, if asked, to one PA, one team, or lists of people or PAs.
    """
    which = scope(pa_id=pa_id, team_id=team_id, person_ids=person_ids, pa_ids=pa_ids)
    episodes = await load_episodes(
        connection, which, today=today, born_after=born_after, window_start=window_start
    )
    people = []
    async for chunk in stream_people(connection, which, today=today, born_after=born_after):
        people += chunk
    return people, episodes


async def load_episodes(
    connection: aiosqlite.Connection,
    which: tuple[str, dict],
    *,
    today: date,
    born_after: date,
    window_start: datetime,
) -> dict[int, list[EpisodeFacts]]:
    """By person: the episodes that can still make a deadline (see ``load``)."""
    clause, params = which
    params = params | {
        "today": today.isoformat(),
        "born_after": born_after.isoformat(),
        "window_start": window_start.isoformat(),
    }
    episodes: dict[int, list[EpisodeFacts]] = {}
    for row in await connection.execute_fetchall(_EPISODES + clause, params):
        episode = EpisodeFacts(
            id=row[0],
            young_person_id=row[1],
            kind=row[2],
            started_at=datetime.fromisoformat(row[3]),
            returned_at=_instant(row[4]),
            return_time_known=bool(row[5]),
            rhi_completed_at=_instant(row[6]),
            rhi_declined_at=_instant(row[7]),
        )
        episodes.setdefault(episode.young_person_id, []).append(episode)
    return episodes


async def stream_people(
    connection: aiosqlite.Connection, which: tuple[str, dict], *, today: date, born_after: date
) -> AsyncIterator[list[PersonFacts]]:
    """The people of ``load``, a chunk at a time for the whole service; one PA's, team's or person's in
    one go (a few hundred people at most: one trip to the database thread, not four). Run it inside one
    snapshot with ``load_episodes`` so both see the same moment."""
    clause, params = which
    params = params | {"today": today.isoformat(), "born_after": born_after.isoformat()}
    days, kinds = _Days(), _Kinds()
    milestones = _MILESTONES + clause + " GROUP BY m.young_person_id"
    done = {row[0]: kinds[row[1]] for row in await connection.execute_fetchall(milestones, params)}
    if clause:
        yield _facts(await fetch_plain(connection, _PEOPLE + clause, params), days, done)
        return
    async with plain_rows(connection, _PEOPLE, params) as cursor:
        while rows := await cursor.fetchmany(CHUNK):
            yield _facts(rows, days, done)


def _facts(rows: Iterable, days: _Days, done: dict[int, frozenset[str]]) -> list[PersonFacts]:
    # Positional, in PersonFacts' field order: this runs for every young person in the service.
    return [
        PersonFacts(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            days[row[5]],
            row[6],
            days[row[7]],
            days[row[8]],
            bool(row[9]),
            row[10],
            bool(row[11]),
            days[row[12]],
            days[row[13]],
            days[row[14]],
            days[row[15]],
            bool(row[16]),
            _instant(row[17]),
            done.get(row[0], NONE_DONE),
        )
        for row in rows
    ]
