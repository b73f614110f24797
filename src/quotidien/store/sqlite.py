"""The SQLite store: one file, WAL journal, one transaction per batch."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quotidien.errors import QueryTimeout, QuotidienError
from quotidien.model import Article
from quotidien.store import cjk, rows
from quotidien.store.base import (
    Batch,
    Copy,
    EntityCount,
    ErrorRow,
    Facets,
    Filters,
    Found,
    Hit,
    NewArticle,
    QuoteHit,
    Speaker,
    Store,
    StoredArticle,
)
from quotidien.store.query import decode_cursor, encode_cursor
from quotidien.store.sqlite_filters import (
    QUOTE_ORDER,
    filter_sql,
    name_match,
    named,
    quote_filter_sql,
    quote_stretches,
    speaker_clause,
    utc_text,
)
from quotidien.store.sqlite_open import connect
from quotidien.store.sqlite_ranking import (
    MARK_END,
    MARK_START,
    Match,
    Ranked,
    cjk_snippet,
    text_match,
)

#: Virtual machine steps between two checks of a query's time limit.
PROGRESS_STEPS = 20_000


class SQLiteStore(Store):
    def __init__(self, path: str | Path, any_thread: bool = False) -> None:
        """Open (or create) the corpus at `path`; read-only when the file or its folder
        cannot be written, in which case writes are refused."""
        self.path = str(path)
        self.db, self.read_only = connect(self.path, any_thread)

    def close(self) -> None:
        self.db.close()

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
            raise QueryTimeout(f"the query took longer than {seconds:g} s: narrow it") from None
        finally:
            self.db.set_progress_handler(None, 0)

    # -- ingest --

    def done_inputs(self, keys: Sequence[str]) -> set[str]:
        return self._present("SELECT key FROM inputs_done WHERE key IN ({})", keys)

    def known_identities(self, identities: Sequence[str]) -> set[str]:
        return self._present("SELECT identity FROM articles WHERE identity IN ({})", identities)

    def _present(self, sql: str, values: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(values), 500):
            part = list(values[start : start + 500])
            marks = ",".join("?" * len(part))
            found.update(row[0] for row in self.db.execute(sql.format(marks), part))
        return found

    def similar(self, bands: list[int]) -> list[tuple[str, str, bytes]]:
        if not bands:
            return []
        marks = ",".join("?" * len(bands))
        sql = (
            "SELECT a.id, a.cluster, s.minhash FROM signatures s "
            "JOIN articles a ON a.rowid = s.article "
            f"WHERE s.article IN (SELECT article FROM bands WHERE key IN ({marks}))"
        )
        return list(self.db.execute(sql, bands))

    def forget_failures(self) -> int:
        self._writable()
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("DELETE FROM inputs_done WHERE key IN (SELECT key FROM errors)")
        count = self.db.execute("DELETE FROM errors").rowcount
        self.db.execute("COMMIT")
        return int(count)

    def _writable(self) -> None:
        if self.read_only:
            raise QuotidienError(f"{self.path}: the database is read-only here")

    def write(self, batch: Batch) -> int:
        self._writable()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            stored = sum(self._insert_article(new, now) for new in batch.articles)
            self.db.executemany(
                "INSERT OR IGNORE INTO errors(key, source, reason, at) VALUES (?, ?, ?, ?)",
                [(f.key, f.source, f.reason, now) for f in batch.failures],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO inputs_done(key) VALUES (?)", [(k,) for k in batch.done]
            )
            self.db.execute("COMMIT")
            return stored
        except BaseException:
            if self.db.in_transaction:  # a full disk may have ended it already
                self.db.execute("ROLLBACK")
            raise

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
                utc_text(article.published),
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
            return cjk_snippet(" ".join(part or "" for part in row[8:]), match.runs)
        # One row at a time: FTS5 answers `MATCH … AND rowid = ?` without scanning all matches.
        found = self.db.execute(
            f"SELECT snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24) "
            "FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
            (match.expression, row[0]),
        ).fetchone()
        return " ".join(found[0].split()) if found else ""

    def _cluster_sizes(self, clusters: list[str]) -> dict[str, int]:
        marks = ",".join("?" * len(clusters))
        sql = f"SELECT cluster, COUNT(*) FROM articles WHERE cluster IN ({marks}) GROUP BY cluster"
        return dict(self.db.execute(sql, clusters).fetchall())

    def facets(self, text: str, filters: Filters, top: int = 10) -> Facets:
        where, params = filter_sql(filters)
        scope, matched = text_match(text).rowids()
        args = [*matched, *params, top]

        def count(column: str, join: str = "") -> list[tuple[str, int]]:
            sql = (
                f"SELECT {column}, COUNT(*) FROM articles a {join} WHERE {scope} {where} "
                f"AND {column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?"
            )
            return [(str(name), int(n)) for name, n in self.db.execute(sql, args)]

        return Facets(
            language=count("a.language"),
            site=count("s.name", "JOIN sites s ON s.id = a.site"),
            provider=count("a.provider"),
        )

    def quotes(
        self,
        text: str | None,
        filters: Filters,
        speaker: str | None,
        about: str | None,
        limit: int,
        cursor: str | None = None,
        kind: str | None = None,
    ) -> Found[QuoteHit]:
        where, params = quote_filter_sql(text, filters, speaker, about, kind)
        after = tuple(decode_cursor(cursor, ((str, type(None)), int))) if cursor else None
        # Without a filter on the quotes themselves, walk the articles newest first (the
        # published index) rather than sort every quote.
        join = "JOIN" if (text or speaker or about) else "CROSS JOIN"
        sql = (
            "SELECT a.id, a.title, s.name, a.published, q.kind, "
            "COALESCE(q.speaker_name, q.speaker), q.content, q.position, q.start, q.end, q.cue, "
            f"q.rowid FROM articles a {join} quotes q ON q.article = a.rowid "
            "LEFT JOIN sites s ON s.id = a.site "
            f"WHERE 1 = 1 {where} STRETCH ORDER BY {QUOTE_ORDER} LIMIT ?"
        )
        found: list[Any] = []
        for stretch, more_params in quote_stretches(after):
            wanted = limit + 1 - len(found)
            query = sql.replace("STRETCH", stretch)
            found += self.db.execute(query, [*params, *more_params, wanted]).fetchall()
            if len(found) > limit:
                break
        more = len(found) > limit
        found = found[:limit]
        next_cursor = encode_cursor([found[-1][3], found[-1][-1]]) if more else None
        return Found([QuoteHit(*row[:-1]) for row in found], next_cursor)

    def speaker(self, name: str, top: int = 20) -> Speaker | None:
        clause, params = speaker_clause(name)
        said = f"SELECT q.rowid FROM quotes q WHERE {clause}"
        one = self.db.execute
        quotes, articles = one(
            f"SELECT COUNT(*), COUNT(DISTINCT article) FROM quotes WHERE rowid IN ({said})", params
        ).fetchone()
        if not quotes:
            return None
        canonical = one(
            f"SELECT speaker_name FROM quotes WHERE rowid IN ({said}) AND speaker_name IS NOT "
            "NULL GROUP BY speaker_name ORDER BY COUNT(*) DESC, LENGTH(speaker_name) DESC LIMIT 1",
            params,
        ).fetchone()
        return Speaker(
            name=canonical[0] if canonical else name,
            quotes=quotes,
            articles=articles,
            forms=self._speaker_forms(said, params, top),
            weeks=self._speaker_weeks(said, params),
            about=self._speaker_about(said, params, top),
        )

    def _speaker_forms(self, said: str, params: list[Any], top: int) -> list[tuple[str, int]]:
        # The speaker as each quote names them, and their entity's names, each mention once.
        sql = (
            "SELECT MAX(text), COUNT(*) FROM ("
            f"SELECT q.speaker AS text FROM quotes q WHERE q.rowid IN ({said}) "
            "AND q.speaker IS NOT NULL UNION ALL SELECT text FROM ("
            "SELECT DISTINCT m.article, m.start, m.text FROM mentions m JOIN quotes q "
            f"ON q.article = m.article AND q.speaker_entity = m.entity WHERE q.rowid IN ({said}) "
            "AND m.kind IN ('name', 'surname', 'title'))) GROUP BY lower(text) "
            "ORDER BY 2 DESC, 1 LIMIT ?"
        )
        return [(text, n) for text, n in self.db.execute(sql, [*params, *params, top])]

    def _speaker_weeks(self, said: str, params: list[Any]) -> list[tuple[str, int]]:
        # ISO weeks start on Monday: the next Sunday (or the day itself), six days back.
        sql = (
            "SELECT date(a.published, 'weekday 0', '-6 days') AS week, COUNT(*) FROM quotes q "
            f"JOIN articles a ON a.rowid = q.article WHERE q.rowid IN ({said}) "
            "AND week IS NOT NULL GROUP BY week ORDER BY week"
        )
        return [(week, n) for week, n in self.db.execute(sql, params)]

    def _speaker_about(self, said: str, params: list[Any], top: int) -> list[tuple[str, str, int]]:
        sql = (
            "SELECT MAX(e.name), e.kind, COUNT(DISTINCT q.rowid) FROM quotes q "
            "JOIN mentions m ON m.article = q.article AND m.start >= q.start AND m.end <= q.end "
            "JOIN entities e ON e.article = m.article AND e.local_id = m.entity "
            f"WHERE q.rowid IN ({said}) AND e.local_id IS NOT q.speaker_entity "
            "AND e.kind != 'other' GROUP BY e.norm, e.kind ORDER BY 3 DESC, 1 LIMIT ?"
        )
        return [(name, kind, n) for name, kind, n in self.db.execute(sql, [*params, top])]

    # -- browsing --

    def article(self, id: str) -> StoredArticle | None:
        key = id.strip().lower()
        if len(key) < 4 or not key.isalnum():
            return None
        found = self.db.execute(
            "SELECT id, cluster, record FROM articles WHERE id >= ? AND id < ? LIMIT 2",
            (key, key + "\uffff"),
        ).fetchall()
        if len(found) != 1:
            return None
        article_id, cluster, record = found[0]
        copies = [
            Copy(*row)
            for row in self.db.execute(
                "SELECT a.id, s.name, a.url, a.title, a.published FROM articles a "
                "LEFT JOIN sites s ON s.id = a.site WHERE a.cluster = ? AND a.id != ? "
                "ORDER BY a.published, a.rowid",
                (cluster, article_id),
            )
        ]
        return StoredArticle(article_id, cluster, Article.model_validate_json(record), copies)

    def articles(self) -> Iterator[StoredArticle]:
        return self.matching(None, Filters())

    def matching(self, text: str | None, filters: Filters) -> Iterator[StoredArticle]:
        where, params = filter_sql(filters)
        if text:
            scope, matched = text_match(text).rowids()
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

    #: Rows a damaged database would not give up in the last `matching` (or export).
    unreadable = 0

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

    def errors(self, limit: int | None = None) -> list[ErrorRow]:
        sql = "SELECT source, reason, at FROM errors ORDER BY rowid LIMIT ?"
        return [ErrorRow(*row) for row in self.db.execute(sql, (limit or -1,))]

    def entities(
        self, kinds: Iterable[str], limit: int, with_name: str | None = None
    ) -> list[EntityCount]:
        kinds = list(kinds)
        marks = ",".join("?" * len(kinds))
        params: list[Any] = list(kinds)
        scope = ""
        if with_name:
            entities, named_params = named(with_name)
            match, match_params = name_match("e.norm", with_name)
            scope = f"AND e.article IN (SELECT article FROM ({entities})) AND NOT {match}"
            params.extend([*named_params, *match_params])
        sql = (
            "SELECT e.norm, MAX(e.name), e.kind, COUNT(DISTINCT e.article), "
            "SUM((SELECT COUNT(*) FROM mentions m WHERE m.article = e.article "
            "AND m.entity = e.local_id)) AS n "
            f"FROM entities e WHERE e.kind IN ({marks}) {scope} "
            "GROUP BY e.norm, e.kind ORDER BY 4 DESC, n DESC LIMIT ?"
        )
        found = self.db.execute(sql, [*params, limit]).fetchall()
        return [
            EntityCount(name, kind, articles, mentions or 0, self._often_with(key, kinds))
            for key, name, kind, articles, mentions in found
        ]

    def _often_with(self, key: str, kinds: list[str], top: int = 3) -> list[str]:
        marks = ",".join("?" * len(kinds))
        sql = (
            "SELECT MAX(o.name) FROM entities e JOIN entities o "
            "ON o.article = e.article AND o.norm != e.norm "
            f"WHERE e.norm = ? AND o.kind IN ({marks}) "
            "GROUP BY o.norm ORDER BY COUNT(DISTINCT o.article) DESC, MAX(o.name) LIMIT ?"
        )
        return [row[0] for row in self.db.execute(sql, [key, *kinds, top])]

    def counts(self) -> dict[str, int]:
        one = self.db.execute
        return {
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "stories": one("SELECT COUNT(DISTINCT cluster) FROM articles").fetchone()[0],
            "sites": one("SELECT COUNT(*) FROM sites").fetchone()[0],
            "quotes": one("SELECT COUNT(*) FROM quotes").fetchone()[0],
            "entities": one("SELECT COUNT(DISTINCT norm) FROM entities").fetchone()[0],
            "inputs": one("SELECT COUNT(*) FROM inputs_done").fetchone()[0],
            "errors": one("SELECT COUNT(*) FROM errors").fetchone()[0],
        }


def _hit(row: tuple[Any, ...], snippet: str, score: float, copies: int) -> Hit:
    _, id, title, site, published, language, provider, url = row[:8]
    return Hit(id, title, site, published, language, provider, url, snippet, score, copies)
