"""Does a message say someone is in danger, and how soon? A pure function, measured on labelled messages.

``assess(text)`` reads a message the way a duty worker would, in four steps:

1. **Plain words.** ``content.normalise`` spells text speak, slang and emoji one way ("im gonna od rn 💊"
   is "i am going to overdose right now pills").
2. **Clauses.** The message is cut at full stops, new lines and words like "but", so "my mate self harms,
   how do I help her" is two clauses and "her" is not read as "me".
3. **Phrase families** (``content.risk_phrases``), each with a tier: *danger now*, *risk*, *worry*. Before
   matching, everyday idioms are taken out ("this bill is killing me", "dying for a brew", "dead bored",
   "im dead 💀"). A match is then set aside when its clause is about a film, a lesson or the news ("we
   watched a film about suicide in pshe"), is negated ("I would never hurt myself"), or asks about a
   service in the abstract ("what if I become homeless?"). A self-harm or suicide match in a clause about
   someone else ("my gf said she wants to die") makes the message a friend's worry: help for a friend, no
   alert about the sender.
4. **How soon.** Suicidal thoughts or self-harm together with "tonight", "right now", means at hand or a
   goodbye are danger now.

A miss can cost a life and a false alarm costs a young person a frightening screen, so both directions are
measured (``python -m bench.understanding``) on labelled messages kept apart from this code.
"""

import re
from dataclasses import dataclass
from functools import cache

from content.normalise import normalise
from content.risk_phrases import FAMILIES, PIECES, Family, Tier
from content.schema import Risk

_TIER_ORDER = (Tier.DANGER, Tier.RISK, Tier.FRIEND, Tier.WORRY, Tier.NONE)


@dataclass(frozen=True)
class Assessment:
    """What a message shows. ``risk`` chooses the crisis lines (None for worry and none); ``kind`` names
    the phrase family that decided it (for tests and counts: never the words)."""

    tier: Tier
    risk: Risk | None = None
    kind: str | None = None

    @property
    def is_crisis(self) -> bool:
        """Danger now or risk: crisis lines first, and a person is told."""
        return self.tier in (Tier.DANGER, Tier.RISK)


NOTHING = Assessment(Tier.NONE)

