"""Matching a typed question to the content: synonyms first, then keywords with room for typing mistakes.

Each keyword is compared with the runs of the same number of words in the question, allowing more typing
mistakes for longer keywords and none for short ones ("bill" must not match "will"). An item's best
keyword decides whether it matches; how many keyword words match (a two-word keyword counts twice) breaks
ties.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from content.schema import CouncilContent


class Kind(StrEnum):
    ENTITLEMENT = "entitlement"
    MONEY_HELP = "money_help"


@dataclass(frozen=True)
class Match:
    kind: Kind
    item_id: str
    mistakes: int
    weight: int


def _allowed_mistakes(keyword: str) -> int:
    letters = len(keyword.replace(" ", ""))
    if letters <= 4:
        return 0
    if letters <= 6:
        return 1
    return 2 if letters <= 9 else 3


def words_of(text: str, synonyms: dict[str, str]) -> list[str]:
    """Lower-case words, apostrophes dropped, each replaced by its synonym if it has one."""
    plain = re.sub(r"[^a-z0-9£ ]+", " ", text.lower().replace("'", "").replace("’", ""))
    words = []
    for word in plain.split():
        words.extend(synonyms.get(word, word).split())
    return words


def _runs(words: list[str], length: int) -> set[str]:
    runs = {" ".join(words[start : start + length]) for start in range(len(words) - length + 1)}
    if length == 1:
        runs |= {word[:-1] for word in words if len(word) > 3 and word.endswith("s")}
    return runs


def _fewest_mistakes(keyword: str, words: list[str]) -> int | None:
    allowed = _allowed_mistakes(keyword)
    best = None
    for run in _runs(words, len(keyword.split())):
        mistakes = Levenshtein.distance(keyword, run, score_cutoff=allowed)
        if mistakes <= allowed and (best is None or mistakes < best):
            best = mistakes
    return best


def search(question: str, content: CouncilContent, limit: int = 3) -> list[Match]:
    """The best-matching entitlements and money-help items, best first; empty when nothing matches well."""
    words = words_of(question, {key.lower(): value.lower() for key, value in content.synonyms.items()})
    if not words:
        return []
    candidates = [
        *((Kind.ENTITLEMENT, item.id, item.keywords) for item in content.entitlements),
        *((Kind.MONEY_HELP, item.id, item.keywords) for item in content.money_help),
    ]
    matches = []
    for kind, item_id, keywords in candidates:
        found = {
            keyword: mistakes
            for keyword in keywords
            if (mistakes := _fewest_mistakes(keyword.lower(), words)) is not None
        }
        if found:
            weight = sum(len(keyword.split()) for keyword in found)
            matches.append(Match(kind, item_id, min(found.values()), weight))
    matches.sort(key=lambda match: (match.mistakes, -match.weight))
    return matches[:limit]
