"""The deadline rules at their edges, with a fixed clock."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import RuleSettings
from bot.models import age_on
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from scheduler.rules import (
    EpisodeFacts,
    PersonFacts,
    RuleContext,
    add_months,
    birthday,
    contact_deadline,
    deadlines_for,
    needs_assessment_deadline,
    pathway_review_deadline,
    repeat_missing_flag,
    rhi_deadline,
    transition_deadline,
)

LONDON = ZoneInfo("Europe/London")
RULES = RuleSettings()
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
KAI = PersonFacts(
    id=7,
    case_ref="CL7",
    preferred_name="Kai",
    pa_id=2,
    team_id=1,
    date_of_birth=date(2010, 3, 15),  # 16 on NOW
    category="relevant",
    last_contact_on=date(2026, 11, 1),
    last_review_on=date(2026, 9, 1),
)


def at(now: datetime, rules: RuleSettings = RULES) -> RuleContext:
    return RuleContext.at(now, rules, LONDON)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def episode(returned_at: datetime | None, **changes: object) -> EpisodeFacts:
    base = EpisodeFacts(
        id=40,
        young_person_id=KAI.id,
        kind="missing",
        started_at=(returned_at or NOW) - timedelta(hours=5),
        returned_at=returned_at,
    )
    return replace(base, **changes)


# --- Return home interview -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (datetime(2026, 11, 20, 9, 0, tzinfo=UTC), DeadlineStatus.DUE),
        (datetime(2026, 11, 23, 8, 59, 59, tzinfo=UTC), DeadlineStatus.DUE),
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), DeadlineStatus.OVERDUE),  # exactly 72 h
    ],
    ids=["at return", "a second before 72 h", "exactly 72 h"],
)
def test_rhi_is_due_for_72_clock_hours_from_return(now: datetime, status: DeadlineStatus) -> None:
    returned = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday: the weekend counts
    due = rhi_deadline(episode(returned), KAI, at(now))
    assert due is not None
    assert due.due_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert due.status is status
    assert due.subject == "rhi:40"


def test_rhi_counts_clock_hours_across_the_change_to_gmt() -> None:
    """Clocks go back on 25 Oct 2026: 72 clock hours from 09:00 BST on the 24th is 08:00 GMT on the 27th."""
    due = rhi_deadline(episode(london(2026, 10, 24, 9, 0)), KAI, at(london(2026, 10, 24, 10)))
    assert due is not None
    assert due.due_at.astimezone(LONDON) == london(2026, 10, 27, 8, 0)


def test_rhi_counts_clock_hours_across_the_change_to_bst() -> None:
    """Clocks go forward on 29 Mar 2026: 72 clock hours from 09:00 GMT on the 28th is 10:00 BST on the
    31st."""
    due = rhi_deadline(episode(london(2026, 3, 28, 9, 0)), KAI, at(london(2026, 3, 28, 10)))
    assert due is not None
    assert due.due_at.astimezone(LONDON) == london(2026, 3, 31, 10, 0)


def test_a_return_known_only_by_its_date_counts_from_the_start_of_that_day() -> None:
    in_summer = episode(datetime(2026, 7, 10, 15, 0, tzinfo=UTC), return_time_known=False)
    due = rhi_deadline(in_summer, KAI, at(datetime(2026, 7, 11, tzinfo=UTC)))
    assert due is not None
    # Midnight in London on 10 July is 23:00 UTC on the 9th (BST).
    assert due.due_at == datetime(2026, 7, 12, 23, 0, tzinfo=UTC)


def test_an_open_episode_has_no_rhi_deadline_yet() -> None:
    assert rhi_deadline(episode(None), KAI, at(NOW)) is None


@pytest.mark.parametrize("outcome", ["rhi_completed_at", "rhi_declined_at"])
def test_done_or_declined_closes_the_rhi(outcome: str) -> None:
    returned = NOW - timedelta(hours=10)
    assert rhi_deadline(episode(returned, **{outcome: NOW}), KAI, at(NOW)) is None


def test_an_away_episode_starts_no_clock_unless_config_says_so() -> None:
    away = episode(NOW - timedelta(hours=1), kind="away")
    assert rhi_deadline(away, KAI, at(NOW)) is None
    assert rhi_deadline(away, KAI, at(NOW, RuleSettings(rhi_for_away=True))) is not None


def test_rhi_is_for_under_18s_at_return_unless_config_says_so() -> None:
    turned_18 = replace(KAI, date_of_birth=date(2008, 11, 22))
    returned_on_birthday = episode(datetime(2026, 11, 22, 12, tzinfo=UTC))
    assert rhi_deadline(returned_on_birthday, turned_18, at(NOW)) is None
    assert rhi_deadline(returned_on_birthday, turned_18, at(NOW, RuleSettings(rhi_for_adults=True)))
    still_17 = episode(datetime(2026, 11, 21, 12, tzinfo=UTC))
    assert rhi_deadline(still_17, turned_18, at(NOW)) is not None


def test_a_corrected_return_moves_the_deadline() -> None:
    """Recorded as back at 09:00 on the 22nd, then corrected to 20:00 on the 19th: the 72 h ran out."""
    recorded = episode(datetime(2026, 11, 22, 9, tzinfo=UTC))
    first = rhi_deadline(recorded, KAI, at(NOW))
    assert first is not None and first.status is DeadlineStatus.DUE
    corrected = rhi_deadline(
        replace(recorded, returned_at=datetime(2026, 11, 19, 20, tzinfo=UTC)), KAI, at(NOW)
    )
    assert corrected is not None
    assert corrected.due_at == datetime(2026, 11, 22, 20, tzinfo=UTC)
    assert corrected.status is DeadlineStatus.OVERDUE


# --- Repeat missing --------------------------------------------------------------------------------


def starts(*days_ago: float) -> list[EpisodeFacts]:
    return [
        EpisodeFacts(
            id=index + 1, young_person_id=KAI.id, kind="missing", started_at=NOW - timedelta(days=ago)
        )
        for index, ago in enumerate(days_ago)
    ]


@pytest.mark.parametrize(
    ("days_ago", "flagged"),
    [
        ((20, 10, 1), True),
        ((29.9, 15, 0), True),
        ((30.5, 15, 0), False),  # the first is just outside 30 days of the third
        ((20, 10), False),
        ((60, 45, 31), False),  # three in 30 days, but the flag's window has passed
    ],
)
def test_three_missing_episodes_within_30_days_flag_the_manager(days_ago: tuple, flagged: bool) -> None:
    flag = repeat_missing_flag(starts(*days_ago), KAI, at(NOW))
    assert (flag is not None) is flagged
    if flag:
        assert flag.kind is DeadlineKind.REPEAT_MISSING


def test_away_episodes_do_not_count_as_missing() -> None:
    episodes = [replace(item, kind="away") for item in starts(20, 10, 1)]
    assert repeat_missing_flag(episodes, KAI, at(NOW)) is None


def test_repeat_missing_numbers_come_from_config() -> None:
    strict = RuleSettings(repeat_missing_episodes=2, repeat_missing_days=7)
    assert repeat_missing_flag(starts(5, 1), KAI, at(NOW, strict)) is not None
    assert repeat_missing_flag(starts(9, 1), KAI, at(NOW, strict)) is None


# --- Pathway review and needs assessment -----------------------------------------------------------


@pytest.mark.parametrize(
    ("reviewed_on", "due_on"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 5, 31), date(2026, 11, 30)),
        (date(2026, 3, 15), date(2026, 9, 15)),
    ],
)
def test_review_is_due_six_calendar_months_after_the_last(reviewed_on: date, due_on: date) -> None:
    due = pathway_review_deadline(replace(KAI, last_review_on=reviewed_on), at(NOW))
    assert due is not None
    assert due.day == due_on
    assert due.due_at == datetime.combine(due_on, datetime.min.time(), LONDON).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (london(2026, 11, 29, 23, 59), DeadlineStatus.UPCOMING),
        (london(2026, 11, 30, 0, 0), DeadlineStatus.DUE),
        (london(2026, 11, 30, 23, 59), DeadlineStatus.DUE),
        (london(2026, 12, 1, 0, 0), DeadlineStatus.OVERDUE),
    ],
)
def test_a_day_deadline_is_due_all_day_and_overdue_from_the_next(
    now: datetime, status: DeadlineStatus
) -> None:
    due = pathway_review_deadline(replace(KAI, last_review_on=date(2026, 5, 31)), at(now))
    assert due is not None and due.status is status


def test_day_deadlines_fall_due_at_local_midnight_in_summer_time() -> None:
    due = pathway_review_deadline(replace(KAI, last_review_on=date(2026, 1, 10)), at(NOW))
    assert due is not None
    assert due.due_at.astimezone(LONDON).isoformat() == "2026-07-10T00:00:00+01:00"


def test_no_recorded_review_is_due_now() -> None:
    due = pathway_review_deadline(replace(KAI, last_review_on=None), at(NOW))
    assert due is not None
    assert due.status is DeadlineStatus.DUE and due.day == date(2026, 11, 23)


def test_qualifying_young_people_have_no_pathway_review() -> None:
    assert pathway_review_deadline(replace(KAI, category="qualifying"), at(NOW)) is None


@pytest.mark.parametrize(
    ("born", "eligible_since", "due_on"),
    [
        (date(2010, 8, 31), None, date(2026, 11, 30)),  # 16 on 31 Aug: 3 months clamps to 30 Nov
        (date(2010, 3, 15), date(2026, 10, 1), date(2027, 1, 1)),  # eligible after turning 16
        (date(2011, 2, 28), date(2026, 1, 5), date(2027, 5, 28)),  # eligible before 16: from the birthday
    ],
)
def test_needs_assessment_is_due_3_months_after_16_or_eligibility(
    born: date, eligible_since: date | None, due_on: date
) -> None:
    person = replace(
        KAI, category="eligible", date_of_birth=born, eligible_since=eligible_since, last_review_on=None
    )
    due = needs_assessment_deadline(person, at(NOW))
    assert due is not None and due.day == due_on


def test_a_first_plan_closes_the_needs_assessment() -> None:
    person = replace(KAI, category="eligible", last_review_on=date(2026, 6, 1))
    assert needs_assessment_deadline(person, at(NOW)) is None
    assert needs_assessment_deadline(replace(person, category="relevant"), at(NOW)) is None


# --- Contact ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "due_on", "rule_has"),
    [
        ({}, date(2026, 12, 27), "every 56 days"),
        ({"contact_interval_days": 14}, date(2026, 11, 15), "every 14 days"),
        ({"last_contact_on": None}, date(2026, 11, 23), "every 56 days"),
        (
            {"stepped_back": True, "date_of_birth": date(2004, 1, 1), "category": "former_relevant"},
            date(2027, 11, 1),
            "Stepped back",
        ),
        # Stepped back but under 21: the standard interval still applies.
        ({"stepped_back": True}, date(2026, 12, 27), "every 56 days"),
        (
            {"council_provided_accommodation": True, "accommodation_started_on": date(2026, 11, 20)},
            date(2026, 11, 27),
            "within 7 days of the move",
        ),
        # A contact since the move that is not a visit (a phone call, or an imported contact whose method
        # is unrecorded) leaves the first visit owed.
        (
            {
                "council_provided_accommodation": True,
                "accommodation_started_on": date(2026, 11, 1),
                "last_contact_on": date(2026, 11, 20),
                "last_visit_on": None,
            },
            date(2026, 11, 8),
            "within 7 days of the move",
        ),
        (
            {
                "council_provided_accommodation": True,
                "accommodation_started_on": date(2026, 6, 1),
                "last_visit_on": date(2026, 10, 31),
                "last_contact_on": date(2026, 11, 20),
            },
            date(2026, 12, 31),
            "every 2 months",
        ),
        (
            {
                "council_provided_accommodation": True,
                "accommodation_started_on": date(2026, 6, 1),
                "last_visit_on": date(2026, 8, 31),
            },
            date(2026, 10, 31),
            "every 2 months",
        ),
    ],
    ids=[
        "standard",
        "own interval",
        "none recorded",
        "stepped back at 21+",
        "stepped back under 21",
        "new council flat",
        "council flat, a contact but no visit",
        "council flat visits",
        "council flat month end",
    ],
)
def test_contact_deadline(changes: dict, due_on: date, rule_has: str) -> None:
    due = contact_deadline(replace(KAI, **changes), at(NOW))
    assert due.day == due_on
    assert rule_has in due.rule


def test_no_recorded_contact_keeps_one_subject_from_day_to_day() -> None:
    person = replace(KAI, last_contact_on=None)
    today = contact_deadline(person, at(NOW))
    tomorrow = contact_deadline(person, at(NOW + timedelta(days=1)))
    assert today.subject == tomorrow.subject
    assert tomorrow.status is DeadlineStatus.DUE


# --- Transitions and the end of support ------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "kind", "due_on"),
    [
        (date(2009, 3, 1), DeadlineKind.TRANSITION_18, date(2026, 12, 1)),
        (date(2005, 12, 25), DeadlineKind.TRANSITION_21, date(2026, 9, 26)),
        (date(2002, 2, 20), DeadlineKind.TRANSITION_25, date(2026, 11, 22)),
        (date(2008, 2, 29), DeadlineKind.TRANSITION_21, date(2028, 12, 1)),  # 21 on 29 Feb 2029 -> 1 Mar
    ],
)
def test_transitions_fall_due_90_days_before_the_birthday(
    born: date, kind: DeadlineKind, due_on: date
) -> None:
    due = transition_deadline(replace(KAI, date_of_birth=born), at(NOW))
    assert due is not None
    assert (due.kind, due.day) == (kind, due_on)


def test_nothing_is_due_for_someone_who_has_left_or_turned_25() -> None:
    assert deadlines_for(replace(KAI, left_service_on=date(2026, 11, 1)), [], at(NOW)) == []
    assert deadlines_for(replace(KAI, date_of_birth=date(2001, 11, 23)), [], at(NOW)) == []
    assert deadlines_for(replace(KAI, date_of_birth=date(2001, 11, 24)), [], at(NOW)) != []


def test_nothing_is_due_for_someone_recorded_as_died() -> None:
    assert deadlines_for(KAI, [], at(NOW)) != []
    assert deadlines_for(replace(KAI, died=True), [episode(NOW - timedelta(hours=2))], at(NOW)) == []


def test_a_young_person_gets_each_kind_that_applies() -> None:
    returned = episode(NOW - timedelta(hours=2))
    kinds = {due.kind for due in deadlines_for(KAI, [returned], at(NOW))}
    assert kinds == {
        DeadlineKind.RHI,
        DeadlineKind.PATHWAY_REVIEW,
        DeadlineKind.CONTACT,
        DeadlineKind.TRANSITION_18,
    }


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2099, 8, 29), 6, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2399, 8, 30), 6, date(2400, 2, 29)),  # 2400 is
        (date(2026, 1, 28), 1, date(2026, 2, 28)),
        (date(2026, 1, 29), 1, date(2026, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 5, 31), 2, date(2026, 7, 31)),
        (date(2026, 7, 15), 6, date(2027, 1, 15)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
        (date(2026, 6, 30), 0, date(2026, 6, 30)),
        (date(2026, 6, 30), 18, date(2027, 12, 30)),
    ],
)
def test_calendar_months_clamp_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("born", "years", "expected"),
    [
        (date(2008, 2, 29), 18, date(2026, 3, 1)),
        (date(2008, 2, 29), 20, date(2028, 2, 29)),
        (date(2080, 2, 29), 20, date(2100, 3, 1)),  # 2100 is not a leap year
        (date(2008, 2, 28), 18, date(2026, 2, 28)),
        (date(2008, 3, 1), 17, date(2025, 3, 1)),
        (date(2009, 12, 31), 16, date(2025, 12, 31)),
    ],
)
def test_a_birthday_falls_on_the_day_age_counts_it(born: date, years: int, expected: date) -> None:
    assert birthday(born, years) == expected
    assert age_on(born, expected) == years
    assert age_on(born, expected - timedelta(days=1)) == years - 1


# --- Transitions as work ---------------------------------------------------------------------------

AVA_BORN = date(2009, 2, 20)  # 18 on Sat 20 Feb 2027; the 90 days' notice begins on Sun 22 Nov 2026


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (london(2026, 11, 21, 23, 59), DeadlineStatus.UPCOMING),
        (london(2026, 11, 22, 0, 0), DeadlineStatus.DUE),
        (london(2027, 2, 19, 23, 59), DeadlineStatus.DUE),  # the birthday still ahead: never overdue
        (london(2027, 2, 20, 0, 0), DeadlineStatus.OVERDUE),  # the birthday came, unplanned
        (london(2027, 5, 20, 23, 59), DeadlineStatus.OVERDUE),  # shown for 90 days after it
    ],
    ids=["before the notice", "notice day", "the day before the birthday", "birthday", "89 days after"],
)
def test_a_transition_is_due_until_the_birthday_and_overdue_only_after_it(
    now: datetime, status: DeadlineStatus
) -> None:
    due = transition_deadline(replace(KAI, date_of_birth=AVA_BORN), at(now))
    assert due is not None
    assert (due.kind, due.status, due.day) == (DeadlineKind.TRANSITION_18, status, date(2026, 11, 22))
    assert due.overdue_at == london(2027, 2, 20, 0, 0)


def test_a_missed_transition_gives_way_to_the_next_after_its_overdue_days() -> None:
    due = transition_deadline(replace(KAI, date_of_birth=AVA_BORN), at(london(2027, 5, 21, 0, 0)))
    assert due is not None
    assert (due.kind, due.status) == (DeadlineKind.TRANSITION_21, DeadlineStatus.UPCOMING)


def test_a_transition_recorded_as_planned_is_closed_and_the_next_one_follows() -> None:
    planned = replace(KAI, date_of_birth=AVA_BORN, done=frozenset({"transition_18"}))
    for now in (london(2026, 12, 1, 10, 0), london(2027, 2, 21, 10, 0)):
        due = transition_deadline(planned, at(now))
        assert due is not None and due.kind is DeadlineKind.TRANSITION_21


def test_transition_rules_name_the_birthday_in_english() -> None:
    rules = {
        age: transition_deadline(replace(KAI, date_of_birth=born), at(NOW))
        for age, born in ((18, date(2009, 3, 1)), (21, date(2005, 12, 25)), (25, date(2002, 2, 20)))
    }
    assert [due.rule for due in rules.values() if due] == [
        f"Transition planning: planned in the 90 days before the {nth} birthday (overdue from the birthday, "
        "shown for 90 days)"
        for nth in ("18th", "21st", "25th")
    ]


def test_a_needs_assessment_recorded_as_done_closes_it_and_the_first_plan_falls_due() -> None:
    eligible = replace(KAI, category="eligible", date_of_birth=date(2010, 8, 1), last_review_on=None)
    assert needs_assessment_deadline(eligible, at(NOW)) is not None
    assessed = replace(eligible, done=frozenset({"needs_assessment"}))
    assert needs_assessment_deadline(assessed, at(NOW)) is None
    kinds = {due.kind for due in deadlines_for(assessed, [], at(NOW))}
    assert DeadlineKind.PATHWAY_REVIEW in kinds and DeadlineKind.NEEDS_ASSESSMENT not in kinds
