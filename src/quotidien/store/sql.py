"""What the SQLite and PostgreSQL stores share: the same tables, so the same SQL for all but
full-text search, writing and connecting. Statements are written with `?` placeholders and
the SQL both databases understand; each backend runs them through `_rows`, and fills the
few places where the dialects part (a week's first day, the text search itself).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from quotidien.model import Article
from quotidien.store.base import (
    Copy,
    EntityCount,
    ErrorRow,
    Facets,
    Filters,
    Found,
    QuoteHit,
    Speaker,
    Store,
    StoredArticle,
)
from quotidien.store.query import decode_cursor, encode_cursor
from quotidien.store.sql_filters import (
    QUOTE_ORDER,
    filter_sql,
    name_match,
    named,
    quote_filter_sql,
    quote_stretches,
    speaker_clause,
)

Params = Sequence[Any]


class SQLStore(Store):
    """The reads common to both SQL backends."""

    #: The SQL of the Monday starting the ISO week of `a.published`, as YYYY-MM-DD text.
    week_sql: str
    #: The join walking articles newest first into their quotes, when nothing narrows them.
    walk_join = "JOIN"

    @abstractmethod
    def _rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Every row of a statement written with `?` placeholders."""

    @abstractmethod
    def _text_rowids(self, text: str) -> tuple[str, list[Any]]:
        """A condition on `a.rowid` selecting the articles holding `text`, and its params."""

    @abstractmethod
    def _quote_text(self, text: str) -> tuple[str, list[Any]]:
        """A condition on `q.rowid` selecting the quotes holding `text`, and its params."""

    def _one(self, sql: str, params: Params = ()) -> tuple[Any, ...]:
        return self._rows(sql, params)[0]

    # -- ingest --

    def done_inputs(self, keys: Sequence[str]) -> set[str]:
        return self._present("SELECT key FROM inputs_done WHERE key IN ({})", keys)

    def known_identities(self, identities: Sequence[str]) -> set[str]:
        return self._present("SELECT identity FROM articles WHERE identity IN ({})", identities)

    def _present(self, sql: str, values: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(values), 500):
            part = list(values[start : start + 500])
            found.update(row[0] for row in self._rows(sql.format(_marks(part)), part))
        return found

    def similar(self, bands: list[int]) -> list[tuple[str, str, bytes]]:
        if not bands:
            return []
        sql = (
            "SELECT a.id, a.cluster, s.minhash FROM signatures s "
            "JOIN articles a ON a.rowid = s.article "
            f"WHERE s.article IN (SELECT article FROM bands WHERE key IN ({_marks(bands)}))"
        )
        return [(id, cluster, bytes(data)) for id, cluster, data in self._rows(sql, bands)]

    # -- search --

    def facets(self, text: str, filters: Filters, top: int = 10) -> Facets:
        where, params = filter_sql(filters)
        scope, matched = self._text_rowids(text)
        args = [*matched, *params, top]

        def count(column: str, join: str = "") -> list[tuple[str, int]]:
            sql = (
                f"SELECT {column}, COUNT(*) FROM articles a {join} WHERE {scope} {where} "
                f"AND {column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?"
            )
            return [(str(name), int(n)) for name, n in self._rows(sql, args)]

        return Facets(
            language=count("a.language"),
            site=count("s.name", "JOIN sites s ON s.id = a.site"),
            provider=count("a.provider"),
        )

    def _cluster_sizes(self, clusters: list[str]) -> dict[str, int]:
        sql = (
            "SELECT cluster, COUNT(*) FROM articles "
            f"WHERE cluster IN ({_marks(clusters)}) GROUP BY cluster"
        )
        return {cluster: int(n) for cluster, n in self._rows(sql, clusters)}

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
        said = self._quote_text(text) if text else None
        where, params = quote_filter_sql(said, filters, speaker, about, kind)
        after = tuple(decode_cursor(cursor, ((str, type(None)), int))) if cursor else None
        # Without a filter on the quotes themselves, walk the articles newest first (the
        # published index) rather than sort every quote.
        join = "JOIN" if (text or speaker or about) else self.walk_join
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
            found += self._rows(query, [*params, *more_params, wanted])
            if len(found) > limit:
                break
        more = len(found) > limit
        found = found[:limit]
        next_cursor = encode_cursor([found[-1][3], found[-1][-1]]) if more else None
        return Found([QuoteHit(*row[:-1]) for row in found], next_cursor)

    def speaker(self, name: str, top: int = 20) -> Speaker | None:
        clause, params = speaker_clause(name)
        said = f"SELECT q.rowid FROM quotes q WHERE {clause}"
        quotes, articles = self._one(
            f"SELECT COUNT(*), COUNT(DISTINCT article) FROM quotes WHERE rowid IN ({said})", params
        )
        if not quotes:
            return None
        canonical = self._rows(
            f"SELECT speaker_name FROM quotes WHERE rowid IN ({said}) AND speaker_name IS NOT "
            "NULL GROUP BY speaker_name ORDER BY COUNT(*) DESC, LENGTH(speaker_name) DESC LIMIT 1",
            params,
        )
        return Speaker(
            name=canonical[0][0] if canonical else name,
            quotes=int(quotes),
            articles=int(articles),
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
            "AND m.kind IN ('name', 'surname', 'title')) AS named) AS forms GROUP BY lower(text) "
            "ORDER BY 2 DESC, 1 LIMIT ?"
        )
        return [(text, int(n)) for text, n in self._rows(sql, [*params, *params, top])]

    def _speaker_weeks(self, said: str, params: list[Any]) -> list[tuple[str, int]]:
        sql = (
            f"SELECT {self.week_sql} AS week, COUNT(*) FROM quotes q "
            f"JOIN articles a ON a.rowid = q.article WHERE q.rowid IN ({said}) "
            "AND a.published IS NOT NULL GROUP BY 1 ORDER BY 1"
        )
        return [(str(week), int(n)) for week, n in self._rows(sql, params)]

    def _speaker_about(self, said: str, params: list[Any], top: int) -> list[tuple[str, str, int]]:
        sql = (
            "SELECT MAX(e.name), e.kind, COUNT(DISTINCT q.rowid) FROM quotes q "
            "JOIN mentions m ON m.article = q.article AND m.start >= q.start AND m.end <= q.end "
            "JOIN entities e ON e.article = m.article AND e.local_id = m.entity "
            f"WHERE q.rowid IN ({said}) "
            "AND (q.speaker_entity IS NULL OR e.local_id != q.speaker_entity) "
            "AND e.kind != 'other' GROUP BY e.norm, e.kind ORDER BY 3 DESC, 1 LIMIT ?"
        )
        return [(name, kind, int(n)) for name, kind, n in self._rows(sql, [*params, top])]

    # -- browsing --

    def article(self, id: str) -> StoredArticle | None:
        key = id.strip().lower()
        if len(key) < 4 or not key.isalnum() or not key.isascii():
            return None
        found = self._rows(
            "SELECT id, cluster, record FROM articles WHERE id >= ? AND id < ? LIMIT 2",
            (key, key + "\x7f"),
        )
        if len(found) != 1:
            return None
        article_id, cluster, record = found[0]
        copies = [
            Copy(*row)
            for row in self._rows(
                "SELECT a.id, s.name, a.url, a.title, a.published FROM articles a "
                "LEFT JOIN sites s ON s.id = a.site WHERE a.cluster = ? AND a.id != ? "
                "ORDER BY a.published, a.rowid",
                (cluster, article_id),
            )
        ]
        return StoredArticle(article_id, cluster, Article.model_validate_json(record), copies)

    def articles(self) -> Iterator[StoredArticle]:
        return self.matching(None, Filters())

    def errors(self, limit: int | None = None) -> list[ErrorRow]:
        sql = "SELECT source, reason, at FROM errors ORDER BY rowid"
        if limit is not None:
            return [ErrorRow(*row) for row in self._rows(sql + " LIMIT ?", (limit,))]
        return [ErrorRow(*row) for row in self._rows(sql)]

    def entities(
        self, kinds: Iterable[str], limit: int, with_name: str | None = None
    ) -> list[EntityCount]:
        kinds = list(kinds)
        params: list[Any] = list(kinds)
        scope = ""
        if with_name:
            entities, named_params = named(with_name)
            match, match_params = name_match("e.norm", with_name)
            scope = f"AND e.article IN (SELECT article FROM ({entities}) AS t) AND NOT {match}"
            params.extend([*named_params, *match_params])
        sql = (
            "SELECT e.norm, MAX(e.name), e.kind, COUNT(DISTINCT e.article), "
            "SUM((SELECT COUNT(*) FROM mentions m WHERE m.article = e.article "
            "AND m.entity = e.local_id)) AS n "
            f"FROM entities e WHERE e.kind IN ({_marks(kinds)}) {scope} "
            "GROUP BY e.norm, e.kind ORDER BY 4 DESC, n DESC LIMIT ?"
        )
        found = self._rows(sql, [*params, limit])
        return [
            EntityCount(name, kind, int(n), int(mentions or 0), self._often_with(key, kinds))
            for key, name, kind, n, mentions in found
        ]

    def _often_with(self, key: str, kinds: list[str], top: int = 3) -> list[str]:
        sql = (
            "SELECT MAX(o.name) FROM entities e JOIN entities o "
            "ON o.article = e.article AND o.norm != e.norm "
            f"WHERE e.norm = ? AND o.kind IN ({_marks(kinds)}) "
            "GROUP BY o.norm ORDER BY COUNT(DISTINCT o.article) DESC, MAX(o.name) LIMIT ?"
        )
        return [row[0] for row in self._rows(sql, [key, *kinds, top])]

    def counts(self) -> dict[str, int]:
        queries = {
            "articles": "SELECT COUNT(*) FROM articles",
            "stories": "SELECT COUNT(DISTINCT cluster) FROM articles",
            "sites": "SELECT COUNT(*) FROM sites",
            "quotes": "SELECT COUNT(*) FROM quotes",
            "entities": "SELECT COUNT(DISTINCT norm) FROM entities",
            "inputs": "SELECT COUNT(*) FROM inputs_done",
            "errors": "SELECT COUNT(*) FROM errors",
        }
        return {name: int(self._one(sql)[0]) for name, sql in queries.items()}


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))
