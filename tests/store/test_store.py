"""The stores, SQLite and PostgreSQL alike: batched writes, search, quotes, entities, browsing;
and the SQLite file's schema checks (PostgreSQL's: test_postgres.py)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quotidien.errors import QuotidienError
from quotidien.model import Article, Block, Entity, Mention, Quote, Source, Span, Timestamp
from quotidien.store import Store, open_store
from quotidien.store.base import MARK_START, Batch, Failure, Filters, NewArticle
from quotidien.store.schema import SCHEMA_VERSION
from quotidien.store.sqlite import SQLiteStore


def make_article(
    url: str, title: str, body: list[str], when: str = "2024-03-05T10:00:00+01:00", **extra: object
) -> Article:
    return Article(
        source=Source(url=url, kind="html"),
        language="fr",
        title=title,
        blocks=[Block(text=t) for t in body],
        published=Timestamp(value=datetime.fromisoformat(when)),
        **extra,  # type: ignore[arg-type]
    )


def with_quote(article: Article) -> Article:
    """Add Sergueï Choïgou quoted about l'Otan, with spans into article.text()."""
    text = article.text()
    content = "L'Otan prépare une escalade"
    speaker = "Choïgou"
    c, s = text.index(content), text.index(speaker)
    o = text.index("Otan")
    article.entities = [
        Entity(
            id="e1",
            kind="person",
            name="Sergueï Choïgou",
            mentions=[Mention(start=s, end=s + len(speaker), text=speaker, kind="surname")],
        ),
        Entity(
            id="e2",
            kind="organisation",
            name="Otan",
            mentions=[Mention(start=o, end=o + 4, text="Otan")],
        ),
    ]
    article.quotes = [
        Quote(
            kind="direct",
            content=Span(start=c, end=c + len(content), text=content),
            speaker=Span(start=s, end=s + len(speaker), text=speaker),
            speaker_entity="e1",
            speaker_name="Sergueï Choïgou",
        ),
    ]
    return article


def new(article: Article, id: str, cluster: str | None = None) -> NewArticle:
    return NewArticle(id, f"url:{article.source.url}", cluster or id, article)


@pytest.fixture
def store(database: str) -> Store:
    store = open_store(database)
    quoted = with_quote(
        make_article(
            "https://www.lemonde.fr/a/1",
            "Moscou accuse l'Alliance",
            ["« L'Otan prépare une escalade », a déclaré Choïgou mardi à Moscou."],
            provider="AFP",
        )
    )
    copy = make_article(
        "https://www.lefigaro.fr/b/2",
        "Choïgou accuse l'Otan",
        ["« L'Otan prépare une escalade », a déclaré Choïgou mardi à Moscou."],
        provider="AFP",
    )
    other = make_article(
        "https://bbc.co.uk/news/3",
        "Budget vote in London",
        ['Parliament voted the budget on Tuesday (AND) "NEAR" OR *.'],
        when="2023-01-10T12:00:00+00:00",
    )
    other.language = "en"
    store.write(
        Batch(
            articles=[
                new(quoted, "aaaa1111"),
                new(copy, "bbbb2222", "aaaa1111"),
                new(other, "cccc3333"),
            ],
            done=["k1", "k2", "k3"],
        )
    )
    return store


def test_search_ranks_and_groups_a_story_and_its_copies(store: Store) -> None:
    hits = store.search("escalade", Filters(), 10).items
    assert len(hits) == 1
    assert hits[0].copies == 2
    assert MARK_START + "escalade" in hits[0].snippet


def test_search_is_accent_and_case_insensitive(store: Store) -> None:
    assert store.search("CHOIGOU", Filters(), 10).items
    assert store.search("choï*", Filters(), 10).items


@pytest.mark.parametrize(
    "query",
    [
        "AND",
        '"NEAR"',
        "budget OR",
        'budget "unbalanced',
        "(AND)",
        "title:budget",
        "'; DROP TABLE articles; --",
    ],
)
def test_query_syntax_is_searched_literally(store: Store, query: str) -> None:
    store.search(query, Filters(), 10)  # never an FTS syntax error
    assert store.counts()["articles"] == 3


