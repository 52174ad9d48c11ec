"""Typed text as plain words: how young people write on a phone, turned into one spelling per word.

Both readers of what young people type start here: the risk check (``content.risk``), for which "im gonna
od rn 💊💊" and "I'm going to overdose right now" must read the same, and the search (``content.terms``),
for which "cn i get a grant 4 uni" must meet "grant" and "university". So this lowers the case, turns emoji
that carry meaning into words (💊 "pills", 🔪 "knife", 💀 and 😂 "lol"), spells "he's" and "I'd" out, drops
apostrophes and possessives, squeezes letters typed over and over ("pleeease", "anymoreeee"), and spells
text speak out ("wanna", "rn", "cn"). The risk check adds the words of its own vocabulary ("kms",
"unalive", misspellings of "suicide" and "paracetamol"): ``normalise``.

Pure and fast: a few regular expressions and a dictionary look-up per word.
"""

import re
from collections.abc import Mapping

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

# Everyday text speak, the same for every council (a council's own slang for what its content is about
# lives in its synonyms.toml). Keys are single words as typed, apostrophes dropped; values may be several.
TEXT_SPEAK = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "yr": "your",
    "r": "are",
    "cn": "can",
    "cud": "could",
    "cld": "could",
    "wud": "would",
    "wat": "what",
    "wot": "what",
    "wht": "what",
    "wen": "when",
    "hw": "how",
    "wer": "where",
    "whr": "where",
    "y": "why",
    "ma": "my",
    "mi": "my",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "ty": "thanks",
    "tho": "though",
    "bc": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "2mora": "tomorrow",
    "tmrw": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "gonna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "dunno": "do not know",
    "idk": "i do not know",
    "abt": "about",
    "bout": "about",
    "wiv": "with",
    "w": "with",
    "av": "have",
    "hav": "have",
    "ave": "have",
    "nd": "and",
    "n": "and",
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "havent": "have not",
    "hasnt": "has not",
    "aint": "is not",
    "whats": "what is",
    "wheres": "where is",
    "whens": "when is",
    "hows": "how is",
    "whos": "who is",
    "thats": "that is",
    "theres": "there is",
    "ppl": "people",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "no1": "no one",
    "smth": "something",
    "sumthin": "something",
    "summat": "something",
    "owt": "anything",
    "nowt": "nothing",
    "msg": "message",
    "txt": "text",
    "fone": "phone",
    "num": "number",
    "ok": "okay",
    "k": "okay",
    "kk": "okay",
    "wana": "want to",
    "wnna": "want to",
    "wanted2": "wanted to",
    "want2": "want to",
    "gna": "going to",
    "finna": "going to",
    "gonan": "going to",
    "goin": "going",
    "tonights": "tonight is",
    "its": "it is",
    "thinkin": "thinking",
    "doin": "doing",
    "endin": "ending",
    "killin": "killing",
    "livin": "living",
    "dyin": "dying",
    "cryin": "crying",
    "feelin": "feeling",
    "tryin": "trying",
    "takin": "taking",
    "leavin": "leaving",
    "gettin": "getting",
    "comin": "coming",
    "lookin": "looking",
    "sayin": "saying",
    "tryna": "trying to",
    "trynna": "trying to",
    "hafta": "have to",
    "iv": "i have",
    "dnt": "do not",
    "didn": "did not",
    "cnt": "can not",
    "carnt": "can not",
    "cudnt": "could not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "wasnt": "was not",
    "shouldnt": "should not",
    "hes": "he is",
    "theyll": "they will",
    "youll": "you will",
    "ull": "you will",
    "itll": "it will",
    "dno": "do not know",
    "wudnt": "would not",
    "wouldn": "would not",
    "havnt": "have not",
    "shes": "she is",
    "theyre": "they are",
    "theyve": "they have",
    "wats": "what is",
    "youre": "you are",
    "rn": "right now",
    "atm": "right now",
    "wit": "with",
    "every1": "everyone",
    "evry1": "everyone",
    "someon": "someone",
    "noone": "nobody",
    "bcoz": "because",
    "becuz": "because",
    "cause": "because",
    "thru": "through",
    "nite": "night",
    "2night": "tonight",
    "tnite": "tonight",
    "tonyt": "tonight",
    "tday": "today",
    "tmr": "tomorrow",
    "anymore": "any more",
    "nomore": "no more",
    "alot": "a lot",
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
    "nothin": "nothing",
    "somethin": "something",
    "evrything": "everything",
    "everythin": "everything",
    "anythin": "anything",
    "anywere": "anywhere",
    "somewere": "somewhere",
    "lyk": "like",
    "luv": "love",
    "lmao": "lol",
    "lmfao": "lol",
    "haha": "lol",
    "hahaha": "lol",
    "ahaha": "lol",
    "jk": "lol",
}

