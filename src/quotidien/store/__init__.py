"""Where articles are kept: the storage interface, its SQLite backend, syndication clusters."""

from __future__ import annotations

from quotidien.store.base import Filters, Store
from quotidien.store.sqlite import SQLiteStore

__all__ = ["Filters", "SQLiteStore", "Store", "open_store"]


def open_store(path: str) -> Store:
    """The store for a database path (SQLite for now; the place to pick other backends)."""
    return SQLiteStore(path)