# Idioms and everyday uses of risk words, removed before the families are matched.
_TRIVIAL = (
    r"(?:bus|train|queue|wifi|teacher|homework|exam|lesson|shift|boss|teammates|team|game|jeans|coke|"
    r"traffic|lecture|essay|assignment|alarm|spilled|spilt|burnt my toast|cringe|embarrassing|"
    r"mins late|minutes late|hangover|hungover|monday|mondays)"
)
_IDIOMS = [
    # Hyperbole: "kms this bus is 40 mins late", "i wanna die 😂".
    r"\b(?:kill myself|want to die|i am going to die|i could die|die)\b(?= {W}{W}(?:lol|" + _TRIVIAL + r"))",
    r"\blol (?:\w+ ){0,3}(?:kill myself|want to die|die)\b",
    r"\b" + _TRIVIAL + r" (?:\w+ ){0,4}?(?:i )?(?:want to |going to )?(?:kill myself|die)\b",
    r"\b(?:this|that|it|work|school|college|uni|the|my|these|those|your|his|her) {W}(?:is|are|was|were)? "
    r"?(?:killing|killed|kills) (?:me|my|us)\b(?! (?:with (?:a|his|her) (?:knife|hands|fists)|slowly and))",
    r"\b(?:killing|killed|kill|smashing|smashed|smash|nailed|nailing|ace|aced) it\b",
    r"\b(?:dying|dyin|die|dead|desperate) (?:for|to) (?:a|an|some|my|go|see|get|try|have|know|tell|hear|meet|"
    r"watch|eat|drink|the|it|this|that)\b",
    r"\bto die for\b",
    r"\b(?:i am|i was|i will be|i nearly|nearly|almost|i almost|literally) {W}(?:dead|died|dying|die|dies)"
    r"\b {W}(?:lol|laughing|of laughter|of embarrassment|of shame|when i saw|of boredom)",
    r"\b(?:dead|died|dying) (?:laughing|of laughter|of embarrassment|of shame|of boredom)\b",
    r"\bi am dead\b(?= {W}lol|$)",
    r"\blol {W}(?:i am|im) dead\b",
    r"\bdead (?:bored|tired|funny|good|nice|hard|easy|jealous|excited|serious|busy|cold|hot|sure|"
    r"proud|happy|nervous|lucky|quiet|loud|slow|fast|late|early|annoying|expensive|cheap|posh|sound|"
    r"chuffed|gutted|keen|close|on time|right|end)\b",
    r"\b(?:bored|scared|sick|worried|freezing|frozen) to death\b",
    r"\bsick to death of\b",
    r"\bover my dead body\b",
    r"\b(?:i could|could) (?:murder|kill|die for) (?:a|an|some|for)\b",
    r"\b(?:phone|battery|laptop|charger|car|tv|telly|console|xbox|ps5|controller|plant|plants|fish|"
    r"headphones|airpods|meter|wifi|internet) {W}(?:is|has|just|went|keeps)? ?(?:died|dead|dying|dies)\b",
    r"\b(?:died|dead|dying) (?:phone|battery)\b",
    r"\b(?:cut|cutting|cuts) (?:my |me |his |her )?(?:hair|fringe|nails|finger|thumb|hand) "
    r"(?:cooking|chopping|on|with a|by accident|opening)\b",
    r"\bcut (?:off|down|back|out|short|corners|ties|class|school|college)\b",
    r"\b(?:hair ?cut|paper cut|job cuts|benefit cuts|power cut|cuts to)\b",
    r"\b(?:selling|sell|sold) (?:my|some|old) (?:clothes|stuff|trainers|phone|ps5|xbox|bike|things)\b",
    r"\b(?:killed|kill|killing|died|die|dying|shot|stabbed) (?:so many times|in (?:the )?game|in fortnite|"
    r"in cod|in warzone|in minecraft|in gta|in roblox)\b",
    r"\b(?:fortnite|warzone|gta|call of duty|cod|minecraft|roblox|fifa|valorant|apex) {W}"
    r"(?:killed|kill|killing|died|die|dying|shot|stab|stabbed)\b",
    r"\b(?:kill|killed|killing) (?:time|the vibe|the mood|the battery|my battery|my data|my buzz)\b",
    r"\b(?:my|the) (?:feet|head|back|legs|belly|stomach|tooth|teeth|ears) (?:are |is )?(?:killing|"
    r"hurting) me\b",
    r"\bsuicide (?:squad|doors|run|runs|sprints|burpees|drills)\b",
    r"\bdying (?:my|me|her|his) hair\b",
    r"\b(?:dyed|dye|dying) (?:it|my hair)\b",
    r"\b(?:went|go|gone|going) missing (?:in|from) (?:the|my) (?:wash|post|drawer|bag|room|house)\b",
    r"\b(?:my|the|our|his|her) (?:cat|dog|keys|phone|wallet|purse|card|parcel|letter|bag|money|cash|"
    r"charger|post|sock|socks|shoe|bike|stuff|benefits|payment|hamster|rabbit) {W}(?:is|are|has|have|"
    r"went|gone)? ?(?:gone )?missing\b",
    r"\b(?:i am )?missing (?:my|you|home|him|her|them|the|out|a|an|college|school|class|lessons?|work|"
    r"it|people|friends|family|mum|dad|someone|that|lunch|tea|dinner|breakfast|my bus|the bus)\b",
    r"\b(?:run|ran|running) out of (?:money|food|gas|electric|credit|data|time|milk|bread|battery|"
    r"pills|meds|my meds|my pills|my medication|patience|ideas)\b",
    r"\b(?:ran|run|running) (?:late|away with (?:it|the money)|off (?:with|to) (?:the|a) (?:shop|bus|"
    r"toilet|loo))\b",
    r"\b(?:overdosed|overdose|od) (?:on|with) (?:sugar|chocolate|caffeine|coffee|red bull|monster|"
    r"energy drinks|sweets|haribo|netflix|tiktok|carbs|pizza|cake|easter eggs)\b",
    r"\bunarranged overdraft\b|\boverdrawn\b|\boverdraft\b",
    r"\b(?:gonna|going to|will|i will|she will|he will|they will|mum will|my mum will|my dad will) "
    r"(?:kill|murder) me (?:if|when|for)\b(?! {W}(?:i tell|i leave|i talk|i go to (?:the )?police|"
    r"i say))",
    r"\b(?:kicked|thrown|chucked|booted) out of (?:the )?(?:group chat|chat|game|lobby|class|lesson|"
    r"college|school|uni|sixth form|the club|club|pub|shop|cinema|library|gym|team|course|lecture)\b",
    r"\b(?:hit|hits) (?:me )?up\b",
    r"\bhit me back\b",
    r"\b(?:bullet|dodged a bullet|shoot me a (?:message|text|dm))\b",
    r"\b(?:attack|attacks) on titan\b",
    r"\b(?:hang|hanging|hung) (?:out|about|around|up|on|my washing|the washing|washing|pictures|a picture|"
    r"curtains|a shelf|up on)\b",
    r"\bhang on\b",
    r"\bend(?:ing|ed)? (?:it|things) (?:with|w) (?:him|her|them|my \w+|\w+)\b",
    r"\bend it\b(?= (?:but|because) (?:he|she|they) )",
    r"\b(?:die|dying) in a hole\b",
    r"\b(?:kicked|thrown|chucked|booted) off (?:uc|universal credit|benefits|my course|the course|"
    r"the team|the bus)\b",
    r"\b(?:legged it|gone missing|went missing|been missing|is missing)\b(?=.{0,40}\b(?:dog|cat|pet|hamster|"
    r"rabbit|parcel|keys)\b)",
    r"\b(?:dog|cat|pet|hamster|rabbit|puppy|kitten)\b.{0,40}\b(?:legged it|missing|ran away|run away|"
    r"ran off)\b",
    r"\bcrying\b.{0,20}\b(?:can not|cant) breathe\b",
    r"\b(?:asked|asks|asking) (?:me )?(?:if|whether) i (?:have )?(?:ever )?(?:thought about|felt like|"
    r"want to|"
    r"wanted to) (?:killing myself|suicide|dying|hurting myself|kill myself)\b",
    r"\bblows? my mind\b",
    r"\bjump (?:in|on) (?:the )?(?:shower|bus|train|call|zoom|teams)\b",
    r"\b(?:panic|panicking) (?:buying|bought)\b",
    r"\bend of (?:the )?(?:day|week|month|year|term)\b",
    r"\bend (?:up|the call|my contract|my tenancy|my phone contract|my gym)\b",
]

