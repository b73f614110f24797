"""Where articles are kept: the storage interface, its SQLite backend, syndication clusters."""

from __future__ import annotations

from quotidien.store.base import Filters, Store
from quotidien.store.sqlite import SQLiteStore

__all__ = ["Filters", "SQLiteStore", "Store", "open_store"]


def open_store(path: str, any_thread: bool = False) -> Store:
    """The store for a database path (SQLite for now; the place to pick other backends).
    `any_thread`: usable from any thread, one at a time."""
    return SQLiteStore(path, any_thread)
