"""The shipped content loads, keeps the facts the bot must never get wrong, and a broken copy is refused."""

import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from content.loader import ContentError, council_folder, load
from content.schema import CouncilContent, Need, Risk

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
            *(f"{item.title} {item.answer}" for item in content.money_help),
            *(f"{item.text} {item.tip}" for section in content.passport for item in section.items),
            *(f"{contact.name} {contact.how}" for contact in content.crisis),
        ]
    )


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
    money.write_text(money.read_text().replace("reviewed = 2026-11-23", "reviewed = 2001-01-01", 1))
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


@pytest.mark.parametrize("item_id", ["council_tax", "council_tax_away", "id_documents", "driving_tv"])
def test_local_items_promise_nothing_and_say_who_decides(content: CouncilContent, item_id: str) -> None:
    item = content.entitlement(item_id)
    assert item.local and item.amount is None and item.who_decides and item.how_to_ask
    assert "£" not in item.answer


def test_no_automatic_free_prescriptions(content: CouncilContent) -> None:
    answer, how = content.entitlement("nhs_costs").answer, content.entitlement("nhs_costs").how_to_get
    assert "do not get free prescriptions just for being care leavers" in answer
    assert "HC2" in answer and "HC1" in how


@pytest.mark.parametrize(
    "number", ["999", "111", "option 2", "116 123", "85258", "0800 1111", "116 000", "0808 2000 247"]
)
def test_crisis_numbers(content: CouncilContent, number: str) -> None:
    assert any(number in contact.how for contact in content.crisis)


def test_council_numbers(content: CouncilContent) -> None:
    assert content.council.out_of_hours.number == "01642 524552"
    assert content.council.office.number == "01642 726004"


def test_emergency_is_listed_first(content: CouncilContent) -> None:
    assert content.crisis[0].how.startswith("Call 999")


def test_staying_close_is_not_presented_as_a_right(content: CouncilContent) -> None:
    assert "staying close" not in all_text(content).lower()


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
