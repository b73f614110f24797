"""Chinese and Japanese words are found inside runs of characters (issue 22, point 6): a
word tokenizer made 中国政府发布 one token, and 政府 was found in 1 of 55 articles."""

from __future__ import annotations

import pytest

from quotidien.model import Article, Block, Quote, Source, Span
from quotidien.store import Store, cjk, open_store
from quotidien.store.base import MARK_START, Batch, Filters, NewArticle
from quotidien.store.sqlite import SQLiteStore

TEXTS = [
    ("中国政府发布新的经济计划", "国务院周二表示，中国政府将在明年加大对基础设施的投资。"),
    ("北京举行新闻发布会", "北京市政府新闻办公室今天举行发布会，介绍空气质量情况。"),
    ("上海股市收盘上涨", "上海证券交易所的股票今天普遍上涨，投资者信心恢复。"),
    ("東京で地震", "東京都内で震度四の地震があり、政府は被害の確認を急いでいる。"),
    ("Beijing talks", "Officials in Beijing met the delegation; 中国外交部 said talks went well."),
]


@pytest.fixture
def store(database: str) -> Store:
    store = open_store(database)
    articles = [
        NewArticle(f"z{n:07d}", f"url:z{n}", f"z{n:07d}",
                   Article(source=Source(url=f"https://news.example.cn/{n}"), title=title,
                           blocks=[Block(text=body)], language="zh" if n < 3 else None))
        for n, (title, body) in enumerate(TEXTS)
    ]  # fmt: skip
    said = articles[0].article
    text = said.text()
    content = "中国政府将在明年加大对基础设施的投资"
    at = text.index(content)
    said.quotes = [Quote(kind="indirect", content=Span(start=at, end=at + len(content),
                                                       text=content))]  # fmt: skip
    store.write(Batch(articles=articles))
    return store


def ids(store: Store, query: str, **filters: object) -> set[str]:
    return {hit.id for hit in store.search(query, Filters(**filters), 20).items}  # type: ignore[arg-type]


def test_words_inside_runs_are_found(store: Store) -> None:
    assert ids(store, "政府") == {"z0000000", "z0000001", "z0000003"}
    assert ids(store, "中国政府") == {"z0000000"}
    assert ids(store, "北京") == {"z0000001"}
    assert ids(store, "地震") == {"z0000003"}
    assert ids(store, "外交部") == {"z0000004"}
    assert ids(store, "政府 北京") == {"z0000001"}
    assert ids(store, "政府", language="zh") == {"z0000000", "z0000001"}


def test_words_and_runs_together(store: Store) -> None:
    assert ids(store, "Beijing 外交部") == {"z0000004"}
    assert ids(store, "Beijing 政府") == set()


def test_snippets_mark_the_run(store: Store) -> None:
    [hit] = store.search("北京", Filters(), 5).items
    assert f"{MARK_START}北京" in hit.snippet
    assert store.facets("政府", Filters()).language == [("zh", 2)]


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_corpus_before_the_pairs_gains_them(store: SQLiteStore) -> None:
    store.db.executescript(
        "DROP TABLE cjk_fts; DROP TABLE cjk_quotes; "
        "UPDATE meta SET value = '2' WHERE key = 'schema_version';"
    )
    path = store.path
    store.close()
    again = SQLiteStore(path)
    assert ids(again, "政府") == {"z0000000", "z0000001", "z0000003"}
    assert again.quotes("基础设施", Filters(), None, None, 10).items


def test_quotes_are_found_by_words_inside_runs(store: Store) -> None:
    assert [q.article for q in store.quotes("基础设施", Filters(), None, None, 10).items] == [
        "z0000000"
    ]
    assert store.quotes("投资 政府", Filters(), None, None, 10).items
    assert not store.quotes("地震", Filters(), None, None, 10).items


def test_pairs() -> None:
    assert cjk.bigrams("中国政府 and 北") == "中国 国政 政府 北"
    rest, phrases = cjk.split_query("政府 x 北")
    assert (rest.split(), phrases) == (["x"], ['"政府"', '"北" *'])
