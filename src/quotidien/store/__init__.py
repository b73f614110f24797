"""Where articles are kept: the storage interface, its SQLite backend, syndication clusters."""

from __future__ import annotations

from quotidien.store.base import Filters, Store
from quotidien.store.sqlite import SQLiteStore

__all__ = ["Filters", "SQLiteStore", "Store", "is_url", "open_store"]

#: What a PostgreSQL database's URL starts with.
SCHEMES = ("postgresql://", "postgres://")


def is_url(path: str) -> bool:
    """Whether `path` names a PostgreSQL database rather than a SQLite file."""
    return path.startswith(SCHEMES)


def open_store(path: str, any_thread: bool = False) -> Store:
    """The store for a database: PostgreSQL for a `postgresql://` URL, else a SQLite file.
    `any_thread`: usable from any thread, one at a time."""
    if is_url(path):
        from quotidien.store.postgres import PostgresStore  # psycopg only when asked for

        return PostgresStore(path, any_thread)
    return SQLiteStore(path, any_thread)
