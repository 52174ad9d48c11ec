"""The phrase families the risk check looks for, written over normalised text (``content.normalise``).

Each family names its tier, which crisis lines it needs (``Risk``) and its kind. Patterns are regular
expressions over plain lower-case words with one spelling each: "im", "i'm" and "I M" are all "i am",
"dont" is "do not", "kms" is "kill myself". ``{NAME}`` in a pattern is one of the shared pieces in
``PIECES``.

Families marked ``self_only`` are written without a subject ("want to die", "cutting again"): the check
decides who they are about from the nearest person named before them, so "i want to die", "want to die"
and "she wants to die" each read right. The others name the sender in their own words ("hits me").

Where the words come from: the suicide and self-harm families draw on the clinician-validated Suicide Risk
Lexicon (Low, Rankin, Bentley, Nock and Ghosh, 2024; Apache-2.0; its acute phrases are kept in
``content/lexicon/``, with its attribution and licence); the rest is written from how young people describe
these things to helplines and to each other, and from UK guidance on abuse, exploitation and going missing.
Most of the lexicon's other constructs are context words ("drag", "desperate"), not triggers.
"""

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from content.normalise import normalise
from content.schema import Risk

LEXICON = Path(__file__).parent / "lexicon" / "acute_phrases.json"


class Tier(StrEnum):
    """How the bot answers, most urgent first."""

    DANGER = "danger"  # danger now: crisis lines, 999 first, and a person is told at once
    RISK = "risk"  # the lines for that risk first, and a person is told
    FRIEND = "friend"  # someone else is at risk: help for a friend, nobody is alerted about the sender
    WORRY = "worry"  # distress without a stated risk: a warm "are you safe right now?"
    NONE = "none"


@dataclass(frozen=True)
class Family:
    kind: str
    tier: Tier
    risk: Risk | None
    patterns: tuple[str, ...]
    # Written without a subject: who it is about is read from the words before it. About someone else,
    # a danger or risk family makes the message a friend's worry; a worry family is then no one's.
    self_only: bool = True
    # Hypothetical questions about services ("what if I become homeless?") are not a crisis.
    hypothetical_ok: bool = False
    # A "not" or "never" just before the match sets it aside ("I would never hurt myself"). Families whose
    # own words carry the negation ("I don't want to be here") are not negatable.
    negatable: bool = True
    # Words that, anywhere in the clause, show an everyday meaning ("took all my tablets, like the doctor
    # said").
    unless: str = ""


SUICIDE, HURT, SLEEP, MISSING = (
    Risk.SUICIDE_OR_SELF_HARM,
    Risk.HURT_OR_UNSAFE,
    Risk.NOWHERE_TO_SLEEP,
    Risk.MISSING_OR_UNSAFE_HOME,
)

PIECES = {
    # A few words of anything, lazily: "i (really just) want to die".
    "W": r"(?:\w+ ){0,3}?",
    "PILLS": (
        r"(?:pills|paracetamol|ibuprofen|aspirin|sleeping pills|antidepressants|sertraline|fluoxetine|"
        r"citalopram|codeine|co codamol|cocodamol|tramadol|diazepam|insulin|painkillers|pain killers|"
        r"my prescription|bleach|anti freeze|antifreeze)"
    ),
    "LOTS": (
        r"(?:loads of|load of|a load of|lots of|a lot of|all of|all|all the|all my|too many|a bunch of|"
        r"a handful of|handful of|the whole|a whole|whole|a full|a box of|a packet of|a pack of|boxes of|"
        r"packets of|a bottle of|a strip of|\d{2,}|[5-9]|twenty|thirty|forty|fifty|loads|a lot|a bunch|"
        r"some)"
    ),
    "TOOK": (
        r"(?:took|taken|take|have taken|swallowed|necked|downed|had|just had|ate|eaten|drank|drunk|"
        r"popped|done)"
    ),
    "PERSON": (
        r"(?:he|she|they|them|him|her|someone|somebody|people|staff|"
        r"(?:(?:my|his|her|their|the|some|a|an|this|these|that|our) )?(?:\w+s )?(?:older )?"
        r"(?:dad|mum|mam|stepdad|stepmum|step dad|step mum|brother|sister|uncle|aunt|aunty|auntie|nan|"
        r"grandad|cousin|son|daughter|carer|carers|foster dad|foster mum|foster carer|foster carers|"
        r"boyfriend|girlfriend|partner|ex|mate|mates|friend|friends|landlord|flatmate|housemate|"
        r"neighbour|manager|boss|teacher|worker|staff|dealer|lads|lad|boys|girls|men|man|guy|guys|bloke|"
        r"blokes|kids|gang|people at the hostel|people at school|elders|olders))"
    ),
    "HURT_VERB": (
        r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch|punches|punched|punching|kick|kicks|kicked|"
        r"kicking|slap|slaps|slapped|slapping|smack|smacks|smacked|smacking|strangle|strangles|strangled|"
        r"strangling|choke|chokes|choked|choking|push|pushes|pushed|shove|shoved|hurt|hurts|hurting|"
        r"batter|battered|battering|attack|attacked|attacks|attacking|bite|bit|burn|burnt|burned|grab|"
        r"grabbed|threw|throws|headbutt|headbutted|stab|stabbed|abuse|abuses|abused|abusing|rape|raped|"
        r"raping|assault|assaulted|threaten|threatens|threatened|threatening|spat at|pinned|slammed)"
    ),
    "WEAPON": r"(?:knife|shank|blade|machete|bat|gun|strap|weapon|hammer|screwdriver)",
    "SLEEP_PLACE": (
        r"(?:bus station|train station|station|park|parks|street|streets|stairwell|stair well|car|doorway|"
        r"door way|bench|tent|field|woods|garage|shed|underpass|multi storey|car park|hospital|"
        r"mcdonalds|subway|phone box|bin shed|bus shelter|a floor|someones floor|a stairwell)"
    ),
    "HOME": (
        r"(?:home|house|flat|placement|hostel|carers|foster carers|foster|supported housing|supported "
        r"accommodation|care home|unit|mums|dads|nans)"
    ),
}

_ABUSE_AFTER = (
    r"(?! (?:up (?:later|tomorrow|on|if|when|after)|back\b|off\b|out\b|with (?:a|the) (?:ball|bill)|"
    r"to the|about (?:the|my) (?:bill|rent|college)|that))"
)

