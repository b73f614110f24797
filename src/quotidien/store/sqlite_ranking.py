"""Ranking a search in the SQLite store: which full-text table answers it, bm25 order read
in slices after a cursor, one hit per story cluster, and snippets where FTS5 has none.

Words are found in `articles_fts` (title, lead, body; bm25 weighs them 10, 4, 1); runs of
Chinese or Japanese characters in `cjk_fts`, as pairs of characters (`store/cjk.py`). A
query with both ranks by its words and keeps the articles that also hold its runs.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from quotidien.store import cjk
from quotidien.store.query import checked, fts_query

_BM25 = {"articles_fts": "bm25(articles_fts, 10.0, 4.0, 1.0)", "cjk_fts": "bm25(cjk_fts)"}


@dataclass(frozen=True)
class Match:
    """Where and how to find a query's articles: the table that ranks them and its MATCH
    expression, and a further condition on rowids (the runs, when words rank)."""

    table: str
    expression: str
    also: str = ""
    also_params: list[Any] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)

    def rowids(self) -> tuple[str, list[Any]]:
        """A condition on `a.rowid` selecting the matching articles, and its parameters."""
        sql = f"a.rowid IN (SELECT rowid FROM {self.table} WHERE {self.table} MATCH ? {self.also})"
        return sql, [self.expression, *self.also_params]


def text_match(text: str) -> Match:
    """How to find the articles holding every word and run of `text`."""
    rest, phrases = cjk.split_query(checked(text))
    runs = cjk.runs(text)
    if not phrases:
        return Match("articles_fts", fts_query(text))
    if rest.strip() and any(ch.isalnum() for ch in rest):
        also = "AND +rowid IN (SELECT rowid FROM cjk_fts WHERE cjk_fts MATCH ?)"
        return Match("articles_fts", fts_query(rest), also, [" ".join(phrases)], runs)
    return Match("cjk_fts", " ".join(phrases), runs=runs)


class Ranked:
    """The rows matching a search in bm25 order, read in slices after a (score, rowid) key,
    keeping each story cluster's best-ranked copy only. A copy is skipped when a better copy
    of its cluster matches, wherever that copy is: so paging neither repeats nor skips."""

    def __init__(self, db: sqlite3.Connection, match: Match, scope: str, params: list[Any]):
        self.db, self.match, self.scope, self.params = db, match, scope, params
        self.table, self.bm25 = match.table, _BM25[match.table]
        self.where = f"{self.table} MATCH ? {match.also}"
        self.where_params = [match.expression, *match.also_params]

    def best_per_cluster(
        self, after: tuple[float, int] | None, wanted: int
    ) -> list[tuple[int, str, float]]:
        best: list[tuple[int, str, float]] = []
        taken: set[str] = set()
        fetch = max(wanted * 3, 20)
        while len(best) < wanted:
            rows = self._slice(after, fetch)
            clusters = self._clusters(rows)
            for rowid, score in rows:
                after = (score, rowid)
                cluster, head = clusters[rowid]
                if head == rowid and cluster not in taken:
                    taken.add(cluster)
                    best.append((rowid, cluster, score))
                    if len(best) == wanted:
                        break
            if len(rows) < fetch:
                break
            fetch = min(fetch * 4, 5000)
        return best

    def _slice(self, after: tuple[float, int] | None, count: int) -> list[tuple[int, float]]:
        key, params = "", [*self.where_params, *self.params]
        if after is not None:
            key = f"AND ({self.bm25} > ? OR ({self.bm25} = ? AND rowid > ?))"
            params += [after[0], after[0], after[1]]
        sql = (
            f"SELECT rowid, {self.bm25} AS score FROM {self.table} WHERE {self.where} "
            f"{self.scope} {key} ORDER BY score, rowid LIMIT ?"
        )
        return [(int(r), float(s)) for r, s in self.db.execute(sql, [*params, count])]

    def _clusters(self, rows: list[tuple[int, float]]) -> dict[int, tuple[str, int]]:
        """Each row's cluster, and the rowid of that cluster's best-ranked matching copy."""
        if not rows:
            return {}
        marks = ",".join("?" * len(rows))
        info = self.db.execute(
            "SELECT a.rowid, a.cluster, (SELECT COUNT(*) FROM articles b "
            f"WHERE b.cluster = a.cluster) FROM articles a WHERE a.rowid IN ({marks})",
            [rowid for rowid, _ in rows],
        ).fetchall()
        shared = sorted({cluster for _, cluster, size in info if size > 1})
        heads = self._heads(shared) if shared else {}
        return {rowid: (cluster, heads.get(cluster, rowid)) for rowid, cluster, _ in info}

    def _heads(self, clusters: list[str]) -> dict[str, int]:
        marks = ",".join("?" * len(clusters))
        sql = (
            f"SELECT r.rowid, a.cluster FROM (SELECT rowid, {self.bm25} AS score "
            f"FROM {self.table} WHERE {self.where} AND +rowid IN (SELECT rowid FROM articles "
            f"WHERE cluster IN ({marks})) {self.scope}) r JOIN articles a ON a.rowid = r.rowid "
            "ORDER BY r.score DESC, r.rowid DESC"
        )
        # Worst first, so that each cluster's best row is the one left in the dict.
        params = [*self.where_params, *clusters, *self.params]
        return {cluster: rowid for rowid, cluster in self.db.execute(sql, params).fetchall()}
