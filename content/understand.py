"""Understanding a typed message: what it is for, and for a question, what answers each of its parts.

``understand`` is the one call the chat makes for any text that is not a crisis or a menu word: it gives
the intent (``content.intents``) and, for a question, one ``PartResult`` per part, each with its
confidence and matches (``content.search``). A message asking two things ("can i get help with council
tax and a bus pass") is split where each side finds different help on its own, so both get answered, or
the bot can say which part it could not answer; a side that finds nothing new ("a bed and a sofa", "is it
free?") stays with its neighbour.
"""

import re
from dataclasses import dataclass

from content.intents import Intent, intent_of
from content.search import Confidence, PartResult, QuestionIndex
from content.terms import plain_words

_SENTENCES = re.compile(r"[?!\n\r]+|(?<=[a-z0-9])\.+(?:\s+|$)", re.IGNORECASE)
_JOINS = re.compile(r"\b(?:and also|and then|and|also|plus|as well as)\b|&", re.IGNORECASE)
_STATEMENT = re.compile(
    r"^(?:(?:so|basically|like|but|well|um|erm|cos|because|ok|okay) )*"
    r"(?:i|my|it|its|she|he|they|we|there is)\b"
)
_ASKS = re.compile(
    r"\b(?:can|could|do|does|is|are|will|would|should|how|what|where|when|who|why|which|need|want|help|"
    r"looking for|like to|any)\b"
)
# The most parts one message is split into: past that, it is one long question.
MOST_PARTS = 4


@dataclass(frozen=True)
class Understanding:
    """What a message is for; ``parts`` are filled only for a question (and then never empty)."""

    intent: Intent
    parts: list[PartResult]


def _found_ids(part: PartResult) -> set[str]:
    return {match.item_id for match in part.matches}


def _is_context(text: str) -> bool:
    """ "i moved into my flat last month": a statement that sets the scene for the question beside it."""
    words = " ".join(plain_words(text))
    return _STATEMENT.match(words) is not None and _ASKS.search(words) is None


def _two_questions(first: PartResult, second: PartResult, index: QuestionIndex) -> bool:
    """Whether two neighbouring sides are two questions, not one said in two halves.

    Both clear and finding different help: two questions ("council tax" and "a bus pass"). One clear and
    the other not: two questions when the other side asks something of its own (it finds candidates, or
    says enough to be a question the bot cannot answer) that reading both sides together would lose;
    one question when together they still answer both ("who do i ring if its urgent" and "the office is
    shut"). Neither clear: one question said in two halves ("a bed and a sofa"). A statement setting the
    scene ("i moved in last month") goes with its question.
    """
    confidences = {first.confidence, second.confidence}
    if confidences == {Confidence.CLEAR}:
        return not _found_ids(first) & _found_ids(second)
    if Confidence.CLEAR not in confidences:
        return False
    answered, other = (first, second) if first.confidence is Confidence.CLEAR else (second, first)
    if _is_context(other.text):
        return False
    if other.confidence is Confidence.NONE and len(index.topic_words(other.text)) < 2:
        return False
    together = index.find(f"{first.text} {second.text}")
    kept = _found_ids(together) if together.confidence is Confidence.CLEAR else set()
    return not (
        answered.matches[0].item_id in kept
        and (other.confidence is Confidence.NONE or kept & _found_ids(other))
    )


def _join(pieces: list[str], index: QuestionIndex) -> list[PartResult]:
    """Left to right, start a new part only where the two sides are two questions."""
    parts = [index.find(pieces[0])]
    for piece in pieces[1:]:
        found = index.find(piece)
        if len(parts) < MOST_PARTS and _two_questions(parts[-1], found, index):
            parts.append(found)
        else:
            parts[-1] = index.find(f"{parts[-1].text} {piece}")
    return parts


def split_parts(text: str, index: QuestionIndex) -> list[PartResult]:
    """The parts of a question, each with what answers it: sentences first, then "and"/"also" within them."""
    sentences = [sentence.strip() for sentence in _SENTENCES.split(text) if sentence and sentence.strip()]
    pieces = [
        piece.strip(" ,;:-")
        for sentence in sentences
        for piece in _JOINS.split(sentence)
        if piece.strip(" ,;:-")
    ]
    return _join(pieces, index) if pieces else [index.find(text)]


def understand(text: str, index: QuestionIndex) -> Understanding:
    """What ``text`` is for and, for a question, what answers each part. Pure and deterministic."""
    intent = intent_of(text)
    if intent is not Intent.QUESTION:
        return Understanding(intent, [])
    return Understanding(intent, split_parts(text, index))
