"""The words and buttons of reminders and the digest."""

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import ReminderSettings, RuleSettings, ServiceSettings
from bot.outbox.buttons import to_json
from bot.wording.pa import hours_left
from scheduler.compose import digest_text, reminder_buttons, reminder_text
from scheduler.reminders import Audience, Planned, ReminderContext, Route, assess
from scheduler.rules import EpisodeFacts, PersonFacts, RuleContext, deadlines_for

LONDON = ZoneInfo("Europe/London")
RULES = RuleSettings()
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
AVA = PersonFacts(
    id=3,
    case_ref="CL3",
    preferred_name="Ava",
    pa_id=2,
    team_id=1,
    date_of_birth=date(2009, 2, 20),  # 18 on 20 Feb 2027: transition due 22 Nov 2026
    category="relevant",
    last_contact_on=date(2026, 11, 20),
    last_review_on=date(2026, 11, 1),
)


def planning(now: datetime) -> ReminderContext:
    return ReminderContext.at(now, ReminderSettings(), RULES, ServiceSettings())


def planned_at(person: PersonFacts, episodes: list[EpisodeFacts], now: datetime):
    context = RuleContext.at(now, RULES, LONDON)
    return [
        item for due in deadlines_for(person, episodes, context) for item in assess(due, planning(now))[0]
    ]


def route_of(planned: Planned) -> Route:
    return Route.REMINDER if planned.audience is Audience.PA else Route.ESCALATION


def reminder_markup(planned: Planned) -> str | None:
    return to_json(reminder_buttons(planned.due, route_of(planned), "Robin"))


def text_of(planned: Planned, now: datetime = NOW) -> str:
    return reminder_text(planned.due, route_of(planned), planning(now), "Robin")


def test_the_transition_reminder_says_what_to_plan() -> None:
    [transition] = planned_at(AVA, [], NOW)
    assert text_of(transition) == (
        "Ava (CL3) turns 18 on Sat 20 Feb.\nPlan housing, any referral to adult services, and the DWP "
        "benefits appointment (offered up to 28 days before 18)."
    )
    assert [
        button["text"] for button in json.loads(reminder_markup(transition) or "{}")["inline_keyboard"][0]
    ] == [
        "Planned",
        "Snooze until ...",
    ]


def test_a_missed_rhi_tells_the_pa_and_escalates_to_the_manager() -> None:
    returned = NOW - timedelta(hours=73)
    episode = EpisodeFacts(id=9, young_person_id=3, kind="missing", started_at=returned, returned_at=returned)
    texts = {
        item.audience.value: text_of(item)
        for item in planned_at(AVA, [episode], NOW)
        if item.due.kind.value == "rhi"
    }
    assert texts["pa"].startswith("The return home interview for Ava (CL3) was due by Mon 23 Nov at 09:00.")
    assert texts["manager"] == (
        "Needs attention: return home interview for Ava (CL3) (PA: Robin) was due Mon 23 Nov at 09:00 "
        "and is still open."
    )


def test_repeat_missing_flags_the_manager_without_buttons() -> None:
    episodes = [
        EpisodeFacts(id=n, young_person_id=3, kind="missing", started_at=NOW - timedelta(days=d))
        for n, d in ((1, 20), (2, 10), (3, 1))
    ]
    [flag] = [item for item in planned_at(AVA, episodes, NOW) if item.due.kind.value == "repeat_missing"]
    assert text_of(flag).startswith(
        "Repeat missing: Ava (CL3) (PA: Robin) has been missing 3 or more times in 30 days."
    )
    assert reminder_markup(flag) is None


def test_the_digest_lists_running_rhis_first_with_hours_left() -> None:
    returned = NOW - timedelta(hours=50)
    episode = EpisodeFacts(id=9, young_person_id=3, kind="missing", started_at=returned, returned_at=returned)
    dues = deadlines_for(AVA, [episode], RuleContext.at(NOW, RULES, LONDON))
    text = digest_text(dues, [AVA], ReminderContext.at(NOW, ReminderSettings(), RULES, ServiceSettings()))
    assert text is not None
    assert text.splitlines()[:4] == [
        "Good morning. Your deadlines for Mon 23 Nov:",
        "",
        "Return home interviews running (1):",
        "- Ava (CL3): 22 hours left",
    ]
    assert "Not contacted for longest (1):\n- Ava (CL3): 3 days ago" in text


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (timedelta(hours=24), "24 hours left"),
        (timedelta(hours=2, minutes=59), "2 hours left"),
        (timedelta(hours=1, minutes=30), "1 hour left"),
        (timedelta(minutes=59), "less than an hour left"),
    ],
)
def test_hours_left_never_says_more_than_there_is(left: timedelta, words: str) -> None:
    assert hours_left(left) == words


def test_an_rhi_reminder_says_the_hours_left_when_it_is_written() -> None:
    returned = NOW - timedelta(hours=40)
    episode = EpisodeFacts(id=9, young_person_id=3, kind="missing", started_at=returned, returned_at=returned)
    queued_at = NOW + timedelta(hours=26)  # "6 hours left" begins
    [planned] = [item for item in planned_at(AVA, [episode], queued_at) if item.due.kind.value == "rhi"]
    assert text_of(planned, queued_at).startswith("6 hours left")
    sent_at = queued_at + timedelta(hours=3)
    [later] = [item.due for item in planned_at(AVA, [episode], sent_at) if item.due.kind.value == "rhi"]
    assert reminder_text(later, Route.REMINDER, planning(sent_at), "Robin").startswith("3 hours left")


def test_a_reminder_for_the_manager_says_whether_the_pa_has_left_or_there_is_none() -> None:
    [transition] = planned_at(AVA, [], NOW)
    first_line = reminder_text(transition.due, Route.NO_PA, planning(NOW), "Robin").splitlines()[0]
    assert first_line == "Ava (CL3)'s PA, Robin, is no longer active, so this reminder comes to you."
    [no_pa] = planned_at(replace(AVA, pa_id=None), [], NOW)
    first_line = reminder_text(no_pa.due, Route.NO_PA, planning(NOW), "no PA").splitlines()[0]
    assert first_line == "Ava (CL3) has no PA, so this reminder comes to you."
