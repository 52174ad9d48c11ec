"""Turning what someone types, and what the content says, into the same search terms.

Questions and content meet only if both go through the same steps: plain words (``content.normalise``:
lower case, apostrophes dropped, letters typed over and over cut down, text speak spelled out), the
council's synonyms applied ("flat" and "home", "leccy" and "electric"), little words dropped ("how", "my",
"the"), and a light stem, so "bills", "moving" and "moved" meet "bill" and "move". The stem is kept light
on purpose: a stronger one would fold "universal" and "university" into one word.
"""

import re

from content.normalise import plain_words

# Words that carry no topic: question words, pronouns, little verbs. Ranking ignores them.
_LITTLE_WORDS = """
    a about above after again all also am an and any anyone anything are as at be because been before being
    but by can could did do does doing done for from get getting give go going got had has have having he
    her here hers him his how i if in into is it its just know let like me might mine more most much must
    my need needs nor not now of on once only or other our over please pretty really
    right same she should so some someone something still such sure than that the their them then there
    these they thing things this those though to too very want was way we were what when where which while
    who whom why will with would yes you your yours yourself okay hi hello hey thanks thank
    able anybody around ask asked asking bit even ever every find got gotten happen happens hear heard
    lot lots may mean means probably regarding said say says see tell telling think trying try wanted
    wondering wonder let lets cheers went go goes come came back new
    hiya hii heya yo oi x xx xxx ta lol mate hun pal guys
"""
STOP_WORDS = frozenset(_LITTLE_WORDS.split())

_VOWELS = set("aeiou")


def _is_consonant(word: str, at: int) -> bool:
    letter = word[at]
    if letter in _VOWELS:
        return False
    return not (letter == "y" and at > 0 and _is_consonant(word, at - 1))


def _ends_consonant_vowel_consonant(word: str) -> bool:
    """Porter's short-syllable test ("mov", "liv", "writ"), for putting back the "e" of "moving"."""
    return (
        len(word) >= 3
        and _is_consonant(word, -3)
        and not _is_consonant(word, -2)
        and _is_consonant(word, -1)
        and word[-1] not in "wxy"
    )


def _syllables_before(word: str) -> int:
    """Porter's measure: how many vowel-then-consonant runs the word has."""
    kinds = "".join("c" if _is_consonant(word, at) else "v" for at in range(len(word)))
    return len(re.findall(r"v+c+", kinds))


def _without_ending(word: str, ending: str) -> str | None:
    base = word[: -len(ending)]
    if len(base) < 3 or not any(letter in _VOWELS for letter in base):
        return None
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" and _is_consonant(base, -1):
        return base[:-1]
    if _syllables_before(base) == 1 and _ends_consonant_vowel_consonant(base):
        return base + "e"
    return base


def stem(word: str) -> str:
    """A light stem: plurals, "-ing" and "-ed" ("bursaries" -> "bursary", "moving" -> "move")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and (base := _without_ending(word, ending)):
            return base
    return word


class Synonyms:
    """A council's "what they type" = "word in the content" list, applied to runs of up to three words."""

    def __init__(self, pairs: dict[str, str]) -> None:
        self._replace: dict[tuple[str, ...], list[str]] = {}
        for typed, meant in pairs.items():
            key = tuple(plain_words(typed))
            if key:
                self._replace[key] = plain_words(meant)
        self._longest = max((len(key) for key in self._replace), default=0)

    def apply(self, words: list[str]) -> list[str]:
        out: list[str] = []
        at = 0
        while at < len(words):
            for length in range(min(self._longest, len(words) - at), 0, -1):
                run = tuple(words[at : at + length])
                meant = self._replace.get(run)
                if meant is None and length == 1:
                    meant = self._replace.get((stem(run[0]),))
                if meant is not None:
                    out.extend(meant)
                    at += length
                    break
            else:
                out.append(words[at])
                at += 1
        return out


# Words that say something only next to another: "no money", "kicked out", "cut off", "own place", "top up".
PAIR_ONLY = frozenset({"no", "out", "off", "own", "up"})
_AMOUNT = re.compile(r"^£?[0-9]+$")


def topic_words(text: str, synonyms: Synonyms) -> list[str]:
    """The stemmed words of ``text`` that say what it is about, in order. Numbers are left out: an age or an
    amount in a question ("im 19", "i owe 90 quid") says nothing about which help it needs."""
    return [
        stem(word)
        for word in synonyms.apply(plain_words(text))
        if word not in STOP_WORDS and not _AMOUNT.match(word)
    ]