# Regional and street words young people in England use (North East, Liverpool, Birmingham, London,
# Manchester, Yorkshire), in plain English.
DIALECT = {
    "divvent": "do not",
    "divvint": "do not",
    "dinnae": "do not",
    "gannin": "going",
    "ganna": "going to",
    "gan": "go",
    "gans": "goes",
    "neet": "night",
    "nee": "no",
    "hyem": "home",
    "hoose": "house",
    "propa": "proper",
    "aboot": "about",
    "aal": "all",
    "deed": "dead",
    "gadgie": "man",
    "bairn": "baby",
    "bizzies": "police",
    "bizzie": "police",
    "feds": "police",
    "bevvied": "drunk",
    "mortal": "drunk",
    "brays": "beats",
    "brayed": "beat",
    "brayin": "beating",
    "braying": "beating",
    "leathering": "beating",
    "leathered": "beat",
    "soz": "sorry",
    "mithering": "bothering",
    "mandem": "friends",
    "bruv": "mate",
    "bare": "loads of",
    "yard": "home",
    "opps": "enemies",
    "shank": "knife",
    "strap": "gun",
    "gully": "alley",
    "fella": "boyfriend",
    "reet": "right",
    "wagwan": "hello",
    "bezzy": "best friend",
    "bestie": "best friend",
    "olders": "older lads",
    "elders": "older lads",
    "awol": "missing",
}

# The risk check's own vocabulary: slang and misspellings that matter for safety, spelled one way.
RISK_WORDS = {
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
    "overdoesed": "overdosed",
    "overdossed": "overdosed",
    "ovrdosed": "overdosed",
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
    "nowere": "nowhere",
    "nowher": "nowhere",
    "nowear": "nowhere",
    "newhere": "nowhere",
    "placment": "placement",
    "plasement": "placement",
    "batterd": "battered",
    "leathered": "battered",
    "leather": "batter",
    "ded": "dead",
}
TEXT_SPEAK.update(DIALECT)
RISK_SPELLING = {**TEXT_SPEAK, **RISK_WORDS}

# Slang of two words or more, said as one thing.
PHRASES = {
    "sewer slide": "suicide",
    "sewer side": "suicide",
    "un alive": "kill",
    "self-harm": "self harm",
    "the neet": "tonight",
    "me ma": "my mum",
    "me mam": "my mum",
    "me da": "my dad",
    "me das": "my dad is",
    "arl fella": "dad",
    "dallas thoughts": "suicidal thoughts",
    "wanna dye": "want to die",
    "want to dye": "want to die",
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

_PHRASES = re.compile(
    r"\b(?:" + "|".join(re.escape(phrase) for phrase in PHRASES) + r")\b(?! (?:my|your|her|his|it|the)\b)"
)
# "me mam", "me phone": in the North and Liverpool "me" before a thing is "my".
_ME_AS_MY = re.compile(
    r"\bme (?=(?:dad|mum|mam|boyfriend|bird|lass|lad|phone|room|flat|house|head|heads|arm|arms|leg|legs|"
    r"mate|mates|sister|brother|nan|bill|bills|money|card|pa|bf|gf|sim|pic|pics|life|own|kid|kids|baby|"
    r"family|carer|carers|foster|placement|key|worker|uncle|aunty|cousin)\b)"
)
_IS = re.compile(r"\b(he|she|it|that|what|there|who|where|when|how)['’]s\b")
_WOULD = re.compile(r"\b(i|you|we|they|he|she)['’]d\b")
_WILL = re.compile(r"\b(i|you|we|they|he|she|it|that|there)['’]ll\b")
_POSSESSIVE = re.compile(r"['’]s\b")
_APOSTROPHES = re.compile(r"['’‘`´]")
_STRETCH = re.compile(r"(\w)\1{2,}")
_DOUBLES = re.compile(r"(\w)\1+")
_NOT_WORD = re.compile(r"[^a-z0-9£]+")
_HAHA = re.compile(r"^(?:a?h+a+)+h?$")


def plain_words(text: str, spelling: Mapping[str, str] = TEXT_SPEAK) -> list[str]:
    """Lower-case words, one spelling each (``spelling``: what is typed, and what it means)."""
    lowered = text.lower()
    for emoji, words in EMOJI_WORDS.items():
        if emoji in lowered:
            lowered = lowered.replace(emoji, words)
    lowered = _WILL.sub(r"\1 will", _WOULD.sub(r"\1 would", _IS.sub(r"\1 is", lowered)))
    lowered = _APOSTROPHES.sub("", _POSSESSIVE.sub("", lowered))
    lowered = _PHRASES.sub(lambda found: PHRASES[found.group()], lowered)
    lowered = _ME_AS_MY.sub("my ", lowered)
    words: list[str] = []
    for word in _NOT_WORD.sub(" ", lowered).split():
        if _HAHA.match(word):
            words.append("lol")
            continue
        typed = word if word in spelling else _unstretch(word, spelling)
        words.extend(spelling.get(typed, typed).split())
    return words


def normalise(text: str) -> str:
    """The risk check's plain words, separated by single spaces."""
    return " ".join(plain_words(text, RISK_SPELLING))


def _unstretch(word: str, spelling: Mapping[str, str]) -> str:
    """ "anymoreeee" is "anymore", "soooo" is "so"; other letters typed three times or more become two."""
    if not _STRETCH.search(word):
        return word
    single = _DOUBLES.sub(r"\1", word)
    if single in spelling or single in STRETCHED:
        return single
    return _STRETCH.sub(r"\1\1", word)
