"""What can I get? per category, age band, area and activity: the right items, none of the wrong ones."""

import pytest

from content.loader import council_folder, load
from content.personalise import Change, Fact, Profile, activity_from_code, offer_for
from content.schema import Activity, Category, CouncilContent

E, R, F, Q = Category.ELIGIBLE, Category.RELEVANT, Category.FORMER_RELEVANT, Category.QUALIFYING
HE, ED, AP, WK, NW = (
    Activity.HIGHER_EDUCATION,
    Activity.EDUCATION,
    Activity.APPRENTICESHIP,
    Activity.WORK,
    Activity.NOT_IN_WORK,
)


@pytest.fixture(scope="module")
def content() -> CouncilContent:
    return load(council_folder("middlesbrough"))


CASES = [
    # category, age, lives in area, activity -> must have now, must not have now, must be coming up
    (
        E,
        16,
        True,
        ED,
        {"pa_support", "bursary_16_19", "staying_put", "return_interview"},
        {"he_bursary", "one_bed_rate", "council_tax", "council_tax_away", "setting_up_home"},
        {(18, "setting_up_home"), (18, "one_bed_rate"), (18, "council_tax"), (18, "priority_need")},
    ),
    (
        E,
        17,
        False,
        NW,
        {"pa_support", "jobcentre_help"},
        {"bursary_16_19", "apprentice_bursary", "council_tax", "council_tax_away"},
        {(18, "council_tax_away")},
    ),
    (
        R,
        16,
        True,
        AP,
        {"apprentice_bursary", "setting_up_home", "pa_visits", "return_interview"},
        {"bursary_16_19", "he_bursary", "staying_put", "council_tax"},
        {(18, "council_tax"), (18, "one_bed_rate")},
    ),
    (
        R,
        17,
        False,
        ED,
        {"bursary_16_19", "setting_up_home"},
        {"council_tax", "he_bursary", "one_bed_rate"},
        {(18, "council_tax_away")},
    ),
    (
        F,
        18,
        True,
        ED,
        {"bursary_16_19", "one_bed_rate", "priority_need", "council_tax", "staying_put"},
        {"council_tax_away", "he_bursary", "priority_need_21", "return_interview", "qualifying_help"},
        {(21, "priority_need_21")},
    ),
    (
        F,
        19,
        False,
        HE,
        {"he_bursary", "council_tax_away", "priority_need"},
        {"council_tax", "bursary_16_19", "apprentice_bursary"},
        {(21, "priority_need_21")},
    ),
    (
        F,
        20,
        True,
        NW,
        {"jobcentre_help", "council_tax", "priority_need"},
        {"he_bursary", "bursary_16_19", "apprentice_bursary", "council_tax_away"},
        {(21, "priority_need_21")},
    ),
    (
        F,
        22,
        True,
        HE,
        {"he_bursary", "priority_need_21", "pa_support", "council_tax"},
        {"priority_need", "staying_put", "bursary_16_19", "return_interview"},
        set(),
    ),
    (
        F,
        24,
        False,
        WK,
        {"council_tax_away", "pa_support", "one_bed_rate"},
        {"council_tax", "he_bursary", "apprentice_bursary", "priority_need"},
        set(),
    ),
    (
        Q,
        16,
        True,
        ED,
        {"qualifying_help", "nhs_costs", "id_documents"},
        {"pa_support", "bursary_16_19", "setting_up_home", "council_tax", "pathway_plan"},
        {(18, "council_tax")},
    ),
    (
        Q,
        19,
        False,
        NW,
        {"qualifying_help", "council_tax_away", "civil_service"},
        {"one_bed_rate", "council_tax", "pa_support", "setting_up_home"},
        set(),
    ),
    (
        Q,
        22,
        True,
        ED,
        {"council_tax", "nhs_costs"},
        {"qualifying_help", "pa_support", "he_bursary", "bursary_16_19"},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("category", "age", "in_area", "activity", "has", "has_not", "coming"),
    CASES,
    ids=[f"{case[0].value}-{case[1]}-{'in' if case[2] else 'out'}-{case[3].value}" for case in CASES],
)
def test_the_right_items_and_no_wrong_ones(
    content: CouncilContent,
    category: Category,
    age: int,
    in_area: bool,
    activity: Activity,
    has: set[str],
    has_not: set[str],
    coming: set[tuple[int, str]],
) -> None:
    offer = offer_for(Profile(category, age, in_area, activity, parent=False), content)
    now = {item.id for item in offer.now}
    assert has <= now
    assert not has_not & now
    upcoming = {(entry.age, entry.item.id) for entry in offer.coming_up if entry.change is Change.STARTS}
    assert coming <= upcoming
    assert offer.unknown == []


def test_every_item_shown_fits_the_age(content: CouncilContent) -> None:
    for age in range(16, 25):
        for item in offer_for(Profile(F if age >= 18 else R, age, True, WK, parent=False), content).now:
            assert item.applies.min_age <= age <= item.applies.max_age


def test_things_that_stop_at_21_are_coming_up(content: CouncilContent) -> None:
    offer = offer_for(Profile(F, 19, True, WK, parent=False), content)
    ends = {(entry.age, entry.item.id) for entry in offer.coming_up if entry.change is Change.ENDS}
    assert {(21, "priority_need"), (21, "staying_put")} <= ends
    assert offer.support_ends_at_25


def test_outside_the_area_council_tax_depends_on_where_they_live(content: CouncilContent) -> None:
    offer = offer_for(Profile(F, 20, False, WK, parent=False), content)
    [council_tax] = [item for item in offer.now if item.id.startswith("council_tax")]
    assert council_tax.id == "council_tax_away"
    assert "depends on where you live" in council_tax.answer and "exempt" not in council_tax.answer.lower()


def test_unknown_facts_are_asked_not_assumed(content: CouncilContent) -> None:
    offer = offer_for(Profile(F, 19, None, None, None), content)
    assert set(offer.unknown) == {Fact.LIVES_IN_AREA, Fact.ACTIVITY, Fact.PARENT}
    now = {item.id for item in offer.now}
    assert not now & {"council_tax", "council_tax_away", "he_bursary", "apprentice_bursary", "healthy_start"}
    assert "pa_support" in now


def test_parents_and_people_in_custody(content: CouncilContent) -> None:
    parent = offer_for(Profile(F, 20, True, NW, parent=True, in_custody=True), content)
    assert {"healthy_start", "custody_release"} <= {item.id for item in parent.now}
    other = offer_for(Profile(F, 20, True, NW, parent=False), content)
    assert not {"healthy_start", "custody_release"} & {item.id for item in other.now}


@pytest.mark.parametrize(
    ("code", "activity"),
    [
        ("F1", HE),
        ("P1", HE),
        ("F2", ED),
        ("p2", ED),
        ("F4", AP),
        ("P4", AP),
        ("F5", WK),
        ("P5", WK),
        ("G4", NW),
        ("G5", NW),
        ("G6", NW),
        (None, None),
        ("", None),
        ("Z9", None),
    ],
)
def test_ssda903_activity_codes(code: str | None, activity: Activity | None) -> None:
    assert activity_from_code(code) is activity


def _everyone() -> list[Profile]:
    return [
        Profile(category, age, in_area, activity, parent, custody)
        for category in Category
        for age in range(16, 25)
        for in_area in (True, False)
        for activity in Activity
        for parent in (True, False)
        for custody in (True, False)
    ]


def test_every_item_reaches_someone(content: CouncilContent) -> None:
    """An item whose ``applies`` no young person can meet would never be shown, personalised or general."""
    reached = {item.id for profile in _everyone() for item in offer_for(profile, content).now}
    assert reached == {item.id for item in content.entitlements}


@pytest.mark.parametrize(
    ("profile", "has", "has_not"),
    [
        (
            Profile(F, 19, True, HE, parent=False),
            {
                "uni_holidays",
                "uni_support_tees",
                "supported_lodgings",
                "free_bus",
                "care_records",
                "advocate",
            },
            set(),
        ),
        (
            Profile(Q, 20, False, ED, parent=False),
            {"uni_holidays", "priority_need", "free_bus"},
            {"uni_support_tees"},
        ),
        (
            Profile(F, 22, True, WK, parent=False),
            {"deposit_guarantor", "care_leaver_status"},
            {"uni_holidays", "supported_lodgings"},
        ),
        (
            Profile(E, 16, True, ED, parent=False),
            {"care_leaver_status", "advocate"},
            {"free_bus", "deposit_guarantor"},
        ),
        (Profile(R, 17, True, NW, parent=False), {"free_bus", "deposit_guarantor"}, {"supported_lodgings"}),
    ],
    ids=["student-19", "qualifying-college-20", "working-22", "eligible-16", "relevant-17"],
)
def test_the_new_items_reach_the_right_people(
    content: CouncilContent, profile: Profile, has: set[str], has_not: set[str]
) -> None:
    now = {item.id for item in offer_for(profile, content).now}
    assert has <= now and not has_not & now


def test_student_items_wait_for_what_they_are_doing(content: CouncilContent) -> None:
    offer = offer_for(Profile(F, 19, True, None, parent=False), content)
    assert Fact.ACTIVITY in offer.unknown
    assert not {"uni_holidays", "uni_support_tees"} & {item.id for item in offer.now}
