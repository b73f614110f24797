"""Opening a SQLite corpus file: writable, or read-only when the file or its folder is, with
one process at a time bringing a new or older database to the current schema, and every
failure named for what it is (a folder, a damaged file, a file that is not ours)."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quotidien.errors import QuotidienError
from quotidien.store.schema import SCHEMA_VERSION, current_version, migrate


def connect(path: str, any_thread: bool) -> tuple[sqlite3.Connection, bool]:
    """An open connection at the current schema, and whether it is read-only."""
    where = Path(path)
    if where.is_dir():
        raise QuotidienError(f"{path}: is a folder, not a database file")
    if _read_only(where):
        return _open_read_only(path, any_thread), True
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise QuotidienError(f"{path}: cannot create its folder ({error.strerror})") from None
    db = _connect(path, any_thread)
    try:
        with _lock(path):  # two processes creating one database: one at a time
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            migrate(db, path)
    except BaseException as error:
        db.close()
        raise named_error(path, error) from None
    return db, False


def _read_only(where: Path) -> bool:
    """The file exists but cannot be written, or its folder cannot (the journal's)."""
    if not where.exists():
        return False
    return not os.access(where, os.W_OK) or not os.access(where.parent, os.W_OK)


def _open_read_only(path: str, any_thread: bool) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri()
    last: BaseException | None = None
    # `mode=ro` reads a database whose WAL files it may create; `immutable=1` one in a
    # folder it cannot write at all (nothing else may write it meanwhile: it is read-only).
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(
                f"{uri}?{options}", uri=True, isolation_level=None, timeout=60,
                check_same_thread=not any_thread,
            )  # fmt: skip
            version = current_version(db, path)
        except (sqlite3.Error, QuotidienError) as error:
            last = error
            continue
        if version != SCHEMA_VERSION:
            db.close()
            raise QuotidienError(
                f"{path}: a read-only database at schema version {version} (this quotidien "
                f"reads {SCHEMA_VERSION}); open it once where it can be written to upgrade it"
            )
        return db
    raise named_error(path, last or sqlite3.DatabaseError("cannot be opened")) from None


def _connect(path: str, any_thread: bool) -> sqlite3.Connection:
    try:
        # A generous busy timeout: a second ingest into the same file waits for the
        # first's batch to commit instead of failing.
        return sqlite3.connect(
            path, isolation_level=None, timeout=60, check_same_thread=not any_thread
        )
    except sqlite3.Error as error:
        raise named_error(path, error) from None


@contextmanager
def _lock(path: str) -> Iterator[None]:
    """An exclusive lock on the database file, held while its schema is checked and brought
    up to date (flock: apart from the POSIX locks SQLite itself takes on the file)."""
    try:
        handle = open(path, "ab")  # noqa: SIM115 (held across the block)
    except OSError:  # SQLite will say what is wrong with the file
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def named_error(path: str, error: BaseException) -> BaseException:
    """The error as a user should read it."""
    if isinstance(error, QuotidienError):
        return error
    text = str(error)
    if "malformed" in text or "disk image" in text:
        return QuotidienError(f"{path}: the database is damaged ({text})")
    if "disk is full" in text:
        return QuotidienError(f"{path}: the disk is full; the batch being written was undone")
    if "not a database" in text:
        return QuotidienError(f"{path}: not a quotidien database (not a SQLite file)")
    if "unable to open" in text:
        return QuotidienError(f"{path}: cannot open the database file ({text})")
    if isinstance(error, sqlite3.Error):
        return QuotidienError(f"{path}: database error ({text})")
    return error
