"""What a message is for, before any search: asking for a person, saying hello or thanks, or chatting.

A message asking a PA (or anyone) to ring, see or message the young person opens the PA flow, whatever
else it mentions ("can my pa ring me about my rent"). Greetings, thanks, emoji and small talk get a
friendly reply and the menu, never "Shall I send this to your PA?". Everything else is a question for the
search. A pure function of the text: the same words give the same intent for every council.

A question about the rules of PA contact ("how often should my pa visit me") is a question, not a request
for contact: it is answered from the content.
"""

import re
import unicodedata
from enum import StrEnum

from content.terms import plain_words


class Intent(StrEnum):
    QUESTION = "question"
    TALK_TO_PA = "talk_to_pa"
    GREETING = "greeting"
    THANKS = "thanks"
    SMALLTALK = "smalltalk"


_PERSON = (
    r"(?:(?:my|me|the|a|an|your) )?(?:(?:real|actual|new|leaving care|social|support|key|personal|duty) )?"
    r"(?:pa|p a|pas|adviser|advisor|advisors|advisers|worker|social worker|someone|somebody|some one|anyone|"
    r"any one|anybody|person|human|staff)"
)
_SOMEONE = r"(?:my pa|pa|someone|somebody|some one|anyone|any one|anybody)"
_REACH = (
    r"(?:ring|call|phone|text|message|dm|contact|email|e mail|speak|talk|chat|see|meet|visit|come|"
    r"get in touch|get hold of|get back to|hear from|heard from|reply)"
)
_ENDINGS = r"(?:s|ed|ing)?"
_MAY = r"(?:to|can|could|will|would|should|please|pls)"
_NOT_YET = r"(?:has not|have not|hasnt|did not|does not|never|not|still not)"
_NOT_HEARD = r"(?:rung|called|phoned|text|texted|messaged|replied|got back|visited|been in touch|come|came)"
_ASKING_FOR_CONTACT = [
    # They reach me: "can my pa ring me", "get my pa to phone me", "i need someone to come out and see me".
    rf"\b{_PERSON} (?:{_MAY} )*{_REACH}{_ENDINGS}(?! up\b)(?! with me to\b)(?: \w+){{0,3}} (?:me|us)\b",
    rf"\b{_PERSON} (?:{_MAY} )*(?:come|visit|pop) (?:round|over|out|by)\b",
    rf"\b{_PERSON} (?:{_MAY} )*(?:come|visit|pop)(?: me)?(?: please| pls| today| soon)?$",
    rf"\b(?:someone|somebody|anyone|some one) from \w+(?: \w+)? (?:(?:to|can|could|will|please) )*{_REACH}",
    r"^(?:please |can you |could you |will you )?(?:ring|call|phone|text|message) me\b",
    rf"\b(?:get|ask|tell|want|need) {_PERSON} to {_REACH}(?! up\b)",
    # I reach them: "i need to speak to someone", "can i see my worker", "need a chat with ma pa".
    rf"\b{_REACH}{_ENDINGS} (?:to |with |from )?{_PERSON}\b",
    rf"\b(?:meeting|chat|word|appointment|catch up|call|visit) (?:with|from) {_PERSON}\b",
    r"\b(?:tell|ask|let) (?:my )?pa\b",
    r"\b(?:i|we) (?:need|want|miss) (?:my|a|me) pa\b",
    rf"^{_PERSON} (?:please|pls|now|asap|urgently)$",
    rf"\b{_PERSON}s? (?:phone )?number\b",
    r"\bput me through\b",
    r"\bwho (?:do|can|should) i (?:talk|speak|go) to\b",
    # "when is my pa next coming", "whens my next visit", "is my pa working today".
    rf"\bwhen (?:is|will|does|can|are) {_SOMEONE} (?:next |going to )?(?:com|visit|see|ring|call|phone|text)",
    r"\bwhen is my next (?:visit|meeting|appointment|catch up)\b",
    rf"\bis {_SOMEONE} (?:working|in|about|around|free|available|off|at work)\b",
    rf"\b{_PERSON} {_NOT_YET} (?:\w+ )?{_NOT_HEARD}",
    r"\bsaid (?:she|he|they|shed|hed|theyd)(?: would| will| was going to| is going to)? "
    r"(?:call|ring|phone|text|visit|come|get back)",
    r"\bchase (?:her|him|them|my pa)\b",
]
_RULES_OF_CONTACT = re.compile(
    r"\b(?:how often|how long|have to|has to|supposed to|meant to|entitled|allowed|still have|until|"
    r"after (?:1[6-9]|2[0-5])|every|the law|rights?)\b"
)
_CONTACT = [re.compile(pattern) for pattern in _ASKING_FOR_CONTACT]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_GREETING_WORDS = _word_set(
    "hi hiya hello helo hey heya hay yo oi morning mornin afternoon evening howdy hallo hullo sup wassup "
    "wagwan alright alrite allo ello gm"
)
_GREETING_FILLER = _word_set(
    "there you okay all everyone good is it going how are up what mate pal bot hun x xx xxx so again"
)
_THANKS_WORDS = _word_set("thanks thank thankyou thanku cheers ta appreciate appreciated tysm tyvm nice")
_THANKS_FILLER = _word_set(
    "you okay so much very a lot that is it was helps helped helpful great brilliant nice cool lovely one "
    "perfect amazing mate pal x xx xxx love legend for the info help again alright sound good yeah yes got it"
)
_CHAT_WORDS = _word_set(
    "lol lmao lmfao rofl haha hehe ha okay cool nice sound yeah yea yes yep no nah nope hmm idk nothing "
    "nvm test testing sorry soz bye goodbye night goodnight bored same true fair wow omg what huh eh oh ah "
    "right wyd hbu wbu fine great alright then x xx mate kl"
)
_SMALLTALK = [
    r"^(?:i do not know|never mind|see you|good night)$",
    r"^(?:who|what) (?:are|is) (?:you|this|this bot|carebot)\b",
    r"^are you (?:a |an )?(?:real|bot|robot|human|person|computer|machine|actual)",
    r"^is (?:this|it) (?:a |an )?(?:real|bot|robot|human|person)",
    r"^(?:how are you|how are you doing|you okay|are you okay|how is it going|hows it going|how you doing)\b",
    r"^(?:are )?(?:you|u|anyone|any one|anybody) (?:there|about|awake|around)$",
    r"^how old are you\b",
    r"^what (?:can|do) you do\b",
    r"^what is your name\b",
    r"^(?:what can i ask|what do i ask|what should i ask|what do i do here|how does this work)\b",
    r"^(?:i am )?(?:bored|just saying hi|just checking)\b",
]
_SMALL = [re.compile(pattern) for pattern in _SMALLTALK]
_THANKS_EMOJI = frozenset("👍🙏❤♥💕💖💗💙💚💛💜🧡🤍🖤😊🥰😘😍☺🤗👌🙌💯✅👏😀😁😃😄🫶")
_GREETING_EMOJI = frozenset("👋")


