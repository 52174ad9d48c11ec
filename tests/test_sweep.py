"""The sweep over a real store: reminders queued once per key, to the right chat, at the right time."""

import asyncio
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.models import Contact, ContactMethod
from bot.store import Database, contacts, outbox, staff
from scheduler.sweep import plan_messages, sweep
from tests.caseload import MANAGER_CHAT, PA_CHAT, Caseload, make_caseload

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


async def rows(db: Database) -> list[tuple[str, int, str, str]]:
    """The messages queued to be sent (not the cancelled placeholders of empty digests)."""
    found = await db.reader.execute_fetchall(
        "SELECT idempotency_key, chat_id, due_at, text FROM outbox WHERE cancelled_at IS NULL"
        " ORDER BY idempotency_key"
    )
    return [tuple(row) for row in found]


async def test_running_the_sweep_again_queues_nothing_new(db: Database, settings: Settings) -> None:
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 8, 1))
    await team.returned(kai, MONDAY - timedelta(hours=60), MONDAY - timedelta(hours=50))
    first = await sweep(db, MONDAY, settings)
    assert first.queued == len(first.messages) > 0
    second = await sweep(db, MONDAY, settings)
    assert (second.queued, second.messages) == (0, [])
    keys = [row[0] for row in await rows(db)]
    assert "rhi:1:20261124T0800Z:left24" in keys
    assert "contact:1:2026-10-27:overdue" in keys
    assert "contact:1:2026-10-27:escalated:to2" in keys
    assert "digest:1:2026-11-23" in keys


async def test_reminders_reach_the_pa_and_escalations_the_manager(db: Database, settings: Settings) -> None:
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    await sweep(db, MONDAY, settings)
    by_key = {key: (chat, text) for key, chat, _, text in await rows(db)}
    assert by_key["contact:1:2026-10-27:overdue"] == (
        PA_CHAT,
        "Overdue: contact for Kai (CL1) was due on Tue 27 Oct.",
    )
    chat, text = by_key["contact:1:2026-10-27:escalated:to2"]
    assert chat == MANAGER_CHAT
    assert "PA: Robin" in text and "Kai (CL1)" in text


async def test_a_young_person_without_a_pa_has_reminders_sent_to_the_manager(
    db: Database, settings: Settings
) -> None:
    team = await make_caseload(db)
    await team.person(pa_id=None, contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    result = await sweep(db, MONDAY, settings)
    assert [(key, chat) for key, chat, _, _ in await rows(db)] == [
        ("contact:1:2026-10-27:escalated:to2", MANAGER_CHAT),
        ("contact:1:2026-10-27:overdue:to2", MANAGER_CHAT),
    ]
    assert [message.reply_markup for message in result.messages if message.kind != "digest"] == [None, None]


async def test_a_cancelled_reminder_is_not_queued_again(db: Database, settings: Settings) -> None:
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    await team.returned(kai, MONDAY - timedelta(hours=6), MONDAY - timedelta(hours=2))
    await sweep(db, MONDAY, settings)
    async with db.transaction() as tx:
        assert await outbox.cancel(tx, "rhi:1:", MONDAY) == 1
    again = await sweep(db, MONDAY + timedelta(minutes=1), settings)
    assert not [message for message in again.messages if message.idempotency_key.startswith("rhi:")]
    pending = await outbox.pending(db.reader, MONDAY + timedelta(minutes=1))
    assert pending and not [message for message in pending if message.idempotency_key.startswith("rhi:")]


async def test_non_urgent_reminders_wait_for_monday_and_rhi_ones_for_the_morning(
    db: Database, settings: Settings
) -> None:
    saturday_night = datetime(2026, 11, 21, 23, 0, tzinfo=UTC)
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    await team.returned(kai, saturday_night - timedelta(hours=5), saturday_night - timedelta(hours=1))
    await sweep(db, saturday_night, settings)
    due_at = {key.split(":")[0]: when for key, _, when, _ in await rows(db)}
    assert due_at["rhi"] == "2026-11-22T07:00:00+00:00"
    assert due_at["contact"] == "2026-11-23T09:00:00+00:00"


async def test_the_digest_goes_once_a_working_morning_and_never_empty(
    db: Database, settings: Settings
) -> None:
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    await team.person("CL2", name="Ava", contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    first = await sweep(db, MONDAY, settings)
    [digest] = [
        message for message in first.messages if message.kind == "digest" and not message.cancelled_at
    ]
    assert digest.chat_id == PA_CHAT
    assert "Overdue (1):\n- Kai (CL1): contact, due Tue 27 Oct" in digest.text
    assert "Not contacted for longest" in digest.text
    later = await sweep(db, MONDAY + timedelta(hours=2), settings)
    assert not [message for message in later.messages if message.kind == "digest"]
    # The other PA has nobody with anything due: no digest for them.
    assert not [row for row in await rows(db) if row[0].startswith("digest:3:")]
    assert (await sweep(db, MONDAY + timedelta(hours=3), settings)).messages == []


async def test_plan_messages_writes_nothing(db: Database, settings: Settings) -> None:
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 9, 1))
    planned = await plan_messages(db, MONDAY, settings)
    assert planned.messages
    assert await rows(db) == []


