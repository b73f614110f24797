"""The SQL of the filters, shared by the SQLite and PostgreSQL stores (placeholders are
`?`; the PostgreSQL store turns them into its own): dates, sites, languages, providers, names.

A name matches an entity when it equals the entity's name, or a run of its words
("Choïgou" matches "Sergueï Choïgou"), accents and case ignored. The check itself is a
LIKE, which no index serves; so candidates are first found through `entity_words` (each
word of each entity's folded name, indexed), by the longest word of the name asked for, and
only they are checked. Every filter is a clause on `a` (articles) or `q` (quotes).
"""

from __future__ import annotations

from typing import Any

from quotidien.store.base import Filters
from quotidien.store.query import checked, norm
from quotidien.store.rows import utc_text

_NAME_MATCH = "({col} = ? OR (' ' || {col} || ' ') LIKE ? ESCAPE '\\')"

#: Quotes newest first (undated ones come after, in stretches of their own).
QUOTE_ORDER = "a.published DESC, q.rowid"


def name_match(column: str, name: str) -> tuple[str, list[Any]]:
    """`column` (a folded name) is `name` or holds it as a run of words."""
    key = norm(checked(name, "name"))
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return _NAME_MATCH.format(col=column), [key, f"% {escaped} %"]


def named(name: str) -> tuple[str, list[Any]]:
    """A SELECT of (article, local_id) of the entities `name` names."""
    words = norm(checked(name, "name")).split()
    if not words:
        return "SELECT e.article, e.local_id FROM entities e WHERE 1 = 0", []
    match, params = name_match("e.norm", name)
    sql = (
        "SELECT e.article, e.local_id FROM entity_words w JOIN entities e "
        f"ON e.article = w.article AND e.local_id = w.entity WHERE w.word = ? AND {match}"
    )
    return sql, [max(words, key=len), *params]


def speaker_clause(name: str) -> tuple[str, list[Any]]:
    """The quote's speaker is an entity `name` names, or is mentioned exactly as `name`."""
    entities, params = named(name)
    # Written as the rowids of the speaker's quotes so that SQLite starts from the name's few
    # rows, not from every quote.
    sql = (
        f"q.rowid IN (SELECT s.rowid FROM ({entities} "
        "UNION SELECT m.article, m.entity FROM mentions m WHERE m.norm = ?) t "
        "JOIN quotes s ON s.article = t.article AND s.speaker_entity = t.local_id)"
    )
    return sql, [*params, norm(name)]


def about_clause(name: str) -> tuple[str, list[Any]]:
    """Inside the quote's content, a mention of an entity `name` names, or `name` itself."""
    entities, params = named(name)
    sql = (
        "EXISTS (SELECT 1 FROM mentions m WHERE m.article = q.article "
        "AND m.start >= q.start AND m.end <= q.end "
        f"AND ((m.article, m.entity) IN ({entities}) OR m.norm = ?))"
    )
    return sql, [*params, norm(name)]


def mentioning_clause(name: str) -> tuple[str, list[Any]]:
    """The article mentions an entity `name` names, or `name` itself."""
    entities, params = named(name)
    sql = (
        f"a.rowid IN (SELECT article FROM ({entities}) AS named "
        "UNION SELECT article FROM mentions WHERE norm = ?)"
    )
    return sql, [*params, norm(name)]


def filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    """` AND …` clauses on `a` for the filters, and their parameters."""
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
        clauses.append("lower(a.provider) = lower(?)")
        params.append(filters.provider)
    if filters.entity:
        clause, more = mentioning_clause(filters.entity)
        clauses.append(clause)
        params.extend(more)
    return "".join(f" AND {clause}" for clause in clauses), params


def quote_filter_sql(
    text: tuple[str, list[Any]] | None,
    filters: Filters,
    speaker: str | None,
    about: str | None,
    kind: str | None,
) -> tuple[str, list[Any]]:
    """` AND …` clauses on `q` and `a` for a quote search, and their parameters; `text` is
    the store's own clause finding the quotes holding the words searched for."""
    where, params = filter_sql(filters)
    if text:
        where += f" AND {text[0]}"
        params.extend(text[1])
    for value, clause_of in ((speaker, speaker_clause), (about, about_clause)):
        if value:
            clause, more = clause_of(value)
            where += f" AND {clause}"
            params.extend(more)
    if kind:
        where += " AND q.kind = ?"
        params.append(kind)
    return where, params


def quote_stretches(cursor: tuple[str | None, int] | None) -> list[tuple[str, list[Any]]]:
    """The quotes after `cursor` (published, rowid) in QUOTE_ORDER, as clauses read in turn:
    the dated ones (a range on the published index), then the undated ones."""
    undated: tuple[str, list[Any]] = (" AND a.published IS NULL", [])
    if cursor is None:
        return [(" AND a.published IS NOT NULL", []), undated]
    published, rowid = cursor
    if published is None:
        return [(" AND a.published IS NULL AND q.rowid > ?", [rowid])]
    dated = " AND a.published <= ? AND (a.published < ? OR q.rowid > ?)"
    return [(dated, [published, published, rowid]), undated]