def _symbols(text: str) -> list[str]:
    """The emoji and other symbols in ``text`` (skin tones and joiners left out)."""
    return [
        char
        for char in text
        if unicodedata.category(char) in ("So", "Sk")
        and not 0x1F3FB <= ord(char) <= 0x1F3FF
        and char not in "\u200d\ufe0f"
    ]


def _held(word: str) -> str:
    """ "heyy", "hiii", "youuu": a word with its last letter held down, read as the word."""
    return re.sub(r"(.)\1+$", r"\1", word)


def _all_in(words: list[str], wanted: frozenset[str], filler: frozenset[str]) -> bool:
    """At least one word from ``wanted``, and nothing but those and ``filler``."""
    said = [word if word in wanted or word in filler else _held(word) for word in words]
    return (
        bool(said)
        and any(word in wanted for word in said)
        and all(word in wanted or word in filler for word in said)
    )


def asks_for_contact(words: list[str]) -> bool:
    text = " ".join(words)
    return any(pattern.search(text) for pattern in _CONTACT) and not _RULES_OF_CONTACT.search(text)


def courtesy_of(words: list[str]) -> Intent | None:
    """``greeting``, ``thanks`` or ``smalltalk`` when that is all the words say."""
    if _all_in(words, _THANKS_WORDS, _THANKS_FILLER):
        return Intent.THANKS
    if _all_in(words, _GREETING_WORDS, _GREETING_FILLER):
        return Intent.GREETING
    if _all_in(words, _CHAT_WORDS, frozenset()):
        return Intent.SMALLTALK
    text = " ".join(words)
    if any(pattern.search(text) for pattern in _SMALL):
        return Intent.SMALLTALK
    return None


def intent_of(text: str) -> Intent:
    """What ``text`` is for. Emoji alone are thanks (👍, ❤️), a greeting (👋) or small talk (anything else)."""
    words = plain_words(text)
    if not words:
        symbols = set(_symbols(text))
        if symbols and symbols <= _THANKS_EMOJI:
            return Intent.THANKS
        if symbols and symbols <= _GREETING_EMOJI:
            return Intent.GREETING
        return Intent.SMALLTALK
    if asks_for_contact(words):
        return Intent.TALK_TO_PA
    return courtesy_of(words) or Intent.QUESTION
