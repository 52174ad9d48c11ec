"""The summary's alerts section (and so the weekly digest's): counts by kind and state, the median time to
the first answer, and the oldest nobody has answered, checked against a hand count."""

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.models_leaver import AlertState, Handoff, HandoffKind, Response, Told
from bot.services.digest import queue_weekly_digests
from bot.services.identity import identify
from bot.services.summary import summary_for
from bot.store import Database, handoffs, outbox
from bot.summaries.report import PLAIN, duration, render
from bot.summaries.summary import Summary
from content.schema import Risk
from tests.known_service import MANAGER_NORTH, MANAGER_SOUTH, NOW, PA_SAM, KnownService, build


@pytest.fixture
async def service(db: Database) -> KnownService:
    known = await build(db)
    ids = known.person_ids

    async def alert(
        who: str,
        kind: HandoffKind,
        ago: timedelta,
        *,
        risk: Risk | None = None,
        danger_now: bool = False,
        answer: Response | None = None,
        after: timedelta = timedelta(0),
    ) -> None:
        async with db.transaction() as tx:
            record = await handoffs.add(
                tx,
                Handoff(
                    young_person_id=ids[who],
                    kind=kind,
                    told=Told.PA,
                    reason=risk.value if risk else None,
                    danger_now=danger_now,
                    created_at=NOW - ago,
                ),
            )
            if answer is not None:
                assert record.id is not None
                await handoffs.respond(tx, record.id, answer, NOW - ago + after)

    minutes = timedelta(minutes=1)
    suicide, hurt = Risk.SUICIDE_OR_SELF_HARM, Risk.HURT_OR_UNSAFE
    await alert(
        "Amy",
        HandoffKind.CRISIS,
        timedelta(days=2),
        risk=suicide,
        danger_now=True,
        answer=Response.ON_IT,
        after=10 * minutes,
    )
    await alert(
        "Ben", HandoffKind.CRISIS, timedelta(days=1), risk=hurt, answer=Response.DONE, after=30 * minutes
    )
    await alert("Cal", HandoffKind.CRISIS, timedelta(hours=3), risk=Risk.SUICIDE_OR_SELF_HARM)
    await alert("Amy", HandoffKind.CONTACT, timedelta(days=5), answer=Response.DONE, after=180 * minutes)
    await alert("Dee", HandoffKind.QUESTION, timedelta(days=10))  # before the week, and still unanswered
    await alert("Ivy", HandoffKind.CRISIS, timedelta(hours=1), risk=Risk.NOWHERE_TO_SLEEP)  # South
    return known


async def north_summary(db: Database, settings: Settings, user: int = MANAGER_NORTH) -> Summary:
    return await summary_for(db, await identify(db, user), NOW, settings)


async def test_the_week_is_counted_by_kind_and_state_with_the_median_time_to_answer(
    db: Database, service: KnownService, settings: Settings
) -> None:
    figures = (await north_summary(db, settings)).alerts
    assert figures is not None
    assert figures.by_kind == {
        HandoffKind.CONTACT: 1,
        HandoffKind.QUESTION: 0,  # Dee's is ten days old
        HandoffKind.PASSPORT_HELP: 0,
        HandoffKind.CRISIS: 3,  # Ivy's is South's
    }
    assert figures.crisis_by_risk == {"suicide_or_self_harm": 2, "hurt_or_unsafe": 1}
    assert figures.danger_now == 1
    assert figures.by_state == {
        AlertState.RAISED: 1,
        AlertState.SEEN: 0,
        AlertState.ACTED: 1,
        AlertState.CLOSED: 2,
    }
    assert (figures.crisis_answers.raised, figures.crisis_answers.answered) == (3, 2)
    assert figures.crisis_answers.median_minutes == 20  # 10 and 30
    assert figures.request_answers.median_minutes == 180
    assert figures.unanswered_now == 2 and figures.oldest_unanswered == timedelta(days=10)
    assert figures.oldest_unanswered_kind is HandoffKind.QUESTION


async def test_the_summary_and_the_weekly_digest_say_it_in_words(
    db: Database, service: KnownService, settings: Settings
) -> None:
    text = render(await north_summary(db, settings), PLAIN)
    section = text[text.index("Alerts and requests") :].split("\n\n")[0]
    assert section.splitlines() == [
        "Alerts and requests raised in the last 7 days (16 Nov 2026 to 23 Nov 2026)",
        "Crisis alerts: 3, 1 of them danger now (suicide or self-harm 2, being hurt or not safe 1).",
        "Requests: asked to be contacted 1, questions 0, passport help 0.",
        "Where they are now: not answered yet 1, seen 0, being dealt with 1, closed 2.",
        "First answer, median: crisis alerts 20 min (2 of 3 answered); requests 3 h 0 min (1 of 1 answered).",
        "Not answered by anyone now (raised at any time): 2, the oldest 10 days 0 h (a question).",
    ]
    south = render(await north_summary(db, settings, MANAGER_SOUTH), PLAIN)
    assert "Crisis alerts: 1, 0 of them danger now (nowhere to sleep 1)." in south
    assert "the oldest 1 h 0 min (a crisis alert)" in south

    monday_8am = NOW.replace(hour=8)
    await queue_weekly_digests(db, monday_8am, settings)
    digest = await outbox.by_key(db.reader, "weekly:1:2026-W48")
    assert digest is not None and "Crisis alerts: 3, 1 of them danger now" in digest.text


async def test_a_pa_sees_their_own_caseload_and_nothing_waiting_reads_so(
    db: Database, service: KnownService, settings: Settings
) -> None:
    text = render(await north_summary(db, settings, PA_SAM), PLAIN)  # Sam: Dee and Eve
    assert "Crisis alerts: 0, 0 of them danger now." in text
    assert "First answer, median: crisis alerts none raised; requests none raised." in text
    assert "Not answered by anyone now (raised at any time): 1, the oldest 10 days 0 h (a question)." in text


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(0, "0 min"), (59.9, "59 min"), (60, "1 h 0 min"), (2879, "47 h 59 min"), (2880, "2 days 0 h")],
)
def test_waits_read_as_managers_say_them(minutes: float, said: str) -> None:
    assert duration(minutes) == said
