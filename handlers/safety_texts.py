"""Every word the bot says when a message sounds like someone is not safe, in one place, so it can be read,
checked for reading age (tests/test_readability.py) and changed without touching logic.

Written to follow the Samaritans' and the National Suicide Prevention Alliance's guidance on responding to
suicidal content online: warm, short, no method detail, the numbers first, and honest about who is told.
HTML: placeholders marked ``{..}`` are filled with escaped text by the views.
"""

from content.schema import Risk

CRISIS_OPENING = {
    Risk.SUICIDE_OR_SELF_HARM: (
        "I'm really sorry you feel like this. You don't have to deal with it alone. "
        "Please talk to someone now:"
    ),
    Risk.HURT_OR_UNSAFE: "I'm sorry this is happening. It is not your fault. You can get help now:",
    Risk.NOWHERE_TO_SLEEP: "I'm sorry. Nobody should have nowhere to sleep. You can get help tonight:",
    Risk.MISSING_OR_UNSAFE_HOME: "I'm sorry you feel you can't go home. You can get help now:",
    Risk.DISTRESS: (
        "Thank you for telling me. You don't have to deal with this alone. Please talk to someone now:"
    ),
}
# Danger now: 999 comes first in the lines; this line comes before them.
DANGER_FIRST = "<b>If you are in danger now, call 999.</b>"
HELP_NOW = "<b>Help now</b>\nIf you or someone else is in danger now, call 999."
CRISIS_LINE = "📞 <b>{name}</b>: {how} ({hours})"
COUNCIL_LINE = "📞 <b>{name}</b>: {number} ({hours})"

TOLD_PA = "I've let your PA, {pa}, know, so they can check on you. I have not sent them your words."
TOLD_DUTY = (
    "I've let {duty} know, so they can check on you. Your PA will see it too when they are back. "
    "I have not sent them your words."
)
# Out of hours with someone on call: the PA as well, when the bot can reach them.
TOLD_DUTY_ONLY = "I've let {duty} know, so they can check on you. I have not sent them your words."
TOLD_MANAGER = "Your PA can't get my messages, so I've told their team manager. I have not sent your words."
TOLD_LATER = (
    "The office is shut, so they may not see it until {when}. If you need help now, use the numbers above."
)
TOLD_NEXT = "If nobody answers within {minutes} minutes, I will tell someone else too."
TOLD_NOBODY = "I could not reach your PA. Please use the numbers above."
TOLD_UNKNOWN = "I don't know who you are yet, so I have not told anyone. Please use the numbers above."
TOLD_STRANGER_DUTY = (
    "I've let {duty} know that someone may need help. They can only message you here. "
    "I have not sent them your words. Please use the numbers above."
)
AFTER_CRISIS = "I'm still here. Tap Menu when you want to carry on."

# Worry: a gentle check-in, with no alert.
CHECK_IN = "That sounds really hard. I'm glad you told me.\n\n<b>Are you safe right now?</b>"
SAFE_BUTTON = "🙂 I'm safe"
HELP_NOW_BUTTON = "🆘 I need help now"
TALK_TO_PA_BUTTON = "💬 Talk to my PA"
SOMEONE_TO_TALK_TO_BUTTON = "📞 Someone to talk to"
GLAD_SAFE = (
    "I'm glad you're safe. Things can feel better with someone to talk to.\n\n"
    "📞 <b>Samaritans</b>: call 116 123, free, any time.\n"
    "💬 <b>Shout</b>: text SHOUT to 85258, free, any time.\n\n"
    "If it gets worse, tap Help now in the menu."
)

# Someone else is at risk: help for a friend, with no alert about the sender.
FRIEND = (
    "It's kind of you to want to help them.\n\n"
    "<b>If they are in danger now, call 999.</b>\n\n"
    "Listen to them and don't judge. Tell them you care. "
    "Help them talk to someone they trust, like a PA, a doctor or a teacher.\n\n"
    "They can call or text these, and so can you, to talk about how to help:"
)
FRIEND_LOOK_AFTER_YOU = "Look after yourself too. You can talk to your PA about it."