def _times() -> st.SearchStrategy[datetime]:
    return st.integers(min_value=0, max_value=60 * 24 * 20).map(
        lambda minutes: MONDAY + timedelta(minutes=minutes)
    )


async def _two_sweeps(
    path: Path, settings: Settings, first: datetime, second: datetime
) -> tuple[int, int, set[str]]:
    db = await Database.open(path)
    try:
        team = await make_caseload(db)
        await _varied_caseload(team)
        runs = [await sweep(db, moment, settings) for moment in (first, second, second)]
        keys = [row[0] for row in await db.reader.execute_fetchall("SELECT idempotency_key FROM outbox")]
        assert len(keys) == len(set(keys))
        assert runs[2].queued == 0
        return runs[0].queued, runs[1].queued, set(keys)
    finally:
        await db.close()


async def _varied_caseload(team: Caseload) -> None:
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 6, 1))
    await team.returned(kai, MONDAY - timedelta(hours=8), MONDAY - timedelta(hours=3))
    await team.person("CL2", name="Ava", born=date(2008, 12, 30), contacted_on=date(2026, 11, 10))
    await team.person("CL3", name="Leo", pa_id=None, category="eligible", born=date(2010, 9, 1))


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=_times(), second=_times())
def test_two_sweeps_at_any_two_times_never_queue_one_key_twice(
    settings: Settings, first: datetime, second: datetime
) -> None:
    """Whatever the two times, every row has its own key and a repeat adds nothing. In time order, the
    rows are exactly the union of what each sweep alone would queue: evaluating only the people whose
    time has come loses nothing. (A clock set back finds everyone already looked at: it adds only what
    a sweep at that time would.)"""
    with tempfile.TemporaryDirectory() as folder:
        queued_first, queued_second, both = asyncio.run(
            _two_sweeps(Path(folder) / "both.sqlite3", settings, first, second)
        )
        alone_first = asyncio.run(_two_sweeps(Path(folder) / "first.sqlite3", settings, first, first))[2]
        alone_second = asyncio.run(_two_sweeps(Path(folder) / "second.sqlite3", settings, second, second))[2]
    assert queued_first + queued_second == len(both)
    if first <= second:
        assert both == alone_first | alone_second
    else:
        assert alone_first <= both <= alone_first | alone_second


async def test_after_a_weekend_the_pa_gets_overdue_not_also_fridays_due_today(
    db: Database, settings: Settings
) -> None:
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 10, 3), reviewed_on=date(2026, 11, 1))  # due Sat 28 Nov
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    await sweep(db, saturday, settings)
    await sweep(db, saturday + timedelta(days=1), settings)  # Sunday: overdue from midnight
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    waiting = [(row.idempotency_key, row.text) for row in await outbox.pending(db.reader, monday)]
    assert waiting == [
        ("contact:1:2026-11-28:overdue", "Overdue: contact for Kai (CL1) was due on Sat 28 Nov.")
    ]