# A clause about a film, a lesson, the news, a book or a game is not about the sender.
_MEDIA = re.compile(
    r"\b(?:film|films|movie|movies|show|shows|series|episode|episodes|book|books|novel|song|songs|lyrics|"
    r"lesson|lessons|pshe|class|assembly|documentary|doc|news|article|video|videos|tiktok|youtube|essay|"
    r"homework|assignment|project|poem|podcast|presentation|training|course|module|lecture|play|drama|"
    r"character|characters|season|storyline|trailer|13 reasons why|thirteen reasons why|anime|manga|"
    r"netflix|soap|eastenders|corrie|coronation street|hollyoaks|emmerdale|dissertation|research|euphoria|"
    r"learned about|learnt about|learning about|health and social care|sources|line of duty)\b"
)
# Asking what a thing is, or about it in general: "what is self harm", "whats county lines".
_ABOUT_TOPIC = re.compile(
    r"^(?:what is|what are|whats|why do|why does|how common|is it|are there|facts|statistics|stats|define|"
    r"meaning of|how many people|do people|why do people|how do people|what does|what do you call|how long|"
    r"how many|how much|can you|can u|can people|is it normal|what happens if|what happens when)\b"
)
# Words naming someone other than the sender, as the subject of what follows.
_OTHER_PERSON = re.compile(
    r"\b(?:he|she|they|herself|himself|themselves|he is|she is|they are|"
    r"my (?:mate|mates|friend|friends|bestie|best friend|best mate|bsf|boyfriend|girlfriend|partner|sister|"
    r"brother|cousin|flatmate|housemate|mum|dad|nan|grandad|aunt|auntie|uncle|son|daughter|baby|kid|kids|"
    r"ex|little brother|little sister|big brother|big sister|step brother|step sister|stepbrother|"
    r"stepsister|pal|roommate|classmate|neighbour|foster sister|foster brother)|"
    r"a (?:mate|friend)|someone i know|someone who|somebody who|a girl|a boy|a lad|this girl|this boy|"
    r"people who|young people|the lad|the girl|girls|boys|lads|kids|people in my|my mates|his mates)\b"
)
_SELF = re.compile(r"\b(?:i|me|myself|my self)\b")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|us)\b")
_OTHER_IN_MATCH = re.compile(
    r"\b(?:herself|himself|themselves|wants|harms|does|(?:her|his|their) (?:cuts|scars|arms|wrists|legs))\b"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|would not|will not|do not|did not|stopped|have not|nothing about)"
    r"(?! stop)(?: \w+){0,2}$"
)
# Said of what might happen, close before the words: "what happens if I go missing", "scared he will kick
# me out if I complain".
_HYPOTHETICAL = re.compile(
    r"\b(?:if|what if|what happens|in case|when i turn|one day|ever|might|will|if ever|worried|scared|afraid|"
    r"what help|help if|can i get|how do i|will i|do i|after)\b(?: \w+){0,5}$"
)
_NOW = re.compile(
    r"\b(?:now(?! (?:this|that|he|she|they|it|i|my|and|the|you|we|is|are|im))|right now|tonight|"
    r"this minute|this second|as we speak|before morning|before tomorrow|"
    r"goodbye|last message|final message|this is it|in a minute|about to|when everyone is asleep|"
    r"for real|not joking|this time|decided|ready)\b"
)
_MEANS = re.compile(
    r"\b(?:i have|i got|have got|got|bought|saved|saved up|holding|in my hand|stockpiled|collected) "
    r"(?:\w+ ){0,3}(?:pills|paracetamol|rope|knife|blade|blades|razor|gun|belt|noose|bleach)\b"
)
_ENDING_WITH_SOMEONE = re.compile(
    r"\b(?:end|ending) it\b(?=[ ,]+but (?:he|she|they)(?:s|['’]s)?\b)", re.IGNORECASE
)
_CLAUSE_BREAKS = re.compile(r"[.,!?;:\n]+|\s(?:but|however|although|though|whereas)\s", re.IGNORECASE)
# Bare topic words: in a lesson, a film or a general question they are not about the sender.
_TOPIC_KINDS = frozenset({"self_harm", "suicidal_thoughts", "overdose", "exploitation", "abuse"})
_SUICIDE_KINDS = frozenset({"suicidal_thoughts", "passive_wish"})
_THIRD_PERSON = frozenset({"her", "him", "them", "his", "their", "herself", "himself", "themselves"})
# The message owns up to what a general-sounding question is about: "asking cos i do", "its me btw".
_DISCLOSED = re.compile(
    r"\basking (?:because|as|for me) i (?:do|did|have|am)\b|\b(?:it is|its) me btw\b|\bthat is me now\b|"
    r"\b(?:the )?friend is me\b|\bi am asking for me\b"
)
_URGENT_HARM = re.compile(
    r"\b(?:right now|just now|do not know how to stop|bleeding|blood|deep|stitches|a e|gaping|"
    r"will not stop)\b"
)
_HURT_NOW = re.compile(
    r"\b(?:right now|bleeding|blood|pouring|can not get up|help me|please help|hiding|still here|"
    r"on his way|on their way|outside my)\b"
)


