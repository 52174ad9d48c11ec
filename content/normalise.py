"""Typed text as plain words: how young people write on a phone, turned into one spelling per word.

"im gonna od rn 💊💊" and "I'm going to overdose right now" must read the same to the risk check, so this
lowers the case, drops apostrophes, squeezes letters typed three or more times ("pleeease"), spells out
text speak and slang ("wanna", "rn", "kms", "unalive"), fixes the misspellings that matter most
("suicidle", "paracetemol") and turns emoji that carry meaning into words (💊 "pills", 🔪 "knife",
💀 and 😂 "lol"). Everything else that is not a letter or a digit becomes a space.

Pure and fast: one pass of a few regular expressions and a dictionary look-up per word.
"""

import re

# Emoji that carry meaning, as the words they stand for. 💀 and 😂 mean laughing ("im dead 💀"), not death.
EMOJI_WORDS = {
    "💊": " pills ",
    "🔪": " knife ",
    "🗡": " knife ",
    "🩸": " blood ",
    "🔫": " gun ",
    "🪢": " rope ",
    "⚰": " coffin ",
    "🪦": " grave ",
    "💀": " lol ",
    "😂": " lol ",
    "🤣": " lol ",
    "😹": " lol ",
    "💔": " heartbroken ",
}

# One spelling per word. Keys are single words as typed (after apostrophes are dropped); values may be
# several words.
WORDS = {
    # Text speak.
    "wanna": "want to",
    "wana": "want to",
    "wnna": "want to",
    "wanted2": "wanted to",
    "want2": "want to",
    "gonna": "going to",
    "gunna": "going to",
    "gna": "going to",
    "finna": "going to",
    "gonan": "going to",
    "goin": "going",
    "tonights": "tonight is",
    "its": "it is",
    "thinkin": "thinking",
    "tryna": "trying to",
    "trynna": "trying to",
    "gotta": "got to",
    "hafta": "have to",
    "im": "i am",
    "ive": "i have",
    "iv": "i have",
    "dont": "do not",
    "dnt": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "didn": "did not",
    "cant": "can not",
    "cnt": "can not",
    "cannot": "can not",
    "carnt": "can not",
    "cudnt": "could not",
    "couldnt": "could not",
    "wont": "will not",
    "wouldnt": "would not",
    "isnt": "is not",
    "aint": "is not",
    "wasnt": "was not",
    "havent": "have not",
    "hasnt": "has not",
    "shouldnt": "should not",
    "hes": "he is",
    "theyll": "they will",
    "youll": "you will",
    "ull": "you will",
    "itll": "it will",
    "dunno": "do not know",
    "dno": "do not know",
    "wudnt": "would not",
    "wouldn": "would not",
    "havnt": "have not",
    "shes": "she is",
    "theyre": "they are",
    "theyve": "they have",
    "theres": "there is",
    "thats": "that is",
    "whats": "what is",
    "wats": "what is",
    "wat": "what",
    "wot": "what",
    "u": "you",
    "ya": "you",
    "ur": "your",
    "youre": "you are",
    "r": "are",
    "rn": "right now",
    "atm": "right now",
    "n": "and",
    "nd": "and",
    "w": "with",
    "wiv": "with",
    "wit": "with",
    "ppl": "people",
    "every1": "everyone",
    "evry1": "everyone",
    "sum1": "someone",
    "some1": "someone",
    "someon": "someone",
    "no1": "nobody",
    "noone": "nobody",
    "any1": "anyone",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "bcoz": "because",
    "becuz": "because",
    "cause": "because",
    "tho": "though",
    "thru": "through",
    "nite": "night",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "tnite": "tonight",
    "tonyt": "tonight",
    "2day": "today",
    "tday": "today",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "b4": "before",
    "anymore": "any more",
    "nomore": "no more",
    "alot": "a lot",
    "abt": "about",
    "bout": "about",
    "pls": "please",
    "plz": "please",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "bfs": "boyfriends",
    "m8": "mate",
    "fam": "family",
    "bro": "brother",
    "sis": "sister",
    "mam": "mum",
    "mom": "mum",
    "mummy": "mum",
    "bday": "birthday",
    # Slang and words from the risk vocabulary, spelled one way.
    "kms": "kill myself",
    "kmsl": "lol",
    "kys": "kill yourself",
    "unalive": "kill",
    "unaliving": "killing",
    "unalived": "killed",
    "sewerslide": "suicide",
    "sh": "selfharm",
    "sih": "selfharm",
    "od": "overdose",
    "oding": "overdosing",
    "oded": "overdosed",
    "meself": "myself",
    "mysef": "myself",
    "myslef": "myself",
    "myslf": "myself",
    "mself": "myself",
    "maself": "myself",
    "urself": "yourself",
    "ma": "my",
    "mi": "my",
    "tabs": "pills",
    "tablets": "pills",
    "tablet": "pills",
    "tabets": "pills",
    "pill": "pills",
    "meds": "pills",
    "medication": "pills",
    "paracetemol": "paracetamol",
    "paracetomol": "paracetamol",
    "paracetamols": "paracetamol",
    "parecetamol": "paracetamol",
    "paracetmol": "paracetamol",
    "paras": "paracetamol",
    "ibuprofin": "ibuprofen",
    "suicidle": "suicidal",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suicidel": "suicidal",
    "sucide": "suicide",
    "suiside": "suicide",
    "suicde": "suicide",
    "sucicide": "suicide",
    "killl": "kill",
    "kil": "kill",
    "kiling": "killing",
    "cuting": "cutting",
    "cuttin": "cutting",
    "hurtin": "hurting",
    "hittin": "hitting",
    "beatin": "beating",
    "sleepin": "sleeping",
    "nothin": "nothing",
    "somethin": "something",
    "evrything": "everything",
    "everythin": "everything",
    "anythin": "anything",
    "nowere": "nowhere",
    "nowher": "nowhere",
    "nowear": "nowhere",
    "newhere": "nowhere",
    "anywere": "anywhere",
    "somewere": "somewhere",
    "placment": "placement",
    "plasement": "placement",
    "batterd": "battered",
    "leathered": "battered",
    "leather": "batter",
    "ded": "dead",
    "lyk": "like",
    "luv": "love",
    "lmao": "lol",
    "lmfao": "lol",
    "haha": "lol",
    "hahaha": "lol",
    "ahaha": "lol",
    "jk": "lol",
}

