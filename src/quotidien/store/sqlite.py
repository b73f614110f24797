"""The SQLite store: one file, WAL journal, one transaction per batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quotidien.errors import QuotidienError
from quotidien.model import Article, Timestamp
from quotidien.store import rows
from quotidien.store.base import (
    Batch,
    Copy,
    EntityCount,
    ErrorRow,
    Filters,
    Hit,
    NewArticle,
    QuoteHit,
    Store,
    StoredArticle,
)
from quotidien.store.query import fts_query, norm
from quotidien.store.schema import migrate

#: Snippet highlight markers; the CLI turns them into bold text or `**` in JSON.
MARK_START, MARK_END = "\x02", "\x03"

# A name matches an entity when equal to its name, or to a run of its name's words
# ("Choïgou" matches "Sergueï Choïgou"), accents and case ignored.
_NAME_MATCH = "({col} = ? OR (' ' || {col} || ' ') LIKE ? ESCAPE '\\')"


class SQLiteStore(Store):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # A generous busy timeout: a second ingest into the same file waits for the first's
        # batch to commit instead of failing.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            migrate(self.db, self.path)
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise QuotidienError(f"{self.path}: not a quotidien database ({error})") from None
        except QuotidienError:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

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
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("DELETE FROM inputs_done WHERE key IN (SELECT key FROM errors)")
        count = self.db.execute("DELETE FROM errors").rowcount
        self.db.execute("COMMIT")
        return int(count)

    def write(self, batch: Batch) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for new in batch.articles:
                self._insert_article(new, now)
            self.db.executemany(
                "INSERT OR IGNORE INTO errors(key, source, reason, at) VALUES (?, ?, ?, ?)",
                [(f.key, f.source, f.reason, now) for f in batch.failures],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO inputs_done(key) VALUES (?)", [(k,) for k in batch.done]
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _insert_article(self, new: NewArticle, now: str) -> None:
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
            return  # already stored under this identity
        self._insert_children(int(cursor.lastrowid or 0), new)

    def _insert_children(self, rowid: int, new: NewArticle) -> None:
        article = new.article
        many = self.db.executemany
        many("INSERT INTO blocks VALUES (?, ?, ?, ?)", rows.block_rows(rowid, article))
        many("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)", rows.entity_rows(rowid, article))
        many("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", rows.mention_rows(rowid, article))
        many(
            "INSERT INTO quotes(article, position, kind, content, start, end, cue, speaker, "
            "speaker_entity, speaker_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.quote_rows(rowid, article),
        )
        many("INSERT INTO comments VALUES (?, ?, ?, ?, ?)", rows.comment_rows(rowid, article))
        many("INSERT INTO teasers VALUES (?, ?, ?, ?, ?, ?)", rows.teaser_rows(rowid, article))
        if new.signature is not None:
            self.db.execute("INSERT INTO signatures VALUES (?, ?)", (rowid, new.signature))
            many("INSERT INTO bands VALUES (?, ?)", [(key, rowid) for key in new.bands])

    def _site_id(self, name: str) -> int:
        self.db.execute("INSERT OR IGNORE INTO sites(name) VALUES (?)", (name,))
        row = self.db.execute("SELECT id FROM sites WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    # -- search --

    def search(self, text: str, filters: Filters, limit: int) -> list[Hit]:
        match = fts_query(text)
        where, params = _filter_sql(filters)
        # Rank inside FTS5 alone (no join per matching row); filters narrow by rowid. The unary
        # `+` keeps FTS5 from running one lookup per rowid of the filter's set.
        scope = (
            f"AND +rowid IN (SELECT a.rowid FROM articles a WHERE 1 = 1 {where})" if where else ""
        )
        sql = (
            "SELECT rowid, bm25(articles_fts, 10.0, 4.0, 1.0) AS score FROM articles_fts "
            f"WHERE articles_fts MATCH ? {scope} ORDER BY score LIMIT ?"
        )
        best = self._best_per_cluster(sql, [match, *params], limit)
        return self._hits(match, best)

    def _best_per_cluster(
        self, sql: str, params: list[Any], limit: int
    ) -> list[tuple[int, str, float]]:
        # Fetch more ranked rows than needed until `limit` distinct clusters are found.
        fetch = max(limit * 3, 20)
        while True:
            found = self.db.execute(sql, [*params, fetch]).fetchall()
            clusters = self._clusters_of([rowid for rowid, _ in found])
            best: dict[str, tuple[int, str, float]] = {}
            for rowid, score in found:
                best.setdefault(clusters[rowid], (rowid, clusters[rowid], score))
            if len(best) >= limit or len(found) < fetch:
                return list(best.values())[:limit]
            fetch *= 4

    def _clusters_of(self, rowids: list[int]) -> dict[int, str]:
        marks = ",".join("?" * len(rowids))
        sql = f"SELECT rowid, cluster FROM articles WHERE rowid IN ({marks})"
        return dict(self.db.execute(sql, rowids).fetchall())

    def _hits(self, match: str, best: list[tuple[int, str, float]]) -> list[Hit]:
        if not best:
            return []
        ids = [rowid for rowid, _, _ in best]
        marks = ",".join("?" * len(ids))
        sizes = self._cluster_sizes([cluster for _, cluster, _ in best])
        info = {
            row[0]: row
            for row in self.db.execute(
                "SELECT a.rowid, a.id, a.title, s.name, a.published, a.language, a.provider, a.url "
                f"FROM articles a LEFT JOIN sites s ON s.id = a.site WHERE a.rowid IN ({marks})",
                ids,
            )
        }
        return [
            _hit(info[rowid], self._snippet(match, rowid), -score, sizes.get(cluster, 1))
            for rowid, cluster, score in best
        ]

    def _snippet(self, match: str, rowid: int) -> str:
        # One row at a time: FTS5 answers `MATCH … AND rowid = ?` without scanning all matches.
        row = self.db.execute(
            f"SELECT snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24) "
            "FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
            (match, rowid),
        ).fetchone()
        return " ".join(row[0].split()) if row else ""

    def _cluster_sizes(self, clusters: list[str]) -> dict[str, int]:
        marks = ",".join("?" * len(clusters))
        sql = f"SELECT cluster, COUNT(*) FROM articles WHERE cluster IN ({marks}) GROUP BY cluster"
        return dict(self.db.execute(sql, clusters).fetchall())

    def quotes(
        self,
        text: str | None,
        filters: Filters,
        speaker: str | None,
        about: str | None,
        limit: int,
    ) -> list[QuoteHit]:
        where, params = _filter_sql(filters)
        if text:
            where += " AND q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
            params.append(fts_query(text))
        if speaker:
            where += f" AND {_SPEAKER_SQL}"
            params.extend([*_name_params(speaker), norm(speaker)])
        if about:
            where += f" AND {_ABOUT_SQL}"
            params.extend([*_name_params(about), norm(about)])
        sql = (
            "SELECT a.id, a.title, s.name, a.published, q.kind, "
            "COALESCE(q.speaker_name, q.speaker), q.content "
            "FROM quotes q JOIN articles a ON a.rowid = q.article "
            "LEFT JOIN sites s ON s.id = a.site "
            f"WHERE 1 = 1 {where} ORDER BY a.published DESC, a.rowid, q.position LIMIT ?"
        )
        return [QuoteHit(*row) for row in self.db.execute(sql, [*params, limit])]

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
        # A separate cursor pages through by rowid so memory stays flat on large corpora.
        last = 0
        while True:
            page = self.db.execute(
                "SELECT rowid, id, cluster, record FROM articles WHERE rowid > ? "
                "ORDER BY rowid LIMIT 500",
                (last,),
            ).fetchall()
            if not page:
                return
            for rowid, article_id, cluster, record in page:
                last = rowid
                yield StoredArticle(article_id, cluster, Article.model_validate_json(record))

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
            scope = (
                "AND e.article IN (SELECT e2.article FROM entities e2 WHERE "
                f"{_NAME_MATCH.format(col='e2.norm')}) AND NOT {_NAME_MATCH.format(col='e.norm')}"
            )
            params.extend([*_name_params(with_name), *_name_params(with_name)])
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


_SPEAKER_SQL = (
    "(EXISTS (SELECT 1 FROM entities e WHERE e.article = q.article "
    f"AND e.local_id = q.speaker_entity AND {_NAME_MATCH.format(col='e.norm')}) "
    "OR EXISTS (SELECT 1 FROM mentions m WHERE m.article = q.article "
    "AND m.entity = q.speaker_entity AND m.norm = ?))"
)
_ABOUT_SQL = (
    "(EXISTS (SELECT 1 FROM mentions m JOIN entities e "
    "ON e.article = m.article AND e.local_id = m.entity "
    "WHERE m.article = q.article AND m.start >= q.start AND m.end <= q.end "
    f"AND ({_NAME_MATCH.format(col='e.norm')} OR m.norm = ?)))"
)


def _hit(row: tuple[Any, ...], snippet: str, score: float, copies: int) -> Hit:
    _, id, title, site, published, language, provider, url = row
    return Hit(id, title, site, published, language, provider, url, snippet, score, copies)


def _name_params(name: str) -> list[str]:
    key = norm(name)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [key, f"% {escaped} %"]


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since:
        clauses.append("a.published >= ?")
        params.append(utc_text(filters.since))
    if filters.until:
        clauses.append("a.published <= ?")
        params.append(utc_text(filters.until))
    if filters.site:
        clauses.append("a.site IN (SELECT id FROM sites WHERE name = ? OR name LIKE ? ESCAPE '\\')")
        site = filters.site.lower().removeprefix("www.")
        params.extend([site, "%." + site.replace("%", "\\%").replace("_", "\\_")])
    if filters.language:
        clauses.append("a.language = ?")
        params.append(filters.language.lower())
    if filters.provider:
        clauses.append("a.provider = ? COLLATE NOCASE")
        params.append(filters.provider)
    if filters.entity:
        clauses.append(
            "a.rowid IN (SELECT e.article FROM entities e WHERE "
            f"{_NAME_MATCH.format(col='e.norm')} UNION SELECT article FROM mentions WHERE norm = ?)"
        )
        params.extend([*_name_params(filters.entity), norm(filters.entity)])
    return "".join(f" AND {clause}" for clause in clauses), params


def utc_text(value: Timestamp | datetime | None) -> str | None:
    """A time as sortable ISO text in UTC; naive datetimes are taken as UTC."""
    if value is None:
        return None
    when = value.value if isinstance(value, Timestamp) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")
