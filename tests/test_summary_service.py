"""The managers' summary of a known small service, every figure checked against a hand count."""

import pytest

from bot.config import Settings
from bot.models import Role
from bot.services.access import AccessDenied
from bot.services.identity import identify
from bot.services.summary import summary_for, summary_for_command_line
from bot.store import Database, audit, staff
from bot.summaries.report import PLAIN, render
from bot.summaries.summary import ScopeKind, Summary
from tests.known_service import (
    ADMIN,
    LEAVER_AMY,
    MANAGER_NORTH,
    NOW,
    PA_ROBIN,
    PA_SAM,
    KnownService,
    build,
    known_settings,
)


@pytest.fixture
async def service(db: Database) -> KnownService:
    return await build(db)


@pytest.fixture
def rules(settings: Settings) -> Settings:
    return known_settings(settings)


async def summary_as(db: Database, user: int, settings: Settings, team: str | None = None) -> Summary:
    return await summary_for(db, await identify(db, user), NOW, settings, team=team)


async def test_caseloads_per_pa_against_the_target(
    db: Database, service: KnownService, rules: Settings
) -> None:
    summary = await summary_as(db, MANAGER_NORTH, rules)
    figures = summary.caseloads
    # Robin: Amy, Ben, Cal, Gus (Old has left). Sam: Dee, Eve. Pat: none. Fay has no PA. Hal has died: on
    # nobody's caseload, and said so.
    assert [(pa.name, pa.young_people, pa.above_target) for pa in figures.pas] == [
        ("Robin Hall", 4, True),
        ("Sam Lee", 2, False),  # at the target of 2 is not above it
        ("Pat Green", 0, False),
    ]
    assert (figures.young_people, figures.without_pa, figures.died) == (7, 1, 1)
    assert figures.average == 2.0  # 6 allocated / 3 PAs, Pat's empty caseload included
    assert figures.above_target == 1


async def test_a_pa_who_has_left_is_marked_and_their_young_people_need_a_new_pa(
    db: Database, service: KnownService, rules: Settings
) -> None:
    async with db.transaction() as tx:
        await staff.deactivate(tx, service.sam.id or 0)
    summary = await summary_as(db, MANAGER_NORTH, rules)
    figures = summary.caseloads
    assert [(pa.name, pa.young_people, pa.has_left) for pa in figures.pas] == [
        ("Robin Hall", 4, False),
        ("Pat Green", 0, False),
        ("Sam Lee", 2, True),  # Dee and Eve are still recorded against Sam
    ]
    assert (figures.working, figures.without_pa, figures.pa_left) == (2, 3, 2)
    assert figures.average == 2.0  # Robin's 4 over the 2 PAs who work here
    text = render(summary, PLAIN)
    assert "• Sam Lee (has left): 2, need a new PA" in text
    assert "7 young people, 2 PAs, average 2.0 per PA. PAs above target: 1." in text
    assert "With no PA: 3 young people (2 whose PA has left)." in text


async def test_a_band_measured_among_those_in_touch_says_only_that_nobody_is_recorded_in_touch(
    db: Database, service: KnownService, rules: Settings
) -> None:
    async with db.transaction() as tx:
        await tx.execute("UPDATE young_people SET in_touch = NULL WHERE case_ref IN ('CL-Eve', 'CL-Fay')")
    text = render(await summary_as(db, MANAGER_NORTH, rules), PLAIN)
    assert "• 22-25, 2 young people: in touch not recorded for 2.\n" in text


async def test_deadline_counts_come_from_the_deadline_rules(
    db: Database, service: KnownService, rules: Settings
) -> None:
    figures = (await summary_as(db, MANAGER_NORTH, rules)).deadlines
    # Nobody in North has a recorded contact or review, so all seven are due today (Old has left, and Hal
    # died: no deadlines run for them).
    # An RHI stays open until the interview is done or declined: Gus (Aug), Amy (Sep), Ben (Oct), Cal, Ben
    # and Amy (Nov) are past their 72 hours; Gus's latest return has until Wednesday.
    # Planning for 18: Cal turned 18 today with none recorded (overdue); Amy and Ben are within their 90
    # days (due, never overdue before the birthday). Gus's three returns in 30 days raise one flag.
    assert [(row.kind.value, row.overdue, row.due_this_week) for row in figures.kinds] == [
        ("contact", 0, 7),
        ("pathway_review", 0, 7),
        ("rhi", 6, 1),
        ("needs_assessment", 0, 0),
        ("transition_18", 1, 2),
        ("transition_21", 0, 0),
        ("transition_25", 0, 0),
        ("repeat_missing", 0, 1),
    ]
    south = (await summary_as(db, ADMIN, rules, team="South")).deadlines
    # Ivy came back exactly 72 hours ago with no interview yet: overdue from that instant.
    assert [(row.kind.value, row.overdue, row.due_this_week) for row in south.kinds][2] == ("rhi", 1, 0)


