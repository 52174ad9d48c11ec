"""The understanding test sets are well formed, so the search is measured against labels that mean something.

`tests/data/understanding/questions.csv` pairs questions young people type with the content items that must
answer them; `intents.csv` pairs messages with what the bot should do before searching. A label naming an
item the council content does not have, an unknown kind, a repeated text or a thin spread of questions
would make any score printed from these files misleading, so each is checked here. Only the content is
read: the search code is what these files judge, and it is not imported.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest

from content.loader import council_folder, load

DATA = Path(__file__).parent / "data" / "understanding"
QUESTIONS = DATA / "questions.csv"
INTENTS = DATA / "intents.csv"

KINDS = {"entitlement", "money", "passport", "contact", "two_part"}
INTENT_MINIMUMS = {"talk_to_pa": 35, "greeting": 20, "thanks": 20, "smalltalk": 20, "unknown": 25}
HOW = {"quoted", "adapted", "written"}
COUNCIL_NUMBERS = {"council_office", "council_out_of_hours"}

# Items being added on the `content-offer` branch. Until it is merged they are absent from the shipped
# content; the sets already label questions with them, so the contract is checked the day they arrive.
NEW_ENTITLEMENTS = {
    "care_leaver_status",
    "care_records",
    "deposit_guarantor",
    "free_bus",
    "uni_holidays",
    "supported_lodgings",
    "uni_support_tees",
    "advocate",
}
NEW_MONEY_HELP = {"crisis_award", "energy_award", "food_evenings", "furniture_award"}
NEW_IDS = NEW_ENTITLEMENTS | NEW_MONEY_HELP


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def questions() -> list[dict[str, str]]:
    return read(QUESTIONS)


@pytest.fixture(scope="module")
def intents() -> list[dict[str, str]]:
    return read(INTENTS)


@pytest.fixture(scope="module")
def items() -> dict[str, set[str]]:
    """Ids by kind of content, as shipped for Middlesbrough, plus the ones on their way."""
    content = load(council_folder("middlesbrough"))
    return {
        "entitlement": {item.id for item in content.entitlements} | NEW_ENTITLEMENTS,
        "money": {item.id for item in content.money_help} | NEW_MONEY_HELP,
        "passport": {item.id for section in content.passport for item in section.items},
        "contact": set(COUNCIL_NUMBERS),
        "shipped": {
            *(item.id for item in content.entitlements),
            *(item.id for item in content.money_help),
            *(item.id for section in content.passport for item in section.items),
            *COUNCIL_NUMBERS,
        },
    }


def parts(expected: str) -> list[set[str]]:
    """`a|b;c` is two parts: the first answered by a or b, the second by c."""
    return [set(part.split("|")) for part in expected.split(";")]


def ids_in(expected: str) -> set[str]:
    return set().union(*parts(expected))


def test_files_have_the_documented_columns() -> None:
    with QUESTIONS.open(encoding="utf-8", newline="") as file:
        assert next(csv.reader(file)) == ["text", "expected", "kind", "source", "how"]
    with INTENTS.open(encoding="utf-8", newline="") as file:
        assert next(csv.reader(file)) == ["text", "intent", "source", "how"]


@pytest.mark.parametrize("path", [QUESTIONS, INTENTS], ids=["questions", "intents"])
def test_every_row_is_complete_and_cites_a_source(path: Path) -> None:
    for row in read(path):
        assert all(value and value == value.strip() for value in row.values()), row
        assert row["how"] in HOW, row
        source = row["source"]
        assert source.startswith(("http://", "https://", "/work/shared/")), row


def test_no_text_appears_twice_in_either_file(
    questions: list[dict[str, str]], intents: list[dict[str, str]]
) -> None:
    texts = Counter(" ".join(row["text"].lower().split()) for row in [*questions, *intents])
    assert [text for text, count in texts.items() if count > 1] == []


def test_kinds_and_intents_are_known(questions: list[dict[str, str]], intents: list[dict[str, str]]) -> None:
    assert {row["kind"] for row in questions} <= KINDS
    assert {row["intent"] for row in intents} <= set(INTENT_MINIMUMS)


def test_every_expected_id_names_a_council_item(
    questions: list[dict[str, str]], items: dict[str, set[str]]
) -> None:
    """A typo in a label fails now; only the ids still on their way from `content-offer` may be absent."""
    named = set().union(*(ids_in(row["expected"]) for row in questions))
    missing = named - items["shipped"]
    assert missing - NEW_IDS == set(), "labels naming no content item"
    if missing:
        pytest.skip(
            f"{len(missing)} ids are added on the content-offer branch and are not merged yet: "
            + ", ".join(sorted(missing))
        )


def test_each_row_is_labelled_with_an_item_of_its_kind(
    questions: list[dict[str, str]], items: dict[str, set[str]]
) -> None:
    for row in questions:
        answers = parts(row["expected"])
        if row["kind"] == "two_part":
            assert len(answers) >= 2, row
        else:
            assert len(answers) == 1, row
            assert answers[0] & items[row["kind"]], row


def test_every_entitlement_and_money_item_is_asked_about_at_least_three_times(
    questions: list[dict[str, str]], items: dict[str, set[str]]
) -> None:
    asked = Counter(item_id for row in questions for item_id in ids_in(row["expected"]))
    thin = {item_id: asked[item_id] for item_id in items["entitlement"] | items["money"]}
    assert {item_id: count for item_id, count in thin.items() if count < 3} == {}


def test_the_sets_are_big_and_spread_enough(
    questions: list[dict[str, str]], intents: list[dict[str, str]], items: dict[str, set[str]]
) -> None:
    kinds = Counter(row["kind"] for row in questions)
    passport_rows = [row for row in questions if row["kind"] == "passport"]
    passport_items = set().union(*(ids_in(row["expected"]) for row in passport_rows)) & items["passport"]
    assert len(questions) >= 230
    assert len(passport_rows) >= 45
    assert len(passport_items) >= 25
    assert kinds["contact"] >= 8
    assert kinds["two_part"] >= 12
    assert len(intents) >= 120
    by_intent = Counter(row["intent"] for row in intents)
    short = {
        intent: by_intent[intent] for intent, least in INTENT_MINIMUMS.items() if by_intent[intent] < least
    }
    assert short == {}


@pytest.mark.parametrize(
    ("words", "item_id"),
    [
        ("free prescriptions", "nhs_costs"),
        ("dentist", "nhs_costs"),
        ("glasses", "nhs_costs"),
        ("council tax", "council_tax"),
        ("bus pass", "free_bus"),
        ("deposit", "deposit_guarantor"),
        ("guarant", "deposit_guarantor"),
        ("care files", "care_records"),
        ("care record", "care_records"),
        ("am i a care leaver", "care_leaver_status"),
        ("holidays from uni", "uni_holidays"),
        ("foster carer after 18", "staying_put"),
    ],
)
def test_the_questions_the_brief_names_are_asked(
    questions: list[dict[str, str]], words: str, item_id: str
) -> None:
    """Each topic young people most often ask about is asked in its own words, labelled with its item."""
    assert any(words in row["text"] and item_id in ids_in(row["expected"]) for row in questions)
