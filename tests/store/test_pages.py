"""Paged reads of the store (cursors), facets, speaker profiles and filtered streams."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quotidien.errors import QueryError
from quotidien.model import Article, Block, Entity, Mention, Quote, Source, Span, Timestamp
from quotidien.store import Store, open_store
from quotidien.store.base import Batch, Filters, NewArticle
from quotidien.store.query import encode_cursor
from quotidien.store.sqlite import SQLiteStore

WORDS = [
    "grève",
    "rail",
    "syndicat",
    "ministre",
    "budget",
    "vote",
    "accord",
    "salaire",
    "usine",
    "port",
]
SPEAKERS = ["Sophie Binet", "Clément Beaune", "Laurent Berger"]


def quoted_article(n: int, rng: random.Random) -> Article:
    """An article with a varied body (so bm25 scores differ) and one quote by a speaker."""
    speaker = SPEAKERS[n % 3]
    surname = speaker.split()[1]
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))
    said = f"« Nous irons jusqu'au bout face à la SNCF » a dit {surname} sur le rail."
    article = Article(
        source=Source(url=f"https://site{n % 4}.fr/a/{n}", kind="html"),
        language="fr" if n % 5 else "en",
        title=f"Titre {n} grève",
        blocks=[Block(text=f"grève {words}"), Block(text=said)],
        provider="AFP" if n % 2 else None,
        published=Timestamp(value=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=n)),
    )
    text = article.text()
    content = "Nous irons jusqu'au bout face à la SNCF"
    c, s, o = text.index(content), text.index(surname), text.index("SNCF")
    article.entities = [
        Entity(id="e1", kind="person", name=speaker,
               mentions=[Mention(start=s, end=s + len(surname), text=surname, kind="surname")]),
        Entity(id="e2", kind="organisation", name="SNCF",
               mentions=[Mention(start=o, end=o + 4, text="SNCF")]),
    ]  # fmt: skip
    article.quotes = [
        Quote(
            kind="direct" if n % 2 else "indirect",
            content=Span(start=c, end=c + len(content), text=content),
            speaker=Span(start=s, end=s + len(surname), text=surname),
            speaker_entity="e1",
            speaker_name=speaker,
        )
    ]
    return article


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """60 articles; every third from 30 on is a copy in the cluster of the article before.
    Built once per backend."""
    if request.param == "sqlite":
        store = open_store(str(Path(tmp_path_factory.mktemp("pages")) / "c.db"))
    else:
        store = open_store(request.getfixturevalue("postgres").new_database())
    rng = random.Random(3)
    batch = Batch()
    for n in range(60):
        cluster = f"id{n - 1:06d}" if n >= 30 and n % 3 == 0 else f"id{n:06d}"
        article = quoted_article(n, rng)
        batch.articles.append(NewArticle(f"id{n:06d}", f"url:{n}", cluster, article))
    store.write(batch)
    return store


def walk_search(store: Store, query: str, limit: int, **filters: object) -> list[str]:
    ids, cursor = [], None
    for _ in range(100):
        page = store.search(query, Filters(**filters), limit, cursor)  # type: ignore[arg-type]
        assert len(page.items) <= limit
        ids += [hit.id for hit in page.items]
        if not (cursor := page.next):
            return ids
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("limit", [1, 3, 7, 50])
def test_search_pages_neither_skip_nor_repeat(store: Store, limit: int) -> None:
    whole = [hit.id for hit in store.search("grève", Filters(), 1000).items]
    assert len(whole) == 50  # 60 articles, 10 of them copies
    assert walk_search(store, "grève", limit) == whole
    assert len(set(whole)) == len(whole)


def test_search_paging_keeps_filters(store: Store) -> None:
    whole = [hit.id for hit in store.search("grève", Filters(language="en"), 1000).items]
    assert whole
    assert walk_search(store, "grève", 2, language="en") == whole


def test_a_damaged_cursor_is_a_query_error(store: Store) -> None:
    for cursor in ["nonsense", encode_cursor(["a", "b"]), encode_cursor([1.0]), "%%%"]:
        with pytest.raises(QueryError, match="cursor"):
            store.search("grève", Filters(), 5, cursor)
    with pytest.raises(QueryError, match="cursor"):
        store.quotes(None, Filters(), None, None, 5, encode_cursor([1.0, 2]))


def test_quote_pages_newest_first_without_gaps(store: Store) -> None:
    whole = store.quotes(None, Filters(), "Binet", None, 1000).items
    assert len(whole) == 20
    dates = [q.published for q in whole]
    assert dates == sorted(dates, reverse=True)
    seen, cursor = [], None
    while True:
        page = store.quotes(None, Filters(), "Binet", None, 6, cursor)
        seen += [(q.article, q.position) for q in page.items]
        if not (cursor := page.next):
            break
    assert seen == [(q.article, q.position) for q in whole]


def test_quote_kind_filter(store: Store) -> None:
    direct = store.quotes(None, Filters(), None, None, 1000, kind="direct").items
    assert direct
    assert {q.kind for q in direct} == {"direct"}
    assert len(direct) == 30


def test_facets_count_matching_articles(store: Store) -> None:
    facets = store.facets("grève", Filters())
    assert dict(facets.language) == {"fr": 48, "en": 12}
    assert sum(n for _, n in facets.site) == 60
    assert dict(facets.provider) == {"AFP": 30}
    assert dict(store.facets("grève", Filters(language="en")).language) == {"en": 12}


def test_speaker_profile(store: Store) -> None:
    profile = store.speaker("binet")
    assert profile is not None
    assert profile.name == "Sophie Binet"
    assert (profile.quotes, profile.articles) == (20, 20)
    assert profile.forms == [("Binet", 40)]  # 20 quotes name her, 20 mentions
    assert sum(n for _, n in profile.weeks) == 20
    assert all(datetime.fromisoformat(week).weekday() == 0 for week, _ in profile.weeks)
    assert profile.about == [("SNCF", "organisation", 20)]
    assert store.speaker("Personne Inconnue") is None


def test_matching_streams_filtered_articles(store: Store) -> None:
    english = list(store.matching(None, Filters(language="en")))
    assert len(english) == 12
    assert {s.article.language for s in english} == {"en"}
    assert len(list(store.matching("Titre", Filters(provider="AFP")))) == 30


def test_quote_pages_run_from_dated_to_undated(database: str) -> None:
    store = open_store(database)
    rng = random.Random(1)
    batch = Batch()
    for n in range(9):
        article = quoted_article(n, rng)
        if n % 3 == 0:
            article.published = None
        batch.articles.append(NewArticle(f"u{n:07d}", f"url:u{n}", f"u{n:07d}", article))
    store.write(batch)
    whole = store.quotes(None, Filters(), None, None, 100).items
    assert [q.published is None for q in whole] == [False] * 6 + [True] * 3
    for limit in (1, 2, 4):
        seen, cursor = [], None
        while True:
            page = store.quotes(None, Filters(), None, None, limit, cursor)
            seen += [q.article for q in page.items]
            if not (cursor := page.next):
                break
        assert seen == [q.article for q in whole]


def test_a_version_1_database_gains_the_name_index(tmp_path: Path) -> None:
    """A corpus written before `entity_words` existed is migrated: its names are found."""
    from quotidien.store import rows
    from quotidien.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = SQLiteStore(path)
    old.write(Batch(articles=[NewArticle("o0000001", "url:o1", "o0000001",
                                         quoted_article(0, random.Random(2)))]))  # fmt: skip
    old.db.executescript(
        "DROP TABLE entity_words; DROP INDEX quotes_speaker; DROP TABLE cjk_fts; "
        "DROP TABLE cjk_quotes; "
        "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )
    old.close()
    assert MIGRATIONS[1]
    store = SQLiteStore(path)
    assert store.quotes(None, Filters(), "Binet", None, 10).items
    assert store.quotes(None, Filters(), "sophie binet", None, 10).items
    migrated = set(store.db.execute("SELECT word, entity FROM entity_words"))
    article = next(store.articles()).article
    assert migrated == {(w, e) for w, _, e in rows.entity_word_rows(0, article)}


def test_names_that_are_no_text_are_refused(store: Store) -> None:
    """A NUL used to cut the name short in SQLite and match every quote (issue 22, 9)."""
    for name in ["\x00", "Binet\x00", "Bi\udcffnet"]:
        with pytest.raises(QueryError):
            store.quotes(None, Filters(), name, None, 10)
        with pytest.raises(QueryError):
            store.quotes(None, Filters(), None, name, 10)
        with pytest.raises(QueryError):
            store.search("grève", Filters(entity=name), 10)


def test_a_column_search_finds_titles_only(store: Store) -> None:
    assert len(store.search("title:Titre", Filters(), 100).items) == 50
    assert store.search("title:SNCF", Filters(), 100).items == []
    assert store.search("body:SNCF", Filters(), 100).items


def test_a_name_without_a_word_names_no_one(store: Store) -> None:
    """Found by fuzzing the server: a name of punctuation alone made SQLite fail."""
    for name in ["%", "-", " ", "()"]:
        assert store.quotes(None, Filters(), name, None, 10).items == []
        assert store.speaker(name) is None
        assert store.search("grève", Filters(entity=name), 10).items == []
