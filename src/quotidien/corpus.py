"""A corpus: pages ingested into a database, searched, browsed and exported.

>>> from quotidien import Corpus
>>> corpus = Corpus("news.db")
>>> corpus.ingest(["saved-pages/", "crawl.warc.gz"])
>>> for hit in corpus.search("Choïgou Otan", since=datetime(2023, 1, 1)):
...     print(hit.title, hit.copies)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from quotidien.errors import InputError, QueryError
from quotidien.ingest import pool
from quotidien.ingest.sources import Input, Sources, reader_key
from quotidien.settings import DEFAULT, Settings
from quotidien.store import is_url, open_store
from quotidien.store.base import (
    Batch,
    EntityCount,
    ErrorRow,
    Facets,
    Failure,
    Filters,
    Found,
    Hit,
    NewArticle,
    QuoteHit,
    Speaker,
    Store,
    StoredArticle,
)
from quotidien.store.dedup import Clusters

#: Environment variable naming the default database, before the user data directory.
DB_VARIABLE = "QUOTIDIEN_DB"
BATCH_SIZE = 32


def default_path() -> str | Path:
    """The database used when none is given: $QUOTIDIEN_DB (a file or a PostgreSQL URL),
    else the user's data directory."""
    if found := os.environ.get(DB_VARIABLE):
        return found if is_url(found) else Path(found)
    from platformdirs import user_data_path

    return user_data_path("quotidien", appauthor=False) / "corpus.db"


@dataclass
class IngestReport:
    """What an ingest did. `skipped`: inputs done by an earlier run; `duplicates`: pages
    whose article (same canonical URL or same text) was already stored."""

    added: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0
    #: `load`: parts of a Ray run whose shard is not written (their run did not finish).
    missing: int = 0

    @property
    def pages(self) -> int:
        return self.added + self.duplicates + self.failed + self.skipped


#: Called after each stored batch with the report so far and the input bytes read.
ProgressHook = Callable[[IngestReport, int], None]


