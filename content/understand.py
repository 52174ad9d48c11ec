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

_SENTENCES = re.compile(r"[?!\n\r]+|(?<=[a-z0-9])\.+(?:\s+|$)", re.IGNORECASE)
_JOINS = re.compile(r"\b(?:and also|and then|and|also|plus|as well as)\b|&", re.IGNORECASE)
# The most parts one message is split into: past that, it is one long question.
MOST_PARTS = 4


@dataclass(frozen=True)
class Understanding:
    """What a message is for; ``parts`` are filled only for a question (and then never empty)."""

    intent: Intent
    parts: list[PartResult]


def _found_ids(part: PartResult) -> set[str]:
    return {match.item_id for match in part.matches}


def _stands_alone(part: PartResult, neighbour: PartResult, index: QuestionIndex) -> bool:
    """A side is a question of its own when it finds help its neighbour does not, or, finding nothing,
    still says enough (two words that mean something) to be a question the bot cannot answer."""
    if part.confidence is Confidence.NONE:
        return len(index.topic_words(part.text)) >= 2
    return not _found_ids(part) & _found_ids(neighbour)


def _join(pieces: list[str], index: QuestionIndex) -> list[PartResult]:
    """Left to right, start a new part only where both sides stand alone."""
    parts = [index.find(pieces[0])]
    for piece in pieces[1:]:
        found = index.find(piece)
        current = parts[-1]
        if (
            len(parts) < MOST_PARTS
            and index.topic_words(piece)
            and index.topic_words(current.text)
            and _stands_alone(found, current, index)
            and _stands_alone(current, found, index)
        ):
            parts.append(found)
        else:
            parts[-1] = index.find(f"{current.text} {piece}")
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
