"""The summary's pure figures, from hand-built facts and a fixed clock."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.facts import CaseFacts, PassportTally
from bot.models import MissingEpisode, Role, Staff
from bot.summaries import caseloads, deadline_counts, outcomes, passport, periods, rhi
from bot.summaries.report import percent
from scheduler.deadlines import Deadline, DeadlineKind, DeadlineStatus

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def person(person_id: int, pa_id: int | None = None, **facts: object) -> CaseFacts:
    values: dict = {
        "case_ref": f"CL{person_id}",
        "preferred_name": f"P{person_id}",
        "date_of_birth": date(2008, 1, 1),
        "team_id": 1,
        "in_touch": "YES",
        "accommodation_suitable": True,
        "activity_code": "F1",
    } | facts
    return CaseFacts(id=person_id, pa_id=pa_id, **values)


def deadline(
    kind: DeadlineKind, person_id: int, status: DeadlineStatus, due_in: timedelta, pa_id: int | None = 1
) -> Deadline:
    return Deadline(
        kind=kind,
        subject=f"{kind.value}:{person_id}:{due_in}",
        young_person_id=person_id,
        case_ref=f"CL{person_id}",
        pa_id=pa_id,
        team_id=1,
        due_at=NOW + due_in,
        status=status,
        rule="test",
    )


OVERDUE, DUE, UPCOMING = DeadlineStatus.OVERDUE, DeadlineStatus.DUE, DeadlineStatus.UPCOMING
DAY = timedelta(days=1)
DEADLINES = [
    deadline(DeadlineKind.CONTACT, 1, OVERDUE, -3 * DAY),
    deadline(DeadlineKind.CONTACT, 2, OVERDUE, -10 * DAY, pa_id=2),
    deadline(DeadlineKind.CONTACT, 3, DUE, -timedelta(hours=10)),
    deadline(DeadlineKind.CONTACT, 4, UPCOMING, 6 * DAY),
    deadline(DeadlineKind.CONTACT, 5, UPCOMING, 7 * DAY),  # a week from now exactly: next week
    deadline(DeadlineKind.RHI, 1, UPCOMING, timedelta(hours=20), pa_id=None),
    deadline(DeadlineKind.PATHWAY_REVIEW, 6, OVERDUE, -40 * DAY),
    deadline(DeadlineKind.TRANSITION_18, 6, UPCOMING, 3 * DAY),
]


def test_overdue_and_due_this_week_counts_by_kind() -> None:
    figures = deadline_counts.count(DEADLINES, NOW)
    assert figures.week_ends == NOW + 7 * DAY
    assert [(row.kind, row.overdue, row.due_this_week) for row in figures.kinds] == [
        (DeadlineKind.CONTACT, 2, 2),
        (DeadlineKind.PATHWAY_REVIEW, 1, 0),
        (DeadlineKind.RHI, 0, 1),
        (DeadlineKind.NEEDS_ASSESSMENT, 0, 0),
        (DeadlineKind.TRANSITION_18, 0, 1),  # every kind is counted, as the export lists it
        (DeadlineKind.TRANSITION_21, 0, 0),
        (DeadlineKind.TRANSITION_25, 0, 0),
        (DeadlineKind.REPEAT_MISSING, 0, 0),
    ]


def test_the_young_people_behind_a_count_pa_by_pa() -> None:
    people = {index: person(index) for index in range(1, 7)}
    groups = deadline_counts.behind(DEADLINES, DeadlineKind.CONTACT, NOW, people, {1: "Robin", 2: "Alex"})
    assert [(group.pa, [(row.case_ref, row.overdue) for row in group.young_people]) for group in groups] == [
        ("Alex", [("CL2", True)]),
        ("Robin", [("CL1", True), ("CL3", False), ("CL4", False)]),
    ]
    [no_pa] = deadline_counts.behind(DEADLINES, DeadlineKind.RHI, NOW, people, {1: "Robin"})
    assert (no_pa.pa, no_pa.young_people[0].preferred_name) == ("No PA", "P1")


def test_no_deadlines_count_zero_everywhere() -> None:
    assert all(row.overdue == row.due_this_week == 0 for row in deadline_counts.count([], NOW).kinds)


def episode(returned: datetime | None, offered: datetime | None = None, **more: object) -> MissingEpisode:
    start = (returned or NOW) - timedelta(hours=5)
    return MissingEpisode(
        young_person_id=1, started_at=start, returned_at=returned, rhi_offered_at=offered, **more
    )


@pytest.mark.parametrize(
    ("offer_after", "expected"),
    [
        (timedelta(hours=72), rhi.Outcome.WITHIN),
        (timedelta(hours=72, seconds=1), rhi.Outcome.OFFERED_LATE),
        (None, rhi.Outcome.NOT_OFFERED_LATE),
    ],
)
def test_an_offer_at_exactly_72_hours_is_in_time(
    offer_after: timedelta | None, expected: rhi.Outcome
) -> None:
    returned = NOW - 5 * DAY
    offered = returned + offer_after if offer_after else None
    assert rhi.outcome(episode(returned, offered), NOW, 72) is expected


def test_a_completed_interview_counts_as_offered_when_it_was_done() -> None:
    returned = NOW - 5 * DAY
    done = episode(returned, rhi_completed_at=returned + timedelta(hours=30))
    assert rhi.outcome(done, NOW, 72) is rhi.Outcome.WITHIN
    assert rhi.outcome(episode(NOW - DAY), NOW, 72) is rhi.Outcome.RUNNING
    assert rhi.outcome(episode(NOW - 3 * DAY), NOW, 72) is rhi.Outcome.NOT_OFFERED_LATE


def test_no_returns_in_a_period_gives_no_percentage() -> None:
    figures = rhi.figures([episode(NOW - 100 * DAY)], periods.last_days(NOW, 30), NOW, 72)
    assert (figures.returned, figures.decided, figures.percent_within) == (0, 0, None)


def test_quarters_and_months_follow_the_service_timezone() -> None:
    assert periods.quarter_to_date(NOW, LONDON).start == datetime(2026, 9, 30, 23, 0, tzinfo=UTC)
    previous = periods.previous_quarter(NOW, LONDON)
    assert (previous.start, previous.end) == (
        datetime(2026, 6, 30, 23, 0, tzinfo=UTC),
        datetime(2026, 9, 30, 23, 0, tzinfo=UTC),
    )
    months = periods.months(datetime(2026, 1, 15, tzinfo=UTC), LONDON, 12)
    assert months[0].start == datetime(2025, 2, 1, tzinfo=UTC)
    assert months[-2].end == months[-1].start == datetime(2026, 1, 1, tzinfo=UTC)
    assert all(earlier.end == later.start for earlier, later in pairwise(months))


def test_activity_codes_map_to_eet_and_neet_whatever_their_case() -> None:
    today = date(2026, 11, 23)
    [band, _, _], _ = outcomes.by_band(
        [
            person(1, activity_code="f3"),
            person(2, activity_code=" P4 "),
            person(3, activity_code="G4"),
            person(4, activity_code="0"),
            person(5, activity_code=None, in_touch="RHOM"),
        ],
        today,
    )
    assert (band.young_people, band.eet, band.neet, band.in_touch, band.not_in_touch) == (5, 2, 1, 4, 0)


def test_a_pa_with_no_cases_is_listed_and_counted_in_the_average() -> None:
    pas = [Staff(id=1, name="Robin", role=Role.PA), Staff(id=2, name="Pat", role=Role.PA)]
    figures = caseloads.caseloads([person(1, 1), person(2, 1), person(3, 1), person(4)], pas, target=2)
    assert [(pa.name, pa.young_people, pa.above_target) for pa in figures.pas] == [
        ("Robin", 3, True),
        ("Pat", 0, False),
    ]
    assert (figures.average, figures.without_pa, figures.above_target) == (1.5, 1, 1)
    assert caseloads.caseloads([], [], target=22).average is None
    with pytest.raises(ValueError, match="not given"):
        caseloads.caseloads([person(1, 9)], pas, target=2)


def test_passport_with_nobody_started() -> None:
    figures = passport.passport_figures(3, {1: PassportTally(done=0, help=0)}, {}, {"a": "A"})
    assert (figures.started, figures.median_done, figures.percent_started, figures.most_help) == (
        0,
        None,
        0,
        [],
    )
    assert figures.median_percent is None
    assert passport.passport_figures(0, {}, {}, {}).percent_started is None


@pytest.mark.parametrize(
    ("count", "of", "shown"), [(5, 8, "63%"), (1, 3, "33%"), (2, 3, "67%"), (0, 0, "n/a")]
)
def test_percentages_round_halves_up(count: int, of: int, shown: str) -> None:
    assert percent(count, of) == shown