class Corpus:
    """A corpus database: a SQLite file at `path` (created when missing), or a PostgreSQL
    database when `path` is a `postgresql://` URL."""

    def __init__(
        self, path: str | Path | None = None, settings: Settings = DEFAULT, any_thread: bool = False
    ) -> None:
        """`any_thread`: the corpus may be used from any thread, one at a time (by default,
        only from the thread that opened it)."""
        #: Where the corpus is, as given (a URL keeps its password: `store.path` does not).
        self.path: str | Path = (
            default_path() if not path else path if is_url(str(path)) else Path(path)
        )
        self.settings = settings
        self.store = open_store(str(self.path), any_thread)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- ingest --

    def ingest(
        self,
        sources: Sequence[str],
        *,
        nlp: bool = True,
        workers: int | None = None,
        batch_size: int = BATCH_SIZE,
        progress: ProgressHook | None = None,
        reader: Sources | None = None,
        retry_errors: bool = False,
        urls: Sequence[str] = (),
    ) -> IngestReport:
        """Read, extract, analyze and store every page of `sources`, and of the URLs listed
        in the files `urls` (fetched); resumable and idempotent.

        Each batch is one transaction together with the record of the inputs it consumed,
        so an interrupted run restarted with the same sources finishes the job. Inputs that
        failed before are skipped like the others, unless `retry_errors`.
        """
        if retry_errors:
            self.store.forget_failures()
        reader = reader or Sources(sources, self.settings, urls)
        report = IngestReport()
        clusters = Clusters(self.store.similar)
        chunks = self._fresh_chunks(reader, batch_size, report)
        for chunk, outcomes in pool.run(chunks, self.settings, nlp, workers or cpu_count()):
            self._store([item.key for item in chunk], outcomes, clusters, report)
            if progress:
                progress(report, reader.read)
        return report

    def _fresh_chunks(
        self, reader: Iterable[Input | InputError], size: int, report: IngestReport
    ) -> Iterator[list[Input]]:
        """Chunks of inputs not done yet; reader errors are stored on the way."""
        items = iter(reader)
        while chunk := list(islice(items, size)):
            failures = [_reader_failure(item) for item in chunk if isinstance(item, InputError)]
            if failures:
                self.store.write(Batch(failures=failures))
                report.failed += len(failures)
            inputs = _unique([item for item in chunk if isinstance(item, Input)])
            done = self.store.done_inputs([item.key for item in inputs])
            report.skipped += len(done)
            fresh = [item for item in inputs if item.key not in done]
            if fresh:
                yield fresh

    def load(
        self,
        shards: str,
        *,
        batch_size: int = BATCH_SIZE,
        progress: ProgressHook | None = None,
    ) -> IngestReport:
        """Store the shards a Ray run wrote into the folder `shards` (`ingest/shards.py`),
        in the order of their inputs: the corpus one local ingest of those inputs makes.
        Resumable and idempotent, like `ingest`."""
        return self.loader(shards, batch_size=batch_size, progress=progress).finish()

    def loader(
        self, shards: str, *, batch_size: int = BATCH_SIZE, progress: ProgressHook | None = None
    ) -> ShardLoader:
        """A loader of the shards in `shards` that stores them as they are written."""
        return ShardLoader(self, shards, batch_size, progress)

    def _store_loaded(
        self, outcomes: list[pool.Outcome], clusters: Clusters, report: IngestReport
    ) -> None:
        """A chunk read from a shard, stored as `ingest` stores a chunk it read."""
        pages: dict[str, pool.Outcome] = {}
        unread: list[Failure] = []
        for o in outcomes:
            if isinstance(o, pool.Failed) and o.key.startswith("error|"):
                unread.append(Failure(o.key, o.source, o.reason))
            else:
                pages.setdefault(o.key, o)
        if unread:  # inputs that could not be read at all: reported, never marked done
            self.store.write(Batch(failures=unread))
            report.failed += len(unread)
        done = self.store.done_inputs(list(pages))
        report.skipped += len(done)
        fresh = [o for key, o in pages.items() if key not in done]
        if fresh:
            self._store([o.key for o in fresh], fresh, clusters, report)

    def _store(
        self,
        keys: list[str],
        outcomes: list[pool.Outcome],
        clusters: Clusters,
        report: IngestReport,
    ) -> None:
        """Write the outcomes of the inputs `keys` as one batch."""
        batch = Batch(done=list(keys))
        extracted = [o for o in outcomes if isinstance(o, pool.Extracted)]
        with self.store.writing():  # copies stored by another ingest meanwhile are seen
            known = self.store.known_identities([o.identity for o in extracted])
            for outcome in outcomes:
                if isinstance(outcome, pool.Failed):
                    batch.failures.append(Failure(outcome.key, outcome.source, outcome.reason))
                    report.failed += 1
                elif outcome.identity in known:
                    report.duplicates += 1
                else:
                    known.add(outcome.identity)
                    batch.articles.append(_new_article(outcome, clusters))
            stored = self.store.write(batch)
        report.added += stored
        report.duplicates += len(batch.articles) - stored  # stored by another ingest meanwhile
        clusters.stored()

    # -- reading --

    def search(self, query: str, *, limit: int = 20, **filters: Any) -> list[Hit]:
        """Articles matching every word of `query`, best first, one hit per story cluster.

        Filters: `since`, `until` (datetimes), `site`, `language`, `entity`, `provider`."""
        return self.search_page(query, limit=limit, **filters).items

    def search_page(
        self, query: str, *, limit: int = 20, cursor: str | None = None, **filters: Any
    ) -> Found[Hit]:
        """One page of `search`, and the cursor of the next page."""
        return self.store.search(query, Filters(**filters), limit, cursor)

    def facets(self, query: str, **filters: Any) -> Facets:
        """How the articles matching `query` spread over languages, sites and providers."""
        return self.store.facets(query, Filters(**filters))

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        about: str | None = None,
        limit: int = 50,
        **filters: Any,
    ) -> list[QuoteHit]:
        """Quotes by `speaker` (any of their names), about an entity, containing `query`,
        newest first. Also `kind` ("direct", "indirect", "mixed") and the article filters."""
        return self.quotes_page(query, speaker=speaker, about=about, limit=limit, **filters).items

    def quotes_page(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        about: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        **filters: Any,
    ) -> Found[QuoteHit]:
        """One page of `quotes`, and the cursor of the next page."""
        return self.store.quotes(query, Filters(**filters), speaker, about, limit, cursor, kind)

    def speaker(self, name: str) -> Speaker | None:
        """A person as a speaker: counts, quotes per week, name forms, whom they speak about."""
        return self.store.speaker(name)

    def selection(
        self,
        what: str,
        query: str | None = None,
        *,
        speaker: str | None = None,
        about: str | None = None,
        kind: str | None = None,
        **filters: Any,
    ) -> Iterator[StoredArticle]:
        """The articles an export of `what` reads, streamed: those matching `query` and the
        filters. For quotes chosen by `query` (words in the quote), `speaker`, `about` or
        `kind`, each article keeps only the quotes chosen."""
        if what != "quotes" or not (query or speaker or about or kind):
            yield from self.store.matching(query, Filters(**filters))
            return
        cursor: str | None = None
        while True:
            page = self.quotes_page(
                query, speaker=speaker, about=about, kind=kind, limit=500, cursor=cursor, **filters
            )
            yield from _quoted_articles(self.store, page.items)
            if not (cursor := page.next):
                return

    def article(self, id: str) -> StoredArticle | None:
        """One stored article by id (or a unique prefix of it), with its syndicated copies."""
        return self.store.article(id)

    def articles(self) -> Iterator[StoredArticle]:
        return self.store.articles()

    def errors(self, limit: int | None = None) -> list[ErrorRow]:
        return self.store.errors(limit)

    def entities(
        self,
        *,
        kinds: Iterable[str] = ("person", "organisation"),
        limit: int = 20,
        with_name: str | None = None,
    ) -> list[EntityCount]:
        """Top entities by number of articles; with `with_name`, those co-mentioned with it."""
        return self.store.entities(kinds, limit, with_name)

    def counts(self) -> dict[str, int]:
        return self.store.counts()


