"""The PostgreSQL store: a corpus several programs and machines read and write at once.

Selected by a database URL (`postgresql://user@host/dbname`). It holds the same tables as
the SQLite store and shares its SQL (`store/sql.py`); what differs is here: connecting, the
writes, and full-text search through PostgreSQL's own text search (`postgres_search.py`).

Concurrent ingests stay right without a lock held for a run: articles are unique by
identity (`ON CONFLICT DO NOTHING`, so a page two ingests both read is stored once), and
each batch is one transaction under a transaction-scoped advisory lock, taken before the
ingest looks for the batch's syndicated copies: the copies another ingest has just stored
are seen, and clusters come out as one ingest would make them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from quotidien.errors import QueryTimeout, QuotidienError
from quotidien.model import Article
from quotidien.store import cjk, rows
from quotidien.store.base import Batch, Filters, Found, Hit, NewArticle, StoredArticle
from quotidien.store.postgres_schema import LOCK, SCHEMA_VERSION, migrate
from quotidien.store.postgres_search import RANK_CHARS, TextQuery, config_of, vector
from quotidien.store.query import decode_cursor, encode_cursor
from quotidien.store.sql import Params, SQLStore
from quotidien.store.sql_filters import filter_sql

# Child tables written with COPY: (table, columns, the rows of an article).
_CHILDREN = (
    ("blocks", "article, position, kind, text", rows.block_rows),
    ("entities", "article, local_id, kind, name, norm, role", rows.entity_rows),
    ("mentions", 'article, entity, start, "end", text, norm, kind', rows.mention_rows),
    ("comments", "article, position, author, posted, text", rows.comment_rows),
    ("teasers", "article, position, title, text, url, provider", rows.teaser_rows),
)


def shown(url: str) -> str:
    """The URL without its password, to name the database in messages."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1@", url)


