"""An article flattened into the rows of the store's tables."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from quotidien.model import Article, Timestamp
from quotidien.store.query import norm

Row = tuple[object, ...]


def site_of(article: Article) -> str | None:
    """The site an article was published on: its URL's host without `www.`, else its name."""
    url = article.canonical_url or article.source.url
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # "http://[::1/…" names no host
        host = None
    if host:
        return host.lower().removeprefix("www.")
    return article.site_name


def block_rows(rowid: int, article: Article) -> list[Row]:
    return [(rowid, i, block.kind, block.text) for i, block in enumerate(article.blocks)]


def entity_rows(rowid: int, article: Article) -> list[Row]:
    return [
        (rowid, entity.id, entity.kind, entity.name, norm(entity.name), entity.role)
        for entity in article.entities
    ]


def entity_word_rows(rowid: int, article: Article) -> list[Row]:
    """Each word of each entity's folded name: the index names are looked up by."""
    return [
        (word, rowid, entity.id)
        for entity in article.entities
        for word in dict.fromkeys(norm(entity.name).split())
    ]


def mention_rows(rowid: int, article: Article) -> list[Row]:
    return [
        (rowid, entity.id, m.start, m.end, m.text, norm(m.text), m.kind)
        for entity in article.entities
        for m in entity.mentions
    ]


def quote_rows(rowid: int, article: Article) -> list[Row]:
    return [
        (
            rowid,
            i,
            quote.kind,
            quote.content.text,
            quote.content.start,
            quote.content.end,
            quote.cue.text if quote.cue else None,
            quote.speaker.text if quote.speaker else None,
            quote.speaker_entity,
            quote.speaker_name,
        )
        for i, quote in enumerate(article.quotes)
    ]


def comment_rows(rowid: int, article: Article) -> list[Row]:
    return [
        (rowid, i, c.author, _iso(c.posted), c.text) for i, c in enumerate(article.comments.items)
    ]


def teaser_rows(rowid: int, article: Article) -> list[Row]:
    return [(rowid, i, t.title, t.text, t.url, t.provider) for i, t in enumerate(article.teasers)]


def _iso(value: Timestamp | None) -> str | None:
    return value.value.isoformat() if value else None


def utc_text(value: Timestamp | datetime | None) -> str | None:
    """A time as sortable ISO text in UTC; naive datetimes are taken as UTC."""
    if value is None:
        return None
    when = value.value if isinstance(value, Timestamp) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")
