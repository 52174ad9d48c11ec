"""The risk check, rule by rule: tiers, plain words, and the guards that keep everyday talk calm.

The labelled messages in ``tests/data/understanding/`` measure it as a whole (``test_crisis_messages.py``);
these pin each rule with a case a reader can check by eye.
"""

import pytest

from content.normalise import normalise
from content.risk import assess
from content.risk_phrases import Tier
from content.schema import Risk

SUICIDE, HURT, SLEEP, MISSING = (
    Risk.SUICIDE_OR_SELF_HARM,
    Risk.HURT_OR_UNSAFE,
    Risk.NOWHERE_TO_SLEEP,
    Risk.MISSING_OR_UNSAFE_HOME,
)


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("I'm gonna OD rn 💊💊", "i am going to overdose right now pills pills"),
        ("dont wanna be here anymoreeee", "do not want to be here any more"),
        ("kms", "kill myself"),
        ("thinkin bout unaliving myself 2nite", "thinking about killing myself tonight"),
        ("im dead 💀😂", "i am dead lol lol"),
        ("hahaha", "lol"),
    ],
)
def test_text_speak_becomes_plain_words(typed: str, plain: str) -> None:
    assert normalise(typed) == plain


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("i took loads of my tablets", SUICIDE),
        ("just swallowed 20 paracetamol", SUICIDE),
        ("thinking about ending it tonight", SUICIDE),
        ("im gonna kill myself tonight", SUICIDE),
        ("ive got the pills ready to end it", SUICIDE),
        ("this is goodbye. i am going to do it", SUICIDE),
        ("he said hes gonna batter me when i get back", HURT),
        ("hes outside my door trying to get in", HURT),
        ("im in a car with some older lads i dont know", HURT),
    ],
)
def test_danger_now(text: str, risk: Risk) -> None:
    found = assess(text)
    assert (found.tier, found.risk) == (Tier.DANGER, risk)


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("I want to kill myself", SUICIDE),
        ("i wanna die", SUICIDE),
        ("feeling sucidal", SUICIDE),
        ("kms", SUICIDE),
        ("i wish i could go to sleep and not wake up", SUICIDE),
        ("nobody would care if i was gone", SUICIDE),
        ("everyone would be better off without me", SUICIDE),
        ("ive been cutting again", SUICIDE),
        ("relapsed with sh after 3 months", SUICIDE),
        ("my boyfriend hits me", HURT),
        ("im being made to sell stuff for some older lads", HURT),
        ("I dont feel safe at home", HURT),
        ("sleeping in the bus station tonight", SLEEP),
        ("my mum kicked me out", SLEEP),
        ("I ran away from my placement", MISSING),
        ("police are looking for me", MISSING),
        # The most urgent risk decides the lines.
        ("he hits me and I want to die", SUICIDE),
    ],
)
def test_risk(text: str, risk: Risk) -> None:
    found = assess(text)
    assert found.is_crisis and found.risk is risk


@pytest.mark.parametrize("text", ["i cant cope anymore", "whats the point", "so lonely rn", "i hate myself"])
def test_worry_gets_a_check_in_not_a_crisis_screen(text: str) -> None:
    assert assess(text).tier is Tier.WORRY


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("my mate self harms, how do I help her", SUICIDE),
        ("my gf said she wants to die", SUICIDE),
        ("my friend is being hit by her dad", HURT),
    ],
)
def test_someone_else_at_risk_is_a_friends_worry(text: str, risk: Risk) -> None:
    found = assess(text)
    assert found.tier in (Tier.FRIEND, Tier.RISK)  # abuse of a friend still names who does it
    if found.tier is Tier.FRIEND:
        assert found.risk is risk


@pytest.mark.parametrize(
    "text",
    [
        "i'm scared of my electric bill",
        "ending things with my bf, need my own place",
        "we watched a film about suicide in pshe",
        "this bill is killing me",
        "dying for a brew",
        "dead bored",
        "im dead 💀",
        "killing it at work",
        "my phone died",
        "I am missing my mum",
        "kicked out of college",
        "i got kicked out of the group chat lol",
        "what happens if i become homeless when im 19",
        "I hurt my leg playing football",
        "my mum is gonna kill me when she sees my grades",
        "i would never hurt myself",
        "i ran out of money",
        "hit me up later",
        "can i get free prescriptions",
        "suicide squad was good",
        "",
        "👍",
    ],
)
def test_everyday_words_are_not_a_crisis(text: str) -> None:
    assert assess(text).tier is Tier.NONE
