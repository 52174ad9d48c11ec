"""Words the bot sends staff on a young person's behalf (plain text: names are not escaped for HTML).

Kept apart from the handlers' texts because they are written when a hand-off is queued in the outbox, and
may be sent later by the dispatcher.
"""

from bot.models_leaver import HandoffKind, Response
from content.schema import Risk

REASONS = {
    "money": "money",
    "home": "home or housing",
    "health": "health or feelings",
    "work": "work or learning",
    "plan": "their pathway plan",
    "other": "something else",
}

TIMES = {
    "soon": "as soon as you can",
    "morning": "a morning",
    "afternoon": "an afternoon",
    "message": "a message is fine",
}

RISKS = {
    Risk.SUICIDE_OR_SELF_HARM: "suicide or self-harm",
    Risk.HURT_OR_UNSAFE: "being hurt or not safe",
    Risk.NOWHERE_TO_SLEEP: "nowhere to sleep",
    Risk.MISSING_OR_UNSAFE_HOME: "gone missing or not safe to go home",
    Risk.DISTRESS: "asked for help now",
}

CONTACT = "{who} asked you to contact them.\nAbout: {reason}\nBest time: {time}"
QUESTION = "{who} asked a question the bot could not answer. Their question follows."
PASSPORT_HELP = "{who} would like help with this passport item:\n{section}: {item}"
CRISIS = (
    "URGENT: {who} sent a message that may mean they are at risk ({risk}).\n"
    "The bot has given them crisis numbers, and told them you have been alerted.\n"
    "Please contact them as soon as you can."
)
CRISIS_DUTY = CRISIS.replace("you have been alerted", "the duty team has been alerted")
DANGER_NOW = (
    "URGENT: {who} sent a message that may mean they are in danger now ({risk}).\n"
    "The bot has told them to call 999 and given them crisis numbers, and told them you have been alerted.\n"
    "Please contact them now."
)
DANGER_NOW_DUTY = DANGER_NOW.replace("you have been alerted", "the duty team has been alerted")
STRANGER_CRISIS = (
    "URGENT: someone who has not joined the bot (no record, no PA) sent a message that may mean they are at "
    "risk ({risk}).\nThe bot has given them crisis numbers. Their Telegram id is {telegram_id}."
)
STRANGER_DANGER_NOW = STRANGER_CRISIS.replace("may mean they are at risk", "may mean they are in danger now")

ESCALATION = (
    "Not yet picked up: {who} asked for help on {when} ({kind}).\n"
    "Their PA ({pa}) has not answered it by the end of the next working day. Please check someone has."
)
NO_PA_ESCALATION = (
    "{who} asked for help ({kind}), but their PA can't get messages from the bot. "
    "Please make sure someone picks it up."
)

KINDS = {
    HandoffKind.CONTACT: "asked to be contacted",
    HandoffKind.QUESTION: "a question",
    HandoffKind.PASSPORT_HELP: "help with their passport",
    HandoffKind.CRISIS: "a crisis alert",
}

BUTTONS = {Response.TODAY: "I'll call today", Response.LATER: "I'll call later", Response.DONE: "Done"}

# What the young person is told when their PA answers.
PA_REPLIED = {
    Response.TODAY: "Your PA has seen your message. They will contact you today.",
    Response.LATER: "Your PA has seen your message. They will contact you soon.",
    Response.DONE: "Your PA has marked your request as done. If you still need help, tap Talk to my PA.",
}
