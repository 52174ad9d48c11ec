"""Which reminder a deadline calls for, and when it may be sent: pure, with a fixed clock."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import ReminderSettings, RuleSettings, ServiceSettings
from scheduler.reminders import Audience, ReminderContext, assess, digest_due, in_quiet_hours, send_time
from scheduler.rules import EpisodeFacts, PersonFacts, RuleContext, contact_deadline, rhi_deadline

LONDON = ZoneInfo("Europe/London")
REMINDERS, RULES, SERVICE = ReminderSettings(), RuleSettings(), ServiceSettings()
KAI = PersonFacts(
    id=7,
    case_ref="CL7",
    preferred_name="Kai",
    pa_id=2,
    team_id=1,
    date_of_birth=date(2010, 3, 15),
    category="relevant",
    last_contact_on=date(2026, 10, 1),  # contact due Thu 26 Nov 2026
    first_swept_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),  # reminders have been running all year
)
RETURNED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # RHI deadline Mon 23 Nov 09:00 UTC


def rhi_at(now: datetime):
    episode = EpisodeFacts(
        id=40, young_person_id=7, kind="missing", started_at=RETURNED, returned_at=RETURNED
    )
    due = rhi_deadline(episode, KAI, RuleContext.at(now, RULES, LONDON))
    assert due is not None
    return due


def contact_at(now: datetime):
    return contact_deadline(KAI, RuleContext.at(now, RULES, LONDON))


def assess_at(due, now: datetime, snoozed_until: datetime | None = None):
    return assess(due, ReminderContext.at(now, REMINDERS, RULES, SERVICE), snoozed_until)


def planned_keys(due, now: datetime, snoozed_until: datetime | None = None) -> list[str]:
    return [item.key for item in assess_at(due, now, snoozed_until)[0]]


@pytest.mark.parametrize(
    ("now", "keys"),
    [
        (RETURNED, ["rhi:40:20261123T0900Z:due"]),
        (datetime(2026, 11, 22, 8, 59, tzinfo=UTC), ["rhi:40:20261123T0900Z:due"]),
        (datetime(2026, 11, 22, 9, 0, tzinfo=UTC), ["rhi:40:20261123T0900Z:left24"]),
        (datetime(2026, 11, 23, 3, 0, tzinfo=UTC), ["rhi:40:20261123T0900Z:left6"]),
        (
            datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            ["rhi:40:20261123T0900Z:overdue", "rhi:40:20261123T0900Z:escalated"],
        ),
    ],
    ids=["at return", "just before 24 h left", "24 h left", "6 h left", "deadline"],
)
def test_rhi_reminders_step_through_the_72_hours(now: datetime, keys: list[str]) -> None:
    assert planned_keys(rhi_at(now), now) == keys


def test_the_rhi_escalation_goes_to_the_manager_and_is_urgent() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    pa, manager = assess_at(rhi_at(now), now)[0]
    assert (pa.audience, manager.audience) == (Audience.PA, Audience.MANAGER)
    assert pa.urgent and manager.urgent


@pytest.mark.parametrize(
    ("now", "keys"),
    [
        (datetime(2026, 11, 18, 23, 59, tzinfo=UTC), []),
        (datetime(2026, 11, 19, 0, 0, tzinfo=UTC), ["contact:7:2026-11-26:soon"]),
        (datetime(2026, 11, 26, 0, 0, tzinfo=UTC), ["contact:7:2026-11-26:due"]),
        (datetime(2026, 11, 27, 0, 0, tzinfo=UTC), ["contact:7:2026-11-26:overdue"]),
        (
            datetime(2026, 12, 11, 0, 0, tzinfo=UTC),
            ["contact:7:2026-11-26:overdue", "contact:7:2026-11-26:escalated"],
        ),
    ],
    ids=["too early", "a week before", "due day", "day after", "two weeks late"],
)
def test_day_deadlines_remind_soon_due_overdue_then_escalate(now: datetime, keys: list[str]) -> None:
    assert planned_keys(contact_at(now), now) == keys


def test_while_snoozed_the_pa_gets_nothing_then_one_reminder_again() -> None:
    now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    until = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert planned_keys(contact_at(now), now, until) == []
    later = until + timedelta(minutes=1)
    assert planned_keys(contact_at(later), later, until) == [
        "contact:7:2026-11-26:overdue:after20261127T0900Z"
    ]


def test_a_corrected_return_gives_fresh_rhi_keys() -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    before = planned_keys(rhi_at(now), now)
    corrected_episode = EpisodeFacts(
        id=40,
        young_person_id=7,
        kind="missing",
        started_at=RETURNED,
        returned_at=RETURNED - timedelta(hours=3),
    )
    corrected = rhi_deadline(corrected_episode, KAI, RuleContext.at(now, RULES, LONDON))
    assert corrected is not None
    after = planned_keys(corrected, now)
    assert after == ["rhi:40:20261123T0600Z:left24"]
    assert after != before


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        (time(20, 59), False),
        (time(21, 0), True),
        (time(3, 0), True),
        (time(6, 59), True),
        (time(7, 0), False),
    ],
)
def test_quiet_hours_span_midnight(local: time, quiet: bool) -> None:
    moment = datetime.combine(date(2026, 7, 1), local, LONDON)
    assert in_quiet_hours(moment, REMINDERS, SERVICE) is quiet


def test_urgent_reminders_wait_only_for_the_end_of_quiet_hours() -> None:
    night = datetime(2026, 11, 21, 23, 30, tzinfo=LONDON)  # a Saturday night
    assert send_time(True, night, REMINDERS, SERVICE) == datetime(2026, 11, 22, 7, 0, tzinfo=LONDON)
    afternoon = datetime(2026, 11, 22, 15, 0, tzinfo=LONDON)  # Sunday afternoon: RHIs still go
    assert send_time(True, afternoon, REMINDERS, SERVICE) == afternoon


def test_other_reminders_wait_for_working_hours() -> None:
    saturday = datetime(2026, 11, 21, 10, 0, tzinfo=LONDON)
    assert send_time(False, saturday, REMINDERS, SERVICE) == datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        (datetime(2026, 11, 23, 8, 29, tzinfo=LONDON), False),
        (datetime(2026, 11, 23, 8, 30, tzinfo=LONDON), True),
        (datetime(2026, 11, 23, 16, 59, tzinfo=LONDON), True),
        (datetime(2026, 11, 23, 17, 0, tzinfo=LONDON), False),
        (datetime(2026, 11, 21, 9, 0, tzinfo=LONDON), False),  # Saturday
        (datetime(2026, 12, 25, 9, 0, tzinfo=LONDON), False),  # Christmas Day
        (datetime(2026, 6, 1, 8, 30, tzinfo=LONDON), True),  # summer time: 07:30 UTC
    ],
)
def test_the_digest_goes_on_working_mornings_from_the_digest_time(moment: datetime, due: bool) -> None:
    assert digest_due(moment, REMINDERS, SERVICE) is due


def test_no_recorded_contact_tells_the_pa_once_and_is_not_reported_late() -> None:
    """Without a recorded contact the deadline is 'due now' every day: the PA is told once, and it is not
    reported as late because there is no date it was due from."""
    person = replace(KAI, last_contact_on=None)
    first = datetime(2026, 11, 23, 10, tzinfo=UTC)
    later = first + timedelta(days=30)
    due_first = contact_deadline(person, RuleContext.at(first, RULES, LONDON))
    due_later = contact_deadline(person, RuleContext.at(later, RULES, LONDON))
    assert planned_keys(due_first, first) == ["contact:7:none:due"]
    assert planned_keys(due_later, later) == ["contact:7:none:due"]


@pytest.mark.parametrize(
    ("now", "next_change"),
    [
        (RETURNED, datetime(2026, 11, 22, 9, 0, tzinfo=UTC)),  # 24 hours left
        (datetime(2026, 11, 22, 9, 0, tzinfo=UTC), datetime(2026, 11, 23, 3, 0, tzinfo=UTC)),  # 6 hours left
        (datetime(2026, 11, 23, 3, 0, tzinfo=UTC), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),  # deadline
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), None),  # nothing more to send
    ],
)
def test_the_next_change_is_the_next_stage(now: datetime, next_change: datetime | None) -> None:
    assert assess_at(rhi_at(now), now)[1] == next_change


def test_a_day_deadline_next_changes_at_local_midnight() -> None:
    now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # "soon" already sent: next is the due day
    assert assess_at(contact_at(now), now)[1] == datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
    summer = replace(KAI, last_contact_on=date(2026, 5, 1))  # due 26 Jun, in BST
    due = contact_deadline(summer, RuleContext.at(datetime(2026, 6, 20, tzinfo=UTC), RULES, LONDON))
    assert assess_at(due, datetime(2026, 6, 20, tzinfo=UTC))[1] == datetime(2026, 6, 25, 23, 0, tzinfo=UTC)


def test_a_snooze_end_is_a_change() -> None:
    now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    until = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    assert assess_at(contact_at(now), now, until)[1] == until


def first_looked_at(moment: datetime) -> PersonFacts:
    """Kai as imported: the sweep first looked at them at ``moment``."""
    return replace(KAI, first_swept_at=moment)


def contact_for(person: PersonFacts, now: datetime):
    return contact_deadline(person, RuleContext.at(now, RULES, LONDON))


def test_a_deadline_long_overdue_at_go_live_is_neither_sent_nor_escalated() -> None:
    first_look = datetime(2026, 12, 11, 10, 0, tzinfo=UTC)  # due 26 Nov: 15 days overdue
    kai = first_looked_at(first_look)
    assert planned_keys(contact_for(kai, first_look), first_look) == []
    later = first_look + timedelta(days=3)  # the first look is read back from the store
    assert planned_keys(contact_for(kai, later), later) == []
    # Watched since January, the same moment calls for both (normal running).
    assert planned_keys(contact_for(KAI, first_look), first_look) == [
        "contact:7:2026-11-26:overdue",
        "contact:7:2026-11-26:escalated",
    ]


def test_a_deadline_overdue_up_to_the_backlog_days_at_go_live_goes_as_usual() -> None:
    first_look = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)  # 14 days overdue
    kai = first_looked_at(first_look)
    assert planned_keys(contact_for(kai, first_look), first_look) == ["contact:7:2026-11-26:overdue"]
    next_day = datetime(2026, 12, 11, 0, 0, tzinfo=UTC)
    assert planned_keys(contact_for(kai, next_day), next_day) == [
        "contact:7:2026-11-26:overdue",
        "contact:7:2026-11-26:escalated",
    ]


def test_a_backlog_deadline_escalates_when_its_time_comes_after_go_live() -> None:
    """Stages still to come at go-live go as usual: here the backlog starts at 3 days overdue, and the
    manager is told at 14 days as always."""
    reminders = ReminderSettings(backlog_after_days=3)
    first_look = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 5 days overdue
    kai = first_looked_at(first_look)

    def keys_at(now: datetime) -> list[str]:
        context = ReminderContext.at(now, reminders, RULES, SERVICE)
        return [item.key for item in assess(contact_for(kai, now), context)[0]]

    assert keys_at(first_look) == []
    assert keys_at(datetime(2026, 12, 10, 23, 59, tzinfo=UTC)) == []
    assert keys_at(datetime(2026, 12, 11, 0, 0, tzinfo=UTC)) == ["contact:7:2026-11-26:escalated"]


def test_rhi_reminders_are_never_held_back_at_go_live() -> None:
    now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # the RHI deadline passed 8 days ago
    episode = EpisodeFacts(
        id=40, young_person_id=7, kind="missing", started_at=RETURNED, returned_at=RETURNED
    )
    due = rhi_deadline(episode, first_looked_at(now), RuleContext.at(now, RULES, LONDON))
    assert due is not None
    assert planned_keys(due, now) == ["rhi:40:20261123T0900Z:overdue", "rhi:40:20261123T0900Z:escalated"]


def test_a_snoozed_backlog_deadline_reminds_the_pa_when_the_snooze_ends() -> None:
    first_look = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)
    until = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
    kai = first_looked_at(first_look)
    assert planned_keys(contact_for(kai, first_look), first_look, until) == []
    assert planned_keys(contact_for(kai, until), until, until) == [
        "contact:7:2026-11-26:overdue:after20261216T0900Z"
    ]


def test_the_backlog_counts_days_overdue_in_the_service_timezone() -> None:
    summer = replace(KAI, last_contact_on=date(2026, 5, 1))  # contact due Fri 26 Jun 2026
    first_look = datetime(2026, 7, 10, 23, 30, tzinfo=UTC)  # 00:30 BST on 11 Jul: 15 days, not 14
    assert planned_keys(contact_for(replace(summer, first_swept_at=first_look), first_look), first_look) == []