async def test_return_home_interviews_by_period(db: Database, service: KnownService, rules: Settings) -> None:
    summary = await summary_as(db, MANAGER_NORTH, rules)
    last_30 = summary.rhi_last_30_days.current
    # Amy 48 h (in time), Ben 96 h (late), Cal never offered (late), Gus 24 h ago (still open), Amy declined
    # at 24 h (in time). Amy's away episode and Dee's (20 at return) are not covered.
    assert (last_30.returned, last_30.within, last_30.offered_late, last_30.not_offered_late) == (5, 2, 1, 1)
    assert (last_30.running, last_30.declined, last_30.percent_within) == (1, 1, 50.0)
    previous_30 = summary.rhi_last_30_days.previous  # Amy done at 48 h, Ben offered at 24 h
    assert (previous_30.returned, previous_30.within, previous_30.percent_within) == (2, 2, 100.0)
    quarter = summary.rhi_quarter.current  # from 1 October (London): both of the above
    assert (quarter.returned, quarter.within, quarter.late, quarter.running) == (7, 4, 2, 1)
    assert quarter.start.isoformat() == "2026-09-30T23:00:00+00:00"
    assert round(quarter.percent_within or 0, 2) == 66.67
    previous_quarter = summary.rhi_quarter.previous  # Gus at 24 h; Amy offered at exactly 72 h
    assert (previous_quarter.returned, previous_quarter.within, previous_quarter.percent_within) == (
        2,
        2,
        100.0,
    )
    assert summary.still_missing == 1  # Ben, since 21 November


async def test_cal_counts_as_under_18_because_he_was_17_when_he_returned(
    db: Database, service: KnownService, rules: Settings
) -> None:
    summary = await summary_as(db, PA_ROBIN, rules)
    assert summary.rhi_last_30_days.current.not_offered_late == 1


async def test_in_touch_accommodation_and_eet_by_age_band(
    db: Database, service: KnownService, rules: Settings
) -> None:
    summary = await summary_as(db, MANAGER_NORTH, rules)
    young, middle, older = summary.outcomes
    # 17-18: Amy, Ben, Cal (Gus is 16). In touch Amy, Ben; suitable Amy; EET Amy (F2), Ben is G5.
    assert (young.label, young.young_people, young.in_touch, young.not_in_touch) == ("17-18", 3, 2, 1)
    assert (young.suitable, young.unsuitable, young.eet, young.neet, young.measured) == (1, 1, 1, 1, 3)
    # 19-21: Dee only (Hal died and is left out). In touch, suitable, P5.
    assert (middle.young_people, middle.in_touch, middle.suitable, middle.eet, middle.measured) == (
        1,
        1,
        1,
        1,
        1,
    )
    # 22-25: Eve (in touch, G6) and Fay (refuses contact): accommodation and activity among those in touch.
    assert (older.young_people, older.in_touch, older.not_in_touch, older.measured) == (2, 1, 1, 1)
    assert (older.suitable, older.eet, older.neet) == (1, 0, 1)


async def test_passport_progress(db: Database, service: KnownService, rules: Settings) -> None:
    figures = (await summary_as(db, MANAGER_NORTH, rules)).passport
    # Started: Amy (2 done), Ben (1 done), Dee (help only, 0 done); Cal only has a to-do. Ivy is South, and
    # Hal (died) is not counted.
    assert (figures.young_people, figures.started, figures.median_done) == (7, 3, 1)
    assert figures.percent_started == 300 / 7
    assert (figures.checklist_items, figures.median_percent) == (32, 100 / 32)  # the council's passport
    assert [(item.text, item.young_people) for item in figures.most_help] == [
        ("I can make a budget for the week", 2),
        ("I can read my gas and electric meters", 1),
    ]


async def test_young_peoples_answers_are_counted_without_names(
    db: Database, service: KnownService, rules: Settings
) -> None:
    voice = (await summary_as(db, MANAGER_NORTH, rules)).voice
    assert voice is not None
    # Last 30 days in North: helped yes (Amy, Ben), no (Dee); readiness 3 and 4. Ben's October answer is
    # older, Ivy's is South's.
    assert (voice.helped_yes, voice.helped_no, voice.readiness, voice.readiness_average) == (
        2,
        1,
        [0, 0, 1, 1, 0],
        3.5,
    )
    text = render(await summary_as(db, MANAGER_NORTH, rules), PLAIN)
    assert "Did this help? Yes 2 of 3 (67%)." in text
    assert "How ready they feel (1 to 5): average 3.5 from 2 answers." in text
    assert (
        await summary_as(db, PA_ROBIN, rules)
    ).voice is None  # a PA's few young people could be told apart