async def test_a_tick_looks_only_at_people_whose_facts_or_stages_changed(
    db: Database, settings: Settings
) -> None:
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    await team.person("CL2", name="Ava", contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    assert (await sweep(db, MONDAY, settings)).evaluated == 2
    assert (await sweep(db, MONDAY + timedelta(minutes=1), settings)).evaluated == 0
    # A fact written by any path (here straight through the store, as an import would) marks them due.
    await team.returned(kai, MONDAY - timedelta(hours=3), MONDAY)
    after = await sweep(db, MONDAY + timedelta(minutes=2), settings)
    assert after.evaluated == 1
    assert [message.idempotency_key for message in after.messages] == ["rhi:1:20261126T1000Z:due"]


async def test_a_pa_who_links_telegram_later_gets_their_reminders(db: Database, settings: Settings) -> None:
    team = await make_caseload(db)
    async with db.transaction() as tx:
        await tx.execute("UPDATE staff SET telegram_user_id = NULL WHERE id = ?", (team.pa_id,))
    await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1))
    first = await sweep(db, MONDAY, settings)
    assert {message.chat_id for message in first.messages if message.kind != "digest"} == {MANAGER_CHAT}
    async with db.transaction() as tx:
        await staff.link_telegram(tx, team.pa_id, PA_CHAT)
    later = await sweep(db, MONDAY + timedelta(minutes=1), settings)
    assert [(m.idempotency_key, m.chat_id) for m in later.messages if m.kind != "digest"] == [
        ("contact:1:2026-10-27:overdue", PA_CHAT)
    ]


async def test_at_go_live_long_overdue_deadlines_go_to_the_digest_not_one_by_one(
    db: Database, settings: Settings
) -> None:
    team = await make_caseload(db)
    # Imported this morning: contact 27 days overdue (backlog), review 6 days overdue (not), and an RHI
    # whose 72 hours ran out two days ago (never held back).
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 5, 17), watched_since=None)
    await team.returned(kai, MONDAY - timedelta(days=6), MONDAY - timedelta(days=5))
    first = await sweep(db, MONDAY, settings)
    keys = sorted(message.idempotency_key for message in first.messages if message.kind != "digest")
    assert keys == [
        "pathway_review:1:2026-11-17:overdue",
        "rhi:1:20261121T1000Z:escalated:to2",
        "rhi:1:20261121T1000Z:overdue",
    ]
    [digest] = [
        message for message in first.messages if message.kind == "digest" and message.chat_id == PA_CHAT
    ]
    assert "Overdue (1):\n- Kai (CL1): pathway plan review, due Tue 17 Nov" in digest.text
    assert "Already overdue when reminders began (1):\n- Kai (CL1): contact, due Tue 27 Oct" in digest.text

    # Days later the backlog is still not sent one by one, and the review escalates as usual.
    escalation_day = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    for moment in (MONDAY + timedelta(minutes=1), escalation_day):
        await sweep(db, moment, settings)
    queued = [row[0] for row in await rows(db)]
    assert not [key for key in queued if key.startswith("contact:1:")]
    assert "pathway_review:1:2026-11-17:escalated:to2" in queued
    [later_digest] = [text for key, _, _, text in await rows(db) if key == "digest:1:2026-12-02"]
    assert "Already overdue when reminders began (1)" in later_digest


async def test_once_the_backlog_is_done_the_next_deadline_is_reminded_as_usual(
    db: Database, settings: Settings
) -> None:
    team = await make_caseload(db)
    kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 11, 1), watched_since=None)
    await sweep(db, MONDAY, settings)
    async with db.transaction() as tx:  # the PA catches up with Kai the same day
        await contacts.add(
            tx,
            Contact(
                young_person_id=kai.id,
                contacted_on=date(2026, 11, 23),
                method=ContactMethod.PHONE,
                in_person=False,
            ),
        )
    due_day = datetime(2027, 1, 18, 10, 0, tzinfo=UTC)  # 8 weeks later
    result = await sweep(db, due_day, settings)
    assert "contact:1:2027-01-18:due" in [message.idempotency_key for message in result.messages]


