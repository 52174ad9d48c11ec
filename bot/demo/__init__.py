"""``carebot demo``: the whole bot on one machine, with no token and no internet.

A throwaway database holds a small invented service (``service.py``); the local Bot API server stands in
for Telegram; a web page (``web.py`` and ``static/``) lets a visitor chat as a care leaver, a PA or a
manager, and move the demo clock on to watch reminders arrive.
"""