def _expand(pattern: str) -> str:
    for name, piece in PIECES.items():
        pattern = pattern.replace("{" + name + "}", piece)
    return pattern


@cache
def _compiled() -> tuple[tuple[Family, tuple[re.Pattern[str], ...], re.Pattern[str] | None], ...]:
    return tuple(
        (
            family,
            tuple(re.compile(_expand(p)) for p in family.patterns),
            re.compile(family.unless) if family.unless else None,
        )
        for family in sorted(FAMILIES, key=lambda family: _TIER_ORDER.index(family.tier))
    )


@cache
def _idioms() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_expand(idiom)})" for idiom in _IDIOMS))


def clauses(text: str) -> list[str]:
    """The message cut into clauses, each as plain words; empty clauses dropped. "end it but he's lovely"
    is a relationship ending, which cutting at "but" would hide, so it is read as one first."""
    text = _ENDING_WITH_SOMEONE.sub("split up", text)
    return [plain for part in _CLAUSE_BREAKS.split(text) if (plain := normalise(part))]


# Words that say it only when read together across a full stop or a comma.
_ACROSS_CLAUSES = tuple(
    (re.compile(pattern), Assessment(tier, risk, kind))
    for pattern, tier, risk, kind in (
        (r"\blife\b.{0,40}\bnot worth it\b", Tier.RISK, Risk.SUICIDE_OR_SELF_HARM, "passive_wish"),
        (
            r"\bhow long does \w+ take\b.{0,60}\b(?:i did|i have|i took)\b",
            Tier.DANGER,
            Risk.SUICIDE_OR_SELF_HARM,
            "overdose",
        ),
        (
            r"\b(?:toilets|bathroom|loo)\b.{0,40}\bdoing it again\b",
            Tier.DANGER,
            Risk.SUICIDE_OR_SELF_HARM,
            "self_harm",
        ),
        (
            r"\b(?:because|cos) i have (?:left|run off|run away|gone)\b",
            Tier.RISK,
            Risk.MISSING_OR_UNSAFE_HOME,
            "missing",
        ),
    )
)


