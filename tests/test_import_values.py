"""Cell values as councils write them, read into the codes the bot stores (data-standards.md 1.4, 2.3)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.imports.columns import Column, normalise_header
from bot.imports.problems import ValueProblem
from bot.imports.values import (
    ACTIVITY,
    ELIGIBILITY,
    EPISODE_KIND,
    IN_TOUCH,
    NOT_A_CARE_LEAVER,
    SUITABILITY,
    accommodation,
    case_reference,
    parse_date,
    parse_instant,
    return_interview,
)
from bot.models import Category, EpisodeKind

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("cell", "category"),
    [
        ("a) Relevant child", Category.RELEVANT),
        ("b) Former relevant child", Category.FORMER_RELEVANT),
        ("c) Qualifying care leaver", Category.QUALIFYING),
        ("d) Eligible child", Category.ELIGIBLE),
        ("R", Category.RELEVANT),
        ("FR", Category.FORMER_RELEVANT),
        ("Former Relevant", Category.FORMER_RELEVANT),
        ("Care Leaver - Former Relevant", Category.FORMER_RELEVANT),
        ("Care Leaver - PA to 25", Category.FORMER_RELEVANT),
        ("former relevant 21-24", Category.FORMER_RELEVANT),
        ("Qualifying (Former Relevant)", Category.QUALIFYING),
        ("Other (Eligible)", Category.ELIGIBLE),
        ("  former   RELEVANT ", Category.FORMER_RELEVANT),
        ("Other - under 16", NOT_A_CARE_LEAVER),
        ("No Current Eligibility", NOT_A_CARE_LEAVER),
    ],
)
def test_eligibility_variants(cell: str, category: object) -> None:
    assert ELIGIBILITY.read(cell) == category


def test_an_unknown_category_is_a_problem_not_a_guess() -> None:
    with pytest.raises(ValueProblem, match="not an eligibility category we recognise"):
        ELIGIBILITY.read("Kinship care")


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("a) Yes", "YES"),
        ("b) No", "NO"),
        ("c) Died", "DIED"),
        ("d) Refu", "REFU"),
        ("e) NREQ", "NREQ"),
        ("f) Rhom", "RHOM"),
        ("RHOM", "RHOM"),
        ("Y", "YES"),
        ("01 - Yes, resident in the UK", "YES"),
        ("1 - Yes", "YES"),
        ("03 - Yes, gone abroad", "YES"),
        ("05 - No, residence not known", "NO"),
        ("6 - Died after leaving care, but prior to 19th birthday", "DIED"),
        ("08 - Young Person Refuses Contact", "REFU"),
        ("10 - Young person no longer requires services", "NREQ"),
    ],
)
def test_in_touch_variants(cell: str, code: str) -> None:
    assert IN_TOUCH.read(cell) == code


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("U: Independent living", ("U", None)),
        ("U", ("U", None)),
        ("U1", ("U", True)),
        ("Z2", ("Z", False)),
        ("(U) Independent living", ("U", None)),
        ("U - Independent living", ("U", None)),
        ("S: No fixed adobe/homeless", ("S", None)),
        ("S: No fixed abode / homeless", ("S", None)),
        ("C: Community home / residential care", ("C", None)),
        ("Staying Put, provided by LA, inside LA boundary", ("Z", None)),
        ("Supported lodgings", ("E", None)),
        ("0", (None, None)),
        ("#N/A", (None, None)),
    ],
)
def test_accommodation_variants(cell: str, expected: tuple) -> None:
    assert accommodation(cell) == expected


@pytest.mark.parametrize("cell", ["S1", "X1", "01", "Q: Castle"])
def test_accommodation_codes_the_903_forbids_are_problems(cell: str) -> None:
    """Homeless and in custody can never be 'suitable' (903 rule 133), and 01 is not a code."""
    with pytest.raises(ValueProblem, match="not a type of accommodation"):
        accommodation(cell)


@pytest.mark.parametrize(
    ("cell", "suitable"),
    [
        ("a) Suitable", True),
        ("b) Unsuitable", False),
        ("1", True),
        ("2", False),
        ("0 - Unsuitable", False),
        ("Accommodation is considered suitable", True),
        ("Accommodation is considered unsuitable", False),
        ("Y", True),
        ("N", False),
    ],
)
def test_suitability_variants(cell: str, suitable: bool) -> None:
    assert SUITABILITY.read(cell) is suitable


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("F1: Full time in higher education", "F1"),
        ("G5", "G5"),
        ("P5: Young person engaged part time in training or employment (not apprenticeship)", "P5"),
        ("Not in education, employment or training - pregnancy or parenting", "G6"),
        ("0", None),
    ],
)
def test_activity_variants(cell: str, code: str | None) -> None:
    assert ACTIVITY.read(cell) == code


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (date(2008, 2, 14), date(2008, 2, 14)),
        (datetime(2008, 2, 14, 13, 5), date(2008, 2, 14)),
        ("14/02/2008", date(2008, 2, 14)),
        ("4/2/2008", date(2008, 2, 4)),
        ("2008-02-14", date(2008, 2, 14)),
        ("2008-02-14 00:00:00.000", date(2008, 2, 14)),
        ("2008-02-14T09:30:00", date(2008, 2, 14)),
        ("14-Feb-2008", date(2008, 2, 14)),
        (39492.0, date(2008, 2, 14)),
        ("#N/A", None),
        ("nan", None),
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_every_form_councils_send(cell: object, day: date | None) -> None:
    assert parse_date(cell) == day


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("31/02/2008", "not a real date"),
        ("14/02/08", "two digits"),
        ("next Tuesday", "not a date we can read"),
    ],
)
def test_bad_dates_say_why(cell: str, why: str) -> None:
    with pytest.raises(ValueProblem, match=why):
        parse_date(cell)


def test_a_date_alone_is_the_start_of_that_day_in_the_service_timezone() -> None:
    assert parse_instant("21/07/2026", LONDON) == datetime(2026, 7, 20, 23, 0, tzinfo=UTC)
    assert parse_instant("21/11/2026", LONDON) == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert parse_instant("2026-07-21 09:30:00", LONDON) == datetime(2026, 7, 21, 8, 30, tzinfo=UTC)
    assert parse_instant("2026-07-21T09:30:00+00:00", LONDON) == datetime(2026, 7, 21, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offered", "accepted", "expected"),
    [
        ("a) Yes", "b) No", (True, False)),
        ("Y", "Y", (True, True)),
        ("Offered and Accepted", "", (True, True)),
        ("Offered and Declined (by YP)", None, (True, False)),
        ("Not Offered (Missing Again)", "", (False, None)),
        ("NA", "NA", (None, None)),
        ("", "", (None, None)),
    ],
)
def test_return_interview_answers(offered: str, accepted: str | None, expected: tuple) -> None:
    assert return_interview(offered, accepted) == expected


def test_episode_types_keep_missing_and_away_apart() -> None:
    assert EPISODE_KIND.read("M") is EpisodeKind.MISSING
    assert EPISODE_KIND.read("Away") is EpisodeKind.AWAY
    assert EPISODE_KIND.read("Absent") is EpisodeKind.AWAY


def test_numeric_case_references_lose_the_spreadsheet_decimal() -> None:
    assert case_reference(7961370.0) == "7961370"
    assert case_reference("7961370.0") == "7961370"
    assert case_reference(" CL 5 ") == "CL 5"


def test_headers_match_whatever_the_quotes_case_and_spacing() -> None:
    column = Column("missing", r"number of episodes.*missing.*from their placement")
    assert column.matches(
        "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months"
    )
    assert column.matches("number of episodes the child has been 'MISSING'  from their placement")
    assert normalise_header(" “Type of  Accommodation” ") == "type of accommodation"
