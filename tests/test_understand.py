"""What the chat is told about a message: its intent, and for a question each part's confidence and
matches, so it can show cards, "Did you mean...?" buttons, or "I don't know that one yet"."""

import time

import pytest

from content.intents import Intent
from content.loader import council_folder, load
from content.search import Confidence, QuestionIndex
from content.understand import understand


@pytest.fixture(scope="module")
def index() -> QuestionIndex:
    return QuestionIndex(load(council_folder("middlesbrough")))


def test_a_clear_question_answers_with_cards(index: QuestionIndex) -> None:
    understood = understand("can I get money for a sofa", index)
    assert understood.intent is Intent.QUESTION
    [part] = understood.parts
    assert part.confidence is Confidence.CLEAR
    assert part.matches[0].item_id == "setting_up_home"


def test_a_weak_question_offers_at_most_three_candidates(index: QuestionIndex) -> None:
    [part] = understand("money", index).parts
    assert part.confidence is Confidence.WEAK
    assert 1 <= len(part.matches) <= 3


def test_a_question_the_content_cannot_answer_gets_nothing(index: QuestionIndex) -> None:
    [part] = understand("how do i get a tattoo removed", index).parts
    assert (part.confidence, part.matches) == (Confidence.NONE, [])


def test_a_request_for_the_pa_has_no_parts_to_search(index: QuestionIndex) -> None:
    understood = understand("can my pa ring me about my rent", index)
    assert (understood.intent, understood.parts) == (Intent.TALK_TO_PA, [])


def test_thanks_is_not_searched(index: QuestionIndex) -> None:
    assert understand("thanks x", index).parts == []


def test_two_questions_in_one_message_get_two_answers(index: QuestionIndex) -> None:
    parts = understand("can i get help with council tax and a bus pass", index).parts
    assert len(parts) == 2
    assert parts[0].matches[0].item_id.startswith("council_tax")
    assert parts[1].confidence is not Confidence.NONE


def test_two_questions_on_two_lines_get_two_answers(index: QuestionIndex) -> None:
    parts = understand("whats a pathway plan?\nand how do i get a food bank voucher", index).parts
    assert len(parts) == 2
    assert parts[0].matches[0].item_id == "pathway_plan"
    assert "food_bank" in {match.item_id for match in parts[1].matches}


def test_a_statement_setting_the_scene_stays_with_its_question(index: QuestionIndex) -> None:
    text = "so i just got my keys last week and do i have to pay council tax"
    [part] = understand(text, index).parts
    assert part.matches[0].item_id.startswith("council_tax")


def test_a_need_said_as_a_statement_is_a_part_of_its_own(index: QuestionIndex) -> None:
    parts = understand("my meter ran out and i got no food", index).parts
    assert [part.matches[0].item_id for part in parts] == ["energy_meter", "food_bank"]


def test_the_part_the_bot_cannot_answer_is_named(index: QuestionIndex) -> None:
    parts = understand("can i get help with council tax and how do i bake a cake", index).parts
    assert [part.confidence for part in parts] == [Confidence.CLEAR, Confidence.NONE]
    assert "cake" in parts[1].text


def test_a_short_follow_up_stays_with_its_question(index: QuestionIndex) -> None:
    [part] = understand("can i get a bus pass? is it free", index).parts
    assert part.matches[0].item_id == "free_bus"


def test_each_part_keeps_the_words_as_typed(index: QuestionIndex) -> None:
    parts = understand("Can I get help with Council Tax, and how do I bake a cake?", index).parts
    assert [part.text for part in parts] == ["Can I get help with Council Tax", "how do I bake a cake"]


@pytest.mark.parametrize(
    "text",
    [
        "can i get money for a bed and a sofa",
        "my gas and electric have run out",
        "rent and arrears",
        "who do i ring if its urgent and the office is shut",
    ],
)
def test_two_words_for_one_thing_stay_one_question(index: QuestionIndex, text: str) -> None:
    assert len(understand(text, index).parts) == 1


def test_understanding_a_message_takes_under_two_milliseconds(index: QuestionIndex) -> None:
    messages = [
        "can i get help with council tax and a bus pass",
        "I want to go to univercity next year, will I get help with money?",
        "how do i read my gas meter",
        "my leccy ran out and im skint",
        "can my pa ring me",
    ]
    understand(messages[0], index)
    started = time.perf_counter()
    for _ in range(20):
        for message in messages:
            understand(message, index)
    assert (time.perf_counter() - started) / (20 * len(messages)) < 0.002