async def _after_go_live(path: Path, settings: Settings, go_live: datetime, *moments: datetime) -> set[str]:
    """A caseload imported and first swept at ``go_live``, then swept at each moment (and each again)."""
    db = await Database.open(path)
    try:
        team = await make_caseload(db)
        kai = await team.person(
            contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 6, 1), watched_since=None
        )
        await team.returned(kai, MONDAY - timedelta(days=5), MONDAY - timedelta(days=4))
        # Contact due Thu 26 Nov: backlog at a go-live from 11 Dec, reminded and escalated before that.
        await team.person("CL2", name="Ava", contacted_on=date(2026, 10, 1), watched_since=None)
        await sweep(db, go_live, settings)
        for moment in moments:
            await sweep(db, moment, settings)
            assert (await sweep(db, moment, settings)).queued == 0
        keys = [row[0] for row in await db.reader.execute_fetchall("SELECT idempotency_key FROM outbox")]
        assert len(keys) == len(set(keys))
        return set(keys)
    finally:
        await db.close()


@hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(go_live=_times(), first=_times(), second=_times())
def test_after_go_live_sweeps_at_any_times_queue_each_key_once_and_never_the_backlog(
    settings: Settings, go_live: datetime, first: datetime, second: datetime
) -> None:
    """From one go-live, sweeping at two later times queues exactly what sweeping at each alone would
    (the schedule loses nothing), each key once, and never a reminder or escalation held back as
    backlog: Kai's contact was 27 days or more overdue at any go-live here."""
    first, second = sorted((max(first, go_live), max(second, go_live)))
    with tempfile.TemporaryDirectory() as folder:
        folder_path = Path(folder)
        both = asyncio.run(_after_go_live(folder_path / "both.sqlite3", settings, go_live, first, second))
        alone_first = asyncio.run(_after_go_live(folder_path / "first.sqlite3", settings, go_live, first))
        alone_second = asyncio.run(_after_go_live(folder_path / "second.sqlite3", settings, go_live, second))
    assert both == alone_first | alone_second
    assert not [key for key in both if key.startswith("contact:1:2026-10-27:")]
    assert [key for key in both if key.startswith("rhi:1:")]  # never held back
    ava_contact = {key.removeprefix("contact:2:2026-11-26:") for key in both if key.startswith("contact:2:")}
    if go_live >= datetime(2026, 12, 11, tzinfo=UTC):
        assert ava_contact == set()
    elif second >= datetime(2026, 12, 11, tzinfo=UTC):
        assert {"overdue", "escalated:to2"} <= ava_contact


async def test_a_sweep_in_lots_queues_what_one_lot_would(
    db: Database, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    """At go-live everyone is due at once; the sweep then works through them a lot at a time (so the
    bot never holds the whole service in memory) and must queue exactly what a single lot would."""

    async def service(store: Database) -> None:
        team = await make_caseload(store)
        kai = await team.person(contacted_on=date(2026, 9, 1), reviewed_on=date(2026, 8, 1))
        await team.returned(kai, MONDAY - timedelta(hours=60), MONDAY - timedelta(hours=50))
        for day in range(1, 5):
            await team.person(
                f"CL{day + 1}", contacted_on=date(2026, 10, day), reviewed_on=date(2026, 5, day)
            )

    await service(db)
    whole = await sweep(db, MONDAY, settings)
    in_one_lot = await rows(db)

    other = await Database.open(tmp_path / "lots.sqlite3")
    try:
        await service(other)
        monkeypatch.setattr("scheduler.sweep.PEOPLE_A_TRANSACTION", 2)
        in_lots = await sweep(other, MONDAY, settings)
        assert (in_lots.evaluated, in_lots.queued) == (whole.evaluated, whole.queued)
        assert whole.evaluated == 5 and len(in_one_lot) > 5
        assert await rows(other) == in_one_lot
        assert (await sweep(other, MONDAY + timedelta(minutes=1), settings)).evaluated == 0
    finally:
        await other.close()
