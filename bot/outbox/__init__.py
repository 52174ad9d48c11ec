"""The one home for talking to Telegram outside a chat reply: queued messages and how they are sent.

Services and the scheduler write what should be sent as outbox rows (chat, text, buttons as data from
``bot.outbox.buttons``), never telegram objects. Handlers and the tick hand the rows to this package:
``send.send_now`` for what must go at once, the ``Dispatcher`` for whatever is due. Both send a row through
``send.send_one``, which claims it, sends it (text, or a photo through a registered sender), and marks it
sent or failed, so a row goes once whoever picks it up.
"""
