"""The PostgreSQL schema, as numbered migrations (the same tables as SQLite's, `store/schema.py`).

Text is searched through a `tsvector` per article and per quote (`search`), and articles are
ranked by a small one of their beginning (`rank`, see postgres_search.py), each built with
the text search configuration of the article's language: `quotidien_french`,
`quotidien_english`, and `quotidien_simple` for the others (words lower-cased, not stemmed).
Each is PostgreSQL's own configuration with accents removed first (the `unaccent`
extension), as SQLite's tokenizer does. Text columns that are sorted or compared by range
use the "C" collation, so that order is the same as SQLite's (code points) whatever the
database's locale.

Migrations run in one transaction under an advisory lock, so two programs opening a new
database at once do not both create it.
"""

from __future__ import annotations

from typing import Any

from quotidien.errors import QuotidienError
from quotidien.store.schema import APPLICATION, refuse_newer

#: Base configurations given an unaccented copy; a language whose configuration is not here
#: is indexed with `simple` (adding one is a new migration).
CONFIGS = ("simple", "french", "english")
#: The advisory lock key of schema changes and of writes ("quotidien" in ASCII, truncated).
LOCK = 0x71756F7469

_DICTIONARY = {"simple": "simple", "french": "french_stem", "english": "english_stem"}


def _configs() -> str:
    return "".join(
        f"CREATE TEXT SEARCH CONFIGURATION quotidien_{name} (COPY = {name});"
        f"ALTER TEXT SEARCH CONFIGURATION quotidien_{name} ALTER MAPPING FOR "
        f"hword, hword_part, word WITH unaccent, {_DICTIONARY[name]};"
        for name in CONFIGS
    )


C = 'COLLATE "C"'

MIGRATIONS: list[str] = [
    "CREATE EXTENSION IF NOT EXISTS unaccent;"
    + _configs()
    + f"""
    CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE sites (id bigserial PRIMARY KEY, name text {C} NOT NULL UNIQUE);
    CREATE TABLE articles (
        rowid bigserial PRIMARY KEY,
        id text {C} NOT NULL UNIQUE,
        identity text {C} NOT NULL UNIQUE,
        cluster text {C} NOT NULL,
        url text {C},
        site bigint REFERENCES sites(id),
        language text {C},
        title text {C},
        lead text {C},
        body text {C},
        provider text {C},
        published text {C},
        source text {C},
        ingested text NOT NULL,
        record json NOT NULL,
        config text NOT NULL,
        search tsvector NOT NULL,
        rank tsvector NOT NULL
    );
    CREATE INDEX articles_cluster ON articles(cluster);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_site ON articles(site);
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_provider ON articles(lower(provider));
    CREATE INDEX articles_search ON articles USING gin(search);
    CREATE TABLE blocks (
        article bigint NOT NULL REFERENCES articles(rowid),
        position integer NOT NULL,
        kind text {C} NOT NULL,
        text text {C} NOT NULL,
        PRIMARY KEY (article, position)
    );
    CREATE TABLE entities (
        article bigint NOT NULL REFERENCES articles(rowid),
        local_id text {C} NOT NULL,
        kind text {C} NOT NULL,
        name text {C} NOT NULL,
        norm text {C} NOT NULL,
        role text {C},
        PRIMARY KEY (article, local_id)
    );
    CREATE INDEX entities_norm ON entities(norm);
    CREATE INDEX entities_kind ON entities(kind, norm);
    CREATE TABLE entity_words (
        word text {C} NOT NULL,
        article bigint NOT NULL REFERENCES articles(rowid),
        entity text {C} NOT NULL
    );
    CREATE INDEX entity_words_word ON entity_words(word);
    CREATE TABLE mentions (
        article bigint NOT NULL REFERENCES articles(rowid),
        entity text {C} NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        text text {C} NOT NULL,
        norm text {C} NOT NULL,
        kind text {C} NOT NULL
    );
    CREATE INDEX mentions_norm ON mentions(norm);
    CREATE INDEX mentions_article ON mentions(article, start);
    CREATE TABLE quotes (
        rowid bigserial PRIMARY KEY,
        article bigint NOT NULL REFERENCES articles(rowid),
        position integer NOT NULL,
        kind text {C} NOT NULL,
        content text {C} NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        cue text {C},
        speaker text {C},
        speaker_entity text {C},
        speaker_name text {C},
        config text NOT NULL,
        search tsvector NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article);
    CREATE INDEX quotes_speaker ON quotes(article, speaker_entity);
    CREATE INDEX quotes_search ON quotes USING gin(search);
    CREATE TABLE comments (
        article bigint NOT NULL REFERENCES articles(rowid),
        position integer NOT NULL,
        author text {C},
        posted text {C},
        text text {C} NOT NULL
    );
    CREATE TABLE teasers (
        article bigint NOT NULL REFERENCES articles(rowid),
        position integer NOT NULL,
        title text {C},
        text text {C},
        url text {C},
        provider text {C}
    );
    CREATE TABLE signatures (
        article bigint PRIMARY KEY REFERENCES articles(rowid),
        minhash bytea NOT NULL
    );
    CREATE TABLE bands (key bigint NOT NULL, article bigint NOT NULL REFERENCES articles(rowid));
    CREATE INDEX bands_key ON bands(key);
    CREATE TABLE inputs_done (key text {C} PRIMARY KEY);
    CREATE TABLE errors (
        rowid bigserial PRIMARY KEY,
        key text {C} NOT NULL UNIQUE,
        source text {C} NOT NULL,
        reason text {C} NOT NULL,
        at text {C} NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Any, name: str) -> None:
    """Bring the database to the current schema, or refuse it with a clear message.
    `db`: a psycopg connection in autocommit mode."""
    version = current_version(db, name)
    if version == SCHEMA_VERSION:
        return
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
        version = current_version(db, name)  # another program may have migrated meanwhile
        refuse_newer(version, SCHEMA_VERSION, name)
        for number in range(version, SCHEMA_VERSION):
            db.execute(MIGRATIONS[number])
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('application', %s), ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (APPLICATION, str(number + 1)),
            )


def current_version(db: Any, name: str) -> int:
    tables = {
        row[0]
        for row in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    }
    if not tables:
        return 0
    not_ours = QuotidienError(f"{name}: this PostgreSQL database was not made by quotidien")
    if "meta" not in tables:
        raise not_ours
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("application") != APPLICATION or not meta.get("schema_version", "").isdigit():
        raise not_ours
    version = int(meta["schema_version"])
    refuse_newer(version, SCHEMA_VERSION, name)
    return version
