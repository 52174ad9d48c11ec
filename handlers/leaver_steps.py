"""The steps a care leaver's conversation can be at, as stored in ``conversation_state.step``.

Their own module because more than the leaver's handlers start a step: the safety check-in's "Talk to my
PA" starts the same request as the menu's button.
"""

ASK_NAME = "name"
ASK_PA_REASON = "pa_reason"
ASK_PA_TIME = "pa_time"
PENDING_QUESTION = "question"
CONFIRM_STOP = "stop"