class PostgresStore(SQLStore):
    schema_version = SCHEMA_VERSION
    week_sql = (
        "to_char(date_trunc('week', a.published::timestamptz AT TIME ZONE 'UTC'), 'YYYY-MM-DD')"
    )

    def __init__(self, url: str, any_thread: bool = False) -> None:
        """Connect to the database at `url` and bring its schema up to date. Connections
        may be used from any thread, one at a time (`any_thread` changes nothing here)."""
        self.path = shown(url)
        try:
            import psycopg
            from psycopg.types.string import TextLoader
        except ImportError:
            missing = "PostgreSQL support is not installed: pip install 'quotidien[postgres]'"
            raise QuotidienError(f"{self.path}: {missing}") from None
        self._psycopg = psycopg
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise QuotidienError(f"{self.path}: cannot connect: {_first_line(error)}") from None
        self.db.adapters.register_loader("json", TextLoader)  # records are parsed by pydantic
        # The planner does not count what reading a row's text vector costs (it is kept out
        # of line), so for a common word it scans the table and reads every vector (300 ms
        # against 60 ms through the GIN index, on 30,000 articles): indexes first.
        self.db.execute("SET enable_seqscan = off")
        self._in_write = False
        self._seconds: float | None = None
        try:
            migrate(self.db, self.path)
        except psycopg.errors.InsufficientPrivilege as error:
            self.db.close()
            raise QuotidienError(
                f"{self.path}: not allowed to create quotidien's tables ({_first_line(error)}); "
                "the database owner can create them by opening it once"
            ) from None

    def close(self) -> None:
        self.db.close()

    def size(self) -> int:
        return int(self._one("SELECT pg_database_size(current_database())")[0])

    def _rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        with self._errors(), self.db.cursor() as cursor:
            cursor.execute(_dialect(sql), [_clean(v) for v in params])
            return cursor.fetchall() if cursor.description else []

    @contextmanager
    def _errors(self) -> Iterator[None]:
        psycopg = self._psycopg
        try:
            yield
        except psycopg.errors.QueryCanceled:
            raise QueryTimeout.after(self._seconds or 0) from None
        except psycopg.OperationalError as error:
            raise QuotidienError(f"{self.path}: {_first_line(error)}") from None

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        # PostgreSQL stops a statement past `statement_timeout` (each statement of the block).
        milliseconds = max(1, int(seconds * 1000))  # 0 would mean no limit
        self._rows("SELECT set_config('statement_timeout', ?, false)", [str(milliseconds)])
        self._seconds = seconds
        try:
            yield
        finally:
            self._seconds = None
            if not self.db.closed:
                self.db.execute("RESET statement_timeout")

    def _text_rowids(self, text: str) -> tuple[str, list[Any]]:
        return TextQuery.of(text).condition("a")

    def _quote_text(self, text: str) -> tuple[str, list[Any]]:
        return TextQuery.of(text).condition("q")

    # -- ingest --

    @contextmanager
    def writing(self) -> Iterator[None]:
        if self._in_write:
            yield
            return
        with self._errors(), self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
            self._in_write = True
            try:
                yield
            finally:
                self._in_write = False

    def forget_failures(self) -> int:
        with self.writing():
            self._rows("DELETE FROM inputs_done WHERE key IN (SELECT key FROM errors)")
            return len(self._rows("DELETE FROM errors RETURNING 1"))

    def write(self, batch: Batch) -> int:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.writing(), self.db.cursor() as cursor:
            added = [(rowid, new) for new in batch.articles if (rowid := self._insert(new, now))]
            self._insert_children(cursor, added)
            cursor.executemany(
                _dialect("INSERT INTO errors(key, source, reason, at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT DO NOTHING"),
                [(f.key, _clean(f.source), _clean(f.reason), now) for f in batch.failures],
            )  # fmt: skip
            cursor.executemany(
                "INSERT INTO inputs_done(key) VALUES (%s) ON CONFLICT DO NOTHING",
                [(_clean(key),) for key in batch.done],
            )
            return len(added)

    def _insert(self, new: NewArticle, now: str) -> int | None:
        """The new article's rowid, or None when its identity is stored already."""
        article = new.article
        site = rows.site_of(article)
        config = config_of(article.language)
        body = article.body_text()
        parts = [(article.title, "A"), (article.lead, "B"), (body, "D")]
        search, search_params = vector(parts, config, cjk.bigrams(article.text()))
        start = [(article.title, "A"), (article.lead, "B"), (body[:RANK_CHARS], "D")]
        top = " ".join(part or "" for part, _ in start)
        rank, rank_params = vector(start, config, cjk.bigrams(top))
        found = self._rows(
            "INSERT INTO articles(id, identity, cluster, url, site, language, title, lead, body, "
            "provider, published, source, ingested, record, config, search, rank) VALUES (?, ?, "
            f"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {search}, {rank}) "
            "ON CONFLICT DO NOTHING RETURNING rowid",
            [
                new.id, new.identity, new.cluster, article.canonical_url or article.source.url,
                self._site_id(site) if site else None, article.language, article.title,
                article.lead, body, article.provider,
                rows.utc_text(article.published), article.source.name(), now, article.to_json(),
                config, *search_params, *rank_params,
            ],
        )  # fmt: skip
        return int(found[0][0]) if found else None

    def _site_id(self, name: str) -> int:
        self._rows("INSERT INTO sites(name) VALUES (?) ON CONFLICT DO NOTHING", [name])
        return int(self._one("SELECT id FROM sites WHERE name = ?", [name])[0])

    def _insert_children(self, cursor: Any, added: list[tuple[int, NewArticle]]) -> None:
        for table, columns, rows_of in _CHILDREN:
            self._copy(
                cursor, table, columns, [r for id, new in added for r in rows_of(id, new.article)]
            )
        words = [r for rowid, new in added for r in rows.entity_word_rows(rowid, new.article)]
        self._copy(cursor, "entity_words", "word, article, entity", words)
        signed = [(rowid, new) for rowid, new in added if new.signature is not None]
        self._copy(cursor, "signatures", "article, minhash", [(r, n.signature) for r, n in signed])
        self._copy(cursor, "bands", "key, article", [(k, r) for r, n in signed for k in n.bands])
        for rowid, new in added:
            self._insert_quotes(cursor, rowid, new)

    def _copy(self, cursor: Any, table: str, columns: str, found: list[rows.Row]) -> None:
        if not found:
            return
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in found:
                copy.write_row([_clean(value) for value in row])

    def _insert_quotes(self, cursor: Any, rowid: int, new: NewArticle) -> None:
        config = config_of(new.article.language)
        cursor.executemany(
            'INSERT INTO quotes(article, position, kind, content, start, "end", cue, speaker, '
            "speaker_entity, speaker_name, config, search) VALUES (%s, %s, %s, %s, %s, %s, %s, "
            f"%s, %s, %s, '{config}', to_tsvector('{config}', %s) || "
            "to_tsvector('quotidien_simple', %s))",
            [
                [*(_clean(v) for v in row), _clean(row[3]), cjk.bigrams(str(row[3]))]
                for row in rows.quote_rows(rowid, new.article)
            ],
        )

    # -- search --

    def search(
        self, text: str, filters: Filters, limit: int, cursor: str | None = None
    ) -> Found[Hit]:
        query = TextQuery.of(text)
        where, params = filter_sql(filters)
        condition, condition_params = query.condition("a")
        rank, rank_params = query.rank("a")
        key, key_params = "", []
        if cursor:
            score, rowid = decode_cursor(cursor, (float, int))
            key, key_params = "WHERE score < ? OR (score = ? AND rowid > ?)", [score, score, rowid]
        # Each cluster's best-ranked matching copy, then those in rank order after the cursor.
        sql = (
            f"SELECT rowid, cluster, score FROM (SELECT DISTINCT ON (a.cluster) a.rowid, "
            f"a.cluster, {rank} AS score FROM articles a WHERE {condition} {where} "
            f"ORDER BY a.cluster, score DESC, a.rowid) AS best {key} "
            "ORDER BY score DESC, rowid LIMIT ?"
        )
        args = [*rank_params, *condition_params, *params, *key_params, limit + 1]
        best = self._rows(sql, args)
        more = len(best) > limit
        best = best[:limit]
        next_cursor = encode_cursor([best[-1][2], best[-1][0]]) if more else None
        return Found(self._hits(query, best), next_cursor)

    def _hits(self, query: TextQuery, best: list[tuple[Any, ...]]) -> list[Hit]:
        if not best:
            return []
        ids = [rowid for rowid, _, _ in best]
        snippet, params = (
            query.headline("a") if query.words else ("concat_ws(' ', a.lead, a.body)", [])
        )
        found = self._rows(
            "SELECT a.rowid, a.id, a.title, s.name, a.published, a.language, a.provider, a.url, "
            f"{snippet} FROM articles a LEFT JOIN sites s ON s.id = a.site "
            f"WHERE a.rowid IN ({','.join('?' * len(ids))})",
            [*params, *ids],
        )
        info = {row[0]: row for row in found}
        sizes = self._cluster_sizes([cluster for _, cluster, _ in best])
        hits = []
        for rowid, cluster, score in best:
            _, id, title, site, published, language, provider, url, text = info[rowid]
            marked = (
                " ".join((text or "").split())
                if query.words
                else cjk.snippet(text or "", query.runs)
            )
            hits.append(Hit(id, title, site, published, language, provider, url, marked,
                            float(score), sizes.get(cluster, 1)))  # fmt: skip
        return hits

    # -- browsing --

    def matching(self, text: str | None, filters: Filters) -> Iterator[StoredArticle]:
        where, params = filter_sql(filters)
        if text:
            condition, matched = self._text_rowids(text)
            where, params = f" AND {condition}{where}", [*matched, *params]
        sql = (
            "SELECT a.rowid, a.id, a.cluster, a.record FROM articles a "
            f"WHERE a.rowid > ? {where} ORDER BY a.rowid LIMIT 500"
        )
        last = 0
        # Pages by rowid, so that memory stays flat on large corpora.
        while page := self._rows(sql, [last, *params]):
            for rowid, article_id, cluster, record in page:
                last = rowid
                yield StoredArticle(article_id, cluster, Article.model_validate_json(record))


def _dialect(sql: str) -> str:
    """Shared SQL (with `?` placeholders) as psycopg takes it."""
    return sql.replace("%", "%%").replace("?", "%s")


def _clean(value: Any) -> Any:
    """Text PostgreSQL can store: its text type refuses the NUL character."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
