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

# Where a message may split: the end of a sentence or a line, "and", "also", "plus".
_BETWEEN = re.compile(
    r"[?!\n\r]+|(?<=[a-z0-9])\.+(?:\s+|$)|\b(?:and also|and then|and|also|plus|as well as)\b|&", re.IGNORECASE
)
_EDGES = " ,;:-\t"
_BACK_REFERENCE = frozenset({"it", "that", "this", "they", "them", "those", "there"})
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


def _follows_on(text: str, index: QuestionIndex) -> bool:
    """ "who writes it", "is that free": a short follow-up about what the other side asked."""
    return not _BACK_REFERENCE.isdisjoint(plain_words(text)) and len(index.topic_words(text)) <= 1


def _two_questions(first: PartResult, second: PartResult, index: QuestionIndex) -> bool:
    """Whether two neighbouring sides are two questions, not one said in two halves.

    Both clear and finding different help: two questions ("council tax" and "a bus pass"). One clear and
    the other not: two questions when the other side asks something of its own (it finds candidates, or
    says enough to be a question the bot cannot answer) that reading both sides together would lose;
    one question when together they still answer both ("who do i ring if its urgent" and "the office is
    shut"). Neither clear: one question said in two halves ("a bed and a sofa"). A statement setting the
    scene ("i moved in last month") goes with its question, and so does a short follow-up ("who writes
    it").
    """
    confidences = {first.confidence, second.confidence}
    if confidences == {Confidence.CLEAR}:
        return not _found_ids(first) & _found_ids(second)
    if Confidence.CLEAR not in confidences:
        return False
    answered, other = (first, second) if first.confidence is Confidence.CLEAR else (second, first)
    if _is_context(other.text) or _follows_on(other.text, index):
        return False
    if other.confidence is Confidence.NONE and len(index.topic_words(other.text)) < 2:
        return False
    together = index.find(f"{first.text} {second.text}")
    kept = _found_ids(together) if together.confidence is Confidence.CLEAR else set()
    return not (
        answered.matches[0].item_id in kept
        and (other.confidence is Confidence.NONE or kept & _found_ids(other))
    )


def _pieces(text: str) -> list[tuple[int, int]]:
    """Where each piece between two split points starts and ends in ``text``."""
    spans, start = [], 0
    for between in [*_BETWEEN.finditer(text), None]:
        end = between.start() if between else len(text)
        piece = text[start:end]
        if piece.strip(_EDGES):
            left = start + len(piece) - len(piece.lstrip(_EDGES))
            spans.append((left, left + len(piece.strip(_EDGES))))
        start = between.end() if between else len(text)
    return spans


def split_parts(text: str, index: QuestionIndex) -> list[PartResult]:
    """The parts of a question, each with what answers it. Left to right, a new part starts only where the
    two sides are two questions; a part's text is the young person's own words, as typed."""
    spans = _pieces(text)
    if not spans:
        return [index.find(text)]
    starts, parts = [spans[0][0]], [index.find(text[spans[0][0] : spans[0][1]])]
    for start, end in spans[1:]:
        found = index.find(text[start:end])
        if len(parts) < MOST_PARTS and _two_questions(parts[-1], found, index):
            starts.append(start)
            parts.append(found)
        else:
            parts[-1] = index.find(text[starts[-1] : end])
    return parts


def understand(text: str, index: QuestionIndex) -> Understanding:
    """What ``text`` is for and, for a question, what answers each part. Pure and deterministic."""
    intent = intent_of(text)
    if intent is not Intent.QUESTION:
        return Understanding(intent, [])
    return Understanding(intent, split_parts(text, index))
