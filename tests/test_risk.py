"""Risk words: what must trigger (with misspellings), what must not, and which risk is answered."""

import pytest

from content.risk import detect
from content.schema import Risk

SUICIDE, HURT, SLEEP, MISSING = (
    Risk.SUICIDE_OR_SELF_HARM,
    Risk.HURT_OR_UNSAFE,
    Risk.NOWHERE_TO_SLEEP,
    Risk.MISSING_OR_UNSAFE_HOME,
)

MUST_TRIGGER = [
    ("I want to kill myself", SUICIDE),
    ("i wanna die", SUICIDE),
    ("I'm going to end my life", SUICIDE),
    ("thinking about suicide", SUICIDE),
    ("feeling sucidal", SUICIDE),
    ("im suicidle tonight", SUICIDE),
    ("feeling suicdal", SUICIDE),
    ("kil myself", SUICIDE),
    ("kill my self", SUICIDE),
    ("kms", SUICIDE),
    ("I have been self harming", SUICIDE),
    ("self-harm again", SUICIDE),
    ("selfharm", SUICIDE),
    ("been cutting myself", SUICIDE),
    ("I dont want to be here anymore", SUICIDE),
    ("don't want to be alive", SUICIDE),
    ("everyone would be better off without me", SUICIDE),
    ("took an overdose", SUICIDE),
    ("thinking of ending it all", SUICIDE),
    ("I CAN'T GO ON", SUICIDE),
    ("my boyfriend hits me", HURT),
    ("he keeps hitting me", HURT),
    ("he kicked me", HURT),
    ("my dad beats me", HURT),
    ("I dont feel safe", HURT),
    ("im not safe here", HURT),
    ("someone is following me", HURT),
    ("they are going to hurt me", HURT),
    ("being abused", HURT),
    ("domestic violence", HURT),
    ("I have nowhere to sleep tonight", SLEEP),
    ("no where to stay", SLEEP),
    ("nowere to sleep", SLEEP),
    ("sleeping rough", SLEEP),
    ("I'm on the streets", SLEEP),
    ("my mum kicked me out", SLEEP),
    ("Im homeless", SLEEP),
    ("locked out of my flat", SLEEP),
    ("I ran away from my placement", MISSING),
    ("gonna run away", MISSING),
    ("I cant go home", MISSING),
    ("it's not safe to go home", MISSING),
    ("scared to go home", MISSING),
    ("I've been reported missing", MISSING),
    # The most urgent risk wins.
    ("he hits me and I want to die", SUICIDE),
    ("kicked out and want to kill myself", SUICIDE),
]

MUST_NOT_TRIGGER = [
    "killing it at work",
    "this traffic is killing me",
    "my phone died",
    "my battery is dying",
    "dead tired",
    "I could die for a pizza",
    "I am missing my mum",
    "i missed my appointment",
    "kicked out of college",
    "hit me up later",
    "I ran out of money",
    "gas meter ran out",
    "can I get money for a sofa",
    "whats a pathway plan",
    "suicide squad was good",
    "I hurt my leg playing football",
    "is my money safe in the bank",
    "he overdoes it with the sugar",
    "what help is there if I become homeless one day",
    "",
    "👍",
]


@pytest.mark.parametrize(("text", "risk"), MUST_TRIGGER)
def test_risk_words_trigger(text: str, risk: Risk) -> None:
    assert detect(text) is risk


@pytest.mark.parametrize("text", MUST_NOT_TRIGGER)
def test_everyday_phrases_do_not_trigger(text: str) -> None:
    assert detect(text) is None
