"""The store: the SQLite database and one repository module per aggregate.

Repository functions take a connection as their first argument: ``db.transaction()`` for writes (so a
service can make several changes atomically; ``db.one_statement()`` for a write that is one statement)
and ``db.reader`` or ``db.snapshot()`` for reads, or ``db.lookups`` for a read of a few rows by key (the
``Reads`` type). They return pydantic models, never raw rows.
"""

from bot.store.db import Database, DatabaseUnusable

__all__ = ["Database", "DatabaseUnusable"]