class ShardLoader:
    """Stores the shards of a Ray run in the order of their inputs, as they are written: a
    part is stored once every part before it is (`load_ready`), so that storing overlaps
    the run and the order, hence the clusters, do not depend on which task ended first."""

    def __init__(
        self, corpus: Corpus, shards: str, batch_size: int, progress: ProgressHook | None
    ) -> None:
        from quotidien.ingest.shards import Folder

        self.corpus, self.folder = corpus, Folder(shards)
        self.parts = self.folder.manifest()
        self.batch_size, self.progress = batch_size, progress
        self.next = 0
        self.report = IngestReport()
        self.clusters = Clusters(corpus.store.similar)

    def load_ready(self) -> None:
        """Store the parts whose shard is written, in order, up to the first that is not."""
        while self.next < len(self.parts) and self.folder.done(self.parts[self.next].shard):
            self._load(self.parts[self.next].shard)
            self.next += 1

    def finish(self) -> IngestReport:
        """Store every written part left (past any that is not) and count those missing."""
        for part in self.parts[self.next :]:
            if self.folder.done(part.shard):
                self._load(part.shard)
            else:
                self.report.missing += 1
        self.next = len(self.parts)
        return self.report

    def _load(self, shard: str) -> None:
        outcomes = self.folder.read(shard)
        while chunk := list(islice(outcomes, self.batch_size)):
            self.corpus._store_loaded(chunk, self.clusters, self.report)
            if self.progress:
                self.progress(self.report, 0)


def parse_when(value: str | None, end_of_day: bool = False) -> datetime | None:
    """A date filter as users write it: YYYY-MM-DD (the day's end with `end_of_day`) or an
    ISO time; naive times are UTC."""
    if value is None or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(f"{value!r} is not a date (YYYY-MM-DD) or ISO time") from None
    try:
        if end_of_day and len(value.strip()) <= 10:
            when += timedelta(days=1, microseconds=-1)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        when.astimezone(UTC)  # a time at the edge of the calendar may not convert
    except OverflowError:
        raise QueryError(f"{value!r} is out of the range of dates") from None
    return when


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _unique(inputs: list[Input]) -> list[Input]:
    seen: dict[str, Input] = {}
    for item in inputs:
        seen.setdefault(item.key, item)
    return list(seen.values())


def _reader_failure(error: InputError) -> Failure:
    return Failure(key=reader_key(error), source=error.name, reason=error.reason)


def _new_article(outcome: pool.Extracted, clusters: Clusters) -> NewArticle:
    article_id = pool.article_id(outcome.identity)
    cluster, bands = clusters.assign(article_id, outcome.signature)
    return NewArticle(
        article_id, outcome.identity, cluster, outcome.article, outcome.signature, bands
    )


def _quoted_articles(store: Store, hits: list[QuoteHit]) -> Iterator[StoredArticle]:
    """Each article of `hits` (in their order) with only the quotes the hits name."""
    chosen: dict[str, list[int]] = {}
    for hit in hits:
        chosen.setdefault(hit.article, []).append(hit.position)
    for article_id, positions in chosen.items():
        stored = store.article(article_id)
        if stored is None:
            continue
        quotes = [stored.article.quotes[i] for i in positions if i < len(stored.article.quotes)]
        article = stored.article.model_copy(update={"quotes": quotes})
        yield StoredArticle(stored.id, stored.cluster, article, stored.copies)
