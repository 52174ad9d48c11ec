"""The endpoint the council's IT team watches the bot through: ``/healthz`` and ``/metrics``.

Off unless ``[health] port`` is set. The app starts it beside the bot (``bot.app``), importing this
package only then: aiohttp and prometheus-client are not loaded by any other command.
"""
