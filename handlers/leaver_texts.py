"""Every word the bot says to a young person, in one place, so it can be read, checked for reading age
(tests/test_readability.py) and changed without touching logic.

HTML: placeholders marked ``{..}`` are filled with escaped text by the views.
"""

from bot.models_leaver import ContactReason, PreferredTime, Response
from content.personalise import Fact
from content.schema import Activity, Need

# Onboarding: one screen after the invite link is used.
HELLO = "You're in, {name}! 👋"
HELLO_NO_NAME = "You're in! 👋"
WELCOME = (
    "{hello}\n\n"
    "<b>What I do</b>\n"
    "I show you what help you can get, and your passport to living on your own. "
    "I find money help, and I pass messages to your PA.\n\n"
    "<b>What your PA can see</b>\n"
    "That you use me, your passport ticks, and things you ask me to send them. "
    "{safety} Your PA does not see the rest of what you type here.\n\n"
    "<b>How to stop</b>\n"
    "Send /stop at any time.\n\n"
    "If you are in danger now, call 999."
)

# Who hears when a message sounds like they are not safe: with someone on call out of hours, or not.
SAFETY_ON_CALL = "If a message sounds like you are not safe, I tell your PA (or the team on call at night)."
SAFETY_PA_ONLY = (
    "If a message sounds like you are not safe, I tell your PA. "
    "At night they may not see it until the morning, so I give you numbers to call as well."
)

MENU = "What would you like to do, {name}?"
MENU_NO_NAME = "What would you like to do?"

# Asked once, after the welcome, when the council's record has no name for them.
ASK_NAME = "What would you like me to call you?\nType a name, or tap Skip."
SKIP_NAME = "Skip"
NAME_SAVED = "Nice to meet you, {name}! 😊"
NAME_SKIPPED = "No problem."
NAME_REFUSED = {
    "long": "That is a bit long. Please send a shorter name (up to {most} letters), or tap Skip.",
    "link": "Please send just a name, with no links. Or tap Skip.",
    "letters": "Please send a name with some letters in it, or tap Skip.",
}
MENU_BUTTONS = {
    "offer": "💷 What can I get?",
    "passport": "📘 My passport",
    "money": "🧾 Money help",
    "pa": "💬 Talk to my PA",
    "help": "🆘 Help now",
}
# What a young person might type instead of tapping a menu button.
MENU_WORDS = {
    "offer": ("what can i get", "what can i get?", "my offer", "entitlements"),
    "passport": ("my passport", "passport"),
    "money": ("money help", "money"),
    "pa": ("talk to my pa", "my pa", "contact my pa", "call me"),
    "help": ("help now", "sos"),
    "menu": ("menu", "home", "back", "help", "hi", "hello", "start"),
}
BACK = "« Back"
MENU_BUTTON = "🏠 Menu"
ASK_MY_PA = "💬 Ask my PA"

# What can I get?
OFFER_TITLE = "<b>What you can get now</b>"
OFFER_TAP = "Tap one to read more."
OFFER_NONE = "I could not find anything for you right now. Ask your PA what you can get."
OFFER_HELD_BACK = "<i>Some help depends on things you'd rather not say. Your PA can tell you about it.</i>"
MORE = "More »"
COMING_UP = "<b>Coming up</b>"
STARTS_AT = "At {age}: {title} starts"
ENDS_AT = "At {age}: {title} stops"
SUPPORT_ENDS_AT_25 = "At 25: help from the leaving care team stops."
LOCAL_NOTE = "<b>Who decides:</b> {who}\n<b>How to ask:</b> {how}"
HOW_TO_GET = "<b>What to do:</b> {how}"
AMOUNT = "<b>How much:</b> {amount}"
NOT_FOR_YOU_NOW = "<i>This may not be for you right now. Ask your PA.</i>"

FACT_QUESTIONS = {
    Fact.LIVES_IN_AREA: "So I show the right things: do you live in {area}?",
    Fact.ACTIVITY: "So I show the right things: what are you doing now?",
    Fact.PARENT: "So I show the right things: are you a parent, or pregnant?",
}
YES, NO, RATHER_NOT_SAY = "Yes", "No", "Rather not say"
ACTIVITY_BUTTONS = {
    Activity.EDUCATION: "School or college",
    Activity.HIGHER_EDUCATION: "University",
    Activity.APPRENTICESHIP: "Apprenticeship",
    Activity.WORK: "Work or training",
    Activity.NOT_IN_WORK: "None of these now",
}

# Passport.
PASSPORT = "<b>My passport to living on my own</b>\nTap a part to see it. You have done {done} of {total}."
SECTION_BUTTON = "{title} {done}/{total}"
SECTION = "<b>{title}</b>\nTap a line to tick it or ask for help."
ITEM = "<b>{text}</b>\n\n💡 {tip}"
ITEM_DONE = "✅ Done"
ITEM_UNDO = "↩️ Not done yet"
ITEM_HELP = "🙋 I'd like help with this"
STATUS_MARK = {"done": "✅", "help": "🙋", "todo": "⬜"}
HELP_ASKED = "I've asked your PA to help you with this."
SECTION_FINISHED = "🎉 Well done! You have done every line in {title}."

# Money help.
MONEY = "<b>Money help</b>\nWhat do you need help with?"
NEEDS = {
    Need.FOOD_TODAY: "🍞 Food today",
    Need.ENERGY: "🔥 Gas and electric",
    Need.RENT_AND_HOUSING: "🏠 Rent and housing",
    Need.PHONE_AND_INTERNET: "📱 Phone and internet",
    Need.EMERGENCIES: "⚠️ An emergency",
    Need.BENEFITS: "📄 Benefits",
}

