"""Every word the bot says to someone who has not joined (no invite yet, or their PA has not sent one), in
one place, so it can be read, checked for reading age and changed without touching logic.

What they get is general: national rights and money help, the council's numbers, how to join, and crisis
help. Nothing personal, and nothing is passed to a PA they do not have.
HTML: placeholders marked ``{..}`` are filled with escaped text by the views.
"""

WELCOME = (
    "Hi! 👋 I'm the {service} bot.\n\n"
    "I help care leavers find out what help they can get.\n"
    "You have not joined yet, so what I show you is general, not just for you.\n\n"
    "If your PA sent you a link, tap it to join.\n\n"
    "If you are in danger now, call 999. To talk to someone now, call Samaritans free on 116 123."
)
MENU = "What would you like to do?\n<i>You have not joined yet, so this is general help.</i>"
HELLO = "Hi! 👋 Good to hear from you."
THANKS = "You're welcome! 😊"
SMALL_TALK = "I'm a bot, not a person. I can help you find out what you can get."
MENU_BUTTONS = {
    "offer": "💷 What can I get?",
    "money": "🧾 Money help",
    "numbers": "📞 Council numbers",
    "join": "🔗 How to join",
    "help": "🆘 Help now",
}
MENU_BUTTON = "🏠 Menu"
BACK = "« Back"
MORE = "More »"

OFFER = (
    "<b>What care leavers can get</b>\n"
    "This is general. What you can get depends on you, so ask the council or your PA.\n"
    "Tap one to read more."
)
GENERAL = "<i>This is general help. Ask your PA or the council what you can get.</i>"
NUMBERS = (
    "<b>The council's numbers</b>\n\n"
    "📞 <b>{office}</b>: {office_number} ({office_hours})\n"
    "📞 <b>{ooh}</b>: {ooh_number} ({ooh_hours})\n\n"
    "Ask for the {service}."
)
JOIN = (
    "<b>How to join</b>\n\n"
    "Ask your PA for a link to this bot. When you tap it, I will know who you are, "
    "and I can show you what you can get.\n\n"
    "No PA, or not sure? Call the {office} on {office_number} ({office_hours}). "
    "Ask for the {service} and say you would like a link."
)
PA_NOT_YET = (
    "You have not joined yet, so I can't pass a message to a PA.\n\n"
    "To talk to someone at the council, call the {office} on {office_number} ({office_hours}). "
    "When it is shut, call the {ooh} on {ooh_number}."
)
ANSWER_INTRO = "Here is what I found. It is general help:"
DID_YOU_MEAN = "I'm not sure I understood. Did you mean one of these?"
DONT_KNOW = "I don't know that one yet. 🤔\n\nYou could ask the {office} on {office_number} ({office_hours})."
NOT_ANSWERED_PART = "I could not answer this part: <i>{part}</i>"
BAD_BUTTON = "Sorry, that button is old. Here is the menu."
ONLY_TEXT = (
    "Sorry, I can only read typed words for now. I can't see pictures or hear voice notes.\n"
    "If you are in danger now, call 999."
)
UNKNOWN_COMMAND = "Sorry, I don't know that one. Send /help to see what I can do."
