"""Council content (the offer, the passport, money help, crisis contacts) and the pure logic over it.

Nothing here knows about Telegram or the store: it is data, its schema, and functions of that data.
"""