def _negated_or_hypothetical(family: Family, before: str, disclosed: bool) -> bool:
    """ "I would never hurt myself"; "what happens if I go missing?" (unless the message owns up to it)."""
    if family.negatable and _NEGATION.search(before):
        return True
    return bool(family.hypothetical_ok and not disclosed and _HYPOTHETICAL.search(before))


def _bare_topic(family: Family, match: re.Match[str], before: str) -> bool:
    return (
        family.kind in _TOPIC_KINDS and not _FIRST_PERSON.search(match.group()) and not _SELF.search(before)
    )


def _in_a_story(family: Family, clause: str, match: re.Match[str], before: str) -> bool:
    """A bare topic ("self harm", "county lines") in a lesson, a film, a book or the news."""
    return _bare_topic(family, match, before) and bool(_MEDIA.search(clause))


def _just_a_topic(family: Family, clause: str, match: re.Match[str], before: str) -> bool:
    """A bare topic asked about in general: "what is cuckooing", "can you overdose on ..."."""
    return _bare_topic(family, match, before) and bool(_ABOUT_TOPIC.match(clause))


def _about_someone_else(clause: str, match: re.Match[str]) -> bool | None:
    """Whom the words are about: who they name as hurt ("hitting her"), else the nearest person named
    before them ("my mate self harms" is the mate; "my mum kicked me out" and "want to die" are the
    sender). None when the words name nobody and nobody is named before them."""
    victim = match.groupdict().get("victim")
    if victim:
        return victim in _THIRD_PERSON
    said = match.group()
    if _OTHER_IN_MATCH.search(said):
        return True
    if _FIRST_PERSON.search(said):
        return False
    before = clause[: match.start()]
    last_self = max((found.end() for found in _SELF.finditer(before)), default=-1)
    last_other = max((found.end() for found in _OTHER_PERSON.finditer(before)), default=-1)
    if last_self == last_other == -1:
        return None
    return last_other > last_self


def _assess_clause(said: str, *, disclosed: bool) -> Assessment:
    """The most urgent tier one clause shows. ``disclosed``: the message owns up ("asking cos I do"), so a
    question in general is about the sender."""
    clause = _idioms().sub(" ", said)
    found = NOTHING
    for family, patterns, unless in _compiled():
        if _TIER_ORDER.index(family.tier) >= _TIER_ORDER.index(found.tier):
            break
        if unless is not None and unless.search(said):
            continue
        for match in (match for pattern in patterns for match in pattern.finditer(clause)):
            before = clause[: match.start()].rstrip()
            if _negated_or_hypothetical(family, before, disclosed):
                continue
            if not disclosed and _in_a_story(family, clause, match, before):
                continue
            someone_else = not disclosed and _about_someone_else(clause, match)
            if someone_else and (family.self_only or match.groupdict().get("victim")):
                if family.risk is not None and _TIER_ORDER.index(Tier.FRIEND) < _TIER_ORDER.index(found.tier):
                    found = Assessment(Tier.FRIEND, family.risk, family.kind)
                continue
            if not disclosed and _just_a_topic(family, clause, match, before):
                continue
            return Assessment(family.tier, family.risk, family.kind)
    return found


def assess(text: str) -> Assessment:
    """The most urgent thing the message shows, for the sender; ``NOTHING`` when it shows none."""
    parts = clauses(text)
    whole = " | ".join(parts)
    disclosed = bool(_DISCLOSED.search(whole))
    found = NOTHING
    for clause in parts:
        this = _assess_clause(clause, disclosed=disclosed)
        if _TIER_ORDER.index(this.tier) < _TIER_ORDER.index(found.tier):
            found = this
    if found.tier is Tier.NONE:
        for pattern, across in _ACROSS_CLAUSES:
            if pattern.search(whole):
                found = across
                break
    if found.tier is Tier.RISK and _more_urgent(found, whole):
        return Assessment(Tier.DANGER, found.risk, found.kind)
    return found


def _more_urgent(found: Assessment, whole: str) -> bool:
    """Risk that the rest of the message makes danger now: suicidal thoughts with "tonight" or the means
    at hand; self-harm that is bleeding or can't stop; being hurt right now."""
    if found.kind in _SUICIDE_KINDS:
        return bool(_NOW.search(whole) or _MEANS.search(whole))
    if found.kind == "self_harm":
        return bool(_URGENT_HARM.search(whole))
    if found.risk is Risk.HURT_OR_UNSAFE and found.kind != "exploitation":
        return bool(_HURT_NOW.search(whole))
    return False
