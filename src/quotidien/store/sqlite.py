"""The SQLite store: one file, WAL journal, one transaction per batch."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quotidien.errors import QueryTimeout, QuotidienError
from quotidien.model import Article
from quotidien.store import cjk, rows
from quotidien.store.base import (
    MARK_END,
    MARK_START,
    Batch,
    Filters,
    Found,
    Hit,
    NewArticle,
    StoredArticle,
)
from quotidien.store.query import checked, decode_cursor, encode_cursor, fts_query
from quotidien.store.schema import SCHEMA_VERSION
from quotidien.store.sql import Params, SQLStore
from quotidien.store.sql_filters import filter_sql
from quotidien.store.sqlite_open import connect
from quotidien.store.sqlite_ranking import Match, Ranked, text_match

#: Virtual machine steps between two checks of a query's time limit.
PROGRESS_STEPS = 20_000


class SQLiteStore(SQLStore):
    schema_version = SCHEMA_VERSION
    # ISO weeks start on Monday: the next Sunday (or the day itself), six days back.
    week_sql = "date(a.published, 'weekday 0', '-6 days')"
    walk_join = "CROSS JOIN"  # SQLite takes the tables in the order written

    def __init__(self, path: str | Path, any_thread: bool = False) -> None:
        """Open (or create) the corpus at `path`; read-only when the file or its folder
        cannot be written, in which case writes are refused."""
        self.path = str(path)
        self.db, self.read_only = connect(self.path, any_thread)

    def close(self) -> None:
        self.db.close()

    def size(self) -> int:
        files = [Path(self.path + suffix) for suffix in ("", "-wal")]
        return sum(file.stat().st_size for file in files if file.is_file())

    def _rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    def _text_rowids(self, text: str) -> tuple[str, list[Any]]:
        return text_match(text).rowids()

    def _quote_text(self, text: str) -> tuple[str, list[Any]]:
        rest, phrases = cjk.split_query(checked(text))
        clauses, params = [], []
        if not phrases or any(ch.isalnum() for ch in rest):
            clauses.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(fts_query(rest if phrases else text))
        if phrases:  # runs of Chinese or Japanese: their pairs (store/cjk.py)
            clauses.append("q.rowid IN (SELECT rowid FROM cjk_quotes WHERE cjk_quotes MATCH ?)")
            params.append(" ".join(phrases))
        return " AND ".join(clauses), params

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        deadline = time.monotonic() + seconds
        # SQLite calls the handler every N virtual machine steps; a true answer interrupts.
        self.db.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield
        except sqlite3.OperationalError as error:
            # Interrupted mid-statement, SQLite says "interrupted", or whatever the step it
            # stopped in reports ("vtable constructor failed"): the clock tells.
            if "interrupted" not in str(error) and time.monotonic() <= deadline:
                raise
            raise QueryTimeout.after(seconds) from None
        finally:
            self.db.set_progress_handler(None, 0)

    # -- ingest --

    def forget_failures(self) -> int:
        with self.writing():
            self.db.execute("DELETE FROM inputs_done WHERE key IN (SELECT key FROM errors)")
            return int(self.db.execute("DELETE FROM errors").rowcount)

    def _writable(self) -> None:
        if self.read_only:
            raise QuotidienError(f"{self.path}: the database is read-only here")

    @contextmanager
    def writing(self) -> Iterator[None]:
        self._writable()
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:  # a full disk may have ended it already
                self.db.execute("ROLLBACK")
            raise

    def write(self, batch: Batch) -> int:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.writing():
            stored = sum(self._insert_article(new, now) for new in batch.articles)
            self.db.executemany(
                "INSERT OR IGNORE INTO errors(key, source, reason, at) VALUES (?, ?, ?, ?)",
                [(f.key, f.source, f.reason, now) for f in batch.failures],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO inputs_done(key) VALUES (?)", [(k,) for k in batch.done]
            )
            return stored

    def _insert_article(self, new: NewArticle, now: str) -> bool:
        article = new.article
        site = rows.site_of(article)
        site_id = self._site_id(site) if site else None
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO articles(id, identity, cluster, url, site, language, title, "
            "lead, body, provider, published, source, ingested, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.id,
                new.identity,
                new.cluster,
                article.canonical_url or article.source.url,
                site_id,
                article.language,
                article.title,
                article.lead,
                article.body_text(),
                article.provider,
                rows.utc_text(article.published),
                article.source.name(),
                now,
                article.to_json(),
            ),
        )
        if cursor.rowcount == 0:
            return False  # already stored under this identity (by another ingest meanwhile)
        self._insert_children(int(cursor.lastrowid or 0), new)
        return True

    def _insert_children(self, rowid: int, new: NewArticle) -> None:
        article = new.article
        many = self.db.executemany
        many("INSERT INTO blocks VALUES (?, ?, ?, ?)", rows.block_rows(rowid, article))
        many("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)", rows.entity_rows(rowid, article))
        many("INSERT INTO entity_words VALUES (?, ?, ?)", rows.entity_word_rows(rowid, article))
        many("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", rows.mention_rows(rowid, article))
        many(
            "INSERT INTO quotes(article, position, kind, content, start, end, cue, speaker, "
            "speaker_entity, speaker_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.quote_rows(rowid, article),
        )
        self._insert_pairs(rowid, article)
        many("INSERT INTO comments VALUES (?, ?, ?, ?, ?)", rows.comment_rows(rowid, article))
        many("INSERT INTO teasers VALUES (?, ?, ?, ?, ?, ?)", rows.teaser_rows(rowid, article))
        if new.signature is not None:
            self.db.execute("INSERT INTO signatures VALUES (?, ?)", (rowid, new.signature))
            many("INSERT INTO bands VALUES (?, ?)", [(key, rowid) for key in new.bands])

    def _insert_pairs(self, rowid: int, article: Article) -> None:
        """Chinese and Japanese runs as pairs of characters, for the article and its quotes."""
        if pairs := cjk.bigrams(article.text()):
            self.db.execute("INSERT INTO cjk_fts(rowid, text) VALUES (?, ?)", (rowid, pairs))
        if any(cjk.has_cjk(quote.content.text) for quote in article.quotes):
            said = self.db.execute("SELECT rowid, content FROM quotes WHERE article = ?", (rowid,))
            quoted = [(quote_id, cjk.bigrams(content)) for quote_id, content in said]
            self.db.executemany(
                "INSERT INTO cjk_quotes(rowid, text) VALUES (?, ?)", [q for q in quoted if q[1]]
            )

    def _site_id(self, name: str) -> int:
        self.db.execute("INSERT OR IGNORE INTO sites(name) VALUES (?)", (name,))
        row = self.db.execute("SELECT id FROM sites WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    # -- search --

    def search(
        self, text: str, filters: Filters, limit: int, cursor: str | None = None
    ) -> Found[Hit]:
        match = text_match(text)
        after = tuple(decode_cursor(cursor, (float, int))) if cursor else None
        where, params = filter_sql(filters)
        # Rank inside FTS5 alone (no join per matching row); filters narrow by rowid. The unary
        # `+` keeps FTS5 from running one lookup per rowid of the filter's set.
        scope = (
            f"AND +rowid IN (SELECT a.rowid FROM articles a WHERE 1 = 1 {where})" if where else ""
        )
        ranked = Ranked(self.db, match, scope, params)
        best = ranked.best_per_cluster(after, limit + 1)
        more = len(best) > limit
        best = best[:limit]
        last = best[-1] if more else None
        next_cursor = encode_cursor([last[2], last[0]]) if last else None
        return Found(self._hits(match, best), next_cursor)

    def _hits(self, match: Match, best: list[tuple[int, str, float]]) -> list[Hit]:
        if not best:
            return []
        ids = [rowid for rowid, _, _ in best]
        marks = ",".join("?" * len(ids))
        sizes = self._cluster_sizes([cluster for _, cluster, _ in best])
        info = {
            row[0]: row
            for row in self.db.execute(
                "SELECT a.rowid, a.id, a.title, s.name, a.published, a.language, a.provider, "
                "a.url, a.lead, a.body FROM articles a LEFT JOIN sites s ON s.id = a.site "
                f"WHERE a.rowid IN ({marks})",
                ids,
            )
        }
        return [
            _hit(info[rowid], self._snippet(match, info[rowid]), -score, sizes.get(cluster, 1))
            for rowid, cluster, score in best
        ]

    def _snippet(self, match: Match, row: tuple[Any, ...]) -> str:
        if match.table != "articles_fts":
            return cjk.snippet(" ".join(part or "" for part in row[8:]), match.runs)
        # One row at a time: FTS5 answers `MATCH … AND rowid = ?` without scanning all matches.
        found = self.db.execute(
            f"SELECT snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24) "
            "FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
            (match.expression, row[0]),
        ).fetchone()
        return " ".join(found[0].split()) if found else ""

    # -- browsing --

    def matching(self, text: str | None, filters: Filters) -> Iterator[StoredArticle]:
        where, params = filter_sql(filters)
        if text:
            scope, matched = self._text_rowids(text)
            where, params = f" AND {scope}{where}", [*matched, *params]
        sql = (
            "SELECT a.rowid, a.id, a.cluster, a.record FROM articles a "
            f"WHERE a.rowid {{}} {where} ORDER BY a.rowid LIMIT 500"
        )
        self.unreadable = 0
        end = self._last_rowid()
        # Pages by rowid, so that memory stays flat on large corpora.
        last = 0
        while True:
            try:
                page = self.db.execute(sql.format("> ?"), [last, *params]).fetchall()
                if not page:
                    return
            except sqlite3.DatabaseError:  # damaged: read what can be read, row by row
                if end is None or last >= end:
                    return
                page = self._row_by_row(sql.format("= ?"), params, last + 1, last + 500)
                last += 500
            for rowid, article_id, cluster, record in page:
                last = max(last, rowid)
                try:
                    article = Article.model_validate_json(record)
                except ValueError:
                    self.unreadable += 1
                    continue
                yield StoredArticle(article_id, cluster, article)

    def _last_rowid(self) -> int | None:
        try:
            found = self.db.execute("SELECT MAX(rowid) FROM articles").fetchone()
        except sqlite3.DatabaseError:
            return None
        return int(found[0] or 0)

    def _row_by_row(
        self, sql: str, params: list[Any], first: int, last: int
    ) -> list[tuple[Any, ...]]:
        rows = []
        for rowid in range(first, last + 1):
            try:
                rows += self.db.execute(sql, [rowid, *params]).fetchall()
            except sqlite3.DatabaseError:
                self.unreadable += 1
        return rows


def _hit(row: tuple[Any, ...], snippet: str, score: float, copies: int) -> Hit:
    _, id, title, site, published, language, provider, url = row[:8]
    return Hit(id, title, site, published, language, provider, url, snippet, score, copies)
