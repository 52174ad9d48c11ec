"""A local Bot API server: a test double of Telegram for end-to-end tests and the offline demo.

It is not Telegram. It serves the Bot API methods this bot uses (``methods.json``, generated from the
Bot API spec by ``gen_spec.py``) over HTTP at ``/bot<token>/<method>``, so the real ``Application`` runs
against it through ``telegram.base_url``, and it checks every call against the spec the way Telegram
answers a bad request. It keeps private chats in memory and offers a user side (HTTP and Python) to
play the people the bot talks to: they write, tap buttons and deep links, and block the bot. It can
enforce Telegram's flood limits (429 with ``retry_after``) and can be told to fail (5xx, hanging calls)
to test that the bot recovers.

Updates reach the bot by ``getUpdates`` or, once ``setWebhook`` is set, by webhook (``webhook.py``): POSTed
with the secret token header as Telegram does, one at a time, and to loopback addresses only. Unlike
Telegram, ``setWebhook`` accepts an http URL on a loopback address, so a bot on the same machine needs no
certificate.

Not served: groups and channels, inline mode, payments.
"""

from bot.localapi.checks import ApiError, Upload
from bot.localapi.server import Call, Fault, FloodLimits, LocalBotApi
from bot.localapi.webhook import Delivery
from bot.localapi.world import World

__all__ = ["ApiError", "Call", "Delivery", "Fault", "FloodLimits", "LocalBotApi", "Upload", "World"]
