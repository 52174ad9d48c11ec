"""Typed questions find the right item, through synonyms and typing mistakes, and nonsense finds none."""

import pytest

from content.loader import council_folder, load
from content.schema import CouncilContent
from content.search import COUNCIL_OFFICE, COUNCIL_OUT_OF_HOURS, Confidence, Kind, QuestionIndex
from content.terms import Synonyms, stem, topic_words


@pytest.fixture(scope="module")
def content() -> CouncilContent:
    return load(council_folder("middlesbrough"))


@pytest.fixture(scope="module")
def index(content: CouncilContent) -> QuestionIndex:
    return QuestionIndex(content)


@pytest.mark.parametrize(
    ("question", "best"),
    [
        ("can I get money for a sofa", "setting_up_home"),
        ("I need a new settee", "setting_up_home"),
        ("gas meter ran out", "energy_meter"),
        ("my leccy ran out", "energy_meter"),
        ("whats a pathway plan", "pathway_plan"),
        ("pathway plna?", "pathway_plan"),
        ("help with prescriptions", "nhs_costs"),
        ("I've got no food", "food_bank"),
        ("can I get cheap wifi", "social_tariff"),
        ("I'm doing an apprenticship", "apprentice_bursary"),
    ],
)
def test_questions_find_the_right_item_first(index: QuestionIndex, question: str, best: str) -> None:
    found = index.find(question)
    assert found.confidence is not Confidence.NONE
    assert found.matches[0].item_id == best


@pytest.mark.parametrize(
    ("question", "best"),
    [
        ("can I get money for a sofa", "setting_up_home"),
        ("gas meter ran out", "energy_meter"),
        ("whats a pathway plan", "pathway_plan"),
        ("I've got no food", "food_bank"),
        ("can I get cheap wifi", "social_tariff"),
    ],
)
def test_a_question_that_says_enough_gets_a_card(index: QuestionIndex, question: str, best: str) -> None:
    found = index.find(question)
    assert found.confidence is Confidence.CLEAR
    assert found.matches[0].item_id == best


def test_one_word_that_could_mean_several_items_asks_did_you_mean(index: QuestionIndex) -> None:
    """Three items are about university: a typed "univercity" offers the bursary among them, no card."""
    found = index.find("I want to go to univercity")
    assert found.confidence is Confidence.WEAK
    assert "he_bursary" in [match.item_id for match in found.matches]


def test_who_pays_for_the_dentist_also_shows_the_passport_tip(index: QuestionIndex) -> None:
    """Both answer it: the costs item says who pays, the passport tip how to find an NHS dentist."""
    found = index.find("who pays for my dentist")
    assert {"nhs_costs", "hea_dentist"} <= {match.item_id for match in found.matches}


@pytest.mark.parametrize(
    ("question", "kind", "item_id"),
    [
        ("how do i read my meter", Kind.PASSPORT_ITEM, "home_meters"),
        ("how do i report a repair to my landlord", Kind.PASSPORT_ITEM, "home_repairs"),
        ("how do i write a cv", Kind.PASSPORT_ITEM, "work_cv"),
        ("how do i read my payslip", Kind.PASSPORT_ITEM, "work_payslip"),
        ("how do i register to vote", Kind.PASSPORT_ITEM, "id_vote"),
    ],
)
def test_passport_tips_answer_how_do_i_questions(
    index: QuestionIndex, question: str, kind: Kind, item_id: str
) -> None:
    best = index.find(question).matches[0]
    assert (best.kind, best.item_id) == (kind, item_id)


def test_a_synonym_joins_question_and_content_alike(index: QuestionIndex) -> None:
    """The content says "first home" (through flat = home, the keyword "first flat" says the same)."""
    assert index.find("my first flat").matches[0].item_id == "setting_up_home"
    assert index.find("my first gaff").matches[0].item_id == "setting_up_home"


def test_a_rare_word_outweighs_a_common_one(index: QuestionIndex) -> None:
    """ "money" is in many items, "sofa" in one: the sofa decides."""
    found = index.find("money money money for a sofa")
    assert found.matches[0].item_id == "setting_up_home"


def test_a_generic_word_alone_is_not_a_confident_answer(index: QuestionIndex) -> None:
    assert index.find("money").confidence is not Confidence.CLEAR


@pytest.mark.parametrize(
    "question", ["how do I bake a cake", "what is the weather like", "will you", "lol", "", "???"]
)
def test_nothing_matches_what_the_content_does_not_cover(index: QuestionIndex, question: str) -> None:
    found = index.find(question)
    assert (found.confidence, found.matches) == (Confidence.NONE, [])


def test_short_words_need_an_exact_match(index: QuestionIndex) -> None:
    """ "bill" must not match "will", nor "rent" match "went"."""
    assert index.find("I went there and will go back").confidence is Confidence.NONE


def test_the_same_question_always_gets_the_same_answer(content: CouncilContent) -> None:
    first, second = QuestionIndex(content), QuestionIndex(content)
    for question in ("council tax", "gas and electric", "help with bills"):
        assert first.find(question) == second.find(question)


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("bills", "bill"),
        ("bursaries", "bursary"),
        ("moving", "move"),
        ("moved", "move"),
        ("glasses", "glass"),
        ("shopping", "shop"),
        ("missing", "miss"),
        ("need", "need"),
        ("bus", "bus"),
        ("university", "university"),
        ("universal", "universal"),
    ],
)
def test_the_stem_is_light(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_text_speak_and_little_words_are_read_through() -> None:
    synonyms = Synonyms({"leccy": "electric", "flat": "home"})
    assert topic_words("hw do i pay ma leccy bill?? x", synonyms) == ["pay", "electric", "bill"]
    assert topic_words("wat if i lose my flats", synonyms) == ["lose", "home"]


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("whats the phone number for the council office", COUNCIL_OFFICE),
        ("who do i ring at the weekend", COUNCIL_OUT_OF_HOURS),
    ],
)
def test_the_councils_numbers_are_found(index: QuestionIndex, question: str, number: str) -> None:
    best = index.find(question).matches[0]
    assert (best.kind, best.item_id) == (Kind.COUNCIL_CONTACT, number)


def test_the_first_letter_of_a_word_must_be_typed_right(index: QuestionIndex) -> None:
    """ "weather" is one letter from "feather" (the White Feather Project): no match."""
    assert index.find("what is the weather like").confidence is Confidence.NONE
