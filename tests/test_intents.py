"""A message asking for a person opens the PA flow; hello, thanks, emoji and small talk get a friendly reply,
never "Shall I send this to your PA?"; everything else is a question."""

import pytest

from content.intents import Intent, intent_of


@pytest.mark.parametrize(
    "text",
    [
        "can my pa ring me",
        "Can my PA ring me pls",
        "get my pa to phone me",
        "can someone call me back",
        "someone ring me please",
        "i need to speak to someone",
        "I need to speak to a person",
        "i wanna talk to a real person",
        "can i see my worker",
        "when is my pa next coming",
        "when will i see my pa",
        "how do i contact my pa",
        "whats my pa's number",
        "call me",
        "ring me back",
        "talk to my pa",
        "my pa hasnt rung me back",
        "can my pa ring me about my rent",
    ],
)
def test_asking_for_a_person_opens_the_pa_flow(text: str) -> None:
    assert intent_of(text) is Intent.TALK_TO_PA


@pytest.mark.parametrize(
    "text",
    [
        "how often should my pa visit me",
        "can i still have a pa after 21",
        "does my pa have to visit me in my new flat",
        "who do i ring when the council office is shut",
        "can my pa help me with council tax",
        "can i see my care records",
        "i want to see a dentist",
    ],
)
def test_a_question_about_pas_or_ringing_is_still_a_question(text: str) -> None:
    assert intent_of(text) is Intent.QUESTION


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hi", Intent.GREETING),
        ("Hiya x", Intent.GREETING),
        ("hey u ok", Intent.GREETING),
        ("good morning", Intent.GREETING),
        ("yo", Intent.GREETING),
        ("👋", Intent.GREETING),
        ("thanks", Intent.THANKS),
        ("ty", Intent.THANKS),
        ("cheers mate", Intent.THANKS),
        ("ok thanks x", Intent.THANKS),
        ("thank you so much that helps", Intent.THANKS),
        ("👍", Intent.THANKS),
        ("❤️", Intent.THANKS),
        ("🙏🏽", Intent.THANKS),
        ("lol", Intent.SMALLTALK),
        ("ok", Intent.SMALLTALK),
        ("😂😂", Intent.SMALLTALK),
        ("who r u", Intent.SMALLTALK),
        ("are you a real person", Intent.SMALLTALK),
        ("how are you", Intent.SMALLTALK),
        ("what can u do", Intent.SMALLTALK),
        ("???", Intent.SMALLTALK),
        ("", Intent.SMALLTALK),
    ],
)
def test_greetings_thanks_and_small_talk_are_not_questions(text: str, intent: Intent) -> None:
    assert intent_of(text) is intent


@pytest.mark.parametrize(
    "text",
    ["hi can i get help with council tax", "thanks, and what about a bus pass?", "whats a pathway plan"],
)
def test_a_courtesy_with_a_question_is_a_question(text: str) -> None:
    assert intent_of(text) is Intent.QUESTION
