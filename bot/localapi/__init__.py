"""A local Bot API server: a test double of Telegram for end-to-end tests and the offline demo.

It is not Telegram. It serves the Bot API methods this bot uses (``methods.json``, generated from the
Bot API spec by ``gen_spec.py``) over HTTP at ``/bot<token>/<method>``, so the real ``Application`` runs
against it through ``telegram.base_url``, and it checks every call against the spec the way Telegram
answers a bad request. It keeps private chats in memory and offers a user side (HTTP and Python) to
play the people the bot talks to: they write, tap buttons and deep links, and block the bot. It can
enforce Telegram's flood limits (429 with ``retry_after``) and can be told to fail (5xx, hanging calls)
to test that the bot recovers.

Not served: groups and channels, inline mode, payments, webhook delivery (``setWebhook`` is recorded,
and blocks ``getUpdates`` as on Telegram, but nothing is pushed).
"""

from bot.localapi.checks import ApiError, Upload
from bot.localapi.server import Call, Fault, FloodLimits, LocalBotApi
from bot.localapi.world import World

__all__ = ["ApiError", "Call", "Fault", "FloodLimits", "LocalBotApi", "Upload", "World"]
