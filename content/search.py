"""Finding the content that answers a typed question: one weighted index over everything a young person
can be shown, and how sure the bot may be of what it found.

Entitlements, money help, passport items (their tips answer "how do I ...") and the council's own numbers
are indexed together, each as a few fields: the title and the keywords weigh most, the answer or tip
less, "how to get it" least. Questions and content go through the same words (``content.terms``), so a
synonym joins both sides. Terms are weighed by BM25: a word few items use ("deposit", "dentist") decides,
a word most use ("money", "help", "care") barely counts. Adjacent words are indexed as pairs too, so
"council tax" and "pathway plan" outrank items that only share one of their words. A word the index has
never seen is matched to its nearest indexed word when it is one or two typing mistakes away, with less
weight for each mistake; short words must be typed exactly ("bill" must not match "will").

Hand-written rather than a BM25 library: for about a hundred short items the scoring is a few lines of
dictionary arithmetic taking microseconds, and the libraries bring numpy and scipy (scipy.sparse alone
takes about a quarter of a second to import), with no field weights, pairs or typing mistakes.
"""

import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import process
from rapidfuzz.distance import OSA

from content.schema import CouncilContent
from content.terms import PAIR_ONLY, Synonyms, plain_words, topic_words


class Kind(StrEnum):
    ENTITLEMENT = "entitlement"
    MONEY_HELP = "money_help"
    PASSPORT_ITEM = "passport_item"
    COUNCIL_CONTACT = "council_contact"


COUNCIL_OFFICE = "council_office"
COUNCIL_OUT_OF_HOURS = "council_out_of_hours"


class Confidence(StrEnum):
    """How sure the bot is: ``clear`` answers with cards, ``weak`` asks "Did you mean...?", ``none`` says
    it does not know that one yet."""

    CLEAR = "clear"
    WEAK = "weak"
    NONE = "none"


@dataclass(frozen=True)
class Match:
    kind: Kind
    item_id: str
    score: float


@dataclass(frozen=True)
class PartResult:
    """One question (or one part of a two-part question) and what answers it, best first."""

    text: str
    confidence: Confidence
    matches: list[Match]


# How much a word counts in each field of an item.
TITLE, KEYWORDS, BODY, HOW_TO_GET = 3.0, 3.0, 1.0, 0.5
# Fields at least this heavy name an item's topic (its title and keywords): a clear answer needs one of
# the question's words there, not only in its answer ("does it apply to me" names no topic).
NAMES_TOPIC = min(TITLE, KEYWORDS)
# BM25's two settings: how fast repeats stop counting, and how much a long item is held back.
K1, B = 1.2, 0.5
# A typing mistake makes a matched word count less.
MISTAKE_WEIGHT = {0: 1.0, 1: 0.75, 2: 0.5}
# A passport tip says how to do something: it counts more when the question asks how.
HOW_TO_BOOST = 1.3
_HOW_TO = re.compile(r"\b(?:how (?:do|can|would|should|to)|where (?:do|can) i|help me|show me|teach me)\b")
# An item whose title the question says in full counts more.
TITLE_BONUS = 1.25
# A word sharing this many first letters with an indexed word is taken for it.
SAME_START = 6
# The most candidates a weak match offers.
MOST_CANDIDATES = 3

# The confidence bands, calibrated on tests/data/understanding (tests/test_understanding_data.py): a clear
# card needs a score of 7 and the best item covering 60% of the question's word weight; below a score of
# 0.8 nothing is offered. Lower bands gave cards with no right item on them; higher ones, fewer cards.
CLEAR_SCORE, CLEAR_COVERAGE = 7.0, 0.6
WEAK_SCORE = 0.8
# A clear answer also shows the items scoring at least half as well as the best (the same help for two
# ages, or a passport tip beside the entitlement behind it).
ALSO_SHOWN = 0.5
# A word the index does not know weighs as much as a word only one item uses: "whats the best phone" is
# not clearly about cheap phone deals.
UNKNOWN_WORD = 1.0


