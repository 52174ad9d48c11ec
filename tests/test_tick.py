"""The "tick" job: registered as the one repeating job, and one run sweeps and sends."""

from datetime import date, timedelta

import pytest
from telegram.ext import Application

from bot import ticks
from bot.clock import MovableClock
from bot.models import OutboxMessage
from bot.store import outbox
from bot.ticks import TICK_JOB_NAME, run_tick_now
from tests.botapi_stub import RecordingRequest
from tests.caseload import MANAGER_CHAT, PA_CHAT, make_caseload
from tests.conftest import NOW


def test_tick_runs_every_minute_and_never_skips_a_late_run(app: Application) -> None:
    [job] = app.job_queue.get_jobs_by_name(TICK_JOB_NAME)
    assert job.job.trigger.interval == timedelta(minutes=1)
    assert job.job.coalesce is True
    assert job.job.max_instances == 1
    assert job.job.misfire_grace_time is None


async def test_one_tick_queues_and_sends_reminders_at_the_runtime_clock(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    await team.person(contacted_on=date(2026, 11, 20), reviewed_on=date(2026, 11, 1))
    await run_tick_now(app)
    assert transport.sent_texts(PA_CHAT) == []  # nothing due yet

    clock.advance(timedelta(days=52))  # Thu 14 Jan 2027, 10:00: contact due soon, and digest time
    await run_tick_now(app)
    texts = transport.sent_texts(PA_CHAT)
    assert texts[0] == "Coming up: contact for Kai (CL1) is due on Fri 15 Jan."
    assert texts[1].startswith("Good morning. Your deadlines for Thu 14 Jan:")
    assert len(texts) == 2
    await run_tick_now(app)
    assert transport.sent_texts(PA_CHAT) == texts  # a second tick sends nothing again
    # Only the manager's weekly digest (Monday, after 08:00): no escalation.
    assert [text for text in transport.sent_texts(MANAGER_CHAT) if not text.startswith("Summary: ")] == []


async def test_messages_queued_by_others_still_go_when_the_sweep_fails(
    app: Application, transport: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = app.bot_data["runtime"].db
    async with db.transaction() as tx:
        await outbox.enqueue(
            tx,
            OutboxMessage(
                idempotency_key="handoff:1:pa",
                kind="handoff",
                chat_id=PA_CHAT,
                text="Kai asked you to call",
                due_at=NOW,
                created_at=NOW,
            ),
        )

    async def broken_sweep(*args: object) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(ticks, "sweep", broken_sweep)
    await run_tick_now(app)
    assert transport.sent_texts(PA_CHAT) == ["Kai asked you to call"]


async def test_a_pa_whose_caseload_is_imported_gets_one_digest_not_a_message_per_young_person(
    app: Application, transport: RecordingRequest
) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    for number in range(1, 13):  # imported this morning, every contact weeks overdue
        await team.person(
            f"CL{number}",
            name=f"Young person {number}",
            contacted_on=date(2026, 9, number),
            reviewed_on=date(2026, 11, 1),
            watched_since=None,
        )
    await run_tick_now(app)  # Monday 10:00, after the digest time
    [digest] = transport.sent_texts(PA_CHAT)
    assert "Already overdue when reminders began (12):" in digest
    assert "- Young person 1 (CL1): contact, due Tue 27 Oct" in digest
    assert "... and 2 more" in digest
    # No escalations: the manager gets only their weekly summary (Monday).
    assert [text.split(":")[0] for text in transport.sent_texts(MANAGER_CHAT)] == ["Summary"]