# Talk to my PA.
PA_REASON = "What would you like to talk to your PA about?\nTap one, or type it."
REASON_BUTTONS = {
    ContactReason.MONEY: "Money",
    ContactReason.HOME: "Home",
    ContactReason.HEALTH: "Health or feelings",
    ContactReason.WORK: "Work or learning",
    ContactReason.PLAN: "My plan",
    ContactReason.OTHER: "Something else",
}
PA_TIME = "When is best for your PA to get in touch?"
TIME_BUTTONS = {
    PreferredTime.SOON: "As soon as they can",
    PreferredTime.MORNING: "Morning",
    PreferredTime.AFTERNOON: "Afternoon",
    PreferredTime.MESSAGE: "A message is fine",
}
# What a young person might type instead of tapping a time. Anything else typed at that step is not taken
# as a time (it may be a question, which gets its answer): the buttons still work after it.
TIME_WORDS = {
    PreferredTime.SOON: ("asap", "as soon as", "soon", "now", "any time", "anytime", "whenever", "today"),
    PreferredTime.MORNING: ("morning", "mornin", "before lunch"),
    PreferredTime.AFTERNOON: ("afternoon", "after lunch", "after school", "after college"),
    PreferredTime.MESSAGE: ("message", "msg", "text", "txt"),
}
SENT_TO_PA = "Done! I've asked your PA, {pa}, to get in touch."
SENT_TO_MANAGER = "Your PA can't get my messages yet, so I've told their team manager instead."
# Asking again while the first request is still open: added to it, not sent as a new one.
ALREADY_ASKED = "I've already asked your PA, {pa}, to get in touch. I've added this to it."
ALREADY_SEEN = "Your PA, {pa}, has already seen your request. I've told them you asked again."
SENT_TO_NOBODY = "I'm sorry, I couldn't reach your PA. Please call {office} on {number}."
OUT_OF_HOURS = (
    "The office is shut now. Your PA will see this from {when}.\n"
    "If you need help before then, call the {ooh} on {ooh_number}."
)

# When someone answers a request or an alert: "{who}" is "Your PA" or the name of who answered.
YOUR_PA = "Your PA"
PA_REPLIED = {
    Response.SEEN: "{who} has seen your message. They will get in touch as soon as they can.",
    Response.ON_IT: "{who} is dealing with it now. They will get in touch as soon as they can.",
    Response.TODAY: "{who} has seen your message. They will contact you today.",
    Response.LATER: "{who} has seen your message. They will contact you soon.",
    Response.DONE: "{who} has marked your request as done. If you still need help, tap Talk to my PA.",
}

# Free-text questions.
ANSWER_INTRO = "Here is what I found:"
DID_YOU_MEAN = (
    "I'm not sure I know that one. Did you mean one of these?\nIf not, I can send your question to your PA."
)
NOT_ANSWERED_PART = "I could not answer this part: <i>{part}</i>\nI can send your question to your PA."
SEND_MY_QUESTION = "📨 Send my question to my PA"
NO_MATCH = "I don't know that one yet. 🤔\nShall I send your question to your PA?"
HELLO_AGAIN = "Hi {name}! 👋"
HELLO_AGAIN_NO_NAME = "Hi! 👋"
YOU_ARE_WELCOME = "You're welcome! 😊"
SMALL_TALK = "I'm a bot, not a person. I can help you find what you can get, or pass a message to your PA."
NUMBERS = "📞 <b>{name}</b>: {number} ({hours})"
SEND_QUESTION = "📨 Yes, send it"
DONT_SEND = "No, thanks"
QUESTION_SENT = "I've sent your question to your PA, {pa}."
QUESTION_NOT_SENT = "OK, I won't send it."
QUESTION_GONE = "Sorry, I lost track of that question. Please type it again."

# Their voice.
DID_THIS_HELP = "Did this help?"
HELPED_YES, HELPED_NO = "👍 Yes", "👎 No"
THANKS_FEEDBACK = "Thanks for telling me."
READINESS = "One more: how ready do you feel for living on your own? 1 is not at all, 5 is very ready."

# /cancel and /stop.
CANCELLED = "OK, I've stopped that."
NOTHING_TO_CANCEL = "There was nothing to stop."
STOP_CONFIRM = (
    "Do you want to stop using this bot?\n"
    "I will forget this Telegram account. Your PA will still be there for you. "
    "You can ask them for a new link at any time.\n\n"
    "I can also delete what you told me: the name you gave me, your answers about you, "
    "your passport ticks and where we were up to. "
    'Your taps on "Did this help?" stay only as numbers, with no name. '
    "Your PA's records stay as they are."
)
STOP_YES, STOP_AND_DELETE, STOP_NO = "Yes, stop", "Stop and delete what I told you", "No, keep going"
STOPPED = "Done. I've forgotten this account. Your PA can send you a new link if you want to come back."
STOPPED_AND_DELETED = (
    "Done. I've forgotten this account and deleted what you told me. "
    "Your PA can send you a new link if you want to come back."
)
NOT_STOPPED = "Good, I'm still here."

NOT_LINKED = "This is only for young people who have joined with a link from their PA."
BAD_BUTTON = "Sorry, that button is old. Here is the menu."

# A photo, voice note, sticker, file or place, and a command the bot does not know.
ONLY_TEXT = (
    "Sorry, I can only read typed words for now. I can't see pictures or hear voice notes.\n"
    "If you are in danger now, call 999."
)
UNKNOWN_COMMAND = "Sorry, I don't know that one. Send /help to see what I can do."