def test_query_without_words_is_rejected_clearly(store: Store) -> None:
    with pytest.raises(QuotidienError, match="nothing to search"):
        store.search('"" * :', Filters(), 10)


def test_filters(store: Store) -> None:
    def ids(**filters: object) -> set[str]:
        return {h.id for h in store.search("budget OR escalade", Filters(**filters), 10).items}  # type: ignore[arg-type]

    assert store.search("Tuesday", Filters(language="en"), 10).items[0].id == "cccc3333"
    assert not store.search("Tuesday", Filters(language="fr"), 10).items
    assert store.search("escalade", Filters(site="lefigaro.fr"), 10).items[0].id == "bbbb2222"
    assert store.search("escalade", Filters(provider="afp"), 10).items
    assert not store.search("Tuesday", Filters(since=datetime(2024, 1, 1, tzinfo=UTC)), 10).items
    assert store.search("Tuesday", Filters(until=datetime(2023, 2, 1, tzinfo=UTC)), 10).items
    found = store.search("escalade", Filters(entity="Choïgou"), 10).items
    assert [h.id for h in found] == ["aaaa1111"]
    assert store.search("escalade", Filters(entity="sergueï choïgou"), 10).items
    assert not store.search("escalade", Filters(entity="Choï"), 10).items


def test_quotes_by_speaker_any_name_about_entity_and_text(store: Store) -> None:
    for speaker in ("Choïgou", "Sergueï Choïgou", "choigou"):
        found = store.quotes(None, Filters(), speaker, None, 10).items
        assert [q.content for q in found] == ["L'Otan prépare une escalade"]
    assert store.quotes(None, Filters(), None, "Otan", 10).items
    # not named inside the quote:
    assert not store.quotes(None, Filters(), None, "Choïgou", 10).items
    assert store.quotes("escalade", Filters(), None, None, 10).items
    assert not store.quotes("budget", Filters(), None, None, 10).items
    assert not store.quotes(None, Filters(), "Macron", None, 10).items


def test_entities_counts_and_co_mentions(store: Store) -> None:
    top = store.entities(["person", "organisation"], 10)
    assert {(e.name, e.articles, e.mentions) for e in top} == {
        ("Sergueï Choïgou", 1, 1),
        ("Otan", 1, 1),
    }
    assert {e.name: e.often_with for e in top}["Otan"] == ["Sergueï Choïgou"]
    co = store.entities(["person", "organisation"], 10, with_name="Choïgou")
    assert [e.name for e in co] == ["Otan"]


def test_article_by_prefix_with_copies(store: Store) -> None:
    stored = store.article("aaaa")
    assert stored is not None
    assert stored.article.title == "Moscou accuse l'Alliance"
    assert [c.id for c in stored.copies] == ["bbbb2222"]
    assert store.article("zzzz") is None
    assert store.article("'; --") is None


def test_writes_are_idempotent_and_inputs_remembered(store: Store) -> None:
    again = make_article("https://www.lemonde.fr/a/1", "Autre titre", ["Autre texte."])
    store.write(Batch(articles=[new(again, "aaaa1111")], failures=[Failure("k9", "x", "bad")]))
    store.write(Batch(failures=[Failure("k9", "x", "bad")], done=["k1"]))
    assert store.counts()["articles"] == 3
    assert len(store.errors()) == 1
    assert store.done_inputs(["k1", "k2", "k4"]) == {"k1", "k2"}
    assert store.known_identities(["url:https://bbc.co.uk/news/3", "url:x"]) == {
        "url:https://bbc.co.uk/news/3"
    }


def test_articles_stream_in_order(store: Store) -> None:
    assert [a.id for a in store.articles()] == ["aaaa1111", "bbbb2222", "cccc3333"]


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not a database\n" * 100)
    with pytest.raises(QuotidienError, match="not a quotidien database"):
        SQLiteStore(path)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(QuotidienError, match="not made by quotidien"):
        SQLiteStore(path)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(QuotidienError, match="newer"):
        SQLiteStore(path)


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store = SQLiteStore(path)
    store.write(Batch(articles=[new(make_article("https://x.fr/1", "T", ["Un texte."]), "dddd")]))
    store.close()
    assert SQLiteStore(path).counts()["articles"] == 1