def _allowed_mistakes(word: str) -> int:
    """Longer words may have more typing mistakes; a word of four letters only two letters swapped. The first
    letter is rarely mistyped, so it must match ("weather" is not "feather")."""
    if len(word) <= 3:
        return 0
    if len(word) <= 7:
        return 1
    return 2


def _swapped_or_longer(word: str, nearest: str) -> bool:
    """Four letters are too few for any other mistake: "plna" is "plan", but "will" is not "bill"."""
    return len(word) > 4 or sorted(word) == sorted(nearest)


def _terms(words: list[str]) -> list[str]:
    """Each word (but those that only count in a pair), and each pair of neighbouring words."""
    return [
        *(word for word in words if word not in PAIR_ONLY),
        *(f"{first} {second}" for first, second in itertools.pairwise(words)),
    ]


def _shared_start(first: str, second: str) -> int:
    return next(
        (at for at, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )


@dataclass(frozen=True)
class _Item:
    kind: Kind
    item_id: str
    fields: list[tuple[float, list[str]]]


def _items(content: CouncilContent) -> list[_Item]:
    """Every answerable item as (weight, texts) fields; keywords are separate texts, so no pair spans two."""
    items = [
        _Item(
            Kind.ENTITLEMENT,
            item.id,
            [
                (TITLE, [item.title]),
                (KEYWORDS, item.keywords),
                (BODY, [item.answer]),
                (HOW_TO_GET, [item.how_to_get]),
            ],
        )
        for item in content.entitlements
    ]
    items += [
        _Item(
            Kind.MONEY_HELP,
            item.id,
            [(TITLE, [item.title]), (KEYWORDS, item.keywords), (BODY, [item.answer])],
        )
        for item in content.money_help
    ]
    items += [
        _Item(
            Kind.PASSPORT_ITEM,
            item.id,
            [(TITLE, [item.text]), (KEYWORDS, item.keywords), (BODY, [item.tip, section.title])],
        )
        for section in content.passport
        for item in section.items
    ]
    council = content.council
    items += [
        _Item(
            Kind.COUNCIL_CONTACT,
            item_id,
            [(TITLE, [phone.name]), (KEYWORDS, phone.keywords), (BODY, [phone.hours_text])],
        )
        for item_id, phone in ((COUNCIL_OFFICE, council.office), (COUNCIL_OUT_OF_HOURS, council.out_of_hours))
    ]
    return items


class QuestionIndex:
    """The weighted index over one council's content. Build it once per content load; ``find`` is pure."""

    def __init__(self, content: CouncilContent) -> None:
        self.synonyms = Synonyms(content.synonyms)
        self._items = _items(content)
        self._weights: list[dict[str, float]] = []
        self._anchors: list[set[str]] = []
        self._titles: list[set[str]] = []
        for item in self._items:
            weights: Counter[str] = Counter()
            anchors: set[str] = set()
            for weight, texts in item.fields:
                for text in texts:
                    terms = _terms(self.topic_words(text))
                    for term in terms:
                        weights[term] += weight
                    if weight >= NAMES_TOPIC:
                        anchors.update(terms)
            self._weights.append(dict(weights))
            self._anchors.append(anchors)
            self._titles.append(set(self.topic_words(item.fields[0][1][0])) - PAIR_ONLY)
        lengths = [
            sum(weight for term, weight in weights.items() if " " not in term) for weights in self._weights
        ]
        average = sum(lengths) / len(lengths)
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, weights in enumerate(self._weights):
            norm = K1 * (1 - B + B * lengths[number] / average)
            for term, weight in weights.items():
                self._postings[term].append((number, weight * (K1 + 1) / (weight + norm)))
        count = len(self._items)
        self._idf = {
            term: math.log(1 + (count - len(postings) + 0.5) / (len(postings) + 0.5))
            for term, postings in self._postings.items()
        }
        self._unknown = UNKNOWN_WORD * math.log(1 + (count - 0.5) / 1.5)
        self._words = sorted(term for term in self._postings if " " not in term)

    def topic_words(self, text: str) -> list[str]:
        """The words of ``text`` that say what it is about, as the index reads them."""
        return topic_words(text, self.synonyms)

    def _nearest(self, word: str) -> tuple[str, int] | None:
        """The indexed word ``word`` was probably meant to be, and how many mistakes apart they are.

        Typing mistakes first ("univercity"); failing that, a long word spelled the way it sounds keeps
        its start ("prescripshuns", "prepayment"), which counts as two mistakes.
        """
        if word in self._idf:
            return word, 0
        allowed = _allowed_mistakes(word)
        if not allowed:
            return None
        found = [
            hit
            for hit in process.extract(
                word, self._words, scorer=OSA.distance, score_cutoff=allowed, limit=None
            )
            if hit[0][0] == word[0] and _swapped_or_longer(word, hit[0])
        ]
        if found:
            # Nearest first; among equals the rarer (more telling) word, then the alphabet (deterministic).
            nearest, mistakes, _ = min(found, key=lambda hit: (hit[1], -self._idf[hit[0]], hit[0]))
            return nearest, mistakes
        starts = [
            (_shared_start(word, known), known)
            for known in self._words
            if known[:SAME_START] == word[:SAME_START]
        ]
        starts = [
            (shared, known)
            for shared, known in starts
            if shared >= SAME_START and min(len(word), len(known)) >= SAME_START
        ]
        if not starts:
            return None
        return min(starts, key=lambda hit: (-hit[0], -self._idf[hit[1]], hit[1]))[1], 2

    def rank(self, text: str) -> tuple[list[Match], float, bool]:
        """Every item sharing a word with ``text``, best first; how much of what ``text`` says the best one
        covers (0 to 1: the share of the question's word weight it matches); and whether ``text`` names
        the best one's topic (a word of its title or keywords), not only words of its answer."""
        words = self.topic_words(text)
        meant: list[str] = []
        query: dict[str, float] = {}
        mass = 0.0
        for word in dict.fromkeys(words):
            if word in PAIR_ONLY:
                meant.append(word)
                continue
            nearest = self._nearest(word)
            if nearest is None:
                mass += self._unknown
                continue
            term, mistakes = nearest
            meant.append(term)
            if term not in query:
                mass += self._idf[term]
            query[term] = max(query.get(term, 0.0), MISTAKE_WEIGHT[mistakes])
        for pair in itertools.pairwise(meant):
            if " ".join(pair) in self._idf:
                query[" ".join(pair)] = 1.0
        scores: dict[int, float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        for term, weight in query.items():
            idf = self._idf[term]
            for number, saturated in self._postings[term]:
                scores[number] += weight * idf * saturated
                if " " not in term:
                    covered[number] += idf
        how_to = _HOW_TO.search(" ".join(plain_words(text))) is not None
        said = set(meant) - PAIR_ONLY
        for number in scores:
            item = self._items[number]
            if how_to and item.kind is Kind.PASSPORT_ITEM:
                scores[number] *= HOW_TO_BOOST
            if self._titles[number] and self._titles[number] <= said:
                scores[number] *= TITLE_BONUS
        ranked = sorted(scores, key=lambda number: (-scores[number], self._items[number].item_id))
        matches = [Match(self._items[n].kind, self._items[n].item_id, round(scores[n], 3)) for n in ranked]
        if not ranked:
            return matches, 0.0, False
        named = not self._anchors[ranked[0]].isdisjoint(query)
        return matches, covered[ranked[0]] / mass, named

    def find(self, text: str) -> PartResult:
        """The items answering ``text``, best first, and how sure the bot may be."""
        matches, coverage, named = self.rank(text)
        if matches and named and matches[0].score >= CLEAR_SCORE and coverage >= CLEAR_COVERAGE:
            best = matches[0].score
            shown = [match for match in matches[:MOST_CANDIDATES] if match.score >= ALSO_SHOWN * best]
            return PartResult(text, Confidence.CLEAR, shown)
        if matches and matches[0].score >= WEAK_SCORE:
            return PartResult(text, Confidence.WEAK, matches[:MOST_CANDIDATES])
        return PartResult(text, Confidence.NONE, [])