FAMILIES: tuple[Family, ...] = (
    # Danger now: a plan or means for now, an overdose taken, being hurt or threatened now, unsafe now.
    Family(
        "overdose",
        Tier.DANGER,
        SUICIDE,
        (
            r"\b{TOOK} {W}{LOTS} {W}(?:of )?(?:my |me |the |them |his |her |my mates |all my mates )?{PILLS}",
            r"\b{TOOK} {W}{PILLS} {W}(?:and|with) {W}(?:drunk|drank|vodka|alcohol|booze|drink|wine|cider)",
            r"\b{TOOK} {W}(?:too many|loads|a lot|all of them|the lot|them all|the whole lot|too much)\b "
            r"{W}(?:on purpose|to|and|like|an hour ago|ago|now|pills)",
            r"\b{TOOK} (?:too many|all of them|the lot|them all|the whole lot) on purpose",
            r"\b(?:drank|drunk|swallowed|took|had) {W}(?:something|stuff|some|bleach|antifreeze|anti freeze|"
            r"poison|cleaning stuff|washing up liquid)\b {W}(?:from under the sink|to (?:make it (?:all )?"
            r"stop|end it|die|kill myself))",
            r"\b(?:have |just |already )?(?:overdosed|taken an overdose|took an overdose|had an overdose|"
            r"done an overdose)\b",
            r"\boverdose (?:on|with) (?:my |me |some |the |all my )?{PILLS}",
            r"^(?:pills ){1,}pills$",
        ),
        unless=(
            r"\b(?:headache|migraine|cold|flu|period|cramps|toothache|hay ?fever|back pain|as prescribed|"
            r"prescribed|doctor said|gp said|the doctor told|like normal|as normal|every day|each day|daily|"
            r"overdraft|bank|account|sugar|chocolate|caffeine|red bull|monster|sweets)\b"
        ),
    ),
    Family(
        "suicide_plan",
        Tier.DANGER,
        SUICIDE,
        (
            r"\b(?:wrote|written|writing|write|left|leaving) (?:my |a |the )?(?:suicide )?note\b",
            r"\b(?:last|final) message\b",
            r"\b(?:goodbye|bye) (?:to )?(?:everyone|all|forever|world|everybody|cruel world)\b",
            r"\bsaying (?:bye|goodbye) to (?:everyone|everybody|you all|all)\b",
            r"\b(?:given|giving|gave) (?:all )?my (?:stuff|things|stuff|clothes|belongings) away\b",
            r"\b(?:will not|won t) need (?:it|them|this|any of it) after (?:tonight|today)\b",
            r"\b(?:got|have|have got|sorted) everything (?:ready|sorted|planned) (?:to|for) "
            r"(?:end|do|it|kill|die|tonight)",
            r"\b(?:got|have|have got) a plan (?:for (?:tonight|today|it)|to (?:do it|end it|kill myself|"
            r"die))",
            r"\btonight (?:is|will be) (?:the night|it|the day)\b",
            r"\b(?:decided|deciding) (?:tonight|today|now) is (?:it|the night|the day)\b",
            r"\bdoing it (?:now|tonight|right now|today)\b",
            r"\bno point waiting\b",
            r"\b(?:i am|sat|sitting|standing|stood|stand) (?:on|at|by|on top of) (?:the|a|this) "
            r"(?:bridge|roof|ledge|edge|tracks|railway|train tracks|cliff|top floor|balcony|"
            r"motorway bridge)\b",
            r"\b(?:going to|about to|ready to|finally going to) (?:jump|kill myself|end it|end it all|"
            r"end my life|do it|take them all|take all my pills)\b(?! (?:with|in|into the|on the|off the "
            r"(?:bus|sofa|bed)|at))",
            r"\b(?:kill myself|end it|do it) {W}(?:for real|not joking|this time)\b",
            r"\b(?:cut|cutting|burnt|burned|cut myself) {W}(?:too deep|so deep|really deep|bad and)\b",
            r"\b(?:will not|can not) stop (?:the )?bleeding\b",
            r"\b(?:blood everywhere|bleeding loads|bleeding a lot|blistering)\b",
            r"\b(?:blade|razor|knife) in my hand\b",
            r"\bdoing it (?:right now|now) and i can not stop\b",
            r"\b(?:do not|never) feel safe with myself\b",
        ),
        unless=r"\b(?:nosebleed|nose bleed|period|tattoo|piercing|cooking|shaving|football|pe lesson|"
        r"in pe)\b",
    ),
    Family(
        "being_hurt_now",
        Tier.DANGER,
        HURT,
        (
            r"\b{PERSON} (?:is|are) {W}(?:hitting|beating|hurting|attacking|strangling|choking|kicking|"
            r"punching|battering|stabbing|raping|touching|grabbing|smacking) (?:me|us)\b",
            r"\b(?:and|now) (?:hitting|beating|hurting|attacking|strangling|kicking|punching) (?:me|us)\b",
            r"\b{PERSON} {W}(?:stabbed|shot|slashed|glassed|cut) me\b",
            r"\b(?:stabbed|shot|slashed|glassed|cut up) (?:by|off) (?:them|him|her|some)\b",
            r"\b(?:grabbed|got hold of|has got|got|holding|squeezing) my (?:neck|throat)\b",
            r"\b(?:held|holding|pinned) me down\b",
            r"\b(?:they are|he is|she is|they have) still (?:here|in the house|outside|in my flat)\b",
            r"\b(?:hit|hurt|attacked|punched|kicked|battered) me {W}{W}(?:locked myself|hiding|"
            r"in the bathroom|"
            r"in my room)\b",
            r"\b{PERSON} {W}(?:is|are) {W}(?:outside|at|waiting (?:outside|at|for me)|banging on|kicking) "
            r"(?:my |the )?(?:door|window|house|flat|room|home|place|work|college|school)\b",
            r"\b(?:outside|waiting|coming) {W}with (?:a |his |their )?{WEAPON}\b",
            r"\b(?:he|she|they|someone|somebody) {W}(?:has|have|got|has got|is holding|pulled|pulled out) "
            r"(?:a |his |their )?{WEAPON}\b",
            r"\b(?:knows|found out|know) where i (?:live|am|stay)\b {W}(?:coming|on (?:his|her|their) way|"
            r"now)",
            r"\bon (?:his|her|their) way\b {W}(?:to get me|for me|round|here|over)?",
            r"\b(?:coming|come) (?:to get|for|after) me\b",
            r"\btrying to (?:get in|break in|break the door|kick the door|get into my)",
            r"\bbanging on (?:my|the) door\b",
            r"\b{PERSON} {W}(?:said|says|told me|texted|messaged|threatened|keeps saying|screaming|shouting) "
            r"{W}(?:he is|she is|they are|they will|he will|she will|going to|gonna|will) {W}"
            r"(?:batter|stab|hurt|beat|beat up|knock me out|smash|burn|shoot|slash|rape|kill|leather|deck|"
            r"jump|come for|break my|do me in) (?:me|my|you|us)\b",
            r"\bif i (?:do not|dont) {W}{W}(?:they will|he will|she will|i am dead|i will get|they are going "
            r"to|he is going to) {W}(?:stab|kill|hurt|batter|beat|shoot|come for|hurt|do|get)\b",
            r"\b(?:said|says|told me) i am dead if\b",
            r"\b(?:threatened|threatening|threatens) to (?:kill|stab|hurt|batter|beat|shoot|burn|rape|slash|"
            r"smash|come for) (?:me|my|us)\b",
            r"\b(?:threatening|threatened|threatens) to (?:send|share|post|show) {W}(?:my )?"
            r"(?:nudes|pics|pictures|photos|videos|vids)\b",
            r"\bwill not let (?:go|me go)\b",
        ),
        self_only=False,
    ),
    Family(
        "being_hurt_now",
        Tier.DANGER,
        HURT,
        (
            r"\b(?:being|getting) (?:battered|beaten up|beaten|hit|jumped|stabbed|attacked|raped|strangled|"
            r"followed|chased)\b(?! (?:in (?:the )?game|at (?:football|rugby)))",
        ),
    ),
    Family(
        "unsafe_place",
        Tier.DANGER,
        HURT,
        (
            r"\b(?:in|at) (?:a|some|this|his|their|an|the) (?:car|van|house|flat|party|trap house|hotel|room|"
            r"place) {W}with {W}(?:men|guys|lads|people|blokes|a guy|a man|someone|older|some) "
            r"{W}(?:i do not know|i met online|i just met|from online|older|i have never met)",
            r"(?:^|\bi )(?:do not|dont) know where i am\b(?! (?:going|sleeping|staying))",
            r"\b(?:will not|are not|is not|would not) (?:let me (?:leave|go|go home|out)|take me home|"
            r"taking me home)\b(?! to )",
            r"\b(?:locked|lock) me in\b",
            r"\b(?:can not|cant) get out (?:of )?(?:the|my|this) (?:bedroom|room|house|flat|car|bathroom)\b",
            r"\bstuck (?:in|at) (?:a|the|this|some) (?:trap house|house|flat|car|party)\b",
            r"\btook me to (?:a|some|their|his) (?:hotel|house|flat|party|car)\b",
            r"\b(?:do not|dont) know (?:these|any of these|the) people\b",
            r"\b(?:drunk|high|wasted) (?:and|n) lost\b",
            r"\b(?:sent|made) me (?:here|there|out) with (?:stuff|drugs|a bag|packages|the gear)\b",
            r"\bsomeones? (?:has |is |has got |got )?(?:got )?(?:a )?{WEAPON}\b",
            r"\b(?:keeps?|is|are|keep) following me\b",
            r"\b(?:i am|i) {W}(?:scared|terrified|frightened) {W}(?:he is|she is|they are|they will|he will|"
            r"she will) {W}(?:coming|come|find me|get me|hurt me|kill me)\b",
        ),
        self_only=False,
    ),
    # Risk: the lines for that risk first, and a person is told.
    Family(
        "suicidal_thoughts",
        Tier.RISK,
        SUICIDE,
        (
            r"\b(?:want|wanna|wants|wanted|wanting|going|planning|plan|plans|tempted|trying|tried|try|tries|"
            r"need|thinking|thought|think|thinks|thinkin|talking|talks|talked|feel like|feels like|felt like|"
            r"close to|urge to|"
            r"urges to|decided) (?:to |about |of )?{W}(?:kill (?:myself|herself|himself|themselves)|"
            r"killing (?:myself|herself|himself|themselves)|end (?:it all|my life|my own life|her life|his "
            r"life)|ending (?:it all|my life|it)|die|dying|suicide|take my (?:own )?life|taking my (?:own )?"
            r"life|commit suicide|top myself|hang myself|overdose|overdosing|not (?:be|being) (?:here|alive)|"
            r"not exist|end it|end things)\b(?! (?:with|at|for|of (?:the|my) (?:course|year|term|day)|"
            r"laughing))",
            r"\bkill(?:ing)? (?:my ?self|me self)\b",
            r"\bsuicidal\b",
            r"\bsuicid(?:e|al) (?:thoughts|feelings|urges|attempt|attempts|ideation)\b",
            r"\b(?:dark|bad|scary) thoughts (?:about|of) (?:suicide|dying|death|ending it|killing myself)\b",
            r"\b(?:attempted|tried) (?:suicide|before|to (?:kill myself|end it|end my life|take my life))\b",
            r"\bthoughts? (?:are|is|keep|keeps) (?:creeping|coming|getting) (?:back|worse)\b",
            r"\bplanning how (?:i would|i will|id|to) do it\b",
            r"\b(?:think|thinking|thought) about (?:suicide|dying|death|ending it|killing myself)\b"
            r"(?! (?:with|w) )",
            r"\btake my (?:own )?life\b",
            r"\bend(?:ing)? (?:it all|my life|my own life)\b",
            r"\btop(?:ping)? myself\b",
            r"^kill myself$",
        ),
    ),
    Family(
        "passive_wish",
        Tier.RISK,
        SUICIDE,
        (
            r"\b(?:do not|does not|never|no longer) (?:really )?(?:want|wanna|wish|wants) (?:to )?"
            r"(?:be here|be alive|live|exist|wake up|go on|carry on|be around|be in this world|"
            r"be on this earth)"
            r"\b(?! (?:with|for|in (?:this|my|that|a) (?:flat|house|placement|hostel|town|area|city|country)|"
            r"at|alone|on my own|by myself|here|there|to (?:college|school)|near|next to))",
            r"\bwish {W}(?:i was|i were|i had|i could|i would|i|to be|it was|i had never) {W}(?:dead|gone|"
            r"never born|never been born|not (?:here|alive|born)|not wake up|die|disappear|stop existing|"
            r"sleep forever|not exist)\b",
            r"\b(?:sleep|go to sleep) and (?:not|never) wake up\b",
            r"\bnever wake up\b",
            r"\b(?:do not|dont|not) want to wake up\b",
            r"\b(?:hope|hoping|pray|praying) i (?:do not|never|will not) wake up\b",
            r"\b(?:nobody|no one|anyone|none of (?:you|them)|who) {W}(?:would|will|even|is going to)? ?{W}"
            r"(?:care|notice|miss me|miss) {W}(?:if|when) i {W}(?:was|am|were)? ?(?:gone|dead|died|die|"
            r"not here|disappeared|not around|killed myself)\b",
            r"\bbetter off (?:dead|without me|if i (?:was|were) (?:not here|gone|dead|not around))\b",
            r"\b(?:easier|better) for (?:everyone|everybody|you all|them|my family) if i (?:was|were) "
            r"(?:dead|gone|not here|not around)\b",
            r"\b(?:be sorry|miss me|be happy|be glad|regret it|care) when i am (?:gone|dead)\b",
            r"\b(?:would not|wouldnt) (?:even )?mind if (?:a|the) (?:bus|car|train|lorry) (?:hit|hits|killed|"
            r"ran over) me\b",
            r"\bhope (?:a|the) (?:bus|car|train) (?:hits|kills) me\b",
            r"\bwhat is the point (?:of|in) (?:living|being alive|life|me|being here|going on|carrying on|"
            r"waking up)\b",
            r"\bno (?:reason|point) (?:to|in|for) (?:live|living|being alive|being here|going on|"
            r"carrying on)\b",
            r"\bnothing (?:left )?to live for\b",
            r"\b(?:tired|sick) of (?:living|being alive|life|existing|being here)\b",
            r"\bdone with (?:life|living|being alive|existing)\b",
            r"\bstop existing\b",
            r"\bdisappear (?:forever|for good|and never come back)\b",
            r"\b(?:do not|does not|dont) want (?:this|the|my) life\b(?! (?:style|insurance))",
            r"\blife is not worth (?:it|living)\b",
            r"\b(?:deserve|deserves) to die\b",
            r"\bwant to be dead\b",
            r"\bwhy am i (?:still )?(?:alive|here)\b",
            r"\bno one will miss me\b",
            r"\b(?:will not|not) be (?:here|around) (?:much longer|for long|tomorrow|after tonight)\b",
            r"\bdeath wish\b",
        ),
        negatable=False,
    ),
    Family(
        "self_harm",
        Tier.RISK,
        SUICIDE,
        (
            r"\bselfharm(?:ing|ed|s)?\b",
            r"\bself (?:harm|harming|harmed|harms|injury|injuring|injure)\b",
            r"\b(?:cut|cutting|cuts|burn|burning|burns|burnt|burned|hurt|hurting|hurts|hit|hitting|hits|"
            r"scratch|"
            r"scratches|scratching|scratched|punch|punches|punching|bang|banging|starve|starves|starving|"
            r"starved|"
            r"carve|carves|carving|carved|bites|"
            r"harm|harming|harmed|harms|stab|stabbing|bite|biting|scald|scalding) (?:my ?self|myself|herself|"
            r"himself|themselves)\b",
            r"\b(?:cut|cutting|cuts|burn|burning|carve|carving|scratch|scratching|slash|slashing|slit|"
            r"slitting) "
            r"{W}(?:my|her|his) (?:arms?|legs?|wrists?|thighs?|stomach|tummy|hips?|skin|body|chest|"
            r"ankles?)\b",
            r"\b(?:cut|cutting|sh|selfharm|selfharming|hurt myself|burnt myself) again\b",
            r"\b(?:been|keep|kept|keeps|started|start|starting|back to|went back to|relapsed|relapse|is|are|"
            r"relapsing|stop|stopped|quit|urge to|urges to|need to stop|want to stop|cant stop|can not stop) "
            r"{W}(?:cutting|selfharm|selfharming|self harming)\b",
            r"\bi cut(?: myself)?\b {W}(?:again|today|yesterday|last night|deep|when)",
            r"\b(?:clean|days clean|weeks clean|months clean) {W}(?:and|but) {W}(?:cut|relapsed|relapse)\b",
            r"\b(?:the next|another|first) cut\b",
            r"\b(?:my|her|his|fresh|new) (?:cuts|self harm scars)\b",
            r"\b(?:saw|seen|sees|see|notice|noticed|asking about|found|showed me|show me) (?:my|her|his) "
            r"(?:cuts|scars|arms|wrists)\b",
            r"\b(?:no one|nobody|noone) (?:sees|can see|notices|will see) my (?:arms|wrists|legs|cuts|"
            r"scars)\b",
            r"\b(?:hide|hiding|cover|covering) (?:my )?(?:cuts|scars|arms|wrists)\b",
            r"\b(?:old habits|relapsed|using|back on) (?:with |w )?(?:the )?(?:blades?|razors?)\b",
            r"\burges? (?:to )?(?:cut|hurt myself|selfharm|harm myself)\b",
            r"\b(?:does|do|doing) (?:sh|selfharm)\b",
            r"^(?:knife|blood|blade)(?: (?:knife|blood|blade))*$",
        ),
        unless=(
            r"\b(?:shaving|cooking|chopping|by accident|accidentally|fell|fall|tripped|bike|football|rugby|"
            r"playing|gym|pe|tin|glass broke|paper cut|haircut|hair|fringe|nails|onions)\b"
        ),
    ),
    Family(
        "abuse",
        Tier.RISK,
        HURT,
        (
            r"\b{PERSON} {W}(?:keeps |has |have |always |just |was |is |are |used to |sometimes |kept |"
            r"has been |have been |had |does )?{HURT_VERB} (?:me|us|my mum and me|me and my)\b"
            + _ABUSE_AFTER,
            r"\b(?:i am|i was|i have been|i get|i got|been|i keep getting|keep getting|getting|being|get) "
            r"(?:hit|beaten|hurt|abused|battered|strangled|choked|kicked|punched|attacked|raped|assaulted|"
            r"sexually assaulted|sexually abused|touched|groomed|stabbed|slapped|smacked|beaten up|molested)"
            r"\b(?! (?:by (?:a|the) (?:ball|car door|door)|in (?:football|rugby|the game|pe)|at (?:football|"
            r"rugby)|playing|out))",
            r"\b(?:black eye|bruises|bruised|broken nose|split lip|marks) {W}{W}(?:off|from) {PERSON}\b",
            r"\bkeeps? (?:beating|hitting|battering|kicking|punching) me\b",
            r"\bthrows? (?:stuff|things|plates|bottles|cups|stuff) at me\b",
            r"\b(?:pushed|shoved|threw|slammed|dragged) me (?:into|against|down|on|across|out of bed)\b",
            r"\b(?:raped|molested)\b",
            r"\b(?:rape|raping|raped) me\b",
            r"\b(?:touched|touches|touching|groped|gropes|grabbed) me\b(?! (?:on the (?:shoulder|arm)))",
            r"\bdid (?:stuff|things|something) to me\b",
            r"\b(?:forced|forces|pressured|pressures|pressuring|forcing|made|makes|make) me (?:into )?"
            r"(?:have sex|sex|into sex|sleep with|do (?:stuff|things|sexual)|send (?:pics|nudes|pictures|"
            r"photos)|stuff i (?:did not|do not) want)",
            r"\b(?:got|was|been|i was|i got) (?:sa|sexually assaulted|sexually abused|assaulted)\b",
            r"\b(?:sexually )?abused me\b",
            r"\b(?:reads|checks|goes through|looks through|check|read) (?:all )?my (?:messages|phone|texts|"
            r"snaps|location|snapchat|dms)\b",
            r"\b(?:will not|does not|never|wont) let me (?:see|go|leave|have|talk|speak|out)\b",
            r"\btells me what to wear\b",
            r"\bkeeps? my (?:bank card|card|money|passport|phone|id)\b",
            r"\b(?:calls me names|puts me down|put me down)\b",
            r"\bkeeps? (?:turning up|showing up) at my (?:flat|house|work|college|school|place)\b",
            r"\bmessaging me \d+ times\b",
            r"\b(?:hurt|kill) my (?:dog|cat|pet|family|mum|brother|sister|baby) if i (?:leave|tell|go)\b",
            r"\b(?:smashed|broke|took) my phone so i (?:could not|can not) (?:call|ring|phone|text)\b",
            r"\bmy fault if (?:something|anything) happens to (?:him|her)\b",
            r"\b(?:scared|afraid|terrified|frightened) of (?:my )?(?:boyfriend|girlfriend|partner|ex|him|her|"
            r"dad|mum|stepdad|carer|foster carer|brother)\b(?! (?:finding out|seeing my (?:grades|results)))",
            r"\b(?:hits|beats|hurts|punches|strangles|chokes|batters) (?:my )?(?:mum|mam|her|nan) "
            r"(?:in front of me|every night|when he)\b",
            r"\bfight every night\b",
            r"\b(?:do not|never) feel safe (?:at home|with (?:him|her|them|my \w+)|in my (?:house|home|flat|"
            r"placement)|around (?:him|her|them)|here)\b",
            r"\b(?:i am|i) not safe\b(?! (?:to drive|driving|online))",
            r"\bnot safe here\b",
            r"\bscared for my (?:life|safety)\b",
            r"\b(?:domestic (?:abuse|violence)|abusive (?:relationship|partner|boyfriend|girlfriend|home|dad|"
            r"mum|carer|ex))\b",
            r"\b(?:says|said) i will get it worse if i tell\b",
        ),
    ),
    Family(
        "exploitation",
        Tier.RISK,
        HURT,
        (
            r"\b(?:county lines|going country|go country|gone country|went country|going ot|go ot|gone ot|"
            r"went ot|going cunch|trap house|trap phone|cuckooing|cuckooed|plug it|plugging)\b",
            r"\b(?:they|he|she) (?:say|says|said) i owe\b",
            r"\bi owe (?:them|him|some|these|a dealer|the dealer|my dealer)\b",
            r"\bowe (?:them|him|her) (?:\d+ )?(?:grand|k|quid|pounds|money|2 grand)\b",
            r"\b(?:have to|got to|made to|make me|makes me|forced to|told to) (?:drop|deliver|run|carry|hold|"
            r"sell|move|stash|plug) (?:a |the |some |their )?(?:package|parcel|bag|line|lines|stuff|drugs|"
            r"weed|food|it)\b",
            r"\b(?:being|getting|been|was|am|keep getting) (?:made|forced|told|pressured|pushed|asked) to "
            r"(?:sell|carry|hold|deliver|drop off|move|run|stash|look after|hide|plug|go country)\b",
            r"\b(?:pay it off|work it off|pay off the debt)\b",
            r"\b(?:older|old) (?:bf|boyfriend|guy|guys|man|men|lad|lads|bloke|blokes)\b {W}(?:buys|buy|"
            r"bought|gives|give|gave|pick me up|picks me up|picked me up|sends|send|pays|paid)",
            r"\b(?:man|guy|someone|bloke) i met online {W}(?:sending|sends|sent|buys|gives|wants|keeps)",
            r"\bsays (?:he is|she is) \d+ but\b",
            r"\b(?:meet|sleep with|have sex with) (?:his|their) mates\b",
            r"\b(?:using|run|runs|running|took over|taken over|take over|staying in|selling from|"
            r"dealing from|"
            r"dealing out of) my (?:flat|house|place|room)\b",
            r"\bholding (?:stuff|drugs|bags|packages|weed|gear) (?:at|in|for)\b",
            r"\b(?:train ticket|ticket) and an address\b",
            r"\b(?:ringing|rings|ring) with orders\b",
            r"\bif i go to the police\b.{0,40}\b(?:arrested|hurt|kill|get me)\b",
            r"\b(?:taxed|taxing) by (?:the )?(?:elders|olders|older)\b",
            r"\b(?:selling|dealing|shotting|running|carrying|moving) (?:drugs|weed|coke|sniff|gear|food|"
            r"lines|"
            r"a line|packages)\b",
            r"\b(?:gave|give|gives|got) me a phone\b {W}(?:owe|and now|now)",
            r"\b(?:run|do) a line or\b",
            r"\bwants? me to (?:meet|go to|go with|come to) (?:his|their) (?:mates|friends)\b",
            r"\bmakes? me (?:sleep with|have sex with) {W}for money\b",
        ),
        negatable=False,
    ),
    Family(
        "nowhere_to_sleep",
        Tier.RISK,
        SLEEP,
        (
            r"\b(?:no ?where|no place|nowhere safe|no bed|no roof) {W}(?:to|i can) (?:sleep|stay|go|kip|"
            r"crash|live|rest)\b(?! (?:on (?:holiday|vacation)|for (?:the )?(?:summer|holidays?|christmas|"
            r"easter)|in (?:the )?(?:summer|holidays?)))",
            r"\b(?:got|have|have got) nowhere\b",
            r"\bnowhere (?:tonight|to go tonight)\b",
            r"\bno (?:bed|place|roof|home|where) (?:for )?tonight\b",
            r"\b(?:sleep|sleeping|slept|kipping|kip|stay|staying|spend the night|spending the night|crash|"
            r"crashing) {W}(?:rough|outside|out tonight|outdoors|on the (?:street|streets|floor of|bench|"
            r"stairs)|in (?:a|the|my) {SLEEP_PLACE}|at (?:a|the) {SLEEP_PLACE}|in {SLEEP_PLACE}|on "
            r"{SLEEP_PLACE}|on a bench|under (?:a|the) bridge)\b",
            r"\bon the streets?\b(?! (?:of|where|near|by|in))",
            r"\b(?:i am|i have become|i will be|i have been made|been made|i got made|i was made|i am now|"
            r"basically|me and my baby are|we are|now) {W}homeless\b(?! (?:when|if|in (?:a|two|2|three|3) "
            r"(?:weeks?|months?)|next (?:week|month|year)|one day))",
            r"\bhomeless (?:tonight|now|right now|today|again)\b",
            r"\b(?:kicked|thrown|chucked|turfed|booted|threw|kick|throw|chuck) me out\b",
            r"\b(?:kicked|thrown|chucked|turfed|booted) out (?:tonight|today|again|this morning|of (?:my|the|"
            r"our) {HOME})\b",
            r"\b(?:cant|can not) stay (?:here |there )?any more\b",
            r"\b(?:havent|have not|not) found me (?:anywhere|somewhere|a place|a bed)\b",
            r"\b(?:where|somewhere|anywhere) (?:can i|to|do i|i can) (?:sleep|stay|go) tonight\b",
            r"\b(?:sat|sitting) on a bench\b",
            r"\boutside with my bags\b",
            r"\bwalking (?:round|around) {W}(?:til|until|all night)\b",
            r"\bpark bench it is\b",
            r"\bevicted (?:today|tonight|this morning)\b",
            r"\b(?:got|been|was|were|have been) evicted\b {W}(?:today|tonight|now|and|streets)",
            r"\bsofa surfing\b {W}(?:nowhere|run out|ran out|tonight|no where)",
            r"\blocked out\b {W}(?:tonight|all night|nowhere|no where|and no one|and nobody)",
        ),
        hypothetical_ok=True,
    ),
    Family(
        "missing",
        Tier.RISK,
        MISSING,
        (
            r"\b(?:ran|run|running|runnin) (?:away|off)\b(?! (?:with (?:the|my) (?:money|bill)|"
            r"from (?:the|my) "
            r"(?:problem|problems|feelings)))",
            r"\b(?:gone|going|went|been|reported|go) missing\b",
            r"\bbeen missing since\b",
            r"\b(?:awol|absconded|absconding)\b",
            r"\b(?:not|never) going back (?:to (?:my |the )?{HOME}|home|there)\b",
            r"\b(?:i am|i) (?:not|never) going back\b(?! to (?:college|school|that (?:shop|job|gym|class)|"
            r"work|the gym))",
            r"\b(?:left|walked out of|ran out of|legged it from) (?:the|my) {HOME}\b {W}(?:ago|days|and|"
            r"police|nobody|no one)",
            r"\b(?:police|cops|feds|social workers|my carers|my foster carers|my pa) {W}(?:are|"
            r"is) (?:looking|"
            r"searching) for me\b",
            r"\b(?:nobody|no one) knows where i am\b",
            r"\b(?:do not|never) tell (?:anyone|anybody|my pa|them) where i am\b",
            r"\b(?:do not|never) want (?:them|anyone|anybody|my pa|the police) to (?:find|know where)\b",
            r"\bpacked a bag\b",
            r"\bget away from (?:everyone|them|here|home|it all)\b",
            r"\b(?:not been|have not been) (?:at|back to|home to|back at) (?:my |the )?{HOME}\b",
            r"\bstaying away from (?:home|my {HOME})\b",
            r"\b(?:can not|do not want to|not going|scared to|afraid to|too scared to|not safe to|refuse to|"
            r"will not) {W}go (?:back )?(?:home|back there|back to (?:my |the )?{HOME})\b(?! (?:for|until|"
            r"till|because of (?:the rain|work)|at))",
            r"\bnot safe (?:at|to go) home\b",
        ),
        hypothetical_ok=True,
    ),
    Family(
        "missing_tonight",
        Tier.RISK,
        MISSING,
        (r"\b(?:do not|dont) go back to (?:my |the )?{HOME} tonight\b",),
    ),
    # Wider phrasings of the same tiers: indirect, regional and told after the event.
    Family(
        "suicide_plan",
        Tier.DANGER,
        SUICIDE,
        (
            r"\b(?:said|saying|say|sent) (?:my |all my )?(?:goodbyes?|byes)\b",
            r"\b(?:will not|never) hear from me (?:again|after)",
            r"\blast time (?:you will|you|u) (?:ever )?hear from me\b",
            r"\b(?:it is|it will be) happening (?:tonight|today|now|soon)\b",
            r"\b(?:tonight|today) (?:i am|i will|i) (?:done|end it|do it|doing it|going)\b",
            r"\b(?:not|never) going home (?:this time|again|tonight)\b",
            r"\b(?:do not|never) think i am going home\b",
            r"\b(?:got|have) everything (?:i need|ready|out ready)\b",
            r"\b(?:take|taking|swallow) them all\b",
            r"\b(?:wrote|written|writing) (?:the |my |some )?(?:letters|notes|goodbye letters)\b",
            r"\b(?:tried|attempted) (?:last year|before|last time)\b.{0,60}\b(?:this time|again|"
            r"not messing)\b",
            r"\b(?:going|go|gone|walking|went) to the (?:bridge|tracks|railway|cliff|cliffs|viaduct)\b",
            r"\b(?:at|on|by) the bridge\b",
            r"\b(?:top floor|roof) of (?:the|a) (?:car park|flats|building|multi storey)\b",
            r"\b(?:when|once|til|until|after) (?:the |my )?(?:staff|carers|everyone|flatmates|mum|they) "
            r"(?:go|goes|are|is|have gone|has gone) (?:to bed|to sleep|asleep|out)\b",
            r"\bwaiting for everyone to (?:go to sleep|go to bed|fall asleep|go out)\b",
            r"\bdoing it (?:when|after|at \d|tonight|while|once)\b",
            r"\b(?:cant|can not) do this (?:no more|any more)\b.{0,40}\b(?:tonight|doing it|do it)\b",
        ),
        unless=r"\b(?:homework|essay|exam|revision|assignment|washing|cleaning|shift swap)\b",
    ),
    Family(
        "overdose",
        Tier.DANGER,
        SUICIDE,
        (
            r"\bswallowed (?:both|all|two|three|four|the|my|a handful|handfuls|a load|loads) ?(?:of )?"
            r"(?:my |the )?(?:packs?|boxes?|packets?|bottles?|pills|them|handful)?",
            r"\btaking (?:extra|more than|double|loads)\b.{0,40}\b(?:on purpose|since|to)\b",
            r"\boverdid it on purpose\b",
            r"\b(?:took|taken|take|swallowed|had) (?:the lot|everything|all of it|everything in (?:my|the) "
            r"\w+(?: \w+)?)\b",
            r"\bhow long does (?:paracetamol|it|an overdose|\w+) take\b.{0,60}\b(?:i did|i have|because i|"
            r"i took)",
            r"\b(?:drank|drunk|swallowed) (?:bleach|antifreeze|anti freeze|poison|cleaning stuff|"
            r"something from under the sink)\b",
            r"\btook (?:loads|a load|lots|a lot|too many|too much)\b(?! (?:of (?:photos|pics|time|stuff on|"
            r"selfies|notes)|off))",
            r"^(?:pills ?){2,}",
            r"\b(?:overdosed|overdosing)\b",
        ),
        unless=(
            r"\b(?:headache|migraine|cold|flu|period|cramps|toothache|hay ?fever|back pain|as prescribed|"
            r"prescribed|doctor said|gp said|like normal|as normal|every day|each day|daily|overdraft|bank|"
            r"account|sugar|chocolate|caffeine|red bull|monster|sweets|photos|pics|notes|sun|vitamins)\b"
        ),
    ),
    Family(
        "self_harm_now",
        Tier.DANGER,
        SUICIDE,
        (
            r"\b(?:gaping|need stitches|needs stitches|soaked through|blood all down|bleeding loads of|"
            r"bleeding loads|pouring with blood|will not stop bleeding|blood will not stop)\b",
            r"\b(?:burnt|burned|burning) my (?:arm|arms|leg|legs|hand|hands|skin|wrist|stomach) with "
            r"(?:a |the )?(?:lighter|iron|match|cigarette|lighter)\b",
            r"\b(?:went|cut|gone|going) too deep\b",
            r"\b(?:can not|cant) stop (?:hitting|cutting|hurting|banging|burning|scratching) (?:my|myself)\b",
            r"\bdid it (?:myself|again)\b.{0,40}\b(?:bleeding|deep|blood|a&e|stitches)\b",
            r"\bdoing it again\b.{0,40}\b(?:can not stop|toilets|bathroom|blood)\b",
            r"\b(?:i am|am) cutting\b.{0,40}\b(?:stop|right now|now)\b",
            r"\b(?:with|holding|got|have) (?:the|a|my) (?:blade|razor|knife)\b",
            r"\bgot everything out\b",
            r"\b(?:do not|dont) trust myself\b",
        ),
        unless=r"\b(?:cooking|kitchen|chopping|shaving|gym|knife crime|in the game|nosebleed|period)\b",
    ),
    Family(
        "being_hurt_now",
        Tier.DANGER,
        HURT,
        (
            r"\b(?<!keeps )(?<!keep )(?<!used to )(?:beating|hitting|battering|laying into|kicking|punching|"
            r"strangling|choking|smacking) (?P<victim>me|us|her|him|them)\b(?! (?:up later|back|when|most|"
            r"every|if|for))",
            r"\bjust (?:rushed|jumped|glassed|stabbed|attacked|battered|hit|punched|kicked|set on|shot|"
            r"slashed) "
            r"(?P<victim>me|us|her|him)\b",
            r"\b(?:rushed|jumped|set on|glassed|stabbed|slashed|bottled|shanked|cut up|caught) "
            r"(?P<victim>me|us|her|him)\b.{0,40}\b(?:just|right now|now|bleeding|pouring|can not get up|"
            r"cant get up|blood|help)\b",
            r"\b(?:just|have just|has just) (?:got|been) (?:stabbed|jumped|glassed|shot|slashed|attacked|"
            r"beaten up|rushed)\b",
            r"\bthrew (?:the |a |his |her )?\w+ at me\b",
            r"\bsmashing up (?:the|my|our) (?:flat|house|room|place|home)\b",
            r"\b(?:has|got|pinned|pushing|holding) me (?:up )?against (?:the|a) wall\b",
            r"\b(?:grabbing|touching|groping) me and (?:will not|wont|won t) stop\b",
            r"\b(?:locked|hiding|hid) (?:myself )?in (?:the|my) (?:bog|bathroom|toilet|loo|room|wardrobe)\b",
        ),
        self_only=False,
    ),
    Family(
        "threatened",
        Tier.DANGER,
        HURT,
        (
            r"\b(?:he will|hell|she will|shell|they will|theyll|he is going to|they are going to) "
            r"(?:kill|hurt|find|do|batter|stab|pour|burn|beat|shoot|slash|come for|get) me\b",
            r"\bdo me in\b",
            r"\b(?:find|get) me and (?:hurt|kill|batter|stab|beat)\b",
            r"\bpour (?:a |the )?(?:kettle|boiling water) on me\b",
            r"\b(?:said|says|told me) i am dead\b",
            r"\b(?:sat|parked|waiting|watching|sitting) (?:outside|out front|in his car|in the car)\b.{0,40}"
            r"\b(?:watching me|me|my)\b",
            r"\blook out (?:your|ur|my|the) window\b",
            r"\basking for me by name\b",
            r"\b(?:if|when) (?:you|u) (?:do not|dont) hear from me\b",
            r"\b(?:post|share|send|leak) my (?:nudes|pics|pictures|photos|videos) .{0,40}\b(?:in an hour|"
            r"tonight|today|unless i pay|by tomorrow)\b",
            r"\bhurt (?:her|him|them|my (?:sister|brother|mum|dad|baby|nan)) if i (?:do not|"
            r"dont) come back\b",
            r"\b(?:found out|knows|know) (?:which|where) (?:placement|flat|hostel|house|i am|i live|i stay)\b"
            r".{0,40}\b(?:on his way|on her way|on their way|coming|tonight|outside)\b",
            r"\bhe is still (?:knocking|outside|here|banging)\b",
            r"\b(?:balaclava|balaclavas)\b",
        ),
        self_only=False,
    ),
    Family(
        "unsafe_place",
        Tier.DANGER,
        HURT,
        (
            r"\b(?:drink|drinks) (?:was|were|got|has been) spiked\b|\bspiked\b",
            r"\b(?:do not|dont) know (?:anyone|anybody) here\b",
            r"\bwoke up (?:in|at) (?:a|some|this|his|their) (?:house|flat|room|car|place) i (?:do not|dont) "
            r"know\b",
            r"\bmy clothes (?:are|were) gone\b",
            r"\b(?:driven|taken|drove|took) me (?:out of town|somewhere|to a|away)\b",
            r"\b(?:will not|wont) (?:say|tell me) where (?:we are|were) going\b",
            r"\bdropped me (?:at|off at) (?:a|the|some) (?:trap|house|flat|town)\b",
            r"\b(?:can not|cant) leave (?:til|until)\b",
            r"\b(?:walking|on my own|by myself)\b.{0,40}\b(?:[0-9] ?am|midnight|in the dark)\b.{0,40}"
            r"\b(?:following|beeping|slowing|scared)\b",
            r"\b(?:cars?|someone|a man|a guy|men) (?:keep|keeps|is|are) (?:slowing down|beeping|following)",
            r"\bkicked my door in\b",
            r"\bno lock and (?:a|some) (?:man|guy|bloke|lad)\b",
            r"\bkeeps? (?:walking in|sitting next to me|following (?:me|us))\b",
            r"\blocked the door and (?:kept|took|has) the key\b",
            r"\b(?:lads|men|guys|people) (?:are |have got |got )?in my (?:flat|room|house|place) and "
            r"(?:will not|wont|won t) (?:go|leave)\b",
        ),
        self_only=False,
    ),
    Family(
        "suicidal_thoughts",
        Tier.RISK,
        SUICIDE,
        (
            r"\b(?:thinking|thinkin|think|thought) (?:about|of) (?:jumping|ending it all|ending it|killing "
            r"myself|ways to do it|doing it)\b",
            r"\b(?:after|when) i am gone\b",
            r"\b(?:looking up|looked up|googling|googled|searching) (?:ways|how) to (?:do it|die|kill myself|"
            r"end it)\b",
            r"\b(?:last time|when) i tried\b",
            r"\b(?:do not|dont) see the point (?:in|of) (?:living|being alive|life|going on|any of it)\b",
            r"\bplanning it (?:in my head|out)\b",
            r"\b(?:life|it) is (?:just )?(?:too hard|not worth it)\b.{0,30}\b(?:not worth|anymore|end)\b",
            r"\blife is (?:just )?not worth it\b",
            r"\bsuicidal thoughts\b",
        ),
    ),
    Family(
        "passive_wish",
        Tier.RISK,
        SUICIDE,
        (
            r"\b(?:easier|better) (?:life|time)\b.{0,30}\bif (?:i|you|u) (?:just )?(?:was not|were not|"
            r"wasnt) (?:in it|here|around)\b",
            r"\b(?:cares|care|notice|clock) if i (?:live or die|die|disappeared|disappear|was gone)\b",
            r"\b(?:hoping|hope) (?:that is|thats|this is) it\b",
            r"\bhope i (?:get ill|get sick|do not get better|dont get better|do not make it|dont make it)\b",
            r"\b(?:made|make) (?:my )?peace with (?:it|everything|everyone|dying)\b",
            r"\b(?:never|not) woke up\b",
            r"\b(?:rather|prefer to) be dead\b",
            r"\bwhy am i (?:even )?(?:still )?here\b",
            r"\btired of waking up\b",
            r"\b(?:should not|shouldnt|should not of|shouldnt of|should never) (?:have |of )?been born\b",
            r"\bwish (?:i|ah) (?:was|were) (?:dead|deed)\b",
            r"\b(?:do not|dont|never) (?:even )?(?:want|wanna) (?:to )?be alive\b",
            r"\bif i disappeared\b.{0,40}\b(?:nobody|no one|would anyone|clock|notice|care)\b",
            r"\b(?:find|finding) something wrong with me so i (?:do not|dont) have to\b",
            r"\b(?:not sticking around|will not be around|wont be around)\b",
            r"\b(?:nobody|no one) (?:is )?(?:going to|gona|gonna) miss me\b",
        ),
        negatable=False,
    ),
    Family(
        "self_harm",
        Tier.RISK,
        SUICIDE,
        (
            r"\brelapsed?\b",
            r"\b(?:scratched|scratching|scratch|picking|picked|pick|punch|punching|punched|hit|hitting) "
            r"(?:at )?(?:my |the )?(?:skin |walls? )?(?:til|until) (?:it|my|ur|your|they) ?\w* ?(?:bled|"
            r"bleeds|bleed)\b",
            r"\bstyro\b",
            r"\b(?:punch|punches|punching|hit|hits|hitting) (?:the )?walls?\b.{0,30}\bbleed",
            r"\b(?:hiding|hide|cover|covering) (?:it|them) from my (?:pa|carer|carers|mum|worker|staff)\b",
            r"\b(?:hoodie|long sleeves|jumper|jumpers)\b.{0,50}\b(?:see|notice|saw) my (?:arms|wrists|"
            r"legs)\b",
            r"\bgrown out of this\b",
            r"\b(?:it is|its) me btw\b",
            r"\b(?:knife|blade|razor)\b.{0,20}\bagain\b",
            r"\b(?:marks|cuts|scars) (?:all )?(?:over|on|up) (?:my|her|his) (?:legs|arms|wrists|thighs|"
            r"stomach)\b",
        ),
        unless=(
            r"\b(?:drink|drinking|weed|drugs|smoking|vaping|coke|alcohol|gambling|vape|fags|cigs|gym|"
            r"diet|eczema|mosquito|bites|chickenpox|spots|acne|cat|dog|kitten)\b"
        ),
    ),
    Family(
        "abuse",
        Tier.RISK,
        HURT,
        (
            r"\b(?:stabbed|glassed|shot|slashed|shanked|bottled) (?P<victim>me|us|her|him)\b",
            r"\b(?:hurt|kill) my (?:dog|cat|pet|family|mum|brother|sister|baby) if i (?:leave|tell|go)\b",
            r"\bused to (?:strangle|beat|hit|batter|hurt|smack|kick|punch|touch|choke|lock) "
            r"(?P<victim>me|us|her|him)\b",
            r"\b(?:giving|gives|give) (?P<victim>me|us|her|him) digs\b",
            r"\bgot jumped\b",
            r"\b(?:burns|bruises|marks|scars|black eye) .{0,25}\b(?:from|off) (?:my |the |her |"
            r"his )?(?:carer|"
            r"carers|dad|mum|stepdad|boyfriend|foster \w+|him|her|them|uncle|brother)\b",
            r"\b(?:beats|hits|batters|smacks|kicks) (?P<victim>us|her|him)\b",
            r"\b(?:hitting|beating|battering|slaps|slapped|slapping) (?P<victim>her|him)\b",
            r"\b(?:gave|give) in\b.{0,30}\b(?:loved me|kept|keep|on at me)\b|\bif you loved me\b",
            r"\bstuff happened to me\b",
            r"\bi was 1[0-7] and (?:he|she) was (?:[2-9][0-9])\b",
            r"\b(?:1[3-7]) and (?:her|his|my) (?:bf|boyfriend|gf|girlfriend) is (?:[2-9][0-9])\b",
            r"\bkeeps? coming into my room\b",
            r"\b(?:nudes|pics) (?:got )?(?:leaked|shared|posted)\b",
            r"\bmaking me send (?:more|pics|nudes)\b",
            r"\bwas (?:that|it) rape\b",
            r"\b(?:done|did) (?:stuff|things|something) to (?P<victim>me|her|him)\b",
            r"\b(?:he|she) was on top of me\b",
            r"\bfilms? (?:us|me) (?:having sex|naked|in the shower)\b",
            r"\b(?:groped|got groped|touched me up)\b",
            r"\b(?:hugs|cuddles|sleep) in (?:my|his|her) bed\b",
            r"\bgot me to (?:do stuff|send|strip)\b",
            r"\bmakes? (?P<victim>me|her|him) sleep in his bed\b",
            r"\bmeasures my\b",
            r"\bmakes? me (?:save|ask before|show (?:her|him)|delete|block|wear|stay in)\b",
            r"\bkeeps? me in (?:his|her|the|their) (?:room|flat|house)\b",
            r"\b(?:takes|took|spends|keeps) my (?:uc|money|wages|benefits|bank card|card|pay)\b",
            r"\b(?:got|has|have) my (?:bank )?card\b",
            r"\bevery receipt\b",
            r"\bturns up (?:at my \w+ )?unannounced\b",
            r"\bsays i am (?:crazy|mental|making it up|imagining)\b",
            r"\b(?:out|outing) me to my (?:family|mum|dad)\b",
            r"\bsuicide notes? through my door\b",
            r"\bwent through my phone\b",
            r"\bsnapped my sim\b",
            r"\bbills in my name\b",
            r"\bwhere i am every \d+\b",
            r"\bgoes (?:mental|mad) if i (?:do not|dont)\b",
            r"\bhacked my\b",
            r"\bwhat i (?:could|can|am allowed to) wear\b",
            r"\bchecks? (?:his|her) phone and (?:slaps|hits|hurts)\b",
            r"\bblackmail(?:ing|ed|s)? (?P<victim>me|him|her|them)\b",
        ),
    ),
    Family(
        "exploitation",
        Tier.RISK,
        HURT,
        (
            r"\bkeep watch\b",
            r"\bholding stuff\b",
            r"\b(?:say|says|said) (?:you|u|i) owe (?:them|him)\b",
            r"\b(?:stay|sleep) at (?:his|theirs|their) (?:if|as long as) i\b",
            r"\bdo stuff with (?:him|them) and (?:his|their) mates\b",
            r"\b(?:flat|house|place) (?:has )?turned into a (?:shop|trap)\b",
            r"\bgraft\b.{0,20}\bfor them\b",
            r"\b(?:his|their|a) trap\b",
            r"\bnow i do whatever they say\b",
            r"\b(?:pay as you go|burner|work phone)\b.{0,50}\b(?:numbers|rings|orders|have to go)\b",
            r"\bwhen (?:one|it) rings i have to go\b",
            r"\bshift (?:some )?(?:stuff|gear|bits)\b",
            r"\bis it grooming\b",
            r"\b(?:[2-9][0-9]) and i am (?:1[3-7])\b",
            r"\bdoing a drop\b|\bdo a drop\b",
            r"\bon the line\b",
            r"\bwants? \d+ (?:quid|pound|pounds) or\b",
            r"\bgot me to send pics\b",
            r"\bolder lads (?:have )?moved into (?P<victim>her|his|my|their) (?:room|flat|house)\b",
            r"\bmen in and out all night\b",
            r"\b(?:running|selling|dealing) (?:drugs|weed|gear) for\b",
        ),
        negatable=False,
    ),
    Family(
        "nowhere_to_sleep",
        Tier.RISK,
        SLEEP,
        (
            r"\b(?:do not|dont) come home\b",
            r"\bthat is me homeless\b|\bso i am homeless\b",
            r"\bwalked (?:round|around|about) all (?:last )?night\b",
            r"\bno home to go (?:back )?to\b",
            r"\bnight bus it is\b",
            r"\bsleeping in (?:my mates|a|the|his|her) (?:garage|shed|car|stairwell|tent|van)\b",
            r"\b(?:will not|wont) have me back\b",
            r"\bsat at the (?:station|bus station)\b",
            r"\b(?:woods|park|streets|bench|doorway) again tonight\b",
            r"\b(?:house|flat|door) is locked\b.{0,30}\b(?:tonight|nowhere|no where)\b",
        ),
        hypothetical_ok=True,
    ),
    Family(
        "missing",
        Tier.RISK,
        MISSING,
        (
            r"\bstormed out\b",
            r"\bnot coming back\b(?! (?:to (?:college|school|this (?:shop|gym|place))))",
            r"\bmissing appeal\b",
            r"\bstill not going back\b",
            r"\bbeen gone (?:\d+|two|three|four|five|a few) (?:days|nights|weeks)\b",
            r"\b(?:switching|switched|turned|turning) (?:my )?phone off so (?:they|no one|nobody)\b",
            r"\b(?:the home|my carers|staff|they) (?:do not|dont) know\b(?: where| i am|$)",
            r"\bnot going home\b",
            r"\bbailed (?:from|on) (?:the|my) (?:home|placement|hostel|unit|carers)\b",
            r"\bpolice can look\b",
            r"\bdone a runner\b",
            r"\bstaying out all night\b",
            r"\bget away\b(?! (?:with|from (?:work|college) early))",
            r"\bon a (?:coach|train|bus) to (?:anywhere|nowhere)\b",
            r"\bif i go missing\b",
            r"\bi have left\b.{0,30}\b(?:care|placement|home|hostel)\b",
        ),
    ),
    # Someone else at risk: help for a friend, and nobody is alerted about the sender.
    Family(
        "friend_at_risk",
        Tier.FRIEND,
        HURT,
        (
            r"\b(?:my|a|her|his) (?:friends?|mates?|bestie|sister|brother|cousin)s? (?:bf|boyfriend|gf|"
            r"girlfriend|partner|ex|dad|stepdad|mum) {W}(?:hits|beats|hurts|threatens|threatening|keeps "
            r"threatening|touches|abuses)\b",
            r"\b(?:stepdad|dad|uncle|boyfriend|bf) {W}(?:touches|touched|hits|abuses) (?:her|him|them)\b",
            r"\b(?:is|are|being) (?:groomed|exploited)\b",
            r"\b(?:running|selling|dealing) drugs for\b",
            r"\b(?:dealers|they|some lads) (?:have|has)? ?(?:took|taken) over (?:his|her|their) flat\b",
            r"\b(?:posted|sent) (?:a )?(?:goodbye|suicide) (?:message|note|post)\b",
            r"\b(?:texted|messaged|sent) me (?:a )?goodbye\b",
            r"\b(?:she|he) (?:has|is) got a plan\b|\b(?:she|he) said (?:she|he) (?:has|is) got a plan\b",
            r"\bgiving (?:his|her|their) (?:stuff|things) away\b",
            r"\bjok(?:ing|es|ed) about (?:killing|hurting) (?:himself|herself|themselves)\b",
            r"\bsuddenly (?:really )?happy after (?:months|weeks) of being (?:low|down|sad)\b",
            r"\b(?:easier|better) (?:time|off|life) without (?:her|him|them)\b",
            r"\basking for (?:himself|herself|themselves)\b",
            r"\bpact to\b.{0,20}\b(?:selfharm|self harm|die|kill)",
            r"\b(?:his|her|their) (?:arm|arms|leg|legs|wrist|wrists) (?:looks|look) (?:really )?bad\b",
        ),
        self_only=False,
    ),
    # Worry: distress without a stated risk. The reply is a gentle check-in, with no alert.
    Family(
        "cant_cope",
        Tier.WORRY,
        None,
        (
            r"\bcan not (?:cope|do this|take (?:it|this|much more|any more)|go on|handle (?:it|this|anything|"
            r"life)|deal with (?:it|this|anything|life|everything)|carry on|keep going|keep up with (?:any|"
            r"it|anything|everything)|calm down|see (?:any|a) way out)\b(?! (?:heat|weather|traffic|noise|"
            r"queue|exam|homework|assignment|essay|cold|rain|lol|with (?:the|this) (?:heat|weather|noise|"
            r"cold|rain)))",
            r"\bnot coping\b",
            r"\b(?:everything|life|it all|it|my life|all of it) (?:is|feels|is all) {W}(?:too much|falling "
            r"apart|pointless|hopeless|a mess|so hard|unbearable|a nightmare)\b",
            r"\b(?:falling apart|breaking down|broke down|at breaking point|at rock bottom|so broken|"
            r"overwhelmed|not ok|not okay|not alright|a mess)\b(?! (?:in (?:work|homework|paperwork|"
            r"assignments|emails)|with (?:work|homework|emails)))",
            r"\b(?:breaking point|rock bottom)\b",
            r"\b(?:struggling|suffering) (?:every day|so much|loads|a lot|badly|mentally|with my mental|"
            r"with everything|to cope)\b",
            r"\b(?:in a bad place|in a dark place)\b",
            r"\b(?:panic attack|panic attacks|can not breathe|heart is pounding|pass out|chest is so tight|"
            r"chest is tight|chest hurts|through the roof|freaking out|shaking (?:and|n) crying|"
            r"out of control in my "
            r"head|not really here|everything is far away)\b",
            r"\bcrying (?:all the time|every day|every night|myself to sleep|non stop)\b",
            r"\bcrying in the \w+ (?:toilets|loos) every\b",
            r"\b(?:can not|cant) take all this\b",
            r"\b(?:i am|i feel) drowning\b",
            r"\b(?:proper|really|so|literally) struggling\b",
            r"\bcheck (?:myself )?into hospital\b",
            r"\b(?:can not|cant) (?:get|catch) (?:a|my) breath\b",
            r"\bthroat (?:feels like (?:it is|its) )?closing\b",
            r"\bwalls are closing in\b",
            r"\bhaving a heart attack\b",
            r"\b(?:trying to )?suffocate me\b",
            r"\bshak(?:ing|in) like mad\b",
            r"\bheart (?:going|is going|racing|pounding) (?:ten to the dozen|like mad|so fast)\b",
            r"\blegs feel like (?:they have|theyve|they ve) got weights\b",
            r"\bvision (?:has )?gone (?:laggy|blurry|funny)\b",
        ),
        hypothetical_ok=True,
    ),
    Family(
        "hopeless",
        Tier.WORRY,
        None,
        (
            r"\bwhat is (?:even )?the point\b(?! (?:of (?:a |the |my |this |that |having a |doing a |"
            r"going to |applying )?(?:pathway|plan|review|meeting|pa|form|passport|app|bot|bursary|budget|"
            r"bank|isa|course|college|card|account|cv|id|it all lol|this bot|uni|university|a review)))",
            r"\bno point (?:in )?(?:anything|trying|carrying on|going on|any more|in me)\b",
            r"\b(?:hopeless|worthless|useless|empty inside|numb|dead inside|a burden|a failure|a total "
            r"failure|a waste of space|unloved|unwanted|invisible|pathetic|depressed|so low|dehumanised|"
            r"i am nothing|not good enough for anything|not good enough)\b(?! (?:at (?:cooking|maths|"
            r"football|"
            r"fifa|this game)|with (?:money|maths|forms)))",
            r"\b(?:nobody|no one|noone|no body) {W}(?:cares|loves me|likes me|wants me|gives a|listens|"
            r"understands|to talk to|to call|to turn to|talks to me|checks on me|notices me|can help me)\b",
            r"\b(?:i have|i got|have|got) (?:literally )?(?:nobody|no one|no friends|no family|nothing left|"
            r"no one left)\b(?! (?:to (?:cook|play|watch|do|eat|wear|go) with|to watch|else to say|in (?:the|"
            r"my) (?:fridge|bank|account|cupboard)|on (?:me|my meter|my card)|for (?:tea|dinner|lunch)))",
            r"\bno mates no family\b",
            r"\bexcept me\b",
            r"\bon my own again\b",
            r"\bi hate (?:myself|my life|being alive|who i am|my self|everything about me)\b",
            r"\b(?:i give up|i am giving up|i have given up|giving up on (?:everything|life|myself))\b"
            r"(?! (?:on (?:my course|college|the|this (?:game|form))|smoking|vaping|sugar|drinking))",
            r"\b(?:tired|sick|exhausted) of (?:everything|it all|trying|fighting|feeling like this|being me|"
            r"being alone|being let down)\b",
            r"\bso (?:lonely|alone)\b",
            r"\b(?:lonely|loneliness)\b(?! (?:hearts|planet))",
            r"\b(?:i am|i) (?:done|finished) with (?:everything|it all|everyone|people)\b",
            r"\b(?:nothing is|nothing will|it will never|never going to|never) (?:going to )?(?:change|"
            r"get better)"
            r"\b",
            r"\b(?:like this|be like this) forever\b",
            r"\b(?:rejected|let everyone down|letting everyone down)\b",
            r"\b(?:there is )?no (?:way out|hope|future for me|light at the end)\b",
            r"\bdepressed\b",
            r"\b(?:my|me) (?:depression|anxiety|mental health) {W}(?:is|has been|getting) {W}(?:bad|worse|"
            r"awful|really bad|so bad|horrible|out of control)\b",
            r"\b(?:is it|is this) (?:ever )?(?:actually )?(?:going to|gonna) get better\b",
            r"\bnothing (?:ever )?(?:changes|goes right|will change)\b",
            r"\bnothing ever (?:goes|gans) right\b",
            r"\b(?:never|not ever) (?:going to )?get help\b",
            r"\btaken off me\b",
            r"\bstuck in a hole\b",
            r"\b(?:can not|cant) remember the last time i (?:laughed|smiled|was happy)\b",
            r"\bwhy do i (?:even )?bother\b",
            r"\bso what is left\b",
            r"\bput on a mask\b",
            r"\bworst day of the year\b",
            r"\b(?:sit|stay|sat) in my (?:flat|room) every (?:weekend|day|night)\b",
            r"\beveryone leaves me\b",
            r"\bno one (?:texts|messages|rings) (?:me )?back\b",
            r"\b(?:do not|dont) have (?:one|a single|any) mate\b",
            r"\bnobody (?:replies|texts|messages|wants me)\b",
            r"\bnobody to (?:ring|call|text|talk to|spend)\b",
            r"\bi am a nobody\b",
            r"\bout of pity\b",
            r"\b(?:is|was|it is) all my fault\b",
            r"\babandoned\b",
            r"\bi (?:ruin|mess up) everything\b",
            r"\bno one rates me\b",
            r"\bwhy would anyone want (?:to|me)\b",
            r"\bon my bill\b",
            r"\bthrown into the deep end\b",
        ),
    ),
)


def _lexicon_families() -> tuple[Family, ...]:
    """The lexicon's acute phrases, spelled the way messages are (``normalise``), as two families."""
    constructs = json.loads(LEXICON.read_text(encoding="utf-8"))["constructs"]
    by_kind: dict[str, list[str]] = {"self_harm": [], "suicidal_thoughts": []}
    for construct, phrases in constructs.items():
        kind = "self_harm" if construct == "Direct self-injury" else "suicidal_thoughts"
        by_kind[kind] += [rf"\b{re.escape(normalise(phrase))}\b" for phrase in phrases]
    unless: dict[str, str] = {}
    for family in FAMILIES:
        if family.unless:
            unless[family.kind] = (
                f"{unless[family.kind]}|{family.unless}" if family.kind in unless else family.unless
            )
    return tuple(
        Family(kind, Tier.RISK, SUICIDE, tuple(patterns), unless=unless.get(kind, ""))
        for kind, patterns in by_kind.items()
    )


FAMILIES = (*FAMILIES, *_lexicon_families())
