"""Does a message sound like someone is in danger? A pure function, table-tested in both directions.

The patterns run over a normalised copy of the text (lower case, apostrophes dropped, everything else not a
letter or digit turned to a space), so "I'm", "Im" and "I M" read the same. Common misspellings are
written into the patterns, and a few long, unmistakable words are also matched with up to two typing
mistakes. A miss can cost a life and a false alarm costs a PA a phone call, so the patterns lean towards
triggering; the "must not trigger" table pins the everyday phrases (``killing it at work``) they must leave
alone.
"""

import re

from rapidfuzz.distance import Levenshtein

from content.schema import Risk

_I = r"(?:i|im|i am|ive|i have|ill|i will|i wanna|i want to|i need to|i feel like|i could|going to|gonna)"

_PATTERNS: dict[Risk, list[str]] = {
    Risk.SUICIDE_OR_SELF_HARM: [
        r"\bsu[iy]?c[iy]?d[ea]l?\b",
        r"\bsuicid\w*",
        r"\bkil+(?:l|ing)? ?my ?sel(?:f|ves)\b",
        r"\bkms\b",
        r"\bend(?:ing)? (?:it all|my life|things|my self|myself)\b",
        r"\btake my (?:own )?life\b",
        r"\b(?:want|wanna|wanting|going|gonna) (?:to )?die\b",
        r"\bwish (?:i was|i were|i wasnt|id never been born|i could) (?:dead|die|here|alive)\b",
        r"\bbetter off (?:dead|without me)\b",
        r"\bdont want to (?:be here|be alive|live|wake up|exist)\b",
        r"\bno (?:reason|point) (?:to|in) (?:live|living|going on)\b",
        r"\bcant (?:go on|do this any ?more|cope any ?more)\b",
        r"\bself ?harm\w*",
        r"\bsel harm\w*",
        r"\b(?:cut|cutting|cuting|hurt|hurting|harm|harming|burn|burning) (?:my ?self|myself)\b",
        r"\b(?:cut|cutting|cuting) my (?:arms?|legs?|wrists?)\b",
        r"\bover ?do[sz](?:e|ed|ing)\b",
        r"\bod(?:d|ed|ing)?\b (?:on|tonight)",
    ],
    Risk.HURT_OR_UNSAFE: [
        r"\b(?:he|she|they|someone|somebody|my \w+|partner|boyfriend|girlfriend|dad|mum|carer) "
        r"(?:keeps |has |have |is |was |just )?(?:hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*|"
        r"hurt|hurts|hurting|abus\w*|attack\w*|threaten\w*|chok\w*|rap\w+) (?:me|us)\b(?! up| out)",
        r"\bbeing (?:hurt|abused|beaten|hit|threatened|attacked|followed|groomed)\b",
        r"\b(?:dont|do not|im not|i am not|i dont|not) (?:feel )?safe\b",
        r"\bunsafe\b",
        r"\bscared (?:for my life|of (?:him|her|them|my \w+))\b",
        r"\b(?:raped|sexually assaulted|assaulted me)\b",
        r"\bdomestic (?:abuse|violence)\b",
        r"\bsome ?one (?:is|keeps) (?:after|following|hurting|threatening) me\b",
        r"\b(?:going|gonna|want) to (?:hurt|kill|stab|beat up) me\b",
        r"\bwill (?:hurt|kill|stab) me\b",
    ],
    Risk.MISSING_OR_UNSAFE_HOME: [
        r"\b(?:ran|run|running|runnin|gonna run|going to run) (?:away|off)\b",
        r"\b(?:gone|go|going|went|been reported|reported) missing\b",
        r"\b(?:cant|cannot|can not|dont want to|scared to|afraid to|not safe to) go (?:back )?home\b",
        r"\bnot safe (?:at|to go) home\b",
        r"\bnobody knows where i am\b",
    ],
    Risk.NOWHERE_TO_SLEEP: [
        r"\bno ?where to (?:sleep|stay|go|live|kip)\b",
        r"\bnowere to (?:sleep|stay|go)\b",
        r"\bno (?:bed|place|roof|home) (?:tonight|to sleep|to stay)\b",
        r"\bsleep(?:ing)? (?:rough|outside|on the streets?|in the park|in a doorway)\b",
        r"\bon the streets?\b",
        r"\b(?:im|i am|ive become|i have become|ill be|i will be) homeless\b",
        r"\bhomeless tonight\b",
        r"\b(?:kicked|thrown|chucked) (?:me )?out"
        r"(?! of (?:college|school|class|uni|work|the group|the game))\b",
        r"\b(?:kicked|thrown|chucked) me out\b",
        r"\blocked out (?:of my (?:flat|house|home|room))\b",
        r"\bevicted (?:today|tonight)\b",
    ],
}

_COMPILED = {risk: [re.compile(pattern) for pattern in patterns] for risk, patterns in _PATTERNS.items()}

# Long words with no everyday meaning, caught even when typed with up to two mistakes.
_FUZZY_WORDS = {
    "suicide": Risk.SUICIDE_OR_SELF_HARM,
    "suicidal": Risk.SUICIDE_OR_SELF_HARM,
    "selfharm": Risk.SUICIDE_OR_SELF_HARM,
}

_NOT_A_RISK = [re.compile(pattern) for pattern in (r"\bsuicide squad\b",)]

# Most urgent first: when a message shows more than one risk, the first is answered.
_ORDER = (Risk.SUICIDE_OR_SELF_HARM, Risk.MISSING_OR_UNSAFE_HOME, Risk.HURT_OR_UNSAFE, Risk.NOWHERE_TO_SLEEP)


def normalise(text: str) -> str:
    text = text.lower().replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def detect(text: str) -> Risk | None:
    """The most urgent risk the message shows, or None."""
    plain = normalise(text)
    for exception in _NOT_A_RISK:
        plain = exception.sub(" ", plain)
    for risk in _ORDER:
        if any(pattern.search(plain) for pattern in _COMPILED[risk]):
            return risk
    for word in plain.split():
        for target, risk in _FUZZY_WORDS.items():
            if len(word) >= 6 and Levenshtein.distance(word, target, score_cutoff=2) <= 2:
                return risk
    return None
