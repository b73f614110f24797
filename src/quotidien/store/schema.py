"""The SQLite schema, as numbered migrations.

A database records the application name and its schema version in `meta`. Opening runs the
migrations it lacks, refuses a database written by a newer quotidien, and refuses a SQLite
file that holds other tables but is not ours.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from quotidien.errors import QuotidienError
from quotidien.store import cjk

APPLICATION = "quotidien"

# Each entry moves the schema from version i to i + 1: SQL, or a function for what SQL cannot
# compute. Never edit a released entry: add one.
Migration = str | Callable[[sqlite3.Connection], None]


def _cjk_index(db: sqlite3.Connection) -> None:
    """3: the pairs of characters of Chinese and Japanese text, searched apart (store/cjk.py)."""
    db.execute("CREATE VIRTUAL TABLE cjk_fts USING fts5(text, content='')")
    found = db.execute("SELECT rowid, title, lead, body FROM articles")
    while batch := found.fetchmany(500):
        rows = [(rowid, cjk.bigrams(" ".join(p or "" for p in parts)))
                for rowid, *parts in batch]  # fmt: skip
        db.executemany("INSERT INTO cjk_fts(rowid, text) VALUES (?, ?)", [r for r in rows if r[1]])


def _cjk_quotes(db: sqlite3.Connection) -> None:
    """4: the same pairs for quotations (quote search by words, `quotes?q=`)."""
    db.execute("CREATE VIRTUAL TABLE cjk_quotes USING fts5(text, content='')")
    found = db.execute("SELECT rowid, content FROM quotes")
    while batch := found.fetchmany(500):
        rows = [(rowid, cjk.bigrams(content)) for rowid, content in batch]
        db.executemany(
            "INSERT INTO cjk_quotes(rowid, text) VALUES (?, ?)", [r for r in rows if r[1]]
        )


MIGRATIONS: list[Migration] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        identity TEXT NOT NULL UNIQUE,
        cluster TEXT NOT NULL,
        url TEXT,
        site INTEGER REFERENCES sites(id),
        language TEXT,
        title TEXT,
        lead TEXT,
        body TEXT,
        provider TEXT,
        published TEXT,
        source TEXT,
        ingested TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX articles_cluster ON articles(cluster);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_site ON articles(site);
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_provider ON articles(provider COLLATE NOCASE);
    CREATE TABLE blocks (
        article INTEGER NOT NULL REFERENCES articles(rowid),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article, position)
    );
    CREATE TABLE entities (
        article INTEGER NOT NULL REFERENCES articles(rowid),
        local_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        role TEXT,
        PRIMARY KEY (article, local_id)
    );
    CREATE INDEX entities_norm ON entities(norm);
    CREATE INDEX entities_kind ON entities(kind, norm);
    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles(rowid),
        entity TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE INDEX mentions_norm ON mentions(norm);
    CREATE INDEX mentions_article ON mentions(article, start);
    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(rowid),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        content TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        cue TEXT,
        speaker TEXT,
        speaker_entity TEXT,
        speaker_name TEXT
    );
    CREATE INDEX quotes_article ON quotes(article);
    CREATE TABLE comments (
        article INTEGER NOT NULL REFERENCES articles(rowid),
        position INTEGER NOT NULL,
        author TEXT,
        posted TEXT,
        text TEXT NOT NULL
    );
    CREATE TABLE teasers (
        article INTEGER NOT NULL REFERENCES articles(rowid),
        position INTEGER NOT NULL,
        title TEXT,
        text TEXT,
        url TEXT,
        provider TEXT
    );
    CREATE TABLE signatures (
        article INTEGER PRIMARY KEY REFERENCES articles(rowid),
        minhash BLOB NOT NULL
    );
    CREATE TABLE bands (key INTEGER NOT NULL, article INTEGER NOT NULL REFERENCES articles(rowid));
    CREATE INDEX bands_key ON bands(key);
    CREATE TABLE inputs_done (key TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE errors (
        rowid INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, lead, body, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, lead, body)
        VALUES (new.rowid, new.title, new.lead, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, lead, body)
        VALUES ('delete', old.rowid, old.title, old.lead, old.body);
    END;
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content, content='quotes', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, content) VALUES (new.rowid, new.content);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, content)
        VALUES ('delete', old.rowid, old.content);
    END;
    """,
    # 2: each word of each entity's folded name, indexed: names are found without a scan.
    """
    CREATE TABLE entity_words (
        word TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(rowid),
        entity TEXT NOT NULL
    );
    WITH RECURSIVE split(article, entity, word, rest) AS (
        SELECT article, local_id, '', norm || ' ' FROM entities
        UNION ALL
        SELECT article, entity, substr(rest, 1, instr(rest, ' ') - 1),
               substr(rest, instr(rest, ' ') + 1)
        FROM split WHERE rest != ''
    )
    INSERT INTO entity_words(word, article, entity)
        SELECT DISTINCT word, article, entity FROM split WHERE word != '';
    CREATE INDEX entity_words_word ON entity_words(word);
    CREATE INDEX quotes_speaker ON quotes(article, speaker_entity);
    """,
    _cjk_index,
    _cjk_quotes,
    # 5: providers compared case-blind through lower(), as the PostgreSQL store does.
    """
    DROP INDEX articles_provider;
    CREATE INDEX articles_provider ON articles(lower(provider));
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, name: str) -> None:
    """Bring the database to the current schema, or refuse it with a clear message."""
    version = current_version(db, name)
    refuse_newer(version, SCHEMA_VERSION, name)
    for number in range(version, SCHEMA_VERSION):
        step = MIGRATIONS[number]
        try:
            if isinstance(step, str):
                db.executescript("BEGIN;" + step + _set_version(number + 1) + "COMMIT;")
                continue
            db.execute("BEGIN")
            step(db)
            for statement in _set_version(number + 1).split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("COMMIT")
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def refuse_newer(version: int, understood: int, name: str) -> None:
    """A database written by a newer quotidien (either backend) is not opened."""
    if version > understood:
        raise QuotidienError(
            f"{name}: database schema version {version} is newer than this quotidien "
            f"understands ({understood}); upgrade quotidien to open it"
        )


def current_version(db: sqlite3.Connection, name: str) -> int:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise QuotidienError(f"{name}: this SQLite database was not made by quotidien")
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("application") != APPLICATION or not meta.get("schema_version", "").isdigit():
        raise QuotidienError(f"{name}: this SQLite database was not made by quotidien")
    return int(meta["schema_version"])


def _set_version(version: int) -> str:
    return (
        f"INSERT OR REPLACE INTO meta(key, value) VALUES ('application', '{APPLICATION}');"
        f"INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{version}');"
    )
