"""What only the PostgreSQL store has to answer for: its schema checks, connection errors,
text PostgreSQL cannot hold, its time limit, and several ingests writing at once.
(Everything else runs on both backends: test_store.py, test_pages.py, tests/cli.)"""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from quotidien.corpus import Corpus
from quotidien.errors import QueryError, QueryTimeout, QuotidienError
from quotidien.model import Article, Block, Source
from quotidien.store import open_store
from quotidien.store.base import Batch, Filters, NewArticle
from quotidien.store.postgres import PostgresStore, shown
from quotidien.store.postgres_schema import SCHEMA_VERSION

pytestmark = pytest.mark.usefixtures("postgres")


def test_a_database_of_another_program_is_refused(postgres: Any) -> None:
    import psycopg

    url = postgres.new_database()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(QuotidienError, match="not made by quotidien"):
        open_store(url)


def test_a_newer_schema_is_refused_and_reopening_keeps_data(postgres: Any) -> None:
    url = postgres.new_database()
    store = open_store(url)
    store.write(Batch(articles=[new_article(1)], done=["k1"]))
    store.close()
    again = open_store(url)
    assert again.counts()["articles"] == 1
    assert again.schema_version == SCHEMA_VERSION
    again._rows("UPDATE meta SET value = '99' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
    again.close()
    with pytest.raises(QuotidienError, match="newer than this quotidien"):
        open_store(url)


def test_programs_opening_a_new_database_at_once_create_it_once(postgres: Any) -> None:
    url = postgres.new_database()
    opened: list[Any] = []

    def open_one() -> None:
        try:
            opened.append(open_store(url))
        except Exception as error:
            opened.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(store, PostgresStore) for store in opened), opened
    for store in opened:
        store.close()


def test_a_server_that_does_not_answer_is_one_clear_line_without_the_password() -> None:
    url = "postgresql://reader:s3cret@127.0.0.1:9/corpus"  # the discard port: nothing listens
    with pytest.raises(QuotidienError) as caught:
        open_store(url)
    assert str(caught.value).startswith("postgresql://reader@127.0.0.1:9/corpus: cannot connect")
    assert "s3cret" not in str(caught.value)
    assert shown("postgres://a:b@h/d") == "postgres://a@h/d"


def test_text_postgresql_cannot_hold_is_stored_readable(database: str) -> None:
    """A NUL in a page's text: SQLite keeps it, PostgreSQL's text type refuses it."""
    store = open_store(database)
    article = new_article(2, body="Le budget\x00 de la commune est voté à l'unanimité.")
    assert store.write(Batch(articles=[article])) == 1
    found = store.search("unanimité", Filters(), 10).items
    assert [hit.id for hit in found] == [article.id]


def test_a_query_past_its_time_limit_stops(postgres: Any) -> None:
    store = open_store(postgres.new_database())
    with pytest.raises(QueryTimeout), store.time_limit(0.05):
        store._rows("SELECT pg_sleep(2)")  # type: ignore[attr-defined]
    assert store.counts()["articles"] == 0  # the limit ends with the block


def test_hostile_text_search_syntax_is_searched_literally(postgres: Any) -> None:
    """tsquery operators, quotes, weights and odd characters: a result or a QueryError."""
    store = open_store(postgres.new_database())
    store.write(Batch(articles=[new_article(n) for n in range(3)]))
    rng = random.Random(7)
    alphabet = [*"&|!<->():*'\"\\ AaBé1_%?;\x01\u00a0中国政府", "<2>", "title:", ":*A"]
    for _ in range(400):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        with contextlib.suppress(QueryError):
            store.search(query, Filters(), 5)
        with contextlib.suppress(QueryError):
            store.quotes(query, Filters(), None, None, 5)
        with contextlib.suppress(QueryError):
            store.facets(query, Filters())


def test_two_ingests_at_once_make_the_corpus_one_ingest_makes(
    postgres: Any, tmp_path: Path
) -> None:
    """Two processes ingest overlapping halves of the pages into one database at once: no
    article twice, none lost, the wire story's copies in one cluster, as one ingest does.
    (A cluster is named after its first stored copy, which depends on who wrote first:
    the groups are compared, not their names.)"""
    from conftest import write_generated

    pages = tmp_path / "pages"
    write_generated(pages)
    files = sorted(str(path) for path in pages.iterdir())
    wire = [name for name in files if "/wire-" in name]
    rest = [name for name in files if name not in wire]
    # Both start with copies of the wire story, so that each looks for copies while the
    # other is storing one; then the overlapping two thirds of the other pages.
    halves = [wire[:2] + rest[: len(rest) * 2 // 3], wire[::-1][:2] + rest[len(rest) // 3 :]]
    together = postgres.new_database()
    ingests = [_ingest(together, half) for half in halves]
    for process in ingests:
        assert process.wait(timeout=300) in (0, 1), process.stderr.read()  # type: ignore[union-attr]
    alone = postgres.new_database()
    with Corpus(alone) as corpus:
        corpus.ingest(files, nlp=False, workers=1)
    assert _groups(together) == _groups(alone)
    assert len(_groups(alone)) == len(files) - 2  # three copies of the wire story


def test_a_writer_looking_for_copies_waits_for_the_batch_being_written(postgres: Any) -> None:
    """What keeps concurrent clustering right, step by step: while one ingest holds its
    batch, another's look for copies waits, then sees the stored copy."""
    url = postgres.new_database()
    first, second = open_store(url), open_store(url)
    copy = new_article(1)
    seen: list[set[str]] = []

    def look() -> None:
        with second.writing():
            seen.append(second.known_identities([copy.identity]))

    with first.writing():
        waiting = threading.Thread(target=look)
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive()  # blocked behind the batch
        assert not seen
        first.write(Batch(articles=[copy]))
    waiting.join(timeout=10)
    assert seen == [{copy.identity}]


def _ingest(url: str, files: list[str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from quotidien.cli import main; main()", "ingest", *files,
               "--db", url, "--no-nlp", "-w", "1", "--batch", "2"]  # fmt: skip
    return subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def _groups(url: str) -> set[frozenset[str]]:
    store = open_store(url)
    clusters: dict[str, set[str]] = {}
    for stored in store.articles():
        clusters.setdefault(stored.cluster, set()).add(stored.id)
    store.close()
    return {frozenset(ids) for ids in clusters.values()}


def new_article(n: int, body: str = "") -> NewArticle:
    article = Article(
        source=Source(url=f"https://example.fr/a/{n}"),
        language="fr",
        title=f"Conseil municipal {n}",
        blocks=[Block(text=body or f"Le conseil municipal numéro {n} a voté le budget.")],
    )
    return NewArticle(f"p{n:07d}", f"url:{n}", f"p{n:07d}", article)