async def test_a_pa_with_no_risk_in_their_caseload_sees_none_this_period(
    db: Database, service: KnownService, rules: Settings
) -> None:
    summary = await summary_as(db, PA_SAM, rules)
    assert summary.scope.kind is ScopeKind.CASELOAD
    assert [(pa.name, pa.young_people) for pa in summary.caseloads.pas] == [("Sam Lee", 2)]
    for comparison in (summary.rhi_last_30_days, summary.rhi_quarter):
        for figures in (comparison.current, comparison.previous):
            assert (figures.returned, figures.percent_within) == (0, None)
    text = render(summary, PLAIN)
    assert text.count("none this period") == 2
    assert text.count("none to compare") == 2
    assert "You have 2 young people." in text


async def test_the_summary_text_states_every_period_and_the_time(
    db: Database, service: KnownService, rules: Settings
) -> None:
    text = render(await summary_as(db, MANAGER_NORTH, rules), PLAIN)
    assert "As of Mon 23 Nov 2026, 10:00 (Europe/London)" in text
    assert "• Robin Hall: 4, above target" in text
    assert "• Pat Green: 0" in text
    assert (
        "7 young people, 3 PAs, average 2.0 per PA. PAs above target: 1. With no PA: 1 young person."
        " Not counted: 1 who died." in text
    )
    assert "for under 18s back from being missing (not away)" in text
    assert "Last 30 days (24 Oct 2026 to 23 Nov 2026): 5 returned; 2 of 4 (50%) offered within 72 h;" in text
    assert "2 late (1 offered late, 1 not offered); 1 still open, time left to offer; 1 declined." in text
    assert "Previous 30 days (24 Sep 2026 to 24 Oct 2026): 2 of 2 (100%) within 72 h." in text
    assert "This quarter (1 Oct 2026 to 23 Nov 2026): 7 returned; 4 of 6 (67%)" in text
    assert "Previous quarter (1 Jul 2026 to 30 Sep 2026): 2 of 2 (100%) within 72 h." in text
    assert "Still missing now: 1." in text
    # Cal has no suitability or activity recorded: shares of those recorded, and how many are not.
    assert (
        "17-18, 3 young people: in touch 2 of 3 (67%); suitable accommodation 1 of 2 recorded (50%), not "
        "recorded for 1; EET 1 of 2 recorded (50%), not recorded for 1." in text
    )
    assert "Not in these bands: 1 young person under 17 (the DfE's figures start at 17); 1 who died." in text
    assert (
        "22-25, 2 young people: in touch 1 of 2 (50%); of those in touch, suitable accommodation 1 of 1"
        in text
    )
    assert "Started: 3 of 7 (43%)." in text
    assert "Median items done by those who started: 1 of 32 (3%)." in text
    help_wanted = "I can make a budget for the week (2), I can read my gas and electric meters (1)."
    assert f"Most asked for help: {help_wanted}" in text
    assert "Deadlines now; 'due' means due before Mon 30 Nov 2026, 10:00" in text
    assert "• Return home interview: 6 overdue, 1 due" in text
    assert "What young people said (24 Oct 2026 to 23 Nov 2026, no names)" in text


async def test_an_admin_sees_every_team_or_one_by_name(
    db: Database, service: KnownService, rules: Settings
) -> None:
    everyone = await summary_as(db, ADMIN, rules)
    assert everyone.scope.kind is ScopeKind.SERVICE
    assert everyone.caseloads.young_people == 8  # Hal has died
    assert [
        (line.name, line.pas, line.young_people, line.average, line.above_target) for line in everyone.teams
    ] == [
        ("North", 3, 7, 2.0, 1),
        ("South", 1, 1, 1.0, 0),
    ]
    south = await summary_as(db, ADMIN, rules, team="south")
    last_30 = south.rhi_last_30_days.current
    assert (south.scope.name, south.caseloads.young_people, last_30.running, last_30.not_offered_late) == (
        "South",
        1,
        0,
        1,
    )


@pytest.mark.parametrize(
    ("user", "team", "refusal"),
    [
        (MANAGER_NORTH, "South", "your own team's summary only"),
        (PA_ROBIN, "North", "your own caseload only"),
        (ADMIN, "Nowhere", "no team called 'Nowhere'"),
        (LEAVER_AMY, None, "only for staff"),
        (424242, None, "only for staff"),
    ],
)
async def test_who_may_not_see_what_is_refused_politely(
    db: Database, service: KnownService, rules: Settings, user: int, team: str | None, refusal: str
) -> None:
    with pytest.raises(AccessDenied, match=refusal):
        await summary_as(db, user, rules, team)
    assert await audit.recent(db.reader) == []


async def test_each_request_is_audited(db: Database, service: KnownService, rules: Settings) -> None:
    await summary_as(db, MANAGER_NORTH, rules)
    await summary_as(db, PA_ROBIN, rules)
    await summary_for_command_line(db, NOW, rules, team="North")
    entries = list(reversed(await audit.recent(db.reader)))
    assert [(entry.actor_role, entry.action, entry.detail) for entry in entries] == [
        (Role.MANAGER.value, "summary", f"team:{service.north.id}"),
        (Role.PA.value, "summary", f"pa:{service.robin.id}"),
        ("cli", "summary", f"team:{service.north.id}"),
    ]
