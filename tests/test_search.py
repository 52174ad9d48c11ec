"""Typed questions find the right content, through synonyms and typing mistakes, and nonsense finds none."""

import pytest

from content.loader import council_folder, load
from content.schema import CouncilContent
from content.search import search


@pytest.fixture(scope="module")
def content() -> CouncilContent:
    return load(council_folder("middlesbrough"))


@pytest.mark.parametrize(
    ("question", "best"),
    [
        ("can I get money for a sofa", "setting_up_home"),
        ("I need a new settee", "setting_up_home"),
        ("gas meter ran out", "energy_meter"),
        ("my leccy ran out", "energy_meter"),
        ("whats a pathway plan", "pathway_plan"),
        ("pathway plna?", "pathway_plan"),
        ("I want to go to univercity", "he_bursary"),
        ("who pays for my dentist", "nhs_costs"),
        ("help with prescriptions", "nhs_costs"),
        ("I've got no food", "food_bank"),
        ("can I get cheap wifi", "social_tariff"),
        ("I'm doing an apprenticship", "apprentice_bursary"),
    ],
)
def test_questions_find_the_right_item_first(content: CouncilContent, question: str, best: str) -> None:
    matches = search(question, content)
    assert matches and matches[0].item_id == best


@pytest.mark.parametrize(
    "question", ["how do I bake a cake", "what is the weather like", "will you", "lol", "", "???"]
)
def test_nothing_matches_what_the_content_does_not_cover(content: CouncilContent, question: str) -> None:
    assert search(question, content) == []


def test_short_words_need_an_exact_match(content: CouncilContent) -> None:
    """ "bill" must not match "will", nor "rent" match "went"."""
    assert search("I went there and will go back", content) == []