# Words people stretch ("sooo", "pleaseee", "helppp"): read with single letters when stretched.
STRETCHED = frozenset(
    {
        "so",
        "no",
        "please",
        "help",
        "sorry",
        "now",
        "me",
        "hate",
        "scared",
        "alone",
        "tired",
        "done",
        "die",
        "dead",
        "why",
        "omg",
        "ok",
        "yes",
        "hi",
        "hey",
        "bad",
        "sad",
        "mad",
        "bye",
        "anymore",
        "what",
    }
)

# Slang of two words or more, said as one thing.
PHRASES = {
    "sewer slide": "suicide",
    "sewer side": "suicide",
    "un alive": "kill",
    "self-harm": "self harm",
}
_PHRASES = re.compile("|".join(re.escape(phrase) for phrase in PHRASES))

_APOSTROPHES = re.compile(r"['’‘`´]")
_STRETCH = re.compile(r"(\w)\1{2,}")
_DOUBLES = re.compile(r"(\w)\1+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_HAHA = re.compile(r"^(?:a?h+a+)+h?$")


def normalise(text: str) -> str:
    """Plain words, one spelling each, separated by single spaces."""
    lowered = text.lower()
    for emoji, words in EMOJI_WORDS.items():
        if emoji in lowered:
            lowered = lowered.replace(emoji, words)
    lowered = _APOSTROPHES.sub("", lowered)
    lowered = _PHRASES.sub(lambda found: PHRASES[found.group()], lowered)
    words = []
    for word in _NOT_WORD.sub(" ", lowered).split():
        if _HAHA.match(word):
            words.append("lol")
            continue
        words.append(WORDS.get(word) or WORDS.get(_unstretch(word), _unstretch(word)))
    return " ".join(words)


def _unstretch(word: str) -> str:
    """ "anymoreeee" is "anymore", "soooo" is "so"; other letters typed three times or more become two."""
    if not _STRETCH.search(word):
        return word
    single = _DOUBLES.sub(r"\1", word)
    if single in WORDS or single in STRETCHED:
        return single
    return _STRETCH.sub(r"\1\1", word)
