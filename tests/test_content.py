"""The shipped content loads, keeps the facts the bot must never get wrong, and a broken copy is refused."""

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from content.crisis import lines_for
from content.loader import ContentError, council_folder, load
from content.schema import SAYS_WHEN, CouncilContent, MoneyHelp, Need, Risk
from handlers.leaver_views import money_text

SHIPPED = council_folder("middlesbrough")


@pytest.fixture(scope="module")
def content() -> CouncilContent:
    return load(SHIPPED)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "middlesbrough"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [name for name in __import__("os").environ if name.startswith("CAREBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def all_text(content: CouncilContent) -> str:
    return "\n".join(
        [
            *(
                f"{item.title} {item.answer} {item.how_to_get} {item.amount or ''}"
                for item in content.entitlements
            ),
            *(f"{item.title} {item.answer} {item.call.name}" for item in content.money_help),
            *(f"{item.text} {item.tip}" for section in content.passport for item in section.items),
            *(f"{contact.name} {contact.how}" for contact in content.crisis),
            content.council.office.name,
            content.council.out_of_hours.name,
        ]
    )


def money(content: CouncilContent, item_id: str) -> MoneyHelp:
    return next(item for item in content.money_help if item.id == item_id)


def test_content_code_knows_nothing_of_telegram_or_the_bot() -> None:
    for module in Path(__file__).parent.parent.joinpath("content").glob("*.py"):
        source = module.read_text()
        assert not re.search(r"^\s*(from|import) (telegram|bot|handlers)\b", source, re.M), module.name


def test_content_check_passes_on_the_shipped_content(capsys: pytest.CaptureFixture) -> None:
    assert main(["content", "check"]) == 0
    assert "ok (" in capsys.readouterr().out


def test_content_check_fails_on_a_broken_copy_naming_file_and_item(
    copy: Path, capsys: pytest.CaptureFixture
) -> None:
    entitlements = copy / "entitlements.toml"
    text = entitlements.read_text()
    # A local item promising money, and an age range upside down.
    text = text.replace('id = "council_tax"\n', 'id = "council_tax"\namount = "£500"\n', 1)
    text = text.replace("min_age = 18, max_age = 20", "min_age = 20, max_age = 18", 1)
    entitlements.write_text(text)
    assert main(["content", "check", "--folder", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "entitlements.toml, item 'council_tax'" in err and "must not state an amount" in err
    assert "max_age is below min_age" in err


def test_content_check_fails_on_bad_toml_and_a_missing_file(
    copy: Path, capsys: pytest.CaptureFixture
) -> None:
    (copy / "crisis.toml").unlink()
    (copy / "passport.toml").write_text("[[section]\n")
    assert main(["content", "check", "--folder", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "crisis.toml: file missing" in err and "passport.toml" in err


def test_content_check_warns_about_stale_items_but_passes(copy: Path, capsys: pytest.CaptureFixture) -> None:
    money = copy / "money_help.toml"
    money.write_text(money.read_text().replace("reviewed = 2026-12-03", "reviewed = 2001-01-01", 1))
    assert main(["content", "check", "--folder", str(copy)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"warning: money_help.toml: food_bank last reviewed 2001-01-01", out)
    assert "1 past review" in out


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (('confirmed = false\nwho_decides = "Middlesbrough Council"', "confirmed = false\n"), "who_decides"),
        (("so check with your PA.", "."), "check with your PA"),
        (('id = "he_bursary"', 'id = "pa_support"'), "ids used more than once: pa_support"),
    ],
)
def test_the_schema_keeps_local_and_unconfirmed_items_honest(
    copy: Path, broken: tuple[str, str], message: str
) -> None:
    entitlements = copy / "entitlements.toml"
    entitlements.write_text(entitlements.read_text().replace(*broken, 1))
    with pytest.raises(ContentError, match=message):
        load(copy)


WARM_HOME_CALL = (
    'call = { name = "the Warm Home Discount helpline", number = "0800 030 9322", '
    'hours_text = "Mon to Fri 8am to 6pm" }\n'
)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("", "call"),
        (WARM_HOME_CALL.replace("Mon to Fri 8am to 6pm", "ask them"), "must say when"),
        (WARM_HOME_CALL.replace("0800 030 9322", "ring the helpline"), "call.number"),
    ],
)
def test_a_money_item_without_a_number_to_ring_and_its_hours_is_refused(
    copy: Path, broken: str, message: str
) -> None:
    money_help = copy / "money_help.toml"
    text = money_help.read_text()
    assert WARM_HOME_CALL in text
    money_help.write_text(text.replace(WARM_HOME_CALL, broken))
    with pytest.raises(ContentError, match=f"money_help.toml, item 'warm_home'.*{message}"):
        load(copy)


def test_every_risk_has_an_always_open_line(copy: Path) -> None:
    crisis = copy / "crisis.toml"
    crisis.write_text(crisis.read_text().replace('"nowhere_to_sleep", ', ""))
    with pytest.raises(ContentError, match="no always-open crisis contact for nowhere_to_sleep"):
        load(copy)


# domain.md, "Facts the bot must never get wrong".
def test_pa_until_25_even_after_saying_no(content: CouncilContent) -> None:
    answer = content.entitlement("pa_support").answer
    assert "until you are 25" in answer and "If you said no" in answer and "before you turn 25" in answer


def test_pathway_plan_reviewed_every_6_months_and_on_request(content: CouncilContent) -> None:
    answer = content.entitlement("pathway_plan").answer
    assert "at least every 6 months" in answer and "at any time" in answer


def test_pa_visits_within_7_days_then_every_2_months(content: CouncilContent) -> None:
    answer = content.entitlement("pa_visits").answer
    assert "within 7 days" in answer and "at least every 2 months" in answer


def test_return_interview_is_offered_independent_within_72_hours_and_can_be_declined(
    content: CouncilContent,
) -> None:
    answer = content.entitlement("return_interview").answer
    assert "offered" in answer and "within 72 hours" in answer and "not part of your care" in answer
    assert "not the same as the police check" in answer and "You can say no" in answer


@pytest.mark.parametrize(
    ("item_id", "amount", "must_say"),
    [
        ("setting_up_home", "At least £3,000", "at least £3,000"),
        ("he_bursary", "£2,000", "£2,000"),
        ("bursary_16_19", "Up to £1,200 a year", "not paid to you by itself"),
        ("apprentice_bursary", "£3,000", "on or after 1 August 2023"),
    ],
)
def test_national_amounts(content: CouncilContent, item_id: str, amount: str, must_say: str) -> None:
    item = content.entitlement(item_id)
    assert item.amount == amount and must_say in item.answer and not item.local


def test_housing_rate_under_25_and_automatic_priority_need_18_to_20(content: CouncilContent) -> None:
    rate, need = content.entitlement("one_bed_rate"), content.entitlement("priority_need")
    assert "one-bed" in rate.answer and "until you are 25" in rate.answer and rate.applies.max_age == 24
    assert (need.applies.min_age, need.applies.max_age) == (18, 20) and "must treat you" in need.answer
    assert "not automatic" in content.entitlement("priority_need_21").answer


@pytest.mark.parametrize(
    "item_id",
    [
        "council_tax",
        "council_tax_away",
        "id_documents",
        "driving_tv",
        "deposit_guarantor",
        "supported_lodgings",
    ],
)
def test_local_items_promise_nothing_and_say_who_decides(content: CouncilContent, item_id: str) -> None:
    item = content.entitlement(item_id)
    assert item.local and item.amount is None and item.who_decides and item.how_to_ask
    assert "£" not in item.answer


@pytest.mark.parametrize(
    "item_id", ["council_tax", "id_documents", "driving_tv", "deposit_guarantor", "supported_lodgings"]
)
def test_what_middlesbrough_has_not_confirmed_says_check_with_your_pa(
    content: CouncilContent, item_id: str
) -> None:
    """Fact 8: council tax, ID, driving lessons, TV licence (and other local help) are never promised."""
    item = content.entitlement(item_id)
    assert not item.confirmed and "check with your PA" in f"{item.answer} {item.how_to_get}"


def test_council_tax_is_up_to_100_percent_through_council_tax_reduction(content: CouncilContent) -> None:
    item = content.entitlement("council_tax")
    assert "up to 100%" in item.answer and "apply for" in item.answer
    assert "Council Tax Reduction" in item.how_to_get and "Council Tax Reduction" in item.how_to_ask
    assert item.applies.lives_in_area is True


def test_free_prescriptions_dental_and_eye_care_were_announced_and_how_to_check(
    content: CouncilContent,
) -> None:
    """Fact 9: announced 23 Dec 2025 for care leavers under 25; how to claim is not known yet."""
    item = content.entitlement("nhs_costs")
    assert "23 December 2025" in item.answer and "announced" in item.answer and "under 25" in item.answer
    assert all(word in item.answer for word in ("prescriptions", "dental", "eye care"))
    assert all(who in item.how_to_get for who in ("pharmacist", "dentist")) and "PA" in item.answer
    assert "HC2" in item.answer and "HC1" in item.how_to_get and "Universal Credit" in item.answer
    assert not item.confirmed and item.applies.max_age == 24


def test_nothing_says_care_leavers_must_pay_for_prescriptions(content: CouncilContent) -> None:
    text = all_text(content).lower()
    assert "must pay" not in text and "do not get free prescriptions" not in text
    assert "have to pay for prescriptions" not in text


@pytest.mark.parametrize(
    "number", ["999", "111", "option 2", "116 123", "85258", "0800 1111", "116 000", "0808 2000 247"]
)
def test_crisis_numbers(content: CouncilContent, number: str) -> None:
    assert any(number in contact.how for contact in content.crisis)


def test_council_numbers(content: CouncilContent) -> None:
    assert content.council.out_of_hours.number == "01642 524552"
    assert content.council.office.number == "01642 726004"


@pytest.mark.parametrize("risk", [*Risk, None])
@pytest.mark.parametrize("hour", [3, 11, 22])
def test_999_comes_first_for_every_risk_at_any_hour(
    content: CouncilContent, risk: Risk | None, hour: int
) -> None:
    """Fact 5: never delay 999 when life is at risk. (Known whereabouts is not "missing": scheduler rules.)"""
    moment = datetime(2026, 12, 5, hour, 0, tzinfo=ZoneInfo("Europe/London"))
    lines = lines_for(risk, content, moment, working_day=True)
    assert lines.contacts[0].how.startswith("Call 999")


def test_staying_close_and_the_2026_changes_are_not_presented_as_rights(content: CouncilContent) -> None:
    """Fact 11: Staying Close and the 2026 local-offer duties may not be in force."""
    assert "staying close" not in all_text(content).lower()
    custody = content.entitlement("custody_release")
    assert not custody.confirmed and "changing" in custody.answer


def test_staying_put_in_middlesbrough(content: CouncilContent) -> None:
    item = content.entitlement("staying_put")
    assert "living together agreement" in item.answer and "day before your 18th birthday" in item.answer
    assert "until you turn 21" in item.answer and "university" in item.answer and "holidays" in item.answer
    assert item.applies.max_age == 20


# Middlesbrough's emergency help is vouchers, never cash (middlesbrough-offer.md F4, F6).
COUNCIL_SCHEME = ["crisis_fund", "crisis_payment", "crisis_award", "energy_award", "furniture_award"]


def test_nothing_promises_cash_or_a_48_hour_payment(content: CouncilContent) -> None:
    text = all_text(content).lower()
    assert "48 hours" not in text
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        if "cash" in sentence:
            assert re.search(r"\bnot (give )?cash\b", sentence), sentence


@pytest.mark.parametrize("item_id", COUNCIL_SCHEME)
def test_the_councils_emergency_help_is_vouchers_with_its_freephone(
    content: CouncilContent, item_id: str
) -> None:
    item = money(content, item_id)
    assert "voucher" in item.answer and "Community Support Scheme" in item.answer and item.local
    assert item.call.number == "08081 789 278"
    assert item.call.hours_text == "Mon, Tue, Thu and Fri 9am to 4pm, Wed 10am to 4pm"


def test_crisis_awards_say_who_they_cannot_help(content: CouncilContent) -> None:
    answer = money(content, "crisis_award").answer
    assert "does not give cash" in answer and "food, gas and electric" in answer
    assert all(case in answer for case in ("lost your money", "sanction", "sofa surfing", "food bank"))


def test_food_today_and_tonight(content: CouncilContent) -> None:
    food_bank, evenings = money(content, "food_bank"), money(content, "food_evenings")
    assert "voucher from a referral agency" in food_bank.answer and "3 days" in food_bank.answer
    assert "halal" in food_bank.answer
    assert evenings.call.number == "07552 830185" and evenings.call.hours_text == "every day, 9am to 10pm"
    assert [item.id for item in content.money_for(Need.FOOD_TODAY)][:2] == ["food_bank", "food_evenings"]


def test_a_meter_that_ran_out_gets_the_supplier_and_the_councils_vouchers(content: CouncilContent) -> None:
    item = money(content, "energy_meter")
    assert "emergency credit" in item.answer and "Community Support Scheme" in item.answer
    assert "voucher" in item.answer and item.call.number == "08081 789 278"
    assert {"energy_meter", "energy_award"} <= {item.id for item in content.money_for(Need.ENERGY)}


@pytest.mark.parametrize("item_id", [item.id for item in load(SHIPPED).money_help])
def test_every_money_help_item_gives_a_number_to_ring_and_when(content: CouncilContent, item_id: str) -> None:
    item = money(content, item_id)
    assert re.fullmatch(r"[0-9][0-9 ]{2,19}", item.call.number) and SAYS_WHEN.search(item.call.hours_text)
    assert f"on {item.call.number} ({item.call.hours_text})" in money_text(item)


def test_every_item_keeps_a_web_source_and_a_review_date(content: CouncilContent) -> None:
    dated = [*content.entitlements, *content.money_help, *content.crisis]
    assert all(re.search(r"https?://", item.source) for item in dated), [
        item.id for item in dated if not re.search(r"https?://", item.source)
    ]
    assert all(item.reviewed.year >= 2026 for item in dated)


NEW_ENTITLEMENTS = [
    "care_leaver_status",
    "care_records",
    "deposit_guarantor",
    "free_bus",
    "uni_holidays",
    "supported_lodgings",
    "uni_support_tees",
    "advocate",
]
NEW_MONEY_HELP = ["crisis_award", "energy_award", "food_evenings", "furniture_award"]


def test_the_new_items_exist_with_their_fixed_ids_and_keywords(content: CouncilContent) -> None:
    for item_id in NEW_ENTITLEMENTS:
        assert len(content.entitlement(item_id).keywords) >= 3, item_id
    for item_id in NEW_MONEY_HELP:
        assert len(money(content, item_id).keywords) >= 3, item_id


def test_new_facts_from_their_sources(content: CouncilContent) -> None:
    bus = content.entitlement("free_bus")
    assert "Tees Pass" in bus.answer and "until you are 25" in bus.answer and bus.applies.max_age == 24
    records = content.entitlement("care_records")
    assert "subject access request" in records.answer and "within one month" in records.answer
    holidays = content.entitlement("uni_holidays")
    assert "the council must help" in holidays.answer and "24B" in holidays.source
    assert "careleavers@tees.ac.uk" in content.entitlement("uni_support_tees").how_to_get
    assert (content.entitlement("supported_lodgings").applies.min_age, 21) == (
        18,
        content.entitlement("supported_lodgings").applies.max_age,
    )
    assert "13 weeks" in content.entitlement("care_leaver_status").answer
    assert "right to an advocate" in content.entitlement("advocate").answer


def test_young_people_never_read_initials_for_the_councils_hub(content: CouncilContent) -> None:
    assert "MACH" not in all_text(content)
    assert "Children's Hub" in content.council.office.name


def test_money_help_covers_every_need(content: CouncilContent) -> None:
    assert all(content.money_for(need) for need in Need)


def test_passport_has_the_eight_sections_with_i_can_or_i_have_items(content: CouncilContent) -> None:
    assert [section.id for section in content.passport] == [
        "money",
        "home",
        "health",
        "food",
        "identity",
        "work",
        "relationships",
        "rights",
    ]
    for section in content.passport:
        for item in section.items:
            assert re.match(r"I (can|have) ", item.text), item.id
            assert len(item.id) <= 20


def test_all_risks_are_covered(content: CouncilContent) -> None:
    for risk in Risk:
        assert any(risk in contact.for_risks for contact in content.crisis)
